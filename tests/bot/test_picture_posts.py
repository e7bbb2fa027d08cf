"""Scenario tests for pictures in Slack: `/ukraine map NAME`, `/ukraine timeline NAME` and the
"Show as picture" button, signed through the real Bolt app; the upload is files_upload_v2's
three calls to the stub (files.getUploadURLExternal, the bytes POSTed to the URL it gave,
files.completeUploadExternal), and Slack's refusals (not_in_channel, ratelimited with
Retry-After) are met as a person would want."""

from __future__ import annotations

import json
import time

import pytest
from slack_bolt import App

from handlers.slash_command import POSTED
from knowledge.store import Store
from tests.png import png_size
from tests.slack_app import make_app
from tests.slack_requests import button, signed, slash
from tests.slack_stub import SlackStub, acked_message


@pytest.fixture
def app(store: Store, stub: SlackStub) -> App:
    return make_app(store, stub)


def test_map_uploads_a_png_of_who_met_the_actor_in_three_calls(app: App, stub: SlackStub) -> None:
    ack = acked_message(app.dispatch(signed(slash("map witkof", stub))).body)

    assert ack["response_type"] == "ephemeral" and "Drawing" in ack["text"]
    completed = stub.wait_for(lambda: stub.of("files.completeUploadExternal"))[0].body
    asked = stub.of("files.getUploadURLExternal")[0].body
    assert asked["filename"] == "map-steve-witkoff.png" and int(asked["length"]) > 10_000
    assert "Vladimir Putin" in asked["alt_txt"]  # the picture said in words
    (upload,) = stub.uploaded()
    assert upload.content is not None and len(upload.content) == int(asked["length"])
    assert png_size(upload.content) == (1000, 700)
    assert completed["channel_id"] == "C0CHANNEL"
    assert json.loads(completed["files"])[0]["title"] == "Who met Steve Witkoff"
    assert "<@U0ASKER>" in completed["initial_comment"]
    # The "Drawing…" note does not outstay the picture: it is replaced, once, by "Posted".
    (posted,) = stub.wait_for(lambda: stub.responses("cmd"))
    assert posted.body["replace_original"] is True
    assert posted.body["response_type"] == "ephemeral"
    assert posted.body["text"].startswith("Posted") and "Drawing" not in posted.body["text"]


def test_timeline_uploads_a_png_of_the_actors_meetings(app: App, stub: SlackStub) -> None:
    app.dispatch(signed(slash("timeline Putin", stub)))

    stub.wait_for(lambda: stub.of("files.completeUploadExternal"))
    (upload,) = stub.uploaded()
    assert upload.filename == "timeline-vladimir-putin.png"
    assert upload.content is not None and png_size(upload.content) == (1000, 700)


def test_an_unknown_name_is_told_to_the_asker_and_nothing_is_uploaded(
    app: App, stub: SlackStub
) -> None:
    app.dispatch(signed(slash("map <!channel> Nobody", stub)))

    told = stub.wait_for(lambda: stub.responses("cmd"))[0].body
    assert "I know no one called '@channel Nobody'" in told["text"]
    assert not stub.of("files.getUploadURLExternal")


def test_a_channel_the_bot_is_not_in_is_reported_at_once(app: App, stub: SlackStub) -> None:
    stub.fail("files.completeUploadExternal", 200, {"ok": False, "error": "not_in_channel"})

    app.dispatch(signed(slash("map Witkoff", stub)))

    told = stub.wait_for(lambda: stub.responses("cmd"))[0].body
    assert told["response_type"] == "ephemeral"
    assert "invite me with `/invite @ukraine-bot`" in told["text"]
    assert stub.uploaded() == []


def test_a_rate_limit_is_waited_out_then_the_picture_posted(app: App, stub: SlackStub) -> None:
    stub.fail(
        "files.getUploadURLExternal", 429, {"ok": False, "error": "ratelimited"}, Retry_After="1"
    )
    started = time.monotonic()

    app.dispatch(signed(slash("map Witkoff", stub)))

    stub.wait_for(lambda: stub.uploaded(), timeout=10)
    assert time.monotonic() - started >= 1  # Retry-After was honoured
    assert len(stub.of("files.getUploadURLExternal")) == 2
    told = stub.wait_for(lambda: stub.responses("cmd"))
    assert [call.body["text"] for call in told] == [POSTED]  # no complaint, only "Posted"


def test_show_as_picture_posts_the_map_in_the_answers_thread(app: App, stub: SlackStub) -> None:
    click = button("show_picture", "Steve Witkoff", stub, ephemeral=False, thread_ts="1700.0001")

    app.dispatch(signed(click))

    completed = stub.wait_for(lambda: stub.of("files.completeUploadExternal"))[0].body
    assert completed["channel_id"] == "C0CHANNEL" and completed["thread_ts"] == "1700.0001"
    assert "<@U0CLICKER>" in completed["initial_comment"]
