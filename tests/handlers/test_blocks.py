"""Tests for handlers.blocks: answers as Block Kit within Slack's limits, with nothing live."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from handlers.blocks import answer_message, error_message, escape
from handlers.digest_blocks import digest_message, digest_summary
from knowledge.answer import Answer, AnswerFact, answer_question
from knowledge.digest import Digest, DigestSection
from knowledge.facts import FactBase, Figure, Quote
from tests.blockkit import check_message
from tests.factories import envoy_facts, rich_fact_base, src
from tests.slack_stub import texts

MARKUP = "<!channel> <!here> <@U0123ABC> <#C0123|general> <https://evil.example|click>"


def of_type(message: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [block for block in message["blocks"] if block["type"] == kind]


def block_text(block: dict[str, Any]) -> str:
    if block["type"] in {"section", "header"}:
        return str(block["text"]["text"])
    if block["type"] == "actions":
        return " | ".join(element["text"]["text"] for element in block["elements"])
    return " | ".join(element["text"] for element in block["elements"])


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [element for block in of_type(message, "actions") for element in block["elements"]]


def test_answer_message_shows_heading_notes_fact_and_source() -> None:
    answer = answer_question("who met witkof?", rich_fact_base())

    message = answer_message(answer)
    blocks = message["blocks"]

    check_message(message)
    assert [block["type"] for block in blocks] == [
        "header",
        "context",
        "section",
        "context",
        "actions",
    ]
    assert blocks[0]["text"] == {"type": "plain_text", "text": "Who met witkof?"}
    assert block_text(blocks[1]) == "witkof → Steve Witkoff"
    assert block_text(blocks[2]) == "*Vladimir Putin* — meeting in Moscow, Thursday (held)"
    assert block_text(blocks[3]) == (
        '"US special envoy Steve Witkoff met Russian President Vladimir Putin in Moscow."'
        " — _Witkoff meets Putin in Moscow_ ¶2"
    )


def test_answer_message_counts_more_sources() -> None:
    answer = answer_question("what did Witkoff say?", rich_fact_base())

    blocks = answer_message(answer)["blocks"]

    assert block_text(blocks[1]) == "About Steve Witkoff"  # the names as the base has them
    assert block_text(blocks[2]) == '*Steve Witkoff* said: "We had a productive meeting"'
    # A quote's citation is its source only: the quote is the line above it.
    assert block_text(blocks[3]) == "_Witkoff meets Putin in Moscow_ ¶3 · +1 more source"


def test_answer_message_bolds_a_figures_number() -> None:
    answer = answer_question("how many drones?", rich_fact_base())

    blocks = answer_message(answer)["blocks"]

    assert block_text(blocks[1]) == (
        "*at least 810 drones* — drones launched at Ukraine overnight (Russia)"
    )
    assert "¶2" in block_text(blocks[2])


def test_answer_message_says_a_fact_has_no_source() -> None:
    answer = answer_question("who met Putin?", rich_fact_base())

    lines = [block_text(block) for block in answer_message(answer)["blocks"]]

    assert "*Recep Tayyip Erdoğan* — talks (proposed)" in lines
    assert lines[lines.index("*Recep Tayyip Erdoğan* — talks (proposed)") + 1] == (
        "No source recorded."
    )


def test_answer_message_says_how_many_more_were_found() -> None:
    base = rich_fact_base()
    answer = Answer(
        question="what figures?",
        intent="figure",
        heading="Figures reported:",
        facts=[AnswerFact("figure", figure) for figure in base.figures],
        total=12,
    )

    last = answer_message(answer)["blocks"][-1]

    assert last == {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": "…and 10 more not shown.", "verbatim": True}],
    }


def test_share_button_only_when_asked_and_carries_the_question() -> None:
    answer = answer_question("who met witkof?", rich_fact_base())

    assert "share_answer" not in [b["action_id"] for b in buttons(answer_message(answer))]
    shared = buttons(answer_message(answer, share_button=True))[-1]

    assert shared == {
        "type": "button",
        "text": {"type": "plain_text", "text": "Share in channel"},
        "action_id": "share_answer",
        "value": "who met witkof?",
        "style": "primary",
        "accessibility_label": "Post this answer for everyone in the channel",
    }


def test_suggestions_are_buttons_that_ask_them() -> None:
    answer = answer_question("xyzzy plugh", rich_fact_base())
    assert answer.suggestions

    message = answer_message(answer)

    check_message(message)
    assert block_text(message["blocks"][0]) == "Xyzzy plugh"
    assert (
        block_text(message["blocks"][1]) == "I found nothing about 'xyzzy plugh' in the fact base."
    )
    assert block_text(message["blocks"][2]) == "You could ask:"
    assert [(b["action_id"], b["value"], b["text"]["text"]) for b in buttons(message)] == [
        (f"ask_suggestion:{i}", question, question) for i, question in enumerate(answer.suggestions)
    ]


def test_shared_by_mentions_a_user_id() -> None:
    answer = answer_question("who met witkof?", rich_fact_base())

    last = answer_message(answer, shared_by="U024BE7LH")["blocks"][-1]

    assert block_text(last) == "Shared by <@U024BE7LH>"


@pytest.mark.parametrize(
    ("shared_by", "shown"),
    [
        ("<!channel>", "Shared by @channel"),
        ("U123|x> <!here", "Shared by U123|x !here"),
        ("u024be7lh", "Shared by u024be7lh"),
        ("Bob & Alice", "Shared by Bob &amp; Alice"),
    ],
)
def test_shared_by_escapes_anything_but_a_user_id(shared_by: str, shown: str) -> None:
    answer = answer_question("who met witkof?", rich_fact_base())

    last = answer_message(answer, shared_by=shared_by)["blocks"][-1]

    assert block_text(last) == shown


def markup_base() -> FactBase:
    """The envoy article's facts, with Slack markup and an ampersand in what Witkoff said."""
    envoy = envoy_facts()
    sentence = f"{MARKUP} “Tell AT&T <b>now</b>,” Witkoff said."
    quote = Quote(
        speaker="Steve Witkoff",
        words=f"{MARKUP} Tell AT&T <b>now</b>",
        cue="said",
        sources=[src("envoy", 3, sentence)],
    )
    return FactBase(actors=envoy.actors, meetings=envoy.meetings, quotes=[quote])


def test_markup_in_question_and_sources_comes_out_inert() -> None:
    answer = answer_question(f"{MARKUP} what did Witkoff say?", markup_base())
    assert answer.facts

    message = answer_message(answer, share_button=True)

    for text in texts(message):
        assert "<" not in text and ">" not in text, text
    check_message(message)
    quote = block_text(message["blocks"][3])
    assert quote.startswith('*Steve Witkoff* said: "@channel @here @user #general click Tell')
    assert "AT&amp;T bnow/b" in quote
    assert "Slack mentions and links" in block_text(message["blocks"][1])
    assert block_text(message["blocks"][0]).startswith("@channel @here @user #general click")
    assert buttons(message)[-1]["value"] == answer.question
    assert answer.question == "@channel @here @user #general click what did Witkoff say?"


def test_escape_turns_markup_characters_into_entities() -> None:
    assert escape("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"


def test_error_message_is_one_escaped_section() -> None:
    message = error_message("Lookup failed for <!channel> & <@U0123ABC>")

    assert message == {
        "text": "Lookup failed for @channel &amp; @user",
        "blocks": [
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": "Lookup failed for @channel &amp; @user",
                    "verbatim": True,  # Slack finds no mention in "@channel" by itself
                },
            }
        ],
    }


def test_emphasis_characters_do_not_break_our_bold() -> None:
    figure = Figure(
        value=5.0, unit="*drones*", counts="_drones_ ~lost~ `x`", text="5 *drones*", sources=[]
    )
    answer = Answer(
        question="*bold* question",
        intent="figure",
        heading="Figures about '*drones*':",
        facts=[AnswerFact("figure", figure)],
        total=1,
    )

    blocks = answer_message(answer)["blocks"]

    assert block_text(blocks[0]) == "*bold* question"  # plain_text: Slack styles nothing
    assert block_text(blocks[1]) == "5 *drones* — _drones_ ~lost~ `x`"


LONG_SENTENCE = ("Witkoff & Putin <!channel> met again " * 400)[:10_000]
LONG_WORDS = "We had a productive meeting & more " * 300


def huge_answer(facts: int = 200) -> Answer:
    """200 quotes with 10 kB sentences, and too long a heading, notes and suggestions."""
    quotes = [
        Quote(
            speaker=f"Speaker {i}",
            words=LONG_WORDS,
            cue="said",
            sources=[src(f"article-{i}", i, LONG_SENTENCE), src("envoy", 2, "Another.")],
        )
        for i in range(facts)
    ]
    return Answer(
        question="what was said? " * 500,
        intent="quote",
        heading="Quotes " * 1000,
        notes=[f"(note {i} " + "x " * 2000 + ")" for i in range(30)],
        facts=[AnswerFact("quote", quote) for quote in quotes],
        suggestions=["Who met Steve Witkoff " * 200 for _ in range(40)],
        total=facts,
    )


def cut_on_a_word(shown: str, full: str) -> bool:
    """`shown` is `full` cut after a whole word, with "…"."""
    head = shown.removesuffix("…")
    return shown.endswith("…") and full.startswith(head) and full[len(head)] == " "


def test_answer_message_holds_slacks_limits_for_a_huge_answer() -> None:
    message = answer_message(huge_answer(), share_button=True, shared_by="U024BE7LH")
    blocks = message["blocks"]

    check_message(message, mentions=["<@U024BE7LH>"])
    assert len(message["text"]) <= 4000
    # Each fact is over the page's 1,500 characters alone: one fact a page.
    shown = sum(1 for block in blocks if block_text(block).startswith("*Speaker "))
    assert shown == 1
    assert "Facts 1–1 of 200" in [block_text(block) for block in blocks]
    assert buttons(message)[0]["text"]["text"] == "Show 1 more"
    assert len(of_type(message, "context")[0]["elements"]) == 10
    assert of_type(message, "context")[0]["elements"][-1]["text"] == "…and 21 more."
    assert len(buttons(message)) == 27  # Show more, 25 suggestions, Share
    assert block_text(blocks[-1]) == "Shared by <@U024BE7LH>"


def test_long_text_is_cut_on_a_word_boundary() -> None:
    message = answer_message(huge_answer(facts=3))
    heading, notes, _, fact, source = (block_text(block) for block in message["blocks"][:5])

    asked = "What was said? " + "what was said? " * 499
    assert len(heading) <= 150 and cut_on_a_word(heading, asked)
    assert cut_on_a_word(notes.split(" | ")[0], "note 0 " + "x " * 2000)
    prefix = '*Speaker 0* said: "'
    assert fact.startswith(prefix)
    assert cut_on_a_word(fact.removeprefix(prefix), escape(" ".join(LONG_WORDS.split())))
    assert source.startswith("_Witkoff &amp; Putin @channel met again")  # no sentence: a quote
    assert source.endswith("…_ ¶0 · +1 more source")
    suggestion = buttons(message)[1]
    assert cut_on_a_word(suggestion["text"]["text"], "Who met Steve Witkoff " * 200)
    assert suggestion["value"] == ("Who met Steve Witkoff " * 200)[:2000].rstrip()


def test_fallback_text_is_the_plain_answer_cut_to_4000() -> None:
    small = answer_question("who met witkof?", rich_fact_base())
    assert answer_message(small)["text"] == (
        "Who met witkof?\nwitkof → Steve Witkoff\n"
        "• Vladimir Putin — meeting in Moscow, Thursday (held)"
    )

    text = answer_message(huge_answer())["text"]

    assert 3500 < len(text) <= 4000
    assert text.endswith("…")
    assert text.startswith("What was said? what")


def test_answer_message_is_json_serialisable() -> None:
    for answer in (
        answer_question("Putin", rich_fact_base()),
        answer_question("help", rich_fact_base()),
        huge_answer(),
    ):
        message = answer_message(answer, share_button=True, shared_by="W123")

        assert json.loads(json.dumps(message)) == message


# --- Digests ----------------------------------------------------------------------------------


def huge_digest(per_section: int = 40) -> Digest:
    """Five full sections of quotes whose article text carries Slack markup."""
    sections = [
        DigestSection(
            title,
            [
                AnswerFact(
                    "quote",
                    Quote(
                        speaker=f"Speaker {n}",
                        words=f"{MARKUP} words {n}",
                        cue="said",
                        sources=[src(f"new-{n}", 1, f"{MARKUP} sentence {n}."), src("old", 2, "x")],
                    ),
                )
                for n in range(per_section)
            ],
            total=per_section + 7,
        )
        for title in ("Meetings held", "Meetings planned", "Key figures", "Quotes", "People")
    ]
    return Digest(
        since=datetime(2026, 11, 22, 9, tzinfo=UTC),
        until=datetime(2026, 11, 23, 9, tzinfo=UTC),
        articles=[(f"new-{n}", f"{MARKUP} title {n}") for n in range(15)],
        sections=sections,
    )


def test_digest_message_holds_slacks_limits_and_counts_what_it_left_out() -> None:
    message = digest_message(huge_digest())
    blocks = message["blocks"]

    assert len(blocks) <= 50
    for block in blocks:
        if block["type"] == "section":
            assert 0 < len(block["text"]["text"]) <= 3000
        else:
            assert block["type"] == "context" and 0 < len(block["elements"]) <= 10
    assert len(message["text"]) <= 4000
    shown = [block_text(b) for b in blocks]
    assert shown[0] == "*Digest: 15 new articles since 2026-11-22 09:00 UTC*"
    # 1 heading + 1 articles line + 5 × (title + 4 facts × 2 + "…and N more") = 52 > 50: 3 each.
    assert sum(1 for text in shown if text.startswith("*Speaker ")) == 15
    assert shown.count("…and 44 more.") == 5  # 47 in each section, 3 shown
    assert "reported by 2 articles" in " ".join(shown)
    for text in texts(message):
        assert "<!channel>" not in text and "<@U0123ABC>" not in text and "<#C0123" not in text


def test_an_empty_digest_says_so_and_shows_the_state_of_play() -> None:
    quote = AnswerFact(
        "quote", Quote("Steve Witkoff", "We made progress", "said", [src("a", 1, "s")])
    )
    digest = Digest(
        since=datetime(2026, 11, 22, 9, tzinfo=UTC),
        until=datetime(2026, 11, 23, 9, tzinfo=UTC),
        state_of_play=[quote],
    )

    shown = [block_text(b) for b in digest_message(digest)["blocks"]]

    assert shown[0] == "*Nothing new in the fact base since 2026-11-22 09:00 UTC.*"
    assert shown[1] == "*State of play, the most reported facts*"
    assert any("We made progress" in text for text in shown)


def test_digest_message_keeps_every_sections_count_of_what_it_left_out() -> None:
    """A short section can still have left facts out ("…and 1 more."): its line counts too."""
    digest = huge_digest(per_section=10)
    digest.sections[0].total = 10  # all ten listed when room allows
    for section in digest.sections[1:]:
        section.items, section.total = section.items[:3], 4

    blocks = digest_message(digest)["blocks"]

    assert len(blocks) <= 50
    shown = [block_text(block) for block in blocks]
    assert shown.count("…and 1 more.") == 4  # none cut off by the 50-block limit
    assert shown[-1] == "…and 1 more."


def test_the_digests_channel_post_is_short_with_the_period_as_date_tokens() -> None:
    base = rich_fact_base()
    since, until = datetime(2026, 11, 23, 9, tzinfo=UTC), datetime(2026, 11, 24, 9, tzinfo=UTC)
    many = [AnswerFact("meeting", m) for m in base.meetings] * 10
    digest = Digest(
        since=since,
        until=until,
        articles=[("envoy", "Witkoff meets Putin in Moscow"), ("drones", "Drones")],
        sections=[
            DigestSection("Meetings held", many, total=40),
            DigestSection("Key figures", [AnswerFact("figure", f) for f in base.figures], 2),
        ],
    )

    message = digest_summary(digest)

    check_message(message)
    blocks = message["blocks"]
    assert len(blocks) <= 12
    assert blocks[0]["type"] == "header"
    period = blocks[1]["text"]["text"]
    assert f"<!date^{int(since.timestamp())}^" in period and "|2026-11-24 09:00 UTC>" in period
    facts = [b for b in blocks if b["type"] == "section"][1:]
    assert 3 <= len(facts) <= 5
    assert block_text(blocks[-1]).startswith("Meetings held: 40 · Key figures: 2")
    assert "thread" in block_text(blocks[-1])


def test_a_digest_with_nothing_new_is_one_line() -> None:
    digest = Digest(since=datetime(2026, 11, 23, 9, tzinfo=UTC), until=datetime.now(UTC))

    message = digest_summary(digest)

    check_message(message)
    assert len(message["blocks"]) == 1
    assert message["text"].startswith("Nothing new in the fact base since")
