"""Answer plain-English questions from the fact base, with every fact cited.

The answer path never loads spaCy: a question is tokenized with a regular expression, names are
matched against a small index of canonical names and aliases (exactly first, then fuzzily with
rapidfuzz under tight cut-offs), the intent comes from keywords, and the facts are filtered and
ranked in plain Python. The index is built once per `FactBase` and cached.

    answer = answer_question("who met Witkof?", facts)
    answer.to_text()   # what a person reads in Slack
    answer.to_dict()   # the same, JSON-serializable

The package may import only the standard library, rapidfuzz, anyascii, bm25s and PyStemmer (both
lazily, for evidence) and `knowledge.facts`, `knowledge.names` and `knowledge.lexicon` (today
`knowledge.facts` and `knowledge.names`): no SQLAlchemy, spaCy or pydantic, so a cold `ask` is
fast.

Where each job lives: `router` (answer_question, the table of question kinds), `question`
(reading a question), `matching` (names → actors), `index` (FactIndex), `kinds/` (one module
per question kind), `sentences` (the sentence index) and `evidence` (ranking sentences for a
question), `ranking`, `suggestions`, `render`, `model`, `text`, `words`.
"""

from knowledge.answer.index import FactIndex, index_for
from knowledge.answer.matching import ActorMatch, match_actors
from knowledge.answer.model import MAX_FACTS, Answer, AnswerFact, Match
from knowledge.answer.question import MAX_QUESTION_CHARS
from knowledge.answer.render import Citation, cite, describe_fact, render_fact
from knowledge.answer.router import answer_question
from knowledge.answer.sentences import Evidence
from knowledge.answer.suggestions import suggest_questions
from knowledge.answer.text import fold, neutralize_markup, one_line, stem, truncate

__all__ = [
    "MAX_FACTS",
    "MAX_QUESTION_CHARS",
    "ActorMatch",
    "Answer",
    "AnswerFact",
    "Citation",
    "Evidence",
    "FactIndex",
    "Match",
    "answer_question",
    "cite",
    "describe_fact",
    "fold",
    "index_for",
    "match_actors",
    "neutralize_markup",
    "one_line",
    "render_fact",
    "stem",
    "suggest_questions",
    "truncate",
]
