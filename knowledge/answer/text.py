"""Text forms the answer path compares and shows: folding, stems, tokens, truncation, Slack markup.

One copy of each, read by the index (facts side) and the question analysis (question side), so a
word written in a question and the same word in a fact always fold and stem alike.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from knowledge.names import ascii_fold

TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*")
_WORD_RE = re.compile(r"\w+")

fold = ascii_fold  # lower-case ASCII: "Erdoğan" → "erdogan", curly quotes → straight ones


@lru_cache(maxsize=65536)
def _cached_stem(word: str) -> str:
    return stem(word)


def stem(word: str) -> str:
    """A crude English stem, enough to match "drones"/"drone" and "killed"/"kill"."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    return word


def norm_token(surface: str) -> str:
    """A word as compared: folded, without a possessive "'s" or apostrophes."""
    token = fold(surface)
    token = re.sub(r"'s$", "", token)
    return token.replace("'", "")


def name_tokens(name: str) -> list[str]:
    """Every word of a name as compared (`norm_token`), empty ones included."""
    return [norm_token(t) for t in TOKEN_RE.findall(name)]


def name_words(name: str) -> list[str]:
    """The words of a name as compared, without the ones that fold to nothing."""
    return [t for t in name_tokens(name) if t]


def name_keys(words: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The keys a name is indexed and looked up under, in the order they are tried: its words
    as written, the same words sorted (any word order), and their stems ("Zelenskyy's")."""
    return (tuple(words), tuple(sorted(words)), tuple(stem(w) for w in words))


@lru_cache(maxsize=65536)
def text_stems(text: str) -> frozenset[str]:
    """Stems of every word in a text; possessives and contractions leave harmless fragments."""
    return frozenset(_cached_stem(word) for word in _WORD_RE.findall(fold(text)))


def with_prefix(sorted_words: Sequence[str], prefix: str) -> Sequence[str]:
    """The words of a sorted list that start with `prefix`: a slice found by bisection, so a
    look-up compares a few words, not the whole vocabulary."""
    start = bisect.bisect_left(sorted_words, prefix)
    end = bisect.bisect_left(sorted_words, prefix + "\uffff", start)
    return sorted_words[start:end]


@dataclass(frozen=True)
class Token:
    """A word of the question: as written, as compared (`norm`), its stem and position."""

    surface: str
    norm: str
    stem: str
    index: int
    capitalized: bool


def tokenize(text: str) -> list[Token]:
    """The question's words; "who's" and "what's" are two words, "who" or "what" and "is"."""
    tokens: list[Token] = []
    for match in TOKEN_RE.finditer(text):
        surface = match.group(0)
        folded = fold(surface)
        parts: list[tuple[str, str]]
        if folded in ("who's", "what's", "where's", "whos", "whats"):
            parts = [(surface, folded.replace("'", "").removesuffix("s")), ("is", "is")]
        else:
            parts = [(surface, norm_token(surface))]
        for part_surface, norm in parts:
            if not norm:
                continue
            tokens.append(
                Token(
                    surface=part_surface,
                    norm=norm,
                    stem=stem(norm),
                    index=len(tokens),
                    capitalized=part_surface[:1].isupper(),
                )
            )
    return tokens


def truncate(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, with "…" when cut.

    The cut falls on the last space or line break of the second half, so a word is not split
    unless it is longer than half the limit. Used for every cut text: questions, citations,
    titles, Block Kit texts.
    """
    if len(text) <= limit:
        return text
    if limit <= 1:
        return "…"
    cut = text[: limit - 1]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def one_line(text: str) -> str:
    """Runs of white space, line breaks included, as one space."""
    return " ".join(text.split())


def join(items: Sequence[str], conjunction: str = "and") -> str:
    """Items as an English list, empty ones left out: "A, B and C"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def upper_first(text: str) -> str:
    """`text` with its first letter upper-cased (a heading made from a description)."""
    return f"{text[0].upper()}{text[1:]}"


# Slack markup

MARKUP_RE = re.compile(r"<([^<>\n]{0,400})>")
_SPECIAL_MENTIONS = ("channel", "here", "everyone")


def _markup_replacement(inner: str, for_matching: bool) -> str:
    target, _, label = inner.partition("|")
    label = label.strip()
    if target.startswith("!"):
        name = target[1:].split("^", 1)[0]
        if for_matching:
            return " "
        if name in _SPECIAL_MENTIONS:
            return f"@{name}"
        if name == "subteam":
            return f"@{label.lstrip('@')}" if label else "@group"
        return label or name
    if target.startswith("@"):
        return " " if for_matching else f"@{label.lstrip('@')}" if label else "@user"
    if target.startswith("#"):
        return " " if for_matching else f"#{label.lstrip('#')}" if label else "#channel"
    if for_matching:
        return " "
    return label or target


def neutralize_markup(text: str, *, for_matching: bool = False) -> str:
    """Slack markup rendered as inert plain text: `<!channel>` → "@channel", `<@U1>` → "@user".

    Links keep their label. No angle brackets survive, so nothing echoed back can notify anyone.
    With `for_matching`, mentions and bare links are removed so that ids never match a name.
    """

    def replace(match: re.Match[str]) -> str:
        return _markup_replacement(match.group(1), for_matching)

    text = MARKUP_RE.sub(replace, text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    text = MARKUP_RE.sub(replace, text)
    return text.replace("<", "").replace(">", "")
