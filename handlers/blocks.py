"""Block Kit messages for answers: pure functions, no Slack API calls.

    answer_message(answer, share_button=True)   # {"text": fallback, "blocks": [...]}
    answer_message(answer, offset=5)            # the next page, for "Show N more"
    error_message("The fact base is not ready yet.")

Layout of an answer, top to bottom: a `header` restating the question in the asker's words (never
the stems the router matched on); the notes (what a fuzzy name was matched to) as a context
line; "Facts 1–5 of 12" when there is more than one page; per fact a section (names and numbers
in bold, an overflow menu with "Report a wrong fact") and a context line citing its first source
("sentence" — _title_ ¶N · +N more sources; a quote's citation gives the source only, the quote
being the fact's own line); any cited evidence sentences (`Answer.evidence`, when the answer
has them), counted in the same page; "Show N more" (and "Show as picture" on meeting answers);
"You could ask:" with one button per suggestion; the "Share in channel" button; "Shared by <@U…>".

A page holds at most `PAGE_FACTS` facts and about `PAGE_CHARS` visible characters (at least one
fact, however long): "Show N more" pages in place (the click replaces the message through its
response URL) or, where replacing would push the thread or the DM around (`paging="modal"`),
opens a modal with all of them (handlers/views.py).

Slack's limits hold whatever the answer holds (handlers/kit.py). The only live mention is
"Shared by <@U…>", built from a checked user ID. Button values are data sent back to us, never
shown: the neutralized question, unescaped, so the handler asks exactly what was shown.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from handlers.evidence import evidence_blocks
from handlers.kit import (
    MAX_BLOCKS,
    MAX_BUTTON_VALUE_CHARS,
    MAX_TEXT_CHARS,
    actions,
    bold,
    button,
    clean,
    context,
    escape,
    fallback_text,
    header,
    italic,
    mrkdwn,
    overflow,
    section,
    text_object,
)
from handlers.surface import (
    FACT_MENU_PREFIX,
    PICTURE_ACTION_ID,
    REPORT_OPTION_PREFIX,
    SHARE_ACTION_ID,
    SHOW_ALL_ACTION_ID,
    SHOW_MORE_ACTION_ID,
    SUGGESTION_ACTION_PREFIX,
    is_user_id,
    mention,
)
from knowledge.answer import (
    Answer,
    AnswerFact,
    Evidence,
    cite,
    describe_fact,
    neutralize_markup,
    truncate,
)
from knowledge.answer.text import join, upper_first
from knowledge.fact_ids import fact_id
from knowledge.facts import Actor, Figure, Meeting, Quote, Role, Source, Statement

__all__ = [
    "PAGE_CHARS",
    "PAGE_FACTS",
    "Part",
    "answer_message",
    "answer_parts",
    "error_message",
    "escape",
    "notice_message",
    "page_end",
    "restate",
    "with_note",
]

# Every kind of question, with an example, and the other ways to ask: the help and the
# welcome. Examples of phrasing, not facts: they name people the news is about.
HELP_LINES = (
    "*Who met whom*: `who met Witkoff?` · `where did Umerov meet Kushner?` · "
    "`when did Trump call Putin?`\n*Who is who*: `who is Umerov?`\n"
    "*What was said*: `what did Zelensky say about security guarantees?`\n"
    "*Numbers*: `how many drones were launched?`\n*About someone*: `Witkoff`\n"
    "*Anything else* is searched in the articles: `prisoner exchange`",
    "*Pictures*: `/ukraine map Witkoff` (who met whom) · `/ukraine timeline Putin`\n"
    "*Digests*: `/ukraine digest` · `/ukraine subscribe` (a form) or "
    "`/ukraine subscribe every weekday at 9`",
    "*Ways to ask*: `/ukraine QUESTION` anywhere (only you see the answer, with a Share "
    "button) · mention @ukraine-bot in a channel (the answer comes in the thread) · a direct "
    "message to me · *Share in channel* under a private answer.",
)

PAGE_FACTS = 5
PAGE_CHARS = 1500

# Tighter than Slack's limits, for reading: a fact is a line, a cited sentence a sentence.
_MAX_FACT_CHARS = 1000
_MAX_SENTENCE_CHARS = 500
_MAX_TITLE_CHARS = 150
_MAX_NOTE_CHARS = 300

Paging = Literal["in_place", "modal"]

# A question starting with one of these gets its "?" in the header when the asker left it off.
_QUESTION_WORDS = frozenset(
    {"who", "whom", "whose", "what", "when", "where", "which", "why", "how", "did", "does"}
    | {"do", "is", "are", "was", "were", "has", "have", "had", "can", "could", "will", "would"}
)


@dataclass(frozen=True)
class Part:
    """One item of an answer as blocks: a fact (its line and citation) or a piece of evidence;
    `chars` is what a reader sees of it, `line` its plain text for the fallback."""

    blocks: list[dict[str, Any]]
    chars: int
    line: str


def answer_message(
    answer: Answer,
    *,
    share_button: bool = False,
    shared_by: str | None = None,
    offset: int = 0,
    paging: Paging = "in_place",
) -> dict[str, Any]:
    """The answer as a Slack message: `{"text": plain fallback, "blocks": [...]}`, the page
    starting at fact `offset`.

    With `share_button`, a primary "Share in channel" button (action `share_answer`, value the
    question); with `shared_by` (a Slack user ID), a "Shared by <@USER>" line. Suggestions are
    buttons (action `ask_suggestion:<i>`, value the suggested question) so a click asks them.
    """
    parts = answer_parts(answer)
    offset = max(0, min(offset, max(len(parts) - 1, 0)))
    end = page_end(parts, offset)
    found = max(answer.total, len(answer.facts)) + (len(parts) - len(answer.facts))
    title = restate(answer)
    blocks: list[dict[str, Any]] = [header(title)]
    lines = [title]
    notes = [n for n in (_note_text(note) for note in answer.notes) if n]
    if notes and offset == 0:
        blocks.append(context([mrkdwn(truncate(n, _MAX_NOTE_CHARS), 1500) for n in notes]))
        lines.extend(notes)
    if not parts:
        body = clean(answer.heading)
        if body:
            blocks.append(section(mrkdwn(body, MAX_TEXT_CHARS)))
            lines.append(body)
        if answer.intent == "help":
            blocks.extend(section(text) for text in HELP_LINES)
            lines.extend(HELP_LINES)
    else:
        about = _about(answer, notes)
        counted = f"Facts {offset + 1}–{end} of {found}" if found > end - offset else ""
        if about or counted:
            blocks.append(context([mrkdwn(about, 1500), counted]))
            lines.append(" · ".join(x for x in (about, counted) if x))
    for part in parts[offset:end]:
        blocks.extend(part.blocks)
        lines.append(f"• {part.line}")
    more = _more_buttons(answer, parts, end, paging, shared_by)
    if more:
        blocks.append(actions(more))
    if end < len(parts):
        lines.append(f"…{len(parts) - end} more: {more[0]['text']['text']}.")
    if end == len(parts) and found > len(parts):
        blocks.append(context([f"…and {found - len(parts)} more not shown."]))
    blocks.extend(_closing(answer, share_button, shared_by, lines))
    return {"text": fallback_text("\n".join(lines)), "blocks": blocks[:MAX_BLOCKS]}


def answer_parts(answer: Answer) -> list[Part]:
    """Every fact of the answer as a `Part`, then its evidence sentences (when it has any)."""
    parts = [_fact_part(item, i) for i, item in enumerate(answer.facts)]
    parts.extend(_evidence_part(answer, item, i == 0) for i, item in enumerate(answer.evidence))
    return parts


def page_end(parts: Sequence[Part], offset: int) -> int:
    """Where the page starting at `offset` ends: at most `PAGE_FACTS` parts of at most
    `PAGE_CHARS` visible characters in all, and at least one part."""
    end, chars = offset, 0
    while end < len(parts) and end - offset < PAGE_FACTS:
        chars += parts[end].chars
        if end > offset and chars > PAGE_CHARS:
            break
        end += 1
    return end


def restate(answer: Answer) -> str:
    """The question in the asker's words, for the header: "Who met Steve Witkoff?"."""
    if answer.intent == "help":
        return "What you can ask me"
    question = clean(answer.question).rstrip(" ,;:")
    if not question:
        return "Your question"
    words = question.lower().split()
    if question[-1] not in "?.!" and words[0] in _QUESTION_WORDS:
        question += "?"
    return upper_first(question)


def more_value(question: str, offset: int, shared_by: str | None = None) -> str:
    """What "Show N more" carries back: the question, where the next page starts, and who had
    shared the message (so the next page still says so)."""
    data: dict[str, Any] = {"q": clean(question)[:1500], "o": offset}
    if shared_by and is_user_id(shared_by):
        data["s"] = shared_by
    return json.dumps(data, ensure_ascii=False)[:MAX_BUTTON_VALUE_CHARS]


def read_more_value(value: str) -> tuple[str, int, str | None]:
    """(question, offset, shared by) from a "Show N more" value; ("", 0, None) if unreadable."""
    try:
        data = json.loads(value)
        question, offset = str(data["q"]), int(data.get("o", 0))
    except (ValueError, KeyError, TypeError):
        return "", 0, None
    shared = data.get("s")
    if not (isinstance(shared, str) and is_user_id(shared)):
        shared = None
    return question, max(0, offset), shared


def error_message(text: str) -> dict[str, Any]:
    """A plain one-section message for when something goes wrong; the text is escaped."""
    plain = neutralize_markup(text).strip() or "Something went wrong."
    return {"text": fallback_text(plain), "blocks": [section(mrkdwn(plain, MAX_TEXT_CHARS))]}


def with_note(message: dict[str, Any], note: str) -> dict[str, Any]:
    """`message` with a context line of the bot's own words first (not escaped: `note` is ours),
    within Slack's 50 blocks."""
    first = {"type": "context", "elements": [text_object(note[:MAX_TEXT_CHARS])]}
    return {**message, "blocks": [first, *message["blocks"]][:MAX_BLOCKS]}


def notice_message(lines: Sequence[str]) -> dict[str, Any]:
    """The bot's own sentences as one message, not escaped: for text whose only markup is
    mentions and channel links the caller built from checked IDs (`<@U…>`, `<#C…>`)."""
    text = "\n".join(lines)[:MAX_TEXT_CHARS]
    return {"text": text, "blocks": [section(text)]}


# --- Pieces -----------------------------------------------------------------------------------


def _more_buttons(
    answer: Answer, parts: Sequence[Part], end: int, paging: Paging, shared_by: str | None
) -> list[dict[str, Any]]:
    """ "Show N more" when facts are left, and "Show as picture" on a meeting answer."""
    found: list[dict[str, Any]] = []
    if end < len(parts):
        if paging == "modal":
            count = len(parts) - end
            found.append(
                button(
                    f"Show {count} more",
                    SHOW_ALL_ACTION_ID,
                    more_value(answer.question, 0),
                    accessibility=f"Open all {len(parts)} facts of this answer in a window",
                )
            )
        else:
            count = page_end(parts, end) - end
            found.append(
                button(
                    f"Show {count} more",
                    SHOW_MORE_ACTION_ID,
                    more_value(answer.question, end, shared_by),
                    accessibility=f"Show the next {count} facts of this answer here",
                )
            )
    actors = [m.name for m in answer.matched]
    if answer.intent == "meeting" and answer.facts and actors:
        found.append(
            button(
                "Show as picture",
                PICTURE_ACTION_ID,
                actors[0],
                accessibility=f"Post a picture of who met {actors[0]}",
            )
        )
    return found


def _closing(
    answer: Answer, share_button: bool, shared_by: str | None, lines: list[str]
) -> list[dict[str, Any]]:
    """The suggestions, the Share button and "Shared by", with their fallback lines."""
    blocks: list[dict[str, Any]] = []
    suggestions = [s for s in (clean(s) for s in answer.suggestions) if s][:25]
    if suggestions:
        blocks.append(section("You could ask:"))
        blocks.append(
            actions(
                [
                    button(s, f"{SUGGESTION_ACTION_PREFIX}{i}", s, accessibility=f"Ask: {s}")
                    for i, s in enumerate(suggestions)
                ]
            )
        )
        lines.append("You could ask:")
        lines.extend(f"• {s}" for s in suggestions)
    if share_button:
        share = button(
            "Share in channel",
            SHARE_ACTION_ID,
            answer.question,
            primary=True,
            accessibility="Post this answer for everyone in the channel",
        )
        blocks.append(actions([share]))
    if shared_by:
        blocks.append(context([f"Shared by {_mention(shared_by)}"]))
    return blocks


def _about(answer: Answer, notes: Sequence[str]) -> str:
    """ "About Steve Witkoff and Vladimir Putin": the actors the question named, as the fact
    base calls them, unless a note already says what a name was matched to."""
    names = [m.name for m in answer.matched if not any(m.name in note for note in notes)]
    names = list(dict.fromkeys(names))
    return f"About {join(names)}" if names else ""


def _note_text(note: str) -> str:
    """A note without the parentheses `to_text` puts round it: "witkof → Steve Witkoff"."""
    text = clean(note)
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    return text


def _fact_part(item: AnswerFact, number: int) -> Part:
    """A fact's line, with its "Report a wrong fact" menu, and its citation."""
    line = fact_text(item)
    quoted = isinstance(item.fact, Quote | Statement)
    citation = source_text(item.fact.sources, sentence=not quoted)
    menu = overflow(
        f"{FACT_MENU_PREFIX}{number}",
        [("Report a wrong fact", f"{REPORT_OPTION_PREFIX}{_fact_id(item)}")],
    )
    blocks = [section(line, accessory=menu), context([citation])]
    plain = clean(describe_fact(item))
    return Part(blocks, len(line) + len(citation), plain)


def _fact_id(item: AnswerFact) -> str:
    return fact_id(item.fact, item.actor if isinstance(item.fact, Role) else None)


def _evidence_part(answer: Answer, item: Evidence, first: bool) -> Part:
    """A cited evidence sentence as handlers/evidence.py renders it (its answer part in bold,
    its citation); the first one after facts under the evidence heading."""
    alone = replace(answer, facts=answer.facts if first else [], evidence=[item])
    blocks = evidence_blocks(alone, room=3)
    plain = clean(item.sentence.text)
    chars = sum(len(b["text"]["text"]) for b in blocks if b["type"] == "section")
    chars += sum(len(e["text"]) for b in blocks if b["type"] == "context" for e in b["elements"])
    return Part(blocks, chars, plain)


def fact_text(item: AnswerFact) -> str:
    """A fact's line as mrkdwn: the people in it, or a figure's number, in bold."""
    plain = truncate(clean(describe_fact(item)), _MAX_FACT_CHARS)
    return mrkdwn(plain, MAX_TEXT_CHARS, _emphasis(item, plain))


def _emphasis(item: AnswerFact, plain: str) -> list[str]:
    """What to bold in a fact's line: the people in it, or a figure's number."""
    fact = item.fact
    if isinstance(fact, Meeting):
        return item.counterparts() or list(fact.participants)
    if isinstance(fact, Figure):
        return [plain.split(" — ", 1)[0]]
    if isinstance(fact, Quote | Statement):
        return [fact.speaker]
    if isinstance(fact, Role):
        return [item.actor] if item.actor else []
    if isinstance(fact, Actor):
        return [fact.name]
    return []


def source_text(sources: Sequence[Source], *, reach: bool = False, sentence: bool = True) -> str:
    """ "sentence" — title ¶N · +N more sources, for the first of a fact's sources; without
    `sentence`, the source only (a quote's words are its own line already); with `reach`, how
    many articles reported the fact when more than one did."""
    citation = cite(
        sources, title_chars=_MAX_TITLE_CHARS, sentence_chars=_MAX_SENTENCE_CHARS, clean=clean
    )
    if citation is None:
        return "No source recorded."
    parts: list[str] = []
    if citation.sentence and sentence:
        parts.append(f'"{mrkdwn(citation.sentence, 1500)}"')
    title = citation.title or truncate(clean(citation.source.article_id), _MAX_TITLE_CHARS)
    label = (
        citation.label
        if citation.outlet
        else ", ".join(part for part in (title, citation.date) if part)
    )
    where = mrkdwn(label, 600)
    # The article's link (render.safe_url: http(s), no spaces, no <, >, |), else in italics.
    where = f"<{_slack_url(citation.url)}|{where}>" if citation.url else italic(where)
    if not citation.outlet:
        where += f" ¶{citation.source.paragraph}"
    parts.append(where.lstrip())
    text = " — ".join(parts)
    if citation.more:
        text += f" · {citation.more_sources}"
        if citation.also:
            text += " (also " + mrkdwn(", ".join(citation.also), 300) + ")"
    if reach and citation.articles > 1:
        text += f" · reported by {citation.articles} articles"
    return text


def heading_text(text: str) -> str:
    """A bold one-line heading of our own words or an article's, escaped."""
    return bold(mrkdwn(clean(text), MAX_TEXT_CHARS - 2))


def _slack_url(url: str) -> str:
    """A URL as Slack's link syntax wants it: `&`, `<`, `>` escaped (render.safe_url has
    already refused spaces, `<`, `>` and `|`)."""
    return url.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _mention(user_id: str) -> str:
    if is_user_id(user_id):
        return mention(user_id)
    return mrkdwn(clean(user_id), 200) or "someone"
