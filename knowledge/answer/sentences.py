"""The sentences evidence is drawn from: `SentenceIndex` over a fact base's `Sentence`s (by
actor, by article position and paragraph, and a BM25 index of their words with bm25s and
PyStemmer's English stemmer), and `Evidence`, one sentence found with its bold parts.

`knowledge.answer.evidence` ranks them for a question. bm25s (and numpy with it) is imported
only when the index is first built, so nothing of it loads before a question needs evidence.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from knowledge.answer.text import fold, truncate
from knowledge.facts import Actor, Sentence, Source

MAX_EVIDENCE_CHARS = 320
MAX_STEMS_KEPT = 50_000
_TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")  # bm25s.tokenize's default token pattern


@dataclass(frozen=True)
class Evidence:
    """An article sentence that answers the question, and the parts of it to show bold
    (character ranges in `sentence.text`)."""

    sentence: Sentence
    bold: tuple[tuple[int, int], ...] = ()
    score: float = 0.0

    def marked(self, limit: int = MAX_EVIDENCE_CHARS) -> str:
        """The sentence with its bold parts in Slack's `*bold*`, cut to `limit` characters
        around the first of them."""
        text = self.sentence.text
        start = 0
        if len(text) > limit and self.bold and self.bold[0][1] > limit - 20:
            start = max(0, self.bold[0][0] - limit // 3)
            start = text.rfind(" ", 0, start) + 1
        out: list[str] = []
        cursor = start
        for begin, end in self.bold:
            if begin < cursor:
                continue
            out.append(text[cursor:begin])
            out.append(f"*{text[begin:end]}*")
            cursor = end
        out.append(text[cursor:])
        marked = "".join(out)
        prefix = "…" if start else ""
        return prefix + truncate(marked, limit + 2 * len(self.bold))

    def to_dict(self) -> dict[str, Any]:
        """The sentence with its provenance and the bold ranges."""
        s = self.sentence
        return {
            "article_id": s.article_id,
            "article_title": s.article_title,
            "paragraph": s.paragraph,
            "index": s.index,
            "sentence": s.text,
            "published": s.published,
            "actors": list(s.actors),
            "bold": [list(span) for span in self.bold],
        }


@dataclass
class SentenceIndex:
    """Every sentence of a fact base: by actor, by article position, and in a BM25 index."""

    sentences: list[Sentence]
    of_actor: dict[str, list[int]] = field(default_factory=dict)
    vocab: dict[str, int] = field(default_factory=dict)
    words: list[frozenset[int]] = field(default_factory=list)
    postings: dict[int, list[int]] = field(default_factory=dict)
    retriever: Any = None
    stemmer: Any = None
    _at: dict[tuple[str, int], int] = field(default_factory=dict)
    _of_name: dict[str, frozenset[int]] = field(default_factory=dict)
    _leads: dict[str, str] = field(default_factory=dict)
    _paragraphs: dict[int, str] = field(default_factory=dict)
    _by_paragraph: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    _last_scores: tuple[tuple[int, ...], Any] | None = None
    _neighbours: dict[int, list[int]] = field(default_factory=dict)
    _cached: dict[str, frozenset[int]] = field(default_factory=dict)
    _surnames: dict[str, int] = field(default_factory=dict)
    _stems: dict[str, str] = field(default_factory=dict)
    _stopwords: frozenset[str] | None = None
    _surnames_of: Any = None
    _lead_words: dict[str, frozenset[int]] = field(default_factory=dict)
    folded: list[str] = field(default_factory=list)  # each sentence's text, folded

    @classmethod
    def build(cls, sentences: list[Sentence], canonical: Callable[[str], str]) -> SentenceIndex:
        """The index over `sentences`, actor names made canonical with `canonical`."""
        index = cls(sentences)
        index.folded = [fold(s.text) for s in sentences]
        for position, sentence in enumerate(sentences):
            index._at[(sentence.article_id, sentence.index)] = position
            index._by_paragraph.setdefault((sentence.article_id, sentence.paragraph), []).append(
                position
            )
            for name in dict.fromkeys(canonical(a) for a in sentence.actors):
                index.of_actor.setdefault(name, []).append(position)
        if not sentences:
            return index
        import bm25s  # numpy with it: loaded only when evidence is first looked for
        import Stemmer

        # bm25s sets its own logger to DEBUG, which would print a line for every index built.
        logging.getLogger("bm25s").setLevel(logging.WARNING)

        index.stemmer = Stemmer.Stemmer("english")
        tokenized = bm25s.tokenize(
            [s.text for s in sentences], stopwords="en", stemmer=index.stemmer, show_progress=False
        )
        index.vocab = dict(tokenized.vocab)
        index.words = [frozenset(ids) for ids in tokenized.ids]
        for position, ids in enumerate(index.words):
            for word in ids:
                index.postings.setdefault(word, []).append(position)
        index.retriever = bm25s.BM25()
        index.retriever.index(tokenized, show_progress=False)
        return index

    def word_ids(self, words: Sequence[str]) -> list[int]:
        """The vocabulary ids of `words` (stemmed as the sentences were), unknown ones dropped."""
        if not words or self.stemmer is None:
            return []
        # bm25s.tokenize's own steps (lower case, its token pattern, its English stop words,
        # the stemmer), each word's stem kept: tokenize itself costs a progress bar per call.
        if self._stopwords is None:
            from bm25s.stopwords import STOPWORDS_EN

            self._stopwords = frozenset(STOPWORDS_EN)
        stems = self._stems
        if len(stems) > MAX_STEMS_KEPT:
            stems.clear()
        found: list[int] = []
        for token in _TOKEN_RE.findall(" ".join(words).lower()):
            if token in self._stopwords:
                continue
            stemmed = stems.get(token)
            if stemmed is None:
                stemmed = stems[token] = self.stemmer.stemWord(token)
            word = self.vocab.get(stemmed)
            if word is not None:
                found.append(word)
        return list(dict.fromkeys(found))

    def cached_ids(self, key: str, words: Iterable[str]) -> frozenset[int]:
        """The vocabulary ids of a fixed word list (a lexicon's), worked out once per index."""
        found = self._cached.get(key)
        if found is None:
            found = self._cached[key] = frozenset(self.word_ids(sorted(words)))
        return found

    def lead_words(self, position: int) -> frozenset[int]:
        """The word ids of a sentence's article lead: its title and first three sentences."""
        article_id = self.sentences[position].article_id
        found = self._lead_words.get(article_id)
        if found is None:
            lead = [self._at.get((article_id, i)) for i in (0, 1, 2)]
            ids: set[int] = set(self.word_ids([self.sentences[position].article_title]))
            for p in lead:
                if p is not None:
                    ids |= self.words[p]
            found = self._lead_words[article_id] = frozenset(ids)
        return found

    def scores(self, ids: list[int]) -> Any:
        """BM25 scores of every sentence for the word ids (a numpy array), or None."""
        if not ids or self.retriever is None:
            return None
        key = tuple(ids)
        if self._last_scores is not None and self._last_scores[0] == key:
            return self._last_scores[1]  # the same question's candidates, then its ranking
        found = self.retriever.get_scores(ids)
        self._last_scores = (key, found)
        return found

    def of_name(self, name: str, actors: dict[str, Actor]) -> frozenset[int]:
        """The sentences mentioning an actor: as the pipeline read them, or with every word of
        one of its names of two words or more (a group named inside a quotation)."""
        found = self._of_name.get(name)
        if found is None:
            positions = set(self.of_actor.get(name, []))
            actor = actors.get(name)
            surname = self._own_surname(name, actors)
            if surname is not None:
                # "Zelenskyy, who was in Vilnius, said …": a person's surname alone, when no
                # other person known has it, is that person.
                positions |= set(self.postings.get(surname, ()))
            for written in [name, *(actor.aliases if actor else [])]:
                ids = self.word_ids([written])
                if len(ids) < 2 and not (actor and actor.kind != "person" and ids):
                    continue
                having: set[int] | None = None
                for word in ids:
                    with_word = set(self.postings.get(word, ()))
                    having = with_word if having is None else having & with_word
                positions |= having or set()
            found = self._of_name[name] = frozenset(positions)
        return found

    def _own_surname(self, name: str, actors: dict[str, Actor]) -> int | None:
        """The word id of a person's surname (the last word of the name, four letters or more)
        when no other person among `actors` ends with it; else None."""
        actor = actors.get(name)
        if actor is None or actor.kind != "person" or len(name.split()) < 2:
            return None
        if self._surnames_of is not actors:
            counts: dict[str, int] = {}
            for other in actors.values():
                if other.kind == "person" and len(other.name.split()) >= 2:
                    last = fold(other.name.split()[-1])
                    counts[last] = counts.get(last, 0) + 1
            self._surnames, self._surnames_of = counts, actors
        last = name.split()[-1]
        if len(last) < 4 or self._surnames.get(fold(last), 0) != 1:
            return None
        ids = self.word_ids([last])
        return ids[0] if len(ids) == 1 else None

    def position_of(self, source: Source) -> int | None:
        """The position of the sentence a fact's source cites (by paragraph and offset, else
        by text), or None when the index does not hold it."""
        candidates = self._by_paragraph.get((source.article_id, source.paragraph), [])
        folded = None
        for position in candidates:
            sentence = self.sentences[position]
            if source.end and sentence.start == source.start and sentence.end == source.end:
                return position
        for position in candidates:
            folded = folded if folded is not None else fold(source.sentence)
            if self.folded[position] == folded:
                return position
        return None

    def mentions_all(self, position: int, names: Sequence[str], actors: dict[str, Actor]) -> bool:
        """Whether the sentence at `position` mentions every actor of `names` (by name, alias,
        pronoun or role, as `of_name` reads them)."""
        return all(position in self.of_name(name, actors) for name in names)

    def article_lead(self, position: int) -> str:
        """The folded title and first two sentences of a sentence's article."""
        article_id = self.sentences[position].article_id
        found = self._leads.get(article_id)
        if found is None:
            lead = [self._at.get((article_id, i)) for i in (0, 1)]
            texts = [self.sentences[position].article_title]
            texts += [self.sentences[p].text for p in lead if p is not None]
            found = self._leads[article_id] = fold(" ".join(texts))
        return found

    def following(self, position: int) -> int | None:
        """The next sentence of the same paragraph, if any."""
        sentence = self.sentences[position]
        after = self._at.get((sentence.article_id, sentence.index + 1))
        if after is None or self.sentences[after].paragraph != sentence.paragraph:
            return None
        return after

    def paragraph_after(self, position: int, reach: int) -> list[int]:
        """Up to `reach` sentences after one, in the same paragraph."""
        found: list[int] = []
        after = self.following(position)
        while after is not None and len(found) < reach:
            found.append(after)
            after = self.following(after)
        return found

    def paragraph_of(self, position: int, reach: int = 3) -> list[int]:
        """The other sentences of a sentence's paragraph, up to `reach` on each side."""
        sentence = self.sentences[position]
        found: list[int] = []
        for step in [*range(-reach, 0), *range(1, reach + 1)]:
            other = self._at.get((sentence.article_id, sentence.index + step))
            if other is not None and self.sentences[other].paragraph == sentence.paragraph:
                found.append(other)
        return found

    def nearby(self, position: int, paragraphs: int) -> list[int]:
        """The sentences of the paragraphs up to `paragraphs` before and after a sentence's
        own, in the same article (its own paragraph included, the sentence itself not)."""
        sentence = self.sentences[position]
        found: list[int] = []
        for number in range(sentence.paragraph - paragraphs, sentence.paragraph + paragraphs + 1):
            found += self._by_paragraph.get((sentence.article_id, number), [])
        return [p for p in found if p != position]

    def paragraph_text(self, article_id: str, paragraph: int) -> str:
        """The whole text of one paragraph of an article ("" when it has no sentences)."""
        return " ".join(
            self.sentences[p].text for p in self._by_paragraph.get((article_id, paragraph), [])
        )

    def paragraph_folded(self, position: int) -> str:
        """The folded text of `paragraph_of(position)`, worked out once per sentence."""
        found = self._paragraphs.get(position)
        if found is None:
            texts = [self.folded[p] for p in self.paragraph_of(position)]
            found = self._paragraphs[position] = " | ".join(texts)
        return found

    def neighbours(self, position: int) -> list[int]:
        """The sentences before and after one, in the same paragraph (worked out once)."""
        cached = self._neighbours.get(position)
        if cached is not None:
            return cached
        sentence = self.sentences[position]
        found: list[int] = []
        for step in (-1, 1):
            other = self._at.get((sentence.article_id, sentence.index + step))
            if other is not None and self.sentences[other].paragraph == sentence.paragraph:
                found.append(other)
        self._neighbours[position] = found
        return found
