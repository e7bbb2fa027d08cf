"""Who "he", "she" and "the Ukrainian president" stand for: the nearest fitting named person."""

from __future__ import annotations

from bisect import bisect_left
from copy import copy

from spacy.tokens import Doc, Token

from knowledge.extract.clauses import is_role_possessor
from knowledge.extract.doc import DocActor, DocActors
from knowledge.lexicon import (
    DEMONYMS,
    FEMININE_GIVEN_NAMES,
    FEMININE_PRONOUNS,
    FEMININE_TITLES,
    PERSON_PRONOUNS,
    ROLE_NOUNS,
    SPEECH_VERBS,
)
from knowledge.names import canonical_place, fold

_LEADER_TITLES = ("president", "prime minister", "chancellor", "leader", "premier", "pm")
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_SEATS = {"kremlin": "Russia", "élysée": "France", "elysee": "France"}
# Words that make a title someone else's office under the holder's ("deputy foreign minister").
_UNDER_TITLES = frozenset({"deputy", "vice", "assistant", "junior"})


class Coreference:
    """Resolves pronouns and role descriptions to actors named earlier in the document."""

    def __init__(self, doc: Doc, found: DocActors) -> None:
        self.doc = doc
        self.found = found
        self._mentions: list[tuple[int, str, bool]] = []
        self._main: set[int] = set()  # mentions that are the subject of their sentence's root
        mentions: list[tuple[int, str, bool]] = []
        for actor in found.actors.values():
            if actor.kind != "person":
                continue
            for start, end in actor.mentions:
                subjects = [doc[i] for i in range(start, end) if doc[i].dep_ in _SUBJECT_DEPS]
                last = doc[end - 1]
                if not subjects and last.dep_ == "appos" and last.head.dep_ in _SUBJECT_DEPS:
                    subjects = [last.head]
                if not subjects and _titled_by_subject(last):
                    subjects = [last.head.head]  # "President of Ukraine Volodymyr Zelensky said"
                if _asked_clause(doc[start]):
                    continue  # "Asked what would happen if Zelenskyy refused, he said: …"
                mentions.append((start, actor.name, bool(subjects)))
                if any(t.head.dep_ == "ROOT" for t in subjects):
                    self._main.add(start)
        for token in doc:
            if (
                token.pos_ == "NOUN"
                and token.i not in found.token_actor
                and (fold(token.text) in ROLE_NOUNS)
            ):
                described = self.describe(token) if found.actors else None
                if described is not None:
                    mentions.append((token.i, described.name, token.dep_ in _SUBJECT_DEPS))
        mentions.sort()
        self._mentions = mentions
        self._starts = [m[0] for m in mentions]
        self._feminine = {a.name for a in found.actors.values() if _feminine(doc, a)}

    def without_mentions_within(self, char_ranges: list[tuple[int, int]]) -> Coreference:
        """A copy that leaves out mentions inside quotations: "he" outside a quote never means
        a name in it."""

        def inside(token_index: int) -> bool:
            char = self.doc[token_index].idx
            return any(a <= char < b for a, b in char_ranges)

        narrowed = copy(self)
        narrowed._mentions = [m for m in self._mentions if not inside(m[0])]
        narrowed._starts = [m[0] for m in narrowed._mentions]
        return narrowed

    def person_before(
        self,
        index: int,
        exclude: set[str] | None = None,
        feminine: bool | None = None,
        main: bool = False,
    ) -> DocActor | None:
        """The person a pronoun at token `index` most likely stands for.

        In the pronoun's own sentence, the subject (else the first person named) before it;
        otherwise the last subject, else the last person, of the sentences before; for a
        pronoun that is a subject itself (`main`), the subject of that sentence's main verb.
        "she" stands only for a woman the document shows as one (title, given name), "he" for
        anyone else.
        """
        exclude = set(exclude or set())
        if feminine is not None:
            exclude |= {
                a.name
                for a in self.found.actors.values()
                if a.kind == "person" and (a.name in self._feminine) != feminine
            }
        pos = bisect_left(self._starts, index)
        sent_start = self.doc[index].sent.start
        same_sentence = [
            m for m in self._mentions[:pos] if m[0] >= sent_start and m[1] not in exclude
        ]
        if same_sentence:
            subjects = [m for m in same_sentence if m[2]]
            return self.found.actors[(subjects or same_sentence)[-1 if subjects else 0][1]]
        fallback: str | None = None
        for start, name, subject in reversed(self._mentions[:pos]):
            if name in exclude:
                continue
            if index - start > 400:
                break
            if subject:
                chosen = self._main_subject(start, pos, exclude) if main else None
                return self.found.actors[chosen or name]
            fallback = fallback or name
        return self.found.actors[fallback] if fallback else None

    def _main_subject(self, start: int, pos: int, exclude: set[str]) -> str | None:
        """In the sentence of the subject mention at `start`, the person who is the subject
        of its main verb: "Zelenskyy has posted a video in which he thanked Trump, hours after
        Trump accused Kyiv …" is Zelenskyy's sentence, for a "He said:" after it."""
        sentence = self.doc[start].sent
        mains = [
            name
            for first, name, _subject in self._mentions[:pos]
            if first in self._main
            and sentence.start <= first < sentence.end
            and name not in exclude
        ]
        return mains[-1] if mains else None

    def the_two(self, token: Token) -> list[DocActor]:
        """ "the two presidents", "the two envoys", "the two Americans", "The two will hold
        talks": the last two people named before, of that description when it has one (a title
        among their roles, a demonym among their affiliations)."""
        noun = token.lower_
        singular = noun[:-1] if noun.endswith("s") else noun
        country = DEMONYMS.get(singular) or DEMONYMS.get(noun)
        if noun == "two":
            counted = token.dep_ in _SUBJECT_DEPS
        else:
            counted = token.tag_ in {"NNS", "NNPS"} and any(
                c.dep_ == "nummod" and c.lower_ == "two" for c in token.children
            )
        if not counted or not any(c.lower_ == "the" for c in token.children):
            return []
        pos = bisect_left(self._starts, token.i)
        people: list[DocActor] = []
        for start, name, _subject in reversed(self._mentions[:pos]):
            if token.i - start > 120 or len(people) == 2:
                break
            actor = self.found.actors[name]
            if actor in people or not _described_by(actor, singular, country):
                continue
            if is_role_possessor(self.doc, start + 1):
                continue  # "Trump's son-in-law Jared Kushner": Trump owns a role, is not one
            people.append(actor)
        if len(people) != 2:
            return []
        if country is None and not any(
            _described_by(p, singular, None, strict=True) for p in people
        ):
            return []  # "the two presidents": one untitled person may be one, not both
        return list(reversed(people))

    def former_or_latter(self, token: Token) -> DocActor | None:
        """ "the former" / "the latter": the first or second of the last two people named."""
        if self.doc[token.i - 1].lower_ != "the":
            return None
        pos = bisect_left(self._starts, token.i)
        named: list[str] = []
        for start, name, _subject in reversed(self._mentions[:pos]):
            if token.i - start > 80:
                break
            if name not in named:
                named.append(name)
            if len(named) == 2:
                break
        if len(named) < 2:
            return None
        return self.found.actors[named[1] if token.lower_ == "former" else named[0]]

    def resolve(self, token: Token, exclude: set[str] | None = None) -> DocActor | None:
        """The actor a token stands for: its own mention, a pronoun's antecedent, or a role."""
        actor = self.found.actor_at(token)
        if actor is not None:
            return actor
        if token.lower_ in PERSON_PRONOUNS:
            feminine = token.lower_ in FEMININE_PRONOUNS
            owner = self._clause_subject(token, exclude or set(), feminine)
            if owner is not None:
                return owner
            reporter = self.reporter(token, exclude or set(), feminine)
            if reporter is None and self._unnamed_speaker(token):
                return None  # "The President has said he would …": whoever the President is
            main = token.dep_ in _SUBJECT_DEPS
            return reporter or self.person_before(token.i, exclude, feminine, main)
        if token.lower_ in {"former", "latter"} and token.i > 0:
            return self.former_or_latter(token)
        if fold(token.text) in ROLE_NOUNS:
            return self.describe(token)
        return None

    def _clause_subject(self, token: Token, exclude: set[str], feminine: bool) -> DocActor | None:
        """The person "his" or "her" stands for when it is in its clause's object and the
        subject is a pronoun of the same gender: "he would call Zelenskyy after his meeting
        with Putin" (his is he, whoever he is)."""
        if token.dep_ != "poss" or token.lower_ not in {"his", "her"}:
            return None
        node = token.head
        for _ in range(4):
            if node.pos_ in {"VERB", "AUX"} or node.head == node:
                break
            node = node.head
        if node.pos_ not in {"VERB", "AUX"}:
            return None
        subjects = [c for c in node.children if c.dep_ in _SUBJECT_DEPS]
        if len(subjects) != 1 or subjects[0].lower_ not in PERSON_PRONOUNS:
            return None
        subject = subjects[0]
        if (subject.lower_ in FEMININE_PRONOUNS) != feminine or subject.i == token.i:
            return None
        return self.resolve(subject, exclude)

    def _unnamed_speaker(self, token: Token) -> bool:
        """Whether a pronoun subject is in the words of someone told only by a role the
        document does not tie to a name ("The President has said he would be willing …"):
        the pronoun is that speaker, not the person named last."""
        if token.dep_ not in _SUBJECT_DEPS or token.head.dep_ != "ccomp":
            return False
        verb = token.head.head
        if verb.lemma_.lower() not in SPEECH_VERBS:
            return False
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        return bool(subjects) and (
            fold(subjects[0].text) in ROLE_NOUNS
            and self.found.actor_at(subjects[0]) is None
            and self.describe(subjects[0]) is None
        )

    def reporter(self, token: Token, exclude: set[str], feminine: bool) -> DocActor | None:
        """The named person whose words a pronoun subject is in: "Trump said on Tuesday that he
        had instructed Witkoff …, adding that he would be willing to meet Zelenskyy" (Trump,
        not Witkoff, named in between)."""
        if token.dep_ not in _SUBJECT_DEPS or token.head.dep_ != "ccomp":
            return None
        verb = token.head.head
        for _ in range(3):
            if verb.lemma_.lower() not in SPEECH_VERBS:
                return None
            subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
            if subjects:
                actor = self.found.actor_at(subjects[0])
                if (
                    actor is None
                    or actor.kind != "person"
                    or actor.name in exclude
                    or (actor.name in self._feminine) != feminine
                ):
                    return None
                return actor
            if verb.tag_ == "VBG" and verb.dep_ not in {"advcl", "conj", "xcomp"}:
                # The parser may hang "…, adding that …" anywhere: the speaker is the subject
                # of the verb of saying before it in the sentence.
                verb = next(
                    (
                        t
                        for t in reversed(verb.doc[verb.sent.start : verb.i])
                        if t.lemma_.lower() in SPEECH_VERBS
                        and any(c.dep_ in _SUBJECT_DEPS for c in t.children)
                    ),
                    verb,
                )
                if verb.tag_ == "VBG":
                    return None
                continue
            if verb.dep_ not in {"advcl", "conj", "xcomp"} or verb.head == verb:
                return None
            verb = verb.head  # "…, adding that he …": the subject of the verb it adds to
        return None

    def describe(self, token: Token) -> DocActor | None:
        """ "the Ukrainian president", "Ukraine's president", "the Kremlin leader" → a person."""
        for child in token.children:  # "the prime minister, Narendra Modi"
            named = self.found.actor_at(child) if child.dep_ == "appos" else None
            if named is not None and named.kind == "person":
                return named
        # "the prime minister" is a prime minister, not any minister.
        compounds = [
            c.text
            for c in token.lefts
            if c.dep_ == "compound" and fold(c.text) not in DEMONYMS and c.lower_ not in _SEATS
        ]
        noun = fold(" ".join([*compounds, token.text]))
        country: str | None = None
        if any(c.lower_ in {"former", "ex", "late"} for c in token.children):
            return None  # "the former Portuguese prime minister": an office no longer held
        if any(c.lower_ in _UNDER_TITLES for c in token.children):
            return None  # "Kyslytsya, the first deputy foreign minister": not the minister
        for child in token.children:
            word = child.lower_
            if child.dep_ in {"amod", "compound", "nmod"} and word in _SEATS:
                country = _SEATS[word]
            elif child.dep_ in {"amod", "compound", "nmod"} and word in DEMONYMS:
                country = DEMONYMS[word]
            elif child.dep_ == "poss":
                owner = self.found.actor_at(child)
                if owner is not None and owner.kind == "country":
                    country = owner.name
                elif child.ent_type_ in {"GPE", "NORP"}:
                    country = canonical_place(child.text)
        has_det = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        if country is None and not has_det:
            return None
        titles = _LEADER_TITLES if noun == "leader" else (noun,)
        best: DocActor | None = None
        best_score = 0
        runner_up = 0
        for actor in self.found.actors.values():
            if actor.kind != "person":
                continue
            fits = any(
                any(fold(title).endswith(t) for t in titles) and (country is None or of == country)
                for title, of, _ in actor.roles
            ) or (
                country is not None
                and noun == "leader"
                and actor.affiliations[country] > 0
                and any(fold(t).endswith(_LEADER_TITLES) for t, _, _ in actor.roles)
            )
            if fits and len(actor.mentions) > best_score:
                runner_up = best_score
                best, best_score = actor, len(actor.mentions)
            elif fits:
                runner_up = max(runner_up, len(actor.mentions))
        if best is not None and country is None and token.text == "President":
            # "the President" of a briefing or readout is the speaker's own head of state, who
            # may go unnamed ("Will the President meet President Zelenskyy?"): only a president
            # the document names far more than any other stands for it, never the one of two
            # named about as often.
            return best if best_score >= 2 * runner_up else None
        if best is None and country is not None:
            # "the U.S. president" where the article only wrote "President Trump".
            for actor in self.found.actors.values():
                if actor.kind != "person" or (
                    actor.affiliations and country not in actor.affiliations
                ):
                    continue
                if (
                    any(
                        of is None and any(fold(title).endswith(t) for t in titles)
                        for title, of, _ in actor.roles
                    )
                    and len(actor.mentions) > best_score
                ):
                    best, best_score = actor, len(actor.mentions)
        return best


def _titled_by_subject(token: Token) -> bool:
    """Whether a name is told by the title that is its clause's subject, "President of Ukraine
    Volodymyr Zelensky said": the name hangs on "of" under the title noun."""
    of = token.head
    title = of.head
    return (
        token.dep_ == "pobj"
        and of.lower_ == "of"
        and title.dep_ in _SUBJECT_DEPS
        and title.i < token.i
        and fold(title.text) in ROLE_NOUNS
    )


def _asked_clause(token: Token) -> bool:
    """Whether a token is in a sentence's opening "Asked …" clause, which tells what the
    speaker was asked: the people it names are not who "he" in the answer is."""
    sentence = token.sent
    first = sentence[0]
    if first.lower_ != "asked" or first.dep_ != "advcl":
        return False
    return any(t.i == token.i for t in first.subtree)


def _described_by(actor: DocActor, noun: str, country: str | None, strict: bool = False) -> bool:
    """Whether a person fits "the two <noun>s": any person for "men", "people" or no noun, one
    of the country for a demonym ("Americans"), one with the title for a role ("presidents",
    "leaders" for any head of government, "envoys"), or with no title the article gives
    (unless `strict`): "Trump and Zelenskyy … a meeting between the two presidents"."""
    if country is not None:  # of that country, or of none the article says
        return actor.affiliations[country] > 0 or not actor.affiliations
    if noun in {"two", "man", "men", "people", "official"}:
        return True
    titles = _LEADER_TITLES if noun == "leader" else (noun,)
    if not actor.roles and not strict:
        return True
    return any(any(t in fold(title) for t in titles) for title, _of, _ in actor.roles)


def _feminine(doc: Doc, actor: DocActor) -> bool:
    """Whether the document shows a person as a woman: a feminine given name or title."""
    if actor.kind != "person":
        return False
    if fold(actor.name.split()[0]) in FEMININE_GIVEN_NAMES:
        return True
    return any(
        start > 0 and fold(doc[start - 1].text).rstrip(".") in FEMININE_TITLES
        for start, _ in actor.mentions
    )


def coreference_of(doc: Doc) -> Coreference:
    """The document's `Coreference`, built once and shared by the components that need it."""
    if doc._.coref is None:
        doc._.coref = Coreference(doc, doc._.actors)
    coreference: Coreference = doc._.coref
    return coreference
