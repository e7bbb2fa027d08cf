"""Evidence: the article sentences that answer a question, cited, with the answer part in bold.

Every answer ends with them, after its structured facts, and a question no fact fits is answered
by them alone before anything says "nothing found": an answer is never worse than searching the
articles. `SentenceIndex` (built once per fact base, lazily: bm25s and numpy load only then)
holds every `Sentence` of the fact base, the sentences of each actor, and a BM25 index of their
words (bm25s, PyStemmer's English stemmer). `find_evidence` ranks candidates by

- the actors asked: a sentence must mention every one (with three or more, all but one), by
  name or through a pronoun or role resolved at build time; with no actor asked, it must have
  every capitalized word of the question (a name the fact base does not know is no actor's,
  so its absence means nothing to show) and most of its content words;
- BM25 relevance of the question's words, and of the sentences around it in its paragraph;
- evidence of the answer type the question wants (`Want`): a place for "where", a date for
  "when", a number for "how many", a role for "who is", a quotation for "what did X say",
  another actor for "who met" / "who led", a cause for "why". That part is what is bold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from knowledge.answer.sentences import Evidence, SentenceIndex
from knowledge.answer.text import fold, text_stems
from knowledge.answer.words import (
    ACTION_WORDS,
    APPOINTED_WORDS,
    CUE_WORDS,
    DEMONYMS,
    EVIDENCE_MEETING_WORDS,
    EVIDENCE_SYNONYMS,
    FUTURE_WORDS,
    LATEST_WORDS,
    MODAL_WORDS,
    MODALITY_WORDS,
    PAST_WORDS,
    REFERRING_WORDS,
    STATUS_WORDS,
    UNSURE_WORDS,
    WEEKDAYS_MONTHS,
    YES_NO_WORDS,
)
from knowledge.dates import Tense, parse_iso, resolve
from knowledge.facts import Actor, Sentence
from knowledge.lexicon import ROLE_MODIFIERS, ROLE_NOUNS

if TYPE_CHECKING:
    from knowledge.answer.question import Question

MAX_EVIDENCE = 3
# What a question wants an evidence sentence to hold (see `want_of`).
WANTS = ("place", "time", "number", "role", "quote", "meeting", "person", "reason", "")

_MONTHS = (
    *("january", "february", "march", "april", "may", "june"),
    *("july", "august", "september", "october", "november", "december"),
)
_QUOTE_RE = re.compile(r"[\"“]([^\"“”]{8,}?)[\"”]")
_REASON_RE = re.compile(
    r"\b(because|as a result|due to|amid|so that|in order to|risk|fear|concern|following|"
    r"insist|demand|refus|unless|until)\w*",
    re.IGNORECASE,
)
_MEETING_STEMS = frozenset(text_stems(" ".join(EVIDENCE_MEETING_WORDS)))
# A date that names one day only against the publication date ("on Saturday", "yesterday").
_RELATIVE_DAY_RE = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
    r"tomorrow)\b",
    re.IGNORECASE,
)
# A sentence about what is ahead: its bare weekday is the next one, not the last.
_AHEAD_RE = re.compile(
    r"\b(will|shall|is to|are to|to be held|due to|expected|planned|scheduled|set to|"
    r"going to|next|coming|upcoming)\b|['’]ll\b",
    re.IGNORECASE,
)


def want_of(question: Question) -> str:
    """What kind of answer part the question wants (one of `WANTS`)."""
    norms = [t.norm for t in question.tokens]
    words = set(norms)
    first = norms[0] if norms else ""
    if "where" in words:
        return "place"
    if "when" in words or ("what" in words and words & {"date", "day"}):
        return "time"
    if "why" in words:
        return "reason"
    if question.intent == "figure":
        return "number"
    if question.intent == "quote":
        return "quote"
    if first == "who" and words & ACTION_WORDS:
        return "person"
    if question.intent == "role" or first == "who":
        return "role" if question.actors else "person"
    if question.intent == "meeting":
        return "meeting"
    return ""


@dataclass
class _Query:
    """What a question looks for in sentences: actors, words (ids), names that must be there,
    the places it names, and the answer part it wants."""

    actors: list[str]
    ids: list[int]
    content: list[int]
    required: list[int]
    places: list[str]
    want: str
    actions: frozenset[int] = frozenset()
    names: tuple[str, ...] = ()
    # Each content word with its synonyms: present when any of them is.
    content_groups: tuple[frozenset[int], ...] = ()
    # A yes/no or future question ("will X meet Y", "did X take part"): the words of plans,
    # offers and refusals answer it, and a negated meeting is an answer, not a miss.
    modal: frozenset[int] = frozenset()
    # The months the question names, as two digits ("10" for "October").
    months: frozenset[str] = frozenset()
    # "when did … take place": the words of plans and offers, which answer it least.
    planned: frozenset[int] = frozenset()
    # "latest on T", "what's new on T": the newest article about it answers first.
    latest: bool = False
    # "when was X appointed": "X, who has led the ministry since 5 September 2024" says when.
    appointed: bool = False


def find_evidence(
    question: Question,
    sentences: SentenceIndex,
    actors: dict[str, Actor],
    *,
    limit: int = MAX_EVIDENCE,
    cited: frozenset[str] = frozenset(),
    shown: frozenset[str] = frozenset(),
    confirmed: bool = False,
) -> list[Evidence]:
    """The best `limit` sentences for the question, empty when the actors or words asked are
    absent. Sentences in `shown` (folded texts of those the answer's meetings, figures and
    quotes cite, which say what the sentence says) are left out; those in `cited` (the other
    facts' sentences) rank lower: shown again only when they hold the answer best. A yes/no
    question the facts do not answer "yes" (not `confirmed`) ranks refusals up: "did Putin
    and Zelenskyy meet" is answered by "Zelenskyy rejected the offer".

    Two passes keep it fast on a large base: every candidate gets the cheap scores (BM25,
    place, words), and only the best `RESCORED` the answer part and negation."""
    query = _query(question, sentences)
    if query is None:
        return []
    candidates = _candidates(query, sentences, actors)
    if not candidates:
        return []
    scores = sentences.scores(query.ids)
    if scores is not None and len(candidates) > MAX_CANDIDATES:
        kept = sorted(candidates, key=lambda p: -float(scores[p]))[:MAX_CANDIDATES]
        candidates = {p: candidates[p] for p in kept}
    leads = _leads(query, sentences, candidates)
    for position in leads:
        candidates.setdefault(position, FOLLOWER_PENALTY)
    if scores is not None:
        for position, asked in _answers(query, sentences, candidates, scores, actors).items():
            leads.setdefault(position, asked)
            candidates.setdefault(position, FOLLOWER_PENALTY)  # a little down, as a follower
    if query.want == "reason" and scores is not None:
        # "why …": the cause is often told a few sentences on ("The decision was made
        # following a call …"): the paragraph after the best sentences is a candidate too.
        best_first = sorted(candidates, key=lambda p: -float(scores[p]))[:4]
        for position in best_first:
            for after in sentences.paragraph_after(position, REASON_REACH):
                candidates.setdefault(after, candidates[position] + FOLLOWER_PENALTY)
    newest = _newest(query, sentences, candidates, scores)
    cheap = _cheap_scores(query, sentences, candidates, scores, cited | shown, leads)
    ranked: list[tuple[float, int, Evidence]] = []
    doers: list[int] = []
    unsure: frozenset[int] = frozenset()
    if query.want == "person" and not query.modal:
        unsure = sentences.cached_ids("unsure", UNSURE_WORDS)
    rescored = sorted(cheap, reverse=True)[:RESCORED]
    best_searched = _search_best(candidates, scores, query, sentences, shown)
    # A yes/no question the facts leave open ("did X and Y meet" with no "yes"): plain search's
    # first two sentences, as search would show them, not its first alone.
    unsettled = bool(query.modal) and not confirmed
    searched = _peer_best(question, query, sentences, actors, shown, 2 if unsettled else 1)
    if not searched and best_searched is not None:
        searched = [best_searched]
    for position in searched:
        if all(p != position for _, p in rescored):
            rescored += [(s, p) for s, p in cheap if p == position] or [(0.0, position)]
    refusing: set[int] = set()  # sentences saying a meeting is not, or one is not in it
    for score, position in rescored:
        sentence = sentences.sentences[position]
        if shown and sentences.folded[position] in shown:
            continue
        bold, fits = _answer_part(query, sentence, actors)
        words = sentences.words[position]
        negated = _NEGATED_MEETING_RE.search(sentence.text) is not None
        if query.want == "person" and query.actions and fits:
            if query.actions & words and not negated:
                doers.append(position)  # "Fidan chaired the session": who did what was asked
                # "Trump was joined by Rubio and Witkoff": the more named, the better
                fits += PERSON_EXTRA * min(len(bold) - 1, 3)
            else:
                fits /= 2  # people named, but not as the ones who hosted, led or attended
        if unsure and unsure & words:
            score -= MODAL_PENALTY  # "who attended": not "with him possibly attending"
        if query.planned & words:
            score -= PLANNED_PENALTY  # "when did the round take place": not "is expected on …"
        score += fits
        if query.want == "person" and not fits:
            score -= NO_PERSON_PENALTY  # "who took part": a sentence naming no one answers least
        if newest and sentence.published == newest:
            score += LATEST_BONUS  # "latest on T": what the newest article about T says
        if sentence.text.rstrip().endswith("?"):
            score -= QUESTION_PENALTY  # "Is Kyiv preparing a vote?": the answer after it says
        if not fits and len(sentence.text.split()) < MIN_SEARCHED_WORDS:
            score -= SHORT_PENALTY  # "The Paris summit.": a heading that answers nothing
        if query.want in ("meeting", "person") and negated:
            if not query.modal or query.want == "person":
                # "no meeting between Putin and Zelenskyy was planned"; "who will attend":
                # not "Zelenskyy … did not take part in the talks"
                score -= NEGATION_PENALTY
            elif not confirmed:
                # "did Putin and Zelenskyy meet": "Zelenskyy rejected the offer" answers it
                score += REFUSAL_BONUS
        glosses = _date_glosses(sentence, bold) if query.want == "time" else ()
        ranked.append((score, position, Evidence(sentence, bold, round(score, 3), glosses)))
        if negated:
            refusing.add(position)
    if query.want == "person" and refusing:
        ranked = _refusals_below(ranked, refusing)
    reserved = [frozenset(doers)] if doers else []
    found = _best(ranked, limit, bool(query.ids), reserved)
    for position in searched:
        if any(e.sentence is sentences.sentences[position] for e in found):
            continue
        # what plain search shows first is always there, after the best (one more line)
        extra = next((e for _, p, e in ranked if p == position), None)
        if extra is not None:
            found.append(extra)
    return found


def _peer_best(
    question: Question,
    query: _Query,
    sentences: SentenceIndex,
    actors: dict[str, Actor],
    shown: frozenset[str],
    count: int = 1,
) -> list[int]:
    """The sentences plain search ranks first (up to `count`) for every word of the question
    (names too), each when it mentions an actor asked and no fact shown says it already; none
    when no actor is asked."""
    ids = sentences.word_ids([t.surface for t in question.tokens])
    scores = sentences.scores(ids)
    if scores is None or not query.actors:
        return []
    import numpy

    if count > 1 and len(scores) > count:
        picked = numpy.argpartition(-scores, count)[:count]  # no sort of every sentence
        top = sorted((int(p) for p in picked), key=lambda p: -float(scores[p]))
    else:
        top = [int(scores.argmax())]
    found: list[int] = []
    for value in top:
        best = int(value)
        if float(scores[best]) <= 0 or not _worth_showing(best, query, sentences, shown):
            continue
        if any(best in sentences.of_name(n, actors) for n in query.actors):
            found.append(best)
    return found


def _worth_showing(
    position: int, query: _Query, sentences: SentenceIndex, shown: frozenset[str]
) -> bool:
    """A sentence search would show that says something: not one a fact shown says, not a
    few words ("Starmer continued:"), and with a word of the question besides its names."""
    if shown and sentences.folded[position] in shown:
        return False
    if len(sentences.sentences[position].text.split()) < MIN_SEARCHED_WORDS:
        return False
    return not query.ids or bool(set(query.ids) & sentences.words[position])


def _search_best(
    candidates: dict[int, float],
    scores: Any,
    query: _Query,
    sentences: SentenceIndex,
    shown: frozenset[str],
) -> int | None:
    """The candidate plain BM25 ranks first (among those with the actors asked), unless a
    fact shown already says it: always among the evidence, so an answer holds what search
    would show first."""
    if scores is None:
        return None
    best: int | None = None
    for position in candidates:
        if float(scores[position]) > 0 and (best is None or scores[position] > scores[best]):
            best = position
    if best is None or not _worth_showing(best, query, sentences, shown):
        return None
    return best


def _cheap_scores(
    query: _Query,
    sentences: SentenceIndex,
    candidates: dict[int, float],
    scores: Any,
    cited: frozenset[str],
    leads: dict[int, int],
) -> list[tuple[float, int]]:
    """Each candidate's score without its answer part: BM25 of it and its neighbours, the
    place, the question's content and action words, less its penalties. A sentence of an
    article's lead (in `leads`) is as relevant as the headline it is under."""
    best = float(max((scores[c] for c in candidates), default=0.0)) if scores is not None else 0
    groups = query.content_groups
    # Only when the sentences themselves lack the words: the lead is context, not content.
    lead_bonus = LEAD_BONUS if query.actors else 0.0
    found: list[tuple[float, int]] = []
    for position, penalty in candidates.items():
        score = 0.0
        if best > 0:
            around = max((float(scores[n]) for n in sentences.neighbours(position)), default=0.0)
            own = float(scores[position])
            if position in leads:
                own = max(own, float(scores[leads[position]]))
            score = (2.0 * own + 0.4 * around) / best
        place = _place_bonus(query.places, position, sentences)
        if query.places and not query.actors and not place:
            continue  # "who hosted the meeting in London": about London, or not evidence
        words = sentences.words[position]
        if position in leads:
            words = words | sentences.words[leads[position]]  # what its headline is about
        score += place - penalty
        if groups:  # the words that say what it is about, not how it is asked
            score += CONTENT_BONUS * sum(1 for g in groups if g & words) / len(groups)
        if query.actions & words:
            score += ACTION_BONUS  # "who hosted": the sentence says who hosted
        if query.modal & words:
            score += MODAL_BONUS  # "will they meet": "no specific date had been set"
        if query.appointed and _SINCE_RE.search(sentences.sentences[position].text):
            score += CONTENT_BONUS  # "when was X appointed": "has led it since 5 September"
        published = sentences.sentences[position].published if query.months else None
        if published and published[5:7] in query.months:
            score += MONTH_BONUS  # "after their October call": what was reported in October
        if groups and lead_bonus:
            # "after the second Istanbul round": what the article is about (title, lead)
            lead = sentences.lead_words(position)
            score += lead_bonus * sum(1 for g in groups if g & lead) / len(groups)
        if sentences.folded[position] in cited:
            score -= CITED_PENALTY
        found.append((score, position))
    return found


def _refusals_below(
    ranked: list[tuple[float, int, Evidence]], refusing: set[int]
) -> list[tuple[float, int, Evidence]]:
    """ "who will attend", "who took part": someone said not to be in the meeting never ranks
    above a sentence that does not say so (the negation penalty alone can lose to a sentence
    sharing more of the question's words: "Szijjarto did not take part in the last meeting of
    the ministers in Kyiv" against "Rasmussen … has confirmed he will come")."""
    clear = [score for score, position, _ in ranked if position not in refusing and score > 0]
    if not clear:
        return ranked
    lowest = min(clear)
    ceiling = lowest - 0.01 if lowest > 0.02 else lowest / 2  # still above 0: still shown
    return [
        (ceiling, position, replace(evidence, score=round(ceiling, 3)))
        if position in refusing and score > ceiling
        else (score, position, evidence)
        for score, position, evidence in ranked
    ]


def _best(
    ranked: list[tuple[float, int, Evidence]],
    limit: int,
    worded: bool,
    reserved: Sequence[frozenset[int]] = (),
) -> list[Evidence]:
    """The first `limit` of the ranked sentences, each text once; with words asked, only those
    scoring above 0. Each of the `reserved` groups (the sentence naming who did what a "who
    hosted / led / attended" question asks; the one plain search ranks first) has its best in
    them: the last places go to those the others outrank."""
    ranked.sort(key=lambda r: (-r[0], r[1]))
    picked: list[tuple[int, Evidence]] = []
    seen: set[str] = set()
    for score, position, evidence in ranked:
        key = fold(evidence.sentence.text)
        if key in seen or (score <= 0 and worded and not any(position in r for r in reserved)):
            continue
        seen.add(key)
        picked.append((position, evidence))
    found = picked[:limit]
    for group in reserved:
        if any(position in group for position, _ in found):
            continue
        best = next((item for item in picked if item[0] in group), None)
        if best is None:
            continue
        # the lowest ranked pick not itself reserved makes way
        for i in range(len(found) - 1, -1, -1):
            if not any(found[i][0] in r for r in reserved) or len(found) < limit:
                if len(found) < limit:
                    found.append(best)
                else:
                    found[i] = best
                break
    found.sort(key=lambda item: picked.index(item))
    return [evidence for _, evidence in found]


def _query(question: Question, sentences: SentenceIndex) -> _Query | None:
    """The question as a sentence query; None when there is nothing to look for."""
    words = [t.surface for t in question.leftover]
    words += [EVIDENCE_SYNONYMS[t.norm] for t in question.leftover if t.norm in EVIDENCE_SYNONYMS]
    words += [DEMONYMS[t.norm] for t in question.leftover if t.norm in DEMONYMS]
    place_words = [
        t.surface
        for hit in question.hits
        if hit.is_place
        for t in question.tokens[hit.start : hit.end]
    ]
    ids = sentences.word_ids(words + place_words + [t.surface for t in question.context])
    content = sentences.word_ids([t.surface for t in question.leftover if t.norm not in CUE_WORDS])
    capitalized = [
        t.surface
        for t in question.leftover
        if t.capitalized
        and t.index > 0
        and t.norm not in WEEKDAYS_MONTHS
        # "the Ukrainian delegation" may be "Ukraine's delegation": a demonym only ranks
        and t.norm not in DEMONYMS
    ]
    required = sentences.word_ids(capitalized)
    if len(required) < len(dict.fromkeys(fold(w) for w in capitalized)):
        return None  # a name no sentence has: nothing about it to show
    if question.actors:
        required = []  # the actors asked pick the sentences; other names only rank them
    if not question.actors and not ids:
        return None
    asked = [t for t in question.leftover if t.norm not in CUE_WORDS]
    unknown = [t for t in asked if not sentences.word_ids([t.surface])]
    if not question.actors and unknown and len(unknown) * 3 > len(asked):
        return None  # "what is the weather in Paris": what it is about is in no article
    actions = [t.surface for t in question.leftover if t.norm in ACTION_WORDS and t.norm != "else"]
    actions += [
        EVIDENCE_SYNONYMS[t.norm]
        for t in question.leftover
        if t.norm in ACTION_WORDS and t.norm in EVIDENCE_SYNONYMS
    ]
    norms = [t.norm for t in question.tokens]
    modal: frozenset[int] = frozenset()
    if norms and (norms[0] in YES_NO_WORDS or set(norms) & FUTURE_WORDS):
        modal = sentences.cached_ids("modality", MODALITY_WORDS)
    planned: frozenset[int] = frozenset()
    # "when did (was) … take place (held)": asked about the past, no plan or refusal named
    ahead = {w for w in norms if STATUS_WORDS.get(w, frozenset({"held"})) != {"held"}}
    past = set(norms) & PAST_WORDS and not set(norms) & FUTURE_WORDS and not ahead
    if past and want_of(question) in ("time", "place"):
        planned = sentences.cached_ids("plans", MODAL_WORDS)
    return _Query(
        list(question.actors),
        ids,
        content,
        required,
        question.places,
        want_of(question),
        frozenset(sentences.word_ids(actions)),
        tuple(capitalized),
        tuple(
            frozenset(sentences.word_ids([t.surface, EVIDENCE_SYNONYMS.get(t.norm, "")]))
            for t in asked
            if sentences.word_ids([t.surface])
        ),
        modal,
        frozenset(
            f"{_MONTHS.index(t.norm) + 1:02d}"
            for t in question.tokens
            if t.norm in _MONTHS and (t.norm != "may" or t.capitalized)  # not "who may …"
        ),
        planned,
        bool(set(norms) & LATEST_WORDS) or _WHATS_NEW_RE.search(question.display) is not None,
        want_of(question) == "time" and bool(set(norms) & APPOINTED_WORDS),
    )


def _candidates(
    query: _Query, sentences: SentenceIndex, actors: dict[str, Actor]
) -> dict[int, float]:
    """Sentences with the actors asked (all, or all but one of three or more), the names the
    question writes, and with no actor asked most of its content words; each with a penalty:
    0, or for the sentence right after one with the actors that opens by referring back to
    them ("Its director general, …"), a little."""
    found: dict[int, float] = {}
    if query.actors:
        # People asked must be there; a group, country or organization beside them is written
        # so many ways ("the Ukrainian team", "Kyiv's delegation") that it only ranks.
        people = [n for n in query.actors if _is_person(n, actors)] or query.actors
        counts: dict[int, int] = {}
        for name in people:
            for position in sentences.of_name(name, actors):
                counts[position] = counts.get(position, 0) + 1
        needed = len(people) - (1 if len(people) >= 3 else 0)
        found = {p: 0.0 for p, n in counts.items() if n >= needed}
        if not found and len(people) >= 2:
            found = _told_together(people, sentences, actors)
        for name in query.actors:
            if name not in people:
                having = sentences.of_name(name, actors)
                found = {
                    p: v + (0 if p in having else OTHER_ACTOR_PENALTY) for p, v in found.items()
                }
        if not any(_is_person(n, actors) for n in query.actors):
            # "what happened at the EU summit": the EU may be "European Union leaders" there.
            for position in _worded(query, sentences):
                found.setdefault(position, OTHER_ACTOR_PENALTY)
        if query.want == "person" and query.actions:
            # "who took part in the Kremlin meeting with Witkoff": "Ushakov, who took part in
            # the meeting …", two sentences on in the paragraph that named Witkoff.
            for position in list(found):
                for near in sentences.paragraph_of(position, 2):
                    if near not in found and query.actions & sentences.words[near]:
                        found[near] = FOLLOWER_PENALTY
        _add_followers(query, sentences, found)
    else:
        found = dict.fromkeys(_worded(query, sentences), 0.0)
        if query.places:
            # "who took part in the talks in Abu Dhabi": only what was told about the place
            # counts (see `_cheap_scores`), so the sentences around those are looked at.
            found = {p: v for p, v in found.items() if _place_bonus(query.places, p, sentences)}
            told = query.want != "person" or any(
                not _NEGATED_MEETING_RE.search(sentences.sentences[p].text) for p in found
            )
            if not told:
                # "who took part in the Rzeszow talks", no sentence with its words there but one
                # of who did not: one naming the place tells of the event ("… met Sikorski in
                # Rzeszow for talks").
                for position in _placed(query, sentences):
                    found.setdefault(position, FOLLOWER_PENALTY)
        if query.want == "person" and query.actions and len(found) <= NEARBY_POOL:
            # "who chaired the second round of talks in Istanbul": the sentence about the
            # round says where and when, the one a paragraph on who chaired it.
            for position in list(found):
                for near in sentences.nearby(position, NEARBY_PARAGRAPHS):
                    if near not in found and query.actions & sentences.words[near]:
                        found[near] = FOLLOWER_PENALTY
        if query.want == "person" and len(found) <= NEARBY_POOL:
            # "who was at the Paris summit": "… joined Zelenskyy at the summit in Paris.
            # Macron hosted the summit, which was attended by …", the people a sentence on;
            # with an action asked ("who took part in the talks"), a list of people there
            # ("On the American side were Rubio, Hegseth …") though it has no action word.
            for position in list(found):
                for near in sentences.paragraph_of(position, LIST_REACH):
                    if near in found:
                        continue
                    named = sentences.sentences[near].actors
                    close = abs(near - position) <= 2
                    if close and not query.actions and named or _people_listed(named, actors):
                        found[near] = FOLLOWER_PENALTY
        if query.want == "person" and len(found) <= NEARBY_POOL:
            _add_followers(query, sentences, found)  # "… led by Umerov. He was joined by …"
    if query.required:
        # The names the question writes, in the sentence or around it in its paragraph.
        required = set(query.required)

        def has_names(position: int) -> bool:
            near = [position, *sentences.paragraph_of(position)]
            if required <= frozenset().union(*(sentences.words[p] for p in near)):
                return True
            title = fold(sentences.sentences[position].article_title)
            return all(fold(name) in title for name in query.names)

        found = {p: v for p, v in found.items() if has_names(p)}
    return found


def _told_together(
    people: list[str], sentences: SentenceIndex, actors: dict[str, Actor]
) -> dict[int, float]:
    """When no sentence names every person asked, the sentences of a paragraph that names
    them all within `TOGETHER_REACH` sentences ("Budanov … joined Zelenskyy at the summit in
    Paris. Macron hosted the summit …"): each a little down, as its neighbours tell the rest."""
    having = {name: sentences.of_name(name, actors) for name in people}
    found: dict[int, float] = {}
    for position in set().union(*having.values()):
        near = {position, *sentences.paragraph_of(position, TOGETHER_REACH)}
        if all(near & positions for positions in having.values()):
            found[position] = TOGETHER_PENALTY
    return found


def _leads(query: _Query, sentences: SentenceIndex, candidates: dict[int, float]) -> dict[int, int]:
    """ "when did the second round of talks in Abu Dhabi take place", no one asked: a headline
    with the words asked says which article is about it, and its first paragraphs say when or
    where ("The talks, held on Wednesday and Thursday …"). Each of their sentences with a
    date (a place), mapped to its headline."""
    if query.actors or query.want not in ("time", "place") or len(candidates) > NEARBY_POOL:
        return {}
    found: dict[int, int] = {}
    for position in candidates:
        if sentences.sentences[position].index != 0:
            continue
        for near in sentences.nearby(position, LEAD_PARAGRAPHS):
            sentence = sentences.sentences[near]
            told = sentence.dates if query.want == "time" else sentence.places
            if told and near not in candidates:
                found.setdefault(near, position)
    return found


def _newest(
    query: _Query, sentences: SentenceIndex, candidates: dict[int, float], scores: Any
) -> str | None:
    """ "latest on the Zaporizhzhia plant": the publication date of the newest article among
    the sentences most relevant to it (at least half the best BM25 score), whose next
    sentences in the paragraph join the candidates ("On the plant, the American proposal is
    …"); None for other questions."""
    if not query.latest or scores is None or not candidates:
        return None
    best_first = sorted(candidates, key=lambda p: -float(scores[p]))[:LATEST_POOL]
    top = float(scores[best_first[0]])
    relevant = [p for p in best_first if top > 0 and float(scores[p]) >= top / 2]
    dates = [sentences.sentences[p].published for p in relevant]
    newest = max((d for d in dates if d), default=None)
    if newest is None:
        return None
    for position in relevant:
        if sentences.sentences[position].published == newest:
            for after in sentences.paragraph_after(position, ANSWER_REACH - 1):
                candidates.setdefault(after, FOLLOWER_PENALTY)
    return newest


def _answers(
    query: _Query,
    sentences: SentenceIndex,
    candidates: dict[int, float],
    scores: Any,
    actors: dict[str, Actor],
) -> dict[int, int]:
    """Question and answer (a transcript, an interview, an explainer's questions): the answer
    is about what was asked, in words of its own ("Q: On the referendum. …" then "The President
    has said that any decision on land must be approved …"). Each sentence of an answer among
    the candidates, and the first sentences of the answer to each question among the best
    candidates, mapped to the sentence of the question that is most relevant, which lends them
    its relevance (as a headline does to its lead, see `_cheap_scores`)."""
    groups = query.content_groups
    if not groups:
        return {}

    def about_it(asked: int) -> bool:  # a word of what is asked, not only "say" or "who"
        return float(scores[asked]) > 0 and any(g & sentences.words[asked] for g in groups)

    found: dict[int, int] = {}
    # With no one asked, the answer need not have a word of the question: the first sentences
    # of the answer to each of the best questions join (with actors asked, the candidates
    # already hold every sentence naming them, answers included).
    # A "why" question reads the sentences after the best ones for the cause already.
    if query.actors or query.want == "reason":
        best_first: list[int] = []
    else:
        best_first = sorted(candidates, key=lambda p: -float(scores[p]))
    for position in best_first[:ASKED_POOL]:
        for answer in sentences.answer_to(position, ANSWER_REACH):
            found.setdefault(answer, position)
    for position in candidates:
        asked = sentences.asked_before(position)
        if asked:
            found.setdefault(position, max(asked, key=lambda p: float(scores[p])))
    return {p: q for p, q in found.items() if about_it(q)}


def _add_followers(query: _Query, sentences: SentenceIndex, found: dict[int, float]) -> None:
    """The sentence after each candidate, in its paragraph, when it opens by referring back
    ("Its director general, …", "He was joined by …") or, for "will they meet", tells of a plan
    or a refusal ("Peskov said such a meeting was premature"), a little down."""
    for position in list(found):
        after = sentences.following(position)
        if after is not None and after not in found:
            first = sentences.sentences[after].text.split(" ", 1)[0].lower()
            if first in REFERRING_WORDS or query.modal & sentences.words[after]:
                found[after] = FOLLOWER_PENALTY


FITS = 1.2  # a sentence with the answer part wanted
MAX_CANDIDATES = 150
WORDED_POOL = 1000  # the most relevant by BM25, when more qualify
RESCORED = 12
CITED_PENALTY = 1.0
FOLLOWER_PENALTY = 0.6
OTHER_ACTOR_PENALTY = 0.5
PLACE_BONUS = 1.0
ACTION_BONUS = 0.8
CONTENT_BONUS = 0.8
REASON_REACH = 4
NEGATION_PENALTY = 1.5
MODAL_BONUS = 0.6
REFUSAL_BONUS = 0.5
TOGETHER_REACH = 1
TOGETHER_PENALTY = 0.6
MODAL_PENALTY = 0.5
PLANNED_PENALTY = 1.0  # a plan or an offer, for a question about what took place
MONTH_BONUS = 0.5
MIN_SEARCHED_WORDS = 6
SHORT_PENALTY = 2.0
NEARBY_POOL = 40
NEARBY_PARAGRAPHS = 2
LEAD_PARAGRAPHS = 3  # a headline's article tells when and where within its first paragraphs
PERSON_EXTRA = 0.15
LISTED_PEOPLE = 2  # people named in one sentence that make it a list of who was there
NO_PERSON_PENALTY = 1.0
LIST_REACH = 3  # sentences on either side, in the paragraph, where such a list is looked for
LEAD_BONUS = 0.4
ASKED_POOL = 8  # the best candidates whose answers (when they ask) are looked at
ANSWER_REACH = 3  # the sentences of an answer that say what it answers
QUESTION_PENALTY = 0.8  # a question asked is no answer
LATEST_POOL = 20  # the most relevant sentences among which "latest on T" looks for the newest
LATEST_BONUS = 1.0
# A date an office or a job began: "has led the ministry since 5 September 2024".
_SINCE_RE = re.compile(
    r"\b(since|took office (on|in)|in office from)\s+(the\s+)?(\d{1,2}\s+)?"
    r"(january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b",
    re.IGNORECASE,
)
_WHATS_NEW_RE = re.compile(r"\bwhat['’]?s new\b|\bwhat is new\b", re.IGNORECASE)
# A place right after one of these is where something happened ("met in Paris").
_LOCATIVE_RE = re.compile(r"\b(in|at|to|near|outside|inside|from|hosted by)\s+(the\s+)?$", re.I)
_NEGATED_MEETING_RE = re.compile(
    r"\b(no (meeting|talks|summit|plans?)|not (meet|attend|join|go|travel|take part|planned)|"
    r"not (on the agenda|planning to meet)|ruled out|"
    r"(declin|refus|reject|skip)\w*|stay(ed|s)? away|"
    r"(won't|wouldn't|would not|will not|did not|didn't) (meet|attend|join|go|travel|take part))",
    re.IGNORECASE,
)


def _worded(query: _Query, sentences: SentenceIndex) -> list[int]:
    """Sentences with most (at least half) of the question's content words: among the best
    `WORDED_POOL` by BM25 (numpy picks them), so common words cost no loop over every one."""
    wanted = set(query.content or query.ids)
    needed = max(1, (len(wanted) + 1) // 2)
    scores = sentences.scores(query.ids)
    if scores is None:
        return []
    words = sentences.words
    return [p for p in _best_scored(scores, WORDED_POOL) if len(wanted & words[p]) >= needed]


def _best_scored(scores: Any, pool: int) -> list[int]:
    """The sentences (positions) BM25 scores above 0, or the best `pool` of them when there
    are more (numpy picks them, no sort of every sentence), in no order."""
    import numpy

    if int(numpy.count_nonzero(scores)) > pool:
        return [int(p) for p in numpy.argpartition(-scores, pool)[:pool]]
    return [int(p) for p in numpy.flatnonzero(scores)]


def _placed(query: _Query, sentences: SentenceIndex) -> list[int]:
    """Sentences among the best `NEARBY_POOL` by BM25 that name a place the question names and
    have a word of what it asks about ("talks" in "who took part in the Rzeszow talks")."""
    scores = sentences.scores(query.ids)
    if scores is None:
        return []
    # What the question is about besides the place and the action: its content words, else
    # the words of a meeting ("talks"), not the action's synonyms ("to present the plan").
    other = set(query.content) - query.actions - set(sentences.word_ids(query.places))
    if not other:
        other = set(sentences.cached_ids("meeting words", EVIDENCE_MEETING_WORDS))
        other &= set(query.ids)
    if not other:
        return []
    words = sentences.words
    return [
        p
        for p in _best_scored(scores, NEARBY_POOL)
        if other & words[p] and _place_bonus(query.places, p, sentences) == PLACE_BONUS
    ]


def _place_bonus(places: list[str], position: int, sentences: SentenceIndex) -> float:
    """A sentence naming a place the question names ranks up; one whose paragraph neighbours
    or article title name it, a little (the place is where what it tells happened)."""
    if not places:
        return 0.0
    names = [fold(part.strip()) for place in places for part in place.split(",")]
    names = [n for n in names if n]

    def names_it(folded: str) -> bool:
        return any(n in folded for n in names)

    folded = sentences.folded
    if names_it(folded[position]):
        return PLACE_BONUS
    if names_it(sentences.paragraph_folded(position)):
        return PLACE_BONUS * 0.6
    if names_it(sentences.article_lead(position)):
        return PLACE_BONUS * 0.4  # the article's title or dateline: where it all happened
    return 0.0


def _answer_part(
    query: _Query, sentence: Sentence, actors: dict[str, Actor]
) -> tuple[tuple[tuple[int, int], ...], float]:
    """The bold ranges of a sentence for the answer part the question wants, and how much that
    part counts (0 without one; a person for "who" more than a country)."""
    text, want = sentence.text, query.want
    spans: list[tuple[int, int]] = []
    if want == "place":
        asked = {fold(p) for place in query.places for p in place.split(",")}
        spans = _find_all(text, [p for p in sentence.places if fold(p) not in asked])
        located = [span for span in spans if _LOCATIVE_RE.search(text[: span[0]])]
        if spans and not located:
            # "the UK prime minister": a country named, not where anything happened.
            return tuple(_merged(spans)), FITS * 0.3
        spans = located
    elif want == "time":
        spans = [_with_day(text, span) for span in _find_all(text, sentence.dates)]
    elif want == "number":
        spans = _find_all(text, sentence.numbers)
    elif want == "quote":
        spans = [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text)]
    elif want == "role":
        titles = [r.title for name in query.actors if name in actors for r in actors[name].roles]
        spans = _find_all(text, titles)
        people = [name for name in query.actors if _is_person(name, actors)]
        if not spans and people:
            # A title the facts missed, written with the name: "Kremlin aide Yuri Ushakov",
            # "Pavlo Palisa, a deputy head of the presidential office".
            spans = [span for name in people for span in _role_phrases(text, name, actors)]
            if spans:
                return tuple(_merged(spans)), FITS * 0.9
        if not spans and not people:
            want = "person"  # "who is the director general of the IAEA": its people
    if want in ("meeting", "person"):
        asked = {fold(p) for place in query.places for p in [place, *place.split(",")]}
        others = [a for a in sentence.actors if a not in query.actors and fold(a) not in asked]
        people = [a for a in others if _is_person(a, actors) or actors[a].kind == "group"]
        spans = _find_all(text, [n for a in people or others for n in _names(a, actors)])
        if want == "meeting" and spans and not text_stems(text) & _MEETING_STEMS:
            spans = []
        if spans and not people:
            return tuple(_merged(spans)), FITS / 2
        if want == "meeting" and not spans and not query.actors:
            # "is a third round of talks planned", no one asked: where and when it is (was)
            # to be held answer it ("tentatively planned for later in February in Geneva").
            spans = _find_all(text, [*sentence.places, *sentence.dates])
    if want == "reason":
        spans = [(m.start(), m.end()) for m in _REASON_RE.finditer(text)][:2]
    return tuple(_merged(spans)), FITS if spans else 0.0


_TITLE_JOINERS = frozenset({"of", "to", "the", "for"})
_BEFORE_NAME_RE = re.compile(r"((?:[\w’'.-]+\s+){1,5})$")
_AFTER_NAME_RE = re.compile(
    r"^(?:’s|'s)?,\s+((?:the|a|an|who is|who was|who heads|who leads|[A-Z][\w.-]*(?:’s|'s))\s"
    r"[^,.;:()]{2,90})"
)


def _role_phrases(text: str, name: str, actors: dict[str, Actor]) -> list[tuple[int, int]]:
    """Where a sentence gives a person's title: the title words right before a name ("U.S.
    Army Secretary Dan Driscoll") or an apposition after it ("Kirill Dmitriev, the head of
    Russia's sovereign wealth fund,"), each with a role noun (knowledge.lexicon)."""
    found: list[tuple[int, int]] = []
    for written in _names(name, actors):
        match = _phrase_pattern(written).search(text)
        if match is None:
            continue
        before = _BEFORE_NAME_RE.search(text[: match.start()])
        if before:
            words = before.group(1).split()
            kept: list[str] = []
            for word in reversed(words):
                bare = word.strip(".,’'").lower().removesuffix("’s").removesuffix("'s")
                if bare in ROLE_NOUNS or bare in ROLE_MODIFIERS or word[:1].isupper():
                    kept.append(word)
                elif bare not in _TITLE_JOINERS:
                    break
                else:
                    kept.append(word)  # "Aide to the President"; dropped again at the start
            while kept and kept[-1].lower() in _TITLE_JOINERS:
                kept.pop()
            if any(w.strip(".,").lower() in ROLE_NOUNS for w in kept):
                length = len(" ".join(reversed(kept)))
                found.append((match.start() - length - 1, match.start() - 1))
        after = _AFTER_NAME_RE.search(text[match.end() :])
        if after and any(w.lower().strip("’'s") in ROLE_NOUNS for w in after.group(1).split()):
            start = match.end() + after.start(1)
            found.append((start, start + len(after.group(1))))
        if found:
            break
    return found


def _date_glosses(
    sentence: Sentence, bold: Sequence[tuple[int, int]]
) -> tuple[tuple[int, str], ...]:
    """The day each relative date in bold stands for ("on Saturday" in an article of Monday 29
    December 2025: 27 December 2025, or 3 January 2026 when the sentence tells of what is
    ahead), read against the sentence's publication date: (the end of its range, the day)."""
    if not sentence.published:
        return ()
    text = sentence.text
    tense: Tense = "future" if _AHEAD_RE.search(text) else "past"
    found: list[tuple[int, str]] = []
    for start, end in bold:
        written = text[start:end]
        if any(c.isdigit() for c in written) or not _RELATIVE_DAY_RE.search(written):
            continue  # "5 September 2024" says its day; "in December" is no one day
        resolved = resolve(written, sentence.published, tense)
        day = parse_iso(resolved) if resolved and "/" not in resolved else None
        if day is not None:
            found.append((end, f"{day.day} {_MONTHS[day.month - 1].capitalize()} {day.year}"))
    return tuple(found)


def _people_listed(names: Sequence[str], actors: dict[str, Actor]) -> bool:
    """Whether a sentence's actors include `LISTED_PEOPLE` people or more: a list of who was
    there ("On the American side were Rubio, Hegseth and Witkoff")."""
    return sum(1 for name in names if name in actors and _is_person(name, actors)) >= LISTED_PEOPLE


def _is_person(name: str, actors: dict[str, Actor]) -> bool:
    actor = actors.get(name)
    return actor is None or actor.kind == "person"


def _names(name: str, actors: dict[str, Actor]) -> list[str]:
    """An actor's name and aliases, longest first, as they may be written in a sentence."""
    actor = actors.get(name)
    names = [name, *(actor.aliases if actor else [])]
    return sorted(dict.fromkeys(n for n in names if len(n) > 2), key=len, reverse=True)


_DAY_BEFORE_RE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+$")


def _with_day(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A date's range with the day of the month written before it, which the model may leave
    out of the entity ("since 5 [September 2024]")."""
    start, end = span
    before = _DAY_BEFORE_RE.search(text[max(0, start - 8) : start])
    return (start - len(before.group(0)), end) if before else span


def _find_all(text: str, phrases: Sequence[str]) -> list[tuple[int, int]]:
    """Where each phrase is in `text` (any case, on word boundaries), first occurrence each."""
    spans: list[tuple[int, int]] = []
    for phrase in phrases:
        if not phrase.strip():
            continue
        match = _phrase_pattern(phrase).search(text)
        if match:
            spans.append((match.start(), match.end()))
    return spans


@lru_cache(maxsize=16384)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges sorted, overlapping ones made one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
