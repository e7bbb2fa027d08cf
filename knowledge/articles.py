"""Articles as text: identity, title, paragraphs, and the boilerplate lines that carry no facts."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from knowledge.answer.text import truncate

_BOILERPLATE = [
    r"updated",
    r"source link",
    r"read (?:the|our|all of|more)\b.*\bhere:?",
    r"you can read\b.*",
    r"(?:related story|in case you missed it|read more|watch|listen)\s*\|.*",
    r".* writes? for (?:the )?[A-Z][\w ]+\.?",
    r".*\bcontributed to this report\.?",
    r"(?:[A-Z][a-z]+ )*(?:reported|reporting) from [A-Z].*",
    r"this story was (?:initially|originally) reported .*",
    r"our editorial team .*",
    r"it[’']s [A-Z][\w ]+ here,? taking over .*",
    r"i[’']m (?:now )?handing (?:the|this) blog over .*",
    r"(?:good )?(?:morning|afternoon|evening)(?:/\w+)?[,.!]?.*depending where you are\.?",
    r"good (?:morning|afternoon|evening)[.!]?",
    r"here[’']s (?:some )?(?:footage|a video|the video|a clip)\b.*",
    r"a selection of images\b.*",
    r"we[’']re ending our live coverage\b.*",
    r"we will bring you .*",
    r"i[’']ll bring you .*",
    r"welcome to our live coverage\b.*",
    r"the day so far|summary|opening summary|key events",
    r"share|advertisement|sign up\b.*|subscribe\b.*",
]
_BOILERPLATE_RE = re.compile(r"^\s*(?:" + "|".join(_BOILERPLATE) + r")\s*$", re.IGNORECASE)
# Boilerplate is a short line (the longest in the seeds, a byline, has 239 characters); longer
# lines are not tried, as some patterns take time quadratic in a line's length.
_MAX_BOILERPLATE_CHARS = 400


@dataclass(frozen=True)
class Paragraph:
    """One non-empty line of an article; `index` is 1-based, `start` its offset in the text."""

    index: int
    text: str
    start: int
    boilerplate: bool

    @property
    def is_headline(self) -> bool:
        return looks_like_headline(self.text)


@dataclass(frozen=True)
class Article:
    """An article's text and identity; `sha256` is of the UTF-8 text and makes ingest idempotent."""

    id: str
    title: str
    text: str
    sha256: str
    path: str = ""


def content_hash(text: str) -> str:
    """The identity of an article's content, insensitive to line-ending and edge whitespace."""
    normalized = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def is_boilerplate(line: str) -> bool:
    """Whether a line is publishing furniture ("Updated", "Source link", bylines, hand-overs)."""
    return len(line) <= _MAX_BOILERPLATE_CHARS and bool(_BOILERPLATE_RE.match(line))


def looks_like_headline(line: str) -> bool:
    """A short line with no closing full stop: a headline or a live-blog entry title."""
    stripped = line.strip()
    words = stripped.split()
    return 2 <= len(words) <= 22 and not stripped.endswith((".", ":", "”", '"', "?", "!"))


def split_paragraphs(text: str) -> list[Paragraph]:
    """Every non-empty line, numbered from 1, with its offset and whether it is boilerplate."""
    paragraphs: list[Paragraph] = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group(0)
        if not line.strip():
            continue
        paragraphs.append(
            Paragraph(
                index=len(paragraphs) + 1,
                text=line,
                start=match.start(),
                boilerplate=is_boilerplate(line),
            )
        )
    return paragraphs


def article_title(text: str, limit: int = 120) -> str:
    """The first real line of the article: not boilerplate, not a stray lowercase fragment."""
    for paragraph in split_paragraphs(text):
        line = paragraph.text.strip()
        if paragraph.boilerplate or len(line.split()) < 3 or not line[0].isupper():
            continue
        first_sentence = re.split(r"(?<=[a-z]{2}[.!?])\s+(?=[A-Z“\"])", line, maxsplit=1)[0]
        return truncate(first_sentence, limit)
    return text.strip()[:limit] or "(empty article)"


def make_article(article_id: str, text: str, path: str = "") -> Article:
    """An `Article` from its text, with title and content hash worked out."""
    return Article(
        id=article_id, title=article_title(text), text=text, sha256=content_hash(text), path=path
    )
