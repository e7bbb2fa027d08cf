"""The sentences evidence is drawn from: `SentenceIndex` over a fact base's `Sentence`s (by
actor, by article position and paragraph, and a BM25 index of their words with bm25s and
PyStemmer's English stemmer), and `Evidence`, one sentence found with its bold parts.

`knowledge.answer.evidence` ranks them for a question. bm25s (and numpy with it) is imported
only when the index is first built, so nothing of it loads before a question needs evidence.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from knowledge.answer.text import fold, truncate
from knowledge.facts import Actor, Sentence, Source

MAX_EVIDENCE_CHARS = 320
MAX_STEMS_KEPT = 50_000
_TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")  # bm25s.tokenize's default token pattern
_QUESTION_LABEL_RE = re.compile(r"^Q[:.]\s")  # a transcript's "Q: …"


def _is_label(text: str) -> bool:
    """A speaker's label the sentence splitter left alone: "MR.", "TYKHYI:", "MS. LEAVITT:"."""
    words = text.split()
    return len(words) <= 2 and (text.endswith(":") or text.upper() == text)


@dataclass(frozen=True)
class Evidence:
    """An article sentence that answers the question, and the parts of it to show bold
    (character ranges in `sentence.text`)."""

    sentence: Sentence
    bold: tuple[tuple[int, int], ...] = ()
    score: float = 0.0
    # What a relative date in bold stands for, read against the publication date: (the end of
    # its bold range, "27 December 2025"), shown after it ("on *Saturday* (27 December 2025)").
    glosses: tuple[tuple[int, str], ...] = ()

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
        glosses = dict(self.glosses)
        added = 0
        for begin, end in self.bold:
            if begin < cursor:
                continue
            out.append(text[cursor:begin])
            out.append(f"*{text[begin:end]}*")
            if end in glosses:
                out.append(f" ({glosses[end]})")
                added += len(glosses[end]) + 3
            cursor = end
        out.append(text[cursor:])
        marked = "".join(out)
        prefix = "…" if start else ""
        return prefix + truncate(marked, limit + 2 * len(self.bold) + added)

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
            "dates": [{"end": end, "date": gloss} for end, gloss in self.glosses],
        }


@dataclass
class SentenceIndex:
    """Every sentence of a fact base: by actor, by article position, and in a BM25 index."""

    sentences: list[Sentence]
    of_actor: dict[str, list[int]] = field(default_factory=dict)
    vocab: dict[str, int] = field(default_factory=dict)
    words: Sequence[frozenset[int]] = field(default_factory=list)
    postings: Mapping[int, Sequence[int]] = field(default_factory=dict)
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
    folded: Sequence[str] = field(default_factory=list)  # each sentence's text, folded

    @classmethod
    def build(cls, sentences: list[Sentence], canonical: Callable[[str], str]) -> SentenceIndex:
        """The index over `sentences`, actor names made canonical with `canonical`."""
        index = cls._positions(sentences, canonical)
        index.folded = [fold(s.text) for s in sentences]
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
        postings: dict[int, list[int]] = {}
        for position, ids in enumerate(index.words):
            for word in ids:
                postings.setdefault(word, []).append(position)
        index.postings = postings
        index.retriever = bm25s.BM25()
        index.retriever.index(tokenized, show_progress=False)
        return index

    def save(self, folder: Path) -> None:
        """Writes what `load` reads back into `folder` (made if missing): the BM25 index as
        bm25s saves it (numpy arrays and its vocabulary) and each sentence's word ids. The
        sentences themselves are not written: `load` is given them."""
        import numpy as np

        folder.mkdir(parents=True, exist_ok=True)
        if self.retriever is not None:
            self.retriever.save(str(folder), show_progress=False)
        lengths = [len(words) for words in self.words]
        ends = np.cumsum([0, *lengths], dtype=np.int64)
        ids = np.fromiter(
            (word for words in self.words for word in sorted(words)),
            dtype=np.int64,
            count=int(ends[-1]),
        )
        np.save(folder / "words.indptr.npy", ends)
        np.save(folder / "words.ids.npy", ids)
        info = {
            "sentences": len(self.sentences),
            "bm25": self.retriever is not None,
            "vocab": self.vocab,  # the sentences' words (bm25s adds one of its own to its copy)
        }
        (folder / "sentences.json").write_text(json.dumps(info), encoding="utf-8")

    @classmethod
    def load(
        cls, folder: Path, sentences: list[Sentence], canonical: Callable[[str], str]
    ) -> SentenceIndex:
        """The index `save` wrote into `folder`, over the same `sentences`: the BM25 arrays and
        the word ids memory-mapped, not read (a page is read when a question touches it), and
        the folded texts worked out as they are looked at. Raises ValueError (or OSError) when
        the folder is not such an index of as many sentences."""
        info = json.loads((folder / "sentences.json").read_text(encoding="utf-8"))
        if info.get("sentences") != len(sentences):
            raise ValueError(
                f"{folder} indexes {info.get('sentences')} sentences, not {len(sentences)}"
            )
        index = cls._positions(sentences, canonical)
        index.folded = _Folded(sentences)
        if not info.get("bm25"):
            return index
        import bm25s
        import numpy as np
        import Stemmer

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        index.stemmer = Stemmer.Stemmer("english")
        index.retriever = bm25s.BM25.load(str(folder), mmap=True)
        index.vocab = {str(word): int(number) for word, number in info["vocab"].items()}
        ends = np.load(folder / "words.indptr.npy", mmap_mode="r")
        ids = np.load(folder / "words.ids.npy", mmap_mode="r")
        if len(ends) != len(sentences) + 1:
            raise ValueError(f"{folder} has word ids of {len(ends) - 1} sentences")
        index.words = _Rows(ends, ids)
        scores = index.retriever.scores
        index.postings = _Postings(scores["indptr"], scores["indices"])
        return index

    @classmethod
    def _positions(
        cls, sentences: list[Sentence], canonical: Callable[[str], str]
    ) -> SentenceIndex:
        """The index with its look-ups by article position, paragraph and actor only."""
        index = cls(sentences)
        for position, sentence in enumerate(sentences):
            index._at[(sentence.article_id, sentence.index)] = position
            index._by_paragraph.setdefault((sentence.article_id, sentence.paragraph), []).append(
                position
            )
            for name in dict.fromkeys(canonical(a) for a in sentence.actors):
                index.of_actor.setdefault(name, []).append(position)
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

    def asked_before(self, position: int) -> list[int]:
        """The question a sentence's paragraph answers: the sentences of the paragraph before
        it when that one asks ("Q: On security guarantees, is the document ready?" in a
        transcript, "What does it say about territory?" in an explainer), else none."""
        sentence = self.sentences[position]
        asked = self._by_paragraph.get((sentence.article_id, sentence.paragraph - 1), [])
        if not asked or not any(self._asks(p) for p in asked):
            return []
        return asked

    def answer_to(self, position: int, count: int) -> list[int]:
        """The first `count` sentences of the answer to a question (the paragraph after the
        one asking), speaker labels ("MR.", "TYKHYI:") left out; none when `position` is not
        in a paragraph that only asks (a transcript's "Q: …", an explainer's "What does it say
        about territory?"; not a question a writer asks along the way) or none follows."""
        sentence = self.sentences[position]
        if not self._asks(position):
            return []
        asking = self._by_paragraph.get((sentence.article_id, sentence.paragraph), [position])
        if not (
            _QUESTION_LABEL_RE.match(self.sentences[asking[0]].text)
            or all(self.sentences[p].text.rstrip().endswith("?") for p in asking)
        ):
            return []
        after = self._by_paragraph.get((sentence.article_id, sentence.paragraph + 1), [])
        return [p for p in after if not _is_label(self.sentences[p].text)][:count]

    def _asks(self, position: int) -> bool:
        """Whether a sentence is a question: it ends with "?", or opens a "Q:" paragraph."""
        sentence = self.sentences[position]
        text = sentence.text.rstrip()
        if text.endswith("?"):
            return True
        first = self._by_paragraph.get((sentence.article_id, sentence.paragraph), [position])[0]
        return first == position and _QUESTION_LABEL_RE.match(text) is not None

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


@dataclass(frozen=True)
class SavedSentences:
    """Where the `SentenceIndex` of one fact base is kept for other processes: `folder`, valid
    for the fact base `key` names (its store's revision and the code that indexed it), so a new
    process maps it instead of indexing every sentence again."""

    folder: Path
    key: str

    def load(
        self, sentences: list[Sentence], canonical: Callable[[str], str]
    ) -> SentenceIndex | None:
        """The saved index if it is this fact base's, else None."""
        try:
            if (self.folder / "key").read_text(encoding="utf-8") != self.key:
                return None
            return SentenceIndex.load(self.folder, sentences, canonical)
        except (OSError, ValueError, KeyError, TypeError) as error:
            logging.getLogger(__name__).debug("%s not used: %s", self.folder, error)
            return None

    def save(self, index: SentenceIndex) -> bool:
        """Saves `index` (in a new folder beside, then renamed into place: a reader never sees
        half an index); False when it could not be written, which only makes the next process
        index the sentences again."""
        return save_folder(self.folder, self.key, index.save)


def save_folder(folder: Path, key: str, write: Callable[[Path], None]) -> bool:
    """Makes `folder` what `write` writes into a new folder, with a `key` file saying what it
    was made for: written beside, then renamed into place, so a reader never sees half of it.
    False when it could not be written."""
    import shutil
    import tempfile

    parent = folder.parent
    try:
        fresh = Path(tempfile.mkdtemp(prefix=f"{folder.name}.", dir=parent))
    except OSError:
        return False
    try:
        write(fresh)
        (fresh / "key").write_text(key, encoding="utf-8")
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f"{folder.name}.old.", dir=parent))
            folder.rename(old / "index")
            shutil.rmtree(old, ignore_errors=True)  # mapped files stay readable
        fresh.rename(folder)
    except OSError as error:
        logging.getLogger(__name__).debug("%s not written: %s", folder, error)
        shutil.rmtree(fresh, ignore_errors=True)
        return False
    return True


class _Folded(Sequence[str]):
    """The folded text of each sentence, worked out the first time it is looked at."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self._sentences = sentences
        self._folded: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._sentences)

    @overload
    def __getitem__(self, position: int) -> str: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[str]: ...
    def __getitem__(self, position: int | slice) -> str | Sequence[str]:
        if isinstance(position, slice):
            return [self[p] for p in range(*position.indices(len(self)))]
        if position < 0:
            position += len(self)
        found = self._folded.get(position)
        if found is None:
            found = self._folded[position] = fold(self._sentences[position].text)
        return found


class _Rows(Sequence[frozenset[int]]):
    """Row `p` of a compressed sparse matrix (`ends[p]:ends[p + 1]` of `ids`) as a frozenset,
    from memory-mapped arrays: each sentence's word ids."""

    def __init__(self, ends: Any, ids: Any) -> None:
        self._ends = ends
        self._ids = ids
        self._rows: dict[int, frozenset[int]] = {}

    def __len__(self) -> int:
        return len(self._ends) - 1

    @overload
    def __getitem__(self, position: int) -> frozenset[int]: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[frozenset[int]]: ...
    def __getitem__(self, position: int | slice) -> frozenset[int] | Sequence[frozenset[int]]:
        if isinstance(position, slice):
            return [self[p] for p in range(*position.indices(len(self)))]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        found = self._rows.get(position)
        if found is None:
            start, end = int(self._ends[position]), int(self._ends[position + 1])
            found = self._rows[position] = frozenset(self._ids[start:end].tolist())
        return found


class _Postings(Mapping[int, Sequence[int]]):
    """Word id → the sentences having it, read from the BM25 index's columns (bm25s keeps, for
    each word, the sentences it scores: those that have it)."""

    def __init__(self, indptr: Any, indices: Any) -> None:
        self._indptr = indptr
        self._indices = indices

    def __getitem__(self, word: int) -> Sequence[int]:
        if not 0 <= word < len(self._indptr) - 1:
            raise KeyError(word)
        start, end = int(self._indptr[word]), int(self._indptr[word + 1])
        return sorted(self._indices[start:end].tolist())

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self._indptr) - 1))

    def __len__(self) -> int:
        return len(self._indptr) - 1
