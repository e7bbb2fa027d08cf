"""Quotes and reported statements, each with the actor who said it.

Handles quotes inside a sentence ("“…,” Trump said"), quotes running over several paragraphs,
unattributed continuations (the speaker of the quote before), the live-blog shape where a line
ends "He said:" and the words follow on the next lines, and pronoun speakers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from knowledge.articles import is_boilerplate, looks_like_headline
from knowledge.extract.coref import coreference_of
from knowledge.extract.doc import DocActor, DocActors
from knowledge.extract.modality import is_asserted
from knowledge.facts import Quote, Statement
from knowledge.lexicon import (
    NAME_TITLES,
    PERSON_PRONOUNS,
    QUESTIONER_LABELS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
)
from knowledge.names import fold, surname_key, surname_of

_OPENERS = {"“": "”", '"': '"', "‘": "’"}
_FIRST_PERSON = re.compile(r"\b(?:I|I’m|I'm|we|We|we’re|We’re|our|Our|us|my|My|me)\b")
_MAX_QUOTE_PARAGRAPHS = 8
# A transcript's speaker label opening a line: "MS. LEAVITT:", "Q:", "Yuri Ushakov:".
_LABEL = re.compile(r"^\s*(?P<label>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s+(?=\S)")
_MIN_LABELS = 3  # labelled lines that make an article a transcript
# A reply's first sentence this short is said with the next: "That is false. The plan …".
_SHORT_REPLY = 3
# Verbs that put words of the subject's in quotation marks without saying them: "called the
# situation “extremely fragile”", "what he called a “decorative” delegation", "talked about
# “root causes”"; a speaker only for a quote inside the verb's own phrase.
_NAMING_VERBS = frozenset({"call", "term", "dub", "brand", "label", "talk"})
# "“…,” the statement said": a statement named before, by whoever made it.
_STATEMENT_NOUNS = frozenset({"statement", "communique", "readout"})
_STATEMENT_REACH = 80  # tokens back to look for it


@dataclass(kw_only=True)
class DraftQuote(Quote):
    """A quote as read from a document: the schema's fields (words, speaker, cue, topics; no
    sources yet) and the sentence that carries it, which becomes its source."""

    sentence: Span


@dataclass(kw_only=True)
class DraftStatement(Statement):
    """A reported claim, "Lavrov said that Putin is open to it": the schema's fields and the
    sentence, which becomes its source."""

    sentence: Span


@dataclass
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    return [
        _Line(m.start(), m.end(), m.group(0))
        for m in re.finditer(r"[^\n]+", text)
        if m.group(0).strip() and not is_boilerplate(m.group(0))
    ]


def _quote_spans(lines: list[_Line]) -> list[tuple[int, int, int]]:
    """(start, end, first line index) of each quotation, joined over paragraphs when open."""
    spans: list[tuple[int, int, int]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        pos = 0
        text = line.text
        while pos < len(text):
            opener = min(
                ((text.find(o, pos), o) for o in _OPENERS if text.find(o, pos) >= 0),
                default=(-1, ""),
            )
            at, mark = opener
            if at < 0:
                break
            if mark == "‘" and at > 0 and text[at - 1].isalnum():
                pos = at + 1
                continue
            closer = _OPENERS[mark]
            close = _find_closer(text, at + 1, closer)
            if close >= 0:
                spans.append((line.start + at + 1, line.start + close, i))
                pos = close + 1
                continue
            # An open quote: it runs on over the next paragraphs until one closes it.
            j = i + 1
            while j < len(lines) and j - i < _MAX_QUOTE_PARAGRAPHS:
                close = _find_closer(lines[j].text, 0, closer)
                if close >= 0:
                    spans.append((line.start + at + 1, lines[j].start + close, i))
                    i = j
                    break
                j += 1
            break
        i += 1
    return spans


def _find_closer(text: str, start: int, closer: str) -> int:
    pos = start
    while True:
        at = text.find(closer, pos)
        if at < 0:
            return -1
        if closer == "’" and at + 1 < len(text) and text[at + 1].isalpha():
            pos = at + 1  # an apostrophe: "don’t"
            continue
        return at


def _opening(answer: str) -> str:
    """What a transcript line says first: its first sentence, and the second when the first
    is a word or three ("That is false. The plan was drafted …")."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"‘])", answer.strip())
    if len(sentences) > 1 and len(sentences[0].split()) <= _SHORT_REPLY:
        return sentences[0] + " " + sentences[1]
    return sentences[0]


def _is_entry_title(rest: str) -> bool:
    """ "Rubio: ‘I feel very optimistic’", "Trump: Ukraine shows ‘zero gratitude’": after a
    name and a colon, a short line with no full stop is a live-blog entry's title, not a line
    of a transcript; the entry below it carries the quote, the title is no source of one."""
    rest = rest.strip().rstrip("".join(_OPENERS.values()))
    return len(rest.split()) <= 12 and not rest.endswith((".", "?", "!", ":", ","))


def _is_title(words: str) -> bool:
    """ "Coalition of the Willing", "Fox + Friends": a name in quotation marks, not speech."""
    tokens = words.split()
    small = {"of", "the", "and", "for", "in", "on", "a", "+", "&"}
    return all(t[:1].isupper() or t.lower() in small for t in tokens) and len(tokens) <= 6


def _restated(quote: DraftQuote, body: list[DraftQuote]) -> bool:
    """Whether the story quotes a headline's words again: the headline ("Kremlin calls foreign
    troops “unacceptable”") restates the quote its body credits (Peskov's "absolutely
    unacceptable"), which is the one to keep."""
    words = fold(quote.words).strip(" .,!?")
    return bool(words) and any(words in fold(q.words) for q in body)


class _QuoteReader:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.found: DocActors = doc._.actors
        self.coref = coreference_of(doc)
        self.text = doc.text  # Doc.text joins every token on each access: read it once
        self.lines = _lines(self.text)
        self.quoted_chars: list[tuple[int, int]] = []
        # quoted_chars merged and sorted (starts, ends), for as many ranges as it held then
        self._quoted_index: tuple[int, list[int], list[int]] = (0, [], [])
        # a transcript's labelled line (start, end) → who its label names (None: no one found,
        # or a line too short to be a quote: its quotations are never read)
        self.transcript_lines: dict[tuple[int, int], DocActor | None] = {}
        self.headline_chars: list[tuple[int, int]] = []

    def _speaker_of(self, verb: Token) -> DocActor | None:
        if verb.tag_ == "VBG" and verb.i > 0 and self.doc[verb.i - 1].text == ",":
            root = verb.sent.root  # "He declined to say whether X would …, saying only …"
            if root is not verb and root.pos_ in {"VERB", "AUX"} and verb.dep_ != "ccomp":
                subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
                if subjects:
                    return self._subject_speaker(subjects[0])
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and not self._is_label(child):
                return self._subject_speaker(child)
        if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
            return self._speaker_of(verb.head)  # "Merz also expressed doubt, saying …"
        if verb.dep_ == "pcomp" and verb.head.head.pos_ in {"VERB", "AUX"}:
            return self._speaker_of(verb.head.head)  # "Macron summed it up by saying that …"
        return None

    def _is_label(self, token: Token) -> bool:
        """ "Q" in "Q: President Trump said …": a transcript's label, which the parser may take
        for a subject."""
        after = token.i + 1
        return after < len(self.doc) and self.doc[after].text == ":" and token.i == token.sent.start

    def _subject_speaker(self, subject: Token) -> DocActor | None:
        """Who the subject of a verb of saying is: a person named in apposition ("The US
        secretary of state, Marco Rubio, called …"), the actor it stands for, or an unnamed
        source as described ("a U.S. official said"); nobody for several subjects ("The US
        and Ukraine said in a joint statement"), whose words are no one speaker's."""
        if any(c.dep_ == "conj" for c in subject.children):
            return None
        if subject.lower_ == "who" and subject.head.dep_ == "relcl":
            named = self.found.actor_at(subject.head.head)  # "Hakan Fidan, who told …"
            return named if named is not None and named.kind == "person" else None
        for child in subject.children:
            named = self.found.actor_at(child) if child.dep_ == "appos" else None
            if named is not None and named.kind == "person":
                return named
        actor = self.coref.resolve(subject)
        if actor is not None:
            return None if actor.is_media else actor
        if subject.lemma_.lower() in _STATEMENT_NOUNS and any(
            c.lower_ in {"the", "this", "that"} for c in subject.children
        ):
            return self._statement_author(subject)
        return self._described_source(subject)

    def _statement_author(self, subject: Token) -> DocActor | None:
        """ "“…,” the statement said" after "Merz said in a statement that …": the speaker of
        the last statement named before, within a few sentences."""
        first = max(0, subject.i - _STATEMENT_REACH)
        for token in reversed(self.doc[first : subject.i]):
            if token.lemma_.lower() != subject.lemma_.lower():
                continue
            verb = token.head.head if token.head.dep_ == "prep" else token.head
            if verb.pos_ not in {"VERB", "AUX"} or verb.i == subject.head.i:
                continue
            speaker = self._speaker_of(verb)  # "said in a statement", "issued a statement"
            if speaker is not None:
                return speaker
        return None

    def _described_source(self, subject: Token) -> DocActor | None:
        """An unnamed source as the text describes it: "a U.S. official", "one diplomat", "One
        of the officials", "A spokesperson for Starmer"."""
        source = subject
        if subject.lower_ == "one":
            of = [c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"]
            pobjs = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
            if not pobjs or pobjs[0].lower_ not in SOURCE_NOUNS:
                return None
            source = pobjs[0]
        elif subject.lower_ not in SOURCE_NOUNS or not any(
            c.dep_ in {"det", "nummod"} and c.lower_ in {"a", "an", "one"} for c in subject.children
        ):
            return None
        words = [t for t in subject.subtree if t.i <= source.i]
        for child in source.children:
            if child.dep_ == "prep" and child.lower_ in {"for", "of", "to"}:
                owner = [c for c in child.children if c.dep_ == "pobj"]
                if owner and self.found.actor_at(owner[0]) is not None:
                    words += [t for t in child.subtree]  # "a spokesperson for Starmer"
                break
        described = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
        return DocActor(name=described, kind="group")

    def _says(self, verb: Token, quoted: Token | None) -> bool:
        """Whether a verb gives the words of its subject: a verb of saying ("asked for a
        meeting" is a request, not words), or one naming the quote in its own phrase."""
        lemma = verb.lemma_.lower()
        if lemma in SPEECH_VERBS:
            return not (lemma == "ask" and any(c.lower_ == "for" for c in verb.children))
        if lemma not in _NAMING_VERBS or quoted is None:
            return False
        return any(t.i == quoted.i for t in verb.subtree) and not any(
            c.lower_ in {"phone", "by"} for c in verb.children
        )

    def _attribution(
        self, tokens: list[Token], anchor: int | None = None, quoted: Token | None = None
    ) -> tuple[DocActor, str] | None:
        """The speech verb nearest the quote, with its speaker: "Trump said", "said Merz";
        a naming verb ("called it “…”") when `quoted`, the quote's first token, is in its
        phrase."""
        if anchor is not None:
            # The verbs whose phrase holds the quote first, the innermost first, then the
            # nearest: in "The former called it “a vital step”; the latter said …" the "said"
            # after the quote is nearer but says other words.
            holding = {t.i: depth for depth, t in enumerate(quoted.ancestors)} if quoted else {}
            far = len(holding)
            tokens = sorted(tokens, key=lambda t: (holding.get(t.i, far), abs(t.idx - anchor)))
        for token in tokens:
            if token.pos_ not in {"VERB", "AUX"} or not self._says(token, quoted):
                continue
            speaker = self._speaker_of(token)
            if speaker is not None:
                return speaker, token.lower_
        for token in tokens:
            if token.lower_ == "according" and token.i + 2 < len(self.doc):
                actor = self.found.actor_at(self.doc[token.i + 2]) or self.coref.resolve(
                    self.doc[token.i + 2]
                )
                if actor is not None and not actor.is_media:
                    return actor, "according to"
        return None

    def _outside(self, span: Span, q_start: int, q_end: int) -> list[Token]:
        return [t for t in span if not (q_start <= t.idx < q_end) and not self._in_any_quote(t.idx)]

    def _edge_tokens(self, q_start: int, q_end: int) -> tuple[Span | None, Span | None]:
        """The tokens at the first and last visible characters of a quote: a quotation mark set
        apart by a space ("“ We had…") would otherwise give an empty span."""
        quoted = self.text[q_start:q_end]
        first = q_start + len(quoted) - len(quoted.lstrip())
        last = max(first, q_end - (len(quoted) - len(quoted.rstrip())))
        start = self.doc.char_span(first, first + 1, alignment_mode="expand")
        end = self.doc.char_span(max(first, last - 1), last, alignment_mode="expand")
        return start, end

    def _in_any_quote(self, char: int) -> bool:
        """Whether `char` is inside a quotation read so far: a search of the ranges merged,
        since it is asked for every token around every quote."""
        count, starts, ends = self._quoted_index
        if count != len(self.quoted_chars):
            starts, ends = [], []
            for a, b in sorted(self.quoted_chars):
                if starts and a <= ends[-1]:
                    ends[-1] = max(ends[-1], b)
                elif a < b:
                    starts.append(a)
                    ends.append(b)
            self._quoted_index = (len(self.quoted_chars), starts, ends)
        at = bisect_right(starts, char) - 1
        return at >= 0 and char < ends[at]

    def read(self) -> tuple[list[DraftQuote], list[DraftStatement]]:
        quotes: list[DraftQuote] = self._transcript_quotes()
        spans = _quote_spans(self.lines)
        self.quoted_chars += [(a, b) for a, b, _ in spans]
        self.coref = self.coref.without_mentions_within(self.quoted_chars)
        previous: tuple[DocActor, str, int, int] | None = None
        headline: list[DraftQuote] = []  # quotes of the first line
        for q_start, q_end, line_index in spans:
            if self._in_headline(q_start):
                continue
            # In a speaker's line, a quotation is the speaker's own words unless the line says
            # whose it is ("As President Zelenskyy said in Palm Beach: “…”"): only then is it a
            # quote of its own.
            labelled, label_speaker = self._transcript_speaker(q_start)
            if labelled and label_speaker is None:
                continue
            words = re.sub(r"\s*[“”]\s*", " ", self.text[q_start:q_end]).strip(" ,")
            if _is_title(words) or self._is_so_called(q_start):
                continue
            start_span, end_span = self._edge_tokens(q_start, q_end)
            if not start_span or not end_span:
                continue
            sentences = list(dict.fromkeys([start_span[0].sent, end_span[-1].sent]))
            context: list[Token] = []
            for sentence in sentences:
                context.extend(self._outside(sentence, q_start, q_end))
            found = self._attribution(context, anchor=q_end, quoted=start_span[0])
            sentence = sentences[-1] if found is not None else sentences[0]
            if found is None and self._is_named_thing(q_start, words):
                continue
            sentence_quoted = words[:1].isupper() and words.endswith((".", "!", "?"))
            if found is None and len(words.split()) < 3 and not sentence_quoted:
                continue  # a word or two in quotation marks is a quote only when attributed
            if found is None:
                found = self._colon_lead(line_index) or self._colon_before(q_start)
            if labelled and (found is None or found[0] is label_speaker):
                continue  # the line's speaker quoting unnamed words, or their own
            if found is None and previous and self._continues(previous, line_index, q_start):
                found = previous[0], previous[1]
            if found is None:
                continue
            speaker, cue = found
            previous = (speaker, cue, line_index, q_end)
            quote = self._quote(speaker, words, cue, sentence, q_start, q_end)
            if line_index == 0:
                headline.append(quote)
            else:
                quotes.append(quote)
        quotes.extend(self._live_blog_quotes())
        quotes += [q for q in headline if not _restated(q, quotes)]
        return quotes, self._statements()

    def _continues(self, previous: tuple[DocActor, str, int, int], line: int, start: int) -> bool:
        """An unattributed quote right after another continues it when nobody else is named
        in between: "“…,” Trump said. “…”"."""
        if previous[2] not in {line, line - 1}:
            return False
        between = self.doc.char_span(previous[3], start, alignment_mode="expand")
        if between is None:
            return True
        for token in between:
            actor = self.found.actor_at(token)
            speaking = token.dep_ in {"nsubj", "nsubjpass"} or (
                token.head.dep_ in {"nsubj", "nsubjpass"} and token.dep_ in {"appos", "compound"}
            )
            if (
                actor is not None
                and actor.kind == "person"
                and actor is not previous[0]
                and (speaking or token.head.lemma_.lower() in SPEECH_VERBS)
            ):
                return False  # a person named only as an object: "…, meeting Mark Rutte. “…”"
            if token.lower_ in PERSON_PRONOUNS and token.dep_ in {"nsubj", "nsubjpass"}:
                other = self.coref.resolve(token)
                if other is not None and other.name != previous[0].name:
                    return False
        return True

    def _in_headline(self, char: int) -> bool:
        return any(a <= char < b for a, b in self.headline_chars)

    def _transcript_speaker(self, char: int) -> tuple[bool, DocActor | None]:
        """Whether a character is in a transcript's labelled line, and who that line's label
        names (`transcript_lines`)."""
        for (a, b), speaker in self.transcript_lines.items():
            if a <= char < b:
                return True, speaker
        return False, None

    def _transcript_quotes(self) -> list[DraftQuote]:
        """Lines a speaker's label opens, in a transcript or readout ("MS. LEAVITT: …",
        "Sybiha: …", "Yuri Ushakov: …"): the words after the label, credited to the person
        the label names; the questioner's lines ("Q:", "Question:") are none."""
        labelled = [(line, m) for line in self.lines if (m := _LABEL.match(line.text))]
        headlines = [(line, m) for line, m in labelled if _is_entry_title(line.text[m.end() :])]
        self.headline_chars += [(line.start, line.end) for line, _ in headlines]
        labelled = [(line, m) for line, m in labelled if (line, m) not in headlines]
        if len(labelled) < _MIN_LABELS:
            return []
        quotes: list[DraftQuote] = []
        for line, label in labelled:
            speaker = self._labelled_speaker(label["label"])
            start = line.start + label.end()
            if speaker is None and fold(label["label"]) in QUESTIONER_LABELS:
                continue  # a question's own quotes are read as any line's: "Q: Trump said “…”"
            if speaker is None or line.end - start < 2:
                self.transcript_lines[(line.start, line.end)] = None
                continue
            end = start + len(_opening(line.text[label.end() :]))
            self.transcript_lines[(line.start, line.end)] = speaker
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            words = " ".join(self.text[start:end].split()).strip(" ‘’“”\"'")
            self.quoted_chars.append((start, line.end))
            quotes.append(self._quote(speaker, words, "said", span[0].sent, start, end))
        return quotes

    def _labelled_speaker(self, label: str) -> DocActor | None:
        words = [w for w in label.split() if fold(w).rstrip(".") not in NAME_TITLES]
        if not words or fold(" ".join(words)) in QUESTIONER_LABELS:
            return None
        key = surname_key(words[-1])
        people = [
            a
            for a in self.found.actors.values()
            if a.kind == "person" and surname_of(a.name) == key
        ]
        return max(people, key=lambda a: len(a.mentions)) if people else None

    def _is_so_called(self, q_start: int) -> bool:
        """ "the so-called “shadow fleet”": a name for a thing, whoever is speaking."""
        before = self.text[max(0, q_start - 12) : q_start - 1].split()
        return bool(before) and before[-1].lower() in {"so-called", "dubbed", "nicknamed"}

    def _is_named_thing(self, q_start: int, words: str) -> bool:
        """ "the so-called “coalition of the willing”": a short phrase named, not said."""
        before = self.text[max(0, q_start - 12) : q_start - 1].split()
        return (
            len(words.split()) <= 4
            and bool(before)
            and before[-1].lower()
            in {
                "so-called",
                "the",
                "a",
                "an",
                "its",
                "their",
                "his",
                "her",
            }
        )

    def _quote(
        self, speaker: DocActor, words: str, cue: str, sentence: Span, start: int, end: int
    ) -> DraftQuote:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        topics: list[str] = []
        if span is not None:
            for token in span:
                if token.pos_ in {"NOUN", "PROPN"} and not token.is_stop and token.is_alpha:
                    topics.append(token.lemma_.lower() if token.pos_ == "NOUN" else token.text)
        return DraftQuote(
            speaker=speaker.name,
            words=" ".join(words.split()),
            cue=cue,
            sentence=sentence,
            topics=list(dict.fromkeys(topics))[:8],
        )

    def _colon_lead(self, line_index: int) -> tuple[DocActor, str] | None:
        """The line before ends "He said:" / "Starmer continued:" and names the speaker."""
        if line_index == 0:
            return None
        before = self.lines[line_index - 1]
        if not before.text.rstrip().endswith(":"):
            return None
        span = self.doc.char_span(before.start, before.end, alignment_mode="expand")
        if span is None:
            return None
        last_sentence = span[-1].sent
        return self._attribution(list(last_sentence))

    def _colon_before(self, q_start: int) -> tuple[DocActor, str] | None:
        """ "Sybiha, Ukraine's top diplomat, was blunt: “…”": words a colon introduces in
        the same line are those of the subject of the clause before the colon."""
        before = self.text[max(0, q_start - 4) : q_start - 1].rstrip()
        if not before.endswith(":"):
            return None
        colon = self.doc.char_span(
            self.text.rindex(":", 0, q_start), q_start - 1, alignment_mode="expand"
        )
        if colon is None or colon[0].i == 0:
            return None
        verb = self.doc[colon[0].i - 1]
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in {"VERB", "AUX"}:
            return None
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        speaker = self._subject_speaker(subjects[0]) if subjects else None
        if speaker is None or speaker.kind not in {"person", "group"}:
            return None
        return speaker, "said"

    def _live_blog_quotes(self) -> list[DraftQuote]:
        quotes: list[DraftQuote] = []
        for index, line in enumerate(self.lines[:-1]):
            if not line.text.rstrip().endswith(":"):
                continue
            lead = self._colon_lead(index + 1)
            if lead is None:
                continue
            speaker, cue = lead
            parts: list[_Line] = []
            for follower in self.lines[index + 1 : index + 6]:
                stripped = follower.text.strip()
                if stripped[:1] in _OPENERS or self._in_any_quote(follower.start + 1):
                    break
                if looks_like_headline(stripped) or stripped.endswith(":"):
                    break
                if parts and not _FIRST_PERSON.search(stripped):
                    break
                parts.append(follower)
            if not parts:
                continue
            words = " ".join(p.text.strip() for p in parts)
            span = self.doc.char_span(parts[0].start, parts[0].end, alignment_mode="expand")
            if span is None:
                continue
            self.quoted_chars.append((parts[0].start, parts[-1].end))
            quotes.append(
                self._quote(speaker, words, cue, span[0].sent, parts[0].start, parts[-1].end)
            )
        return quotes

    def _statements(self) -> list[DraftStatement]:
        """At most one reported claim per sentence without quotation marks."""
        statements: list[DraftStatement] = []
        for sentence in self.doc.sents:
            text = sentence.text  # Span.text joins its tokens on each access
            if any(ch in text for ch in '“”"') or self._in_any_quote(sentence.start_char):
                continue
            for token in sentence:
                statement = self._statement(token, sentence)
                if statement is not None:
                    statements.append(statement)
                    break
        return statements

    def _statement(self, token: Token, sentence: Span) -> DraftStatement | None:
        """ "X said that …": a speech verb with a clause of four words or more, and a speaker."""
        if token.lemma_.lower() not in SPEECH_VERBS or token.pos_ != "VERB":
            return None
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        if not clauses:
            return None
        speaker = self._speaker_of(token)
        if speaker is None or not is_asserted(token):
            return None  # "The Kremlin has yet to confirm that …" asserts nothing
        clause = clauses[0]
        that = clause.left_edge.i if clause.left_edge.lower_ == "that" else None
        words = [t for t in clause.subtree if t.i != that]
        if len(words) < 4:
            return None
        said = self.doc[words[0].i : words[-1].i + 1].text.strip(" ,.")
        return DraftStatement(speaker.name, " ".join(said.split()), token.lower_, sentence=sentence)


def find_quotes(doc: Doc) -> tuple[list[DraftQuote], list[DraftStatement]]:
    """Every quote and reported statement in `doc`, with speakers resolved to actors."""
    return _QuoteReader(doc).read()
