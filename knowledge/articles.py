"""Articles as text: identity, title, paragraphs, publication date, and the furniture that
carries no facts (boilerplate lines, bylines and credit lines, datelines, section kickers)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from knowledge.answer.text import truncate
from knowledge.dates import TIME_LINE, date_line, leading_date, parse_date, parse_iso

_BOILERPLATE = [
    r"updated(?: at)?(?: \d{1,2}[.:]\d{2}(?: [A-Z]{2,4})?)?",
    r"source link",
    r"read (?:the|our|all of|more)\b.*\bhere:?",
    r"(?:read more|more on this|related|see also|listen|watch):.*",
    r"you can read\b.*",
    r"(?:related story|in case you missed it|read more|watch|listen)\s*\|.*",
    r".* writes? for (?:the )?[A-Z][\w ]+\.?",
    r".*\bcontributed to this report\.?",
    r"(?:[A-Z][a-z]+ )*(?:reported|reporting) from [A-Z].*",
    r"(?:additional )?(?:reporting|writing|editing|interview|interviewed|compiled|photographs?)"
    r" by [A-Z].*",
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
    r"you can (?:reach|contact|email|follow) (?:me|us)\b.*",
    r"(?:that[’']s it|that is all) for (?:this|today|tonight)\b.*",
    r"the next (?:briefing|newsletter|edition) (?:is|will be)\b.*",
    r"the day so far|summary(?: of the day)?|opening summary|key events",
    r"end(?: \d{1,2}[.:]\d{2}.*)?",
    r"share|advertisement|sign up\b.*|subscribe\b.*|opinion",
]
_BOILERPLATE_RE = re.compile(r"^\s*(?:" + "|".join(_BOILERPLATE) + r")\s*$", re.IGNORECASE)
# "By Karim Haddad and Laura Pennington", "By Hannah Whitfield, diplomatic correspondent":
# case matters here, so "By Friday, the talks had ended." stays news.
_WORD = r"[A-Z][\w.'’-]*"
_BYLINE_RE = re.compile(
    rf"^\s*(?:[Bb]y|BY) {_WORD}(?: {_WORD}){{0,3}}(?:(?:,| and| &) {_WORD}(?: {_WORD}){{0,3}})*"
    r"(?:,? (?:in|for|at) [A-Z][\w ]+)?"
    r"(?:, (?:[a-z]+ ){0,3}(?:correspondent|editor|reporter|writer|columnist|contributor))?\s*$"
)
# Boilerplate is a short line (the longest in the seeds, a byline, has 239 characters); longer
# lines are not tried, as some patterns take time quadratic in a line's length.
_MAX_BOILERPLATE_CHARS = 400
# A line of names alone near the top, "Tom Ellery and Lucy Marsh": a byline without "By".
_NAME = r"[A-Z][a-z’'-]+(?: [A-Z]\.)?(?: [A-Z][a-z’'-]+){1,2}"
_NAMES_LINE = re.compile(rf"^\s*{_NAME}(?:(?:,| and| &) {_NAME})*\s*$")
_BYLINE_ZONE = 4  # paragraphs from the top where a line of names is a byline
_STAFF_NAME = re.compile(r"\b[A-Z][a-z’'-]+(?: [A-Z]\.)?(?: (?:[A-Z][a-z’'-]+|van|von|de)){1,3}\b")
_NOT_STAFF_WORDS = frozenset({"Associated", "Press", "Reuters", "Additional", "Editing", "Writing"})
# A dateline: the place (and agency) before a dash that open a wire story's first paragraph:
# "ABU DHABI —", "KYIV, Ukraine (AP) —", "MOSCOW (Reuters) -".
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]*[A-Z.](?:, [A-Z][A-Za-z.'’ -]*[a-z.])?)"
    r"(?: \((?P<agency>[A-Za-z. ]+)\))? ?[—–-]{1,2} (?=\S)"
)
# A section kicker opening a paragraph of a roundup: "Bodies returned. Ukraine received …".
_KICKER = re.compile(r"^(?P<kicker>[A-Z][\w’'-]*(?: [\w’'-]+){1,5}[.?]) (?=[A-Z“\"])")
# A roundup opens most paragraphs with a kicker, at least this many.
_MIN_KICKERS = 3
_FRONT_MATTER = re.compile(r"\A\ufeff?\s*---[ \t]*\n(?P<body>(?:.*\n)*?)---[ \t]*(?:\n|\Z)")
_FRONT_MATTER_LINE = re.compile(r"^\s*(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*?)\s*$")


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
    """An article's text and identity; `sha256` is of the UTF-8 text and makes ingest idempotent.

    `published` is the ISO publication date when one is known (front matter, a leading date
    line, or `ingest --published`); `outlet`, `url` and `author` come from front matter or a
    web page's metadata (knowledge/intake/page.py)."""

    id: str
    title: str
    text: str
    sha256: str
    path: str = ""
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Furniture:
    """What an article's layout says beside its news: where it was filed (its dateline's
    place, and the dateline's character range), who wrote it (names of bylines and credit
    lines), and the character ranges inside news paragraphs that are layout, not prose (a
    roundup's section kickers). The dateline stays in the text, which reads better with it,
    but its words are no actors."""

    place: str | None = None
    staff: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()
    dateline: tuple[int, int] | None = None


def content_hash(text: str) -> str:
    """The identity of an article's content, insensitive to line-ending and edge whitespace."""
    normalized = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def is_boilerplate(line: str) -> bool:
    """Whether a line is publishing furniture ("Updated", "Source link", bylines, hand-overs,
    a date or time stamp alone)."""
    if len(line) > _MAX_BOILERPLATE_CHARS:
        return False
    return (
        bool(_BOILERPLATE_RE.match(line) or _BYLINE_RE.match(line) or TIME_LINE.match(line))
        or date_line(line) is not None
    )


def looks_like_headline(line: str) -> bool:
    """A short line with no closing full stop: a headline or a live-blog entry title."""
    stripped = line.strip()
    words = stripped.split()
    return 2 <= len(words) <= 22 and not stripped.endswith((".", ":", "”", '"', "?", "!"))


def split_paragraphs(text: str) -> list[Paragraph]:
    """Every non-empty line, numbered from 1, with its offset and whether it is boilerplate
    (including a line of names alone near the top, and a line about one of the byline's
    writers: "Margaret Ellison is a senior fellow …")."""
    paragraphs: list[Paragraph] = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group(0)
        if not line.strip():
            continue
        index = len(paragraphs) + 1
        boilerplate = is_boilerplate(line) or (
            index <= _BYLINE_ZONE and index > 1 and bool(_NAMES_LINE.match(line))
        )
        paragraphs.append(Paragraph(index, line, match.start(), boilerplate))
    staff = _staff_names(paragraphs)
    if not staff:
        return paragraphs
    return [
        Paragraph(p.index, p.text, p.start, True)
        if not p.boilerplate and _about_staff(p.text, staff)
        else p
        for p in paragraphs
    ]


def _staff_names(paragraphs: list[Paragraph]) -> list[str]:
    """The names in an article's bylines and credit lines."""
    names: list[str] = []
    for paragraph in paragraphs:
        if not paragraph.boilerplate or len(paragraph.text) > _MAX_BOILERPLATE_CHARS:
            continue
        credit = re.search(
            r"\b(?:by|reported|reporting|contributed|taking over|handing)\b",
            paragraph.text,
            re.IGNORECASE,
        )
        if credit is None and not _NAMES_LINE.match(paragraph.text):
            continue
        for found in _STAFF_NAME.finditer(paragraph.text):
            before = paragraph.text[: found.start()].split()
            places = (
                {"in", "at", "from"} if re.search(r"\breport", paragraph.text) else {"in", "at"}
            )
            if before and before[-1].lower() in places:
                continue  # "reported from Abu Dhabi", "Hanna Kovalchuk in Kyiv"
            words = found.group(0).split()
            while words and (
                words[0] in _NOT_STAFF_WORDS | {"By", "Interview"}
                or "’" in words[0]
                or "'" in words[0]
            ):
                words = words[1:]
            if len(words) >= 2 and not any(w in _NOT_STAFF_WORDS for w in words):
                names.append(" ".join(words))
    return list(dict.fromkeys(names))


def _about_staff(line: str, staff: list[str]) -> bool:
    """A short line that opens with a writer's name and says who they are."""
    return len(line.split()) <= 40 and any(
        re.match(re.escape(name) + r",? (?:is|was|has been)\b", line.strip()) for name in staff
    )


def furniture(text: str) -> Furniture:
    """The dateline, staff names and layout spans of an article's text."""
    paragraphs = split_paragraphs(text)
    staff = _staff_names(paragraphs)
    news = [p for p in paragraphs if not p.boilerplate]
    place: str | None = None
    dateline: tuple[int, int] | None = None
    spans: list[tuple[int, int]] = []
    for paragraph in news[:3]:
        found = _DATELINE.match(paragraph.text)
        if found is not None and not looks_like_headline(paragraph.text):
            place = _title_case(found["place"])
            dateline = (paragraph.start, paragraph.start + found.end())
            break
    kickers = [
        (p, k)
        for p in news
        if (k := _KICKER.match(p.text)) and len(p.text.split()) > 8 and p.index > 1
    ]
    if len(kickers) >= _MIN_KICKERS and 2 * len(kickers) >= len(news) - 1:
        spans.extend((p.start, p.start + k.end("kicker")) for p, k in kickers)
    return Furniture(place, tuple(staff), tuple(spans), dateline)


def _title_case(place: str) -> str:
    """ "ABU DHABI" → "Abu Dhabi"; "ANCHORAGE, Alaska" → "Anchorage, Alaska"."""
    parts = place.split(", ")
    parts[0] = " ".join(w.capitalize() if w.isupper() else w for w in parts[0].split())
    return ", ".join(parts)


def article_title(text: str, limit: int = 120) -> str:
    """The first real line of the article: not boilerplate, not a stray lowercase fragment."""
    for paragraph in split_paragraphs(text):
        line = paragraph.text.strip()
        if paragraph.boilerplate or len(line.split()) < 3 or not line[0].isupper():
            continue
        first_sentence = re.split(r"(?<=[a-z]{2}[.!?])\s+(?=[A-Z“\"])", line, maxsplit=1)[0]
        return truncate(first_sentence, limit)
    return text.strip()[:limit] or "(empty article)"


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple front matter (`---`, `key: value` lines, `---`) and the text after it; no front
    matter: ({}, the text). Keys are lower case; quotes around a value are dropped."""
    found = _FRONT_MATTER.match(text)
    if found is None:
        return {}, text
    meta: dict[str, str] = {}
    for line in found["body"].splitlines():
        if not line.strip():
            continue
        entry = _FRONT_MATTER_LINE.match(line)
        if entry is None:
            return {}, text  # not front matter after all: some line is no `key: value`
        meta[entry["key"].lower()] = entry["value"].strip("\"'")
    return meta, text[found.end() :]


def publication_date(value: str | None) -> str | None:
    """An ISO date from a written one ("2025-11-25", "25 November 2025", "Nov. 25, 2025")."""
    if not value:
        return None
    found = parse_iso(value) or parse_date(value)
    return found.isoformat() if found else None


def make_article(
    article_id: str, text: str, path: str = "", published: str | None = None
) -> Article:
    """An `Article` from a file's text, with title, content hash and metadata worked out.

    Front matter gives the title, outlet, URL, author and publication date, and is not part of the
    article's text; otherwise the date is that of a leading date line. `published`, when
    given, is the date whatever the text says."""
    meta, body = split_front_matter(text)
    date = publication_date(published) or publication_date(meta.get("published"))
    if date is None:
        date = publication_date(meta.get("date")) or leading_date(
            [p.text for p in split_paragraphs(body)]
        )
    return Article(
        id=article_id,
        title=meta.get("title") or article_title(body),
        text=body,
        sha256=content_hash(body),
        path=path,
        published=date,
        outlet=meta.get("outlet") or None,
        url=meta.get("url") or None,
        author=meta.get("author") or None,
    )
