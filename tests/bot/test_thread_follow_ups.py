"""Follow-ups in a thread: after the bot answered a mention there, a reply without a new mention
("and Putin?") is answered in the thread, in the context of the question before it.

Signed Events API requests through HTTP mode as deployed (the real Bolt app, waitress), the
hand-built fact base in a real store, Slack's Web API played by the stub.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import text as sql_text

from knowledge.store import Store, open_store
from tests.slack_app import serving
from tests.slack_requests import SlackEndpoint, event
from tests.slack_stub import BOT_USER, Call, SlackStub, blocks_of, texts

THREAD = "1700000000.000100"  # the mention's ts: the thread the bot answers in
CHANNEL = "C0CHANNEL"
WAIT = 20.0  # seconds: the machine the tests run on may be loaded


@dataclass
class Bot(SlackEndpoint):
    store: Store


@pytest.fixture
def bot(store: Store, stub: SlackStub) -> Iterator[Bot]:
    with serving(store, stub) as url:
        yield Bot(url, store)


def mention(text: str, **fields: Any) -> str:
    fields.setdefault("channel", CHANNEL)
    return event("app_mention", f"<@{BOT_USER}> {text}", event_id="EvMention", **fields)


def reply(text: str, n: int, *, thread_ts: str | None = THREAD, **fields: Any) -> str:
    """A person's reply in `thread_ts` without a mention (message.channels); with `thread_ts`
    None, a message in the channel itself."""
    fields.setdefault("channel_type", "channel")
    if thread_ts is not None:
        fields["thread_ts"] = thread_ts
    return event(
        "message",
        text,
        event_id=f"EvReply{n}",
        channel=fields.pop("channel", CHANNEL),
        ts=f"1700000100.{n:06d}",
        **fields,
    )


def answers(stub: SlackStub) -> list[Call]:
    return stub.of("chat.postMessage")


def header(call: Call) -> str:
    """The answer's header, the question as it was read, lower-cased."""
    blocks = blocks_of(call.body)
    return str(blocks[0]["text"]["text"]).lower() if blocks[0]["type"] == "header" else ""


def asked(
    bot: Bot, stub: SlackStub, question: str = "who met Witkoff", channel: str = CHANNEL
) -> Call:
    """The bot mentioned with `question` in `channel`; its answer, in the thread, once the
    bot has recorded the thread (just after the answer is posted: a person replies later)."""
    assert bot.send(mention(question, channel=channel)) == 200
    [first] = stub.wait_for(lambda: answers(stub), timeout=WAIT)
    assert first.body["thread_ts"] == THREAD
    stub.wait_for(lambda: bot.store.thread_question(channel, THREAD), timeout=WAIT)
    return first


def test_a_follow_up_is_answered_in_the_thread_with_the_new_name_in_place(
    bot: Bot, stub: SlackStub
) -> None:
    asked(bot, stub)

    assert bot.send(reply("and Putin?", 1)) == 200

    follow = stub.wait_for(lambda: answers(stub)[1:], timeout=WAIT)[0]
    assert follow.body["thread_ts"] == THREAD
    assert follow.body["channel"] == CHANNEL
    assert "who met vladimir putin" in header(follow)  # the question it read, in words
    assert "Vladimir Putin" in follow.body["text"]


def test_follow_ups_chain_and_too_adds_a_name(bot: Bot, stub: SlackStub) -> None:
    asked(bot, stub, "who met Putin")
    bot.send(reply("what about Zelensky", 1))
    stub.wait_for(lambda: len(answers(stub)) >= 2, timeout=WAIT)

    bot.send(reply("Witkoff too?", 2))

    third = stub.wait_for(lambda: answers(stub)[2:], timeout=WAIT)[0]
    assert header(answers(stub)[1]).startswith("who met volodymyr zelenskyy")
    assert "who met volodymyr zelenskyy and steve witkoff" in header(third)
    assert third.body["thread_ts"] == THREAD


def test_a_reply_with_its_own_question_is_answered_as_written(bot: Bot, stub: SlackStub) -> None:
    asked(bot, stub)

    bot.send(reply("who is Putin?", 1))

    follow = stub.wait_for(lambda: answers(stub)[1:], timeout=WAIT)[0]
    assert "who is putin" in header(follow)


def test_a_restarted_bot_still_knows_its_thread(hand_built_db: str, stub: SlackStub) -> None:
    with open_store(hand_built_db) as first, serving(first, stub) as url:
        asked(Bot(url, first), stub)
    with open_store(hand_built_db) as second, serving(second, stub) as url:
        SlackEndpoint(url).send(reply("and Putin?", 1))
        follow = stub.wait_for(lambda: answers(stub)[1:], timeout=WAIT)[0]
    assert "who met vladimir putin" in header(follow)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(reply("and Putin?", 1, thread_ts="1699999999.000900"), id="other thread"),
        pytest.param(reply("and Putin?", 1, thread_ts=None), id="not in a thread"),
        pytest.param(reply("and Putin?", 1, channel="C0ELSEWHERE"), id="other channel"),
        pytest.param(reply("thanks!", 1), id="thanks"),
        pytest.param(reply("great, thanks", 1), id="great thanks"),
        pytest.param(
            reply("and Putin?", 1, bot_id="B0OTHER", bot_profile={"id": "B0OTHER"}), id="bot"
        ),
        pytest.param(
            reply("and Putin?", 1, user=None, bot_id="B0BOT", subtype="bot_message"),
            id="bot_message",
        ),
        pytest.param(reply("and Putin?", 1, subtype="message_changed"), id="edit"),
        pytest.param(reply("and Putin?", 1, subtype="thread_broadcast"), id="broadcast"),
        pytest.param(reply("", 1, subtype="channel_join"), id="join"),
    ],
)
def test_replies_that_are_not_follow_ups_are_ignored(bot: Bot, stub: SlackStub, body: str) -> None:
    asked(bot, stub)

    assert bot.send(body) == 200

    stub.settle()
    assert len(answers(stub)) == 1


def test_a_reply_mentioning_the_bot_is_answered_once(bot: Bot, stub: SlackStub) -> None:
    asked(bot, stub)
    text = f"<@{BOT_USER}> and Putin?"

    # Slack sends both: the app_mention, and the message of the thread.
    bot.send(
        event("app_mention", text, event_id="EvBoth1", channel=CHANNEL, thread_ts=THREAD, ts="2.1")
    )
    bot.send(reply(text, 9))

    stub.wait_for(lambda: answers(stub)[1:], timeout=WAIT)
    stub.settle()
    assert len(answers(stub)) == 2


def test_slack_markup_in_a_follow_up_is_never_echoed_live(bot: Bot, stub: SlackStub) -> None:
    asked(bot, stub)

    bot.send(reply("and <!channel> <!here> <@U0SOMEONE> Putin?", 1))

    follow = stub.wait_for(lambda: answers(stub)[1:], timeout=WAIT)[0]
    shown = " ".join(texts(follow.body))
    for live in ("<!channel>", "<!here>", "<@U0SOMEONE>"):
        assert live not in shown
    assert "Vladimir Putin" in follow.body["text"]


def test_a_follow_up_in_a_private_channel_is_answered_too(bot: Bot, stub: SlackStub) -> None:
    asked(bot, stub, channel="G0PRIVATE")

    bot.send(reply("and Putin?", 1, channel="G0PRIVATE", channel_type="group"))

    follow = stub.wait_for(lambda: answers(stub)[1:], timeout=WAIT)[0]
    assert (follow.body["channel"], follow.body["thread_ts"]) == ("G0PRIVATE", THREAD)
    assert "who met vladimir putin" in header(follow)


def test_channel_messages_outside_threads_claim_nothing_and_thread_replies_once(
    bot: Bot, stub: SlackStub
) -> None:
    asked(bot, stub)

    for n in range(3):  # chatter: message.channels sends every message of the channel
        assert bot.send(reply(f"lunch at {n}?", n, thread_ts=None)) == 200
    bot.send(reply("and Putin?", 7))
    bot.send(reply("and Putin?", 7), **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "x"})

    stub.wait_for(lambda: answers(stub)[1:], timeout=WAIT)
    stub.settle()
    assert len(answers(stub)) == 2  # the retried follow-up answered once
    with bot.store.engine.connect() as connection:
        keys = [row[0] for row in connection.execute(sql_text("SELECT key FROM claims"))]
    assert sorted(keys) == ["T0TEAM:EvMention", "T0TEAM:EvReply7"]
