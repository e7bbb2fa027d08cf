"""The local console over HTTP, as the page uses it, against the one Bolt app (no browser)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from slack_bolt.request import BoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.console import BOT_TOKEN, RunningConsole, start_console
from bot.settings import Settings
from knowledge.store import open_store

Json = dict[str, Any]

# Straight to the console, whatever proxy the environment names.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture
def running(hand_built_db: str, tmp_path: Path) -> Iterator[RunningConsole]:
    settings = Settings(_env_file=None, DATABASE_URL=hand_built_db)  # type: ignore[call-arg]
    with open_store(hand_built_db) as store, start_console(settings, store, port=0) as console:
        yield console


def request(
    url: str,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
) -> tuple[int, bytes, dict[str, str]]:
    call = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with _opener.open(call, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def post_json(url: str, body: Json, headers: dict[str, str] | None = None) -> tuple[int, Json]:
    status, raw, _ = request(
        url, json.dumps(body).encode(), {"Content-Type": "application/json", **(headers or {})}
    )
    return status, json.loads(raw)


def send(running: RunningConsole, text: str, conversation: str = "channel") -> Json:
    status, body = post_json(
        f"{running.url}/console/send", {"conversation": conversation, "text": text}
    )
    assert status == 200, body
    return body


def messages(running: RunningConsole) -> list[Json]:
    status, raw, _ = request(f"{running.url}/console/messages")
    assert status == 200
    found: list[Json] = json.loads(raw)["messages"]
    return found


def wait_for(
    running: RunningConsole, predicate: Callable[[list[Json]], Any], timeout: float = 5.0
) -> Any:
    """The first truthy `predicate(messages)` within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate(messages(running))
        if result or time.monotonic() > deadline:
            assert result, f"not seen in {timeout}s: {json.dumps(messages(running), indent=1)}"
            return result
        time.sleep(0.05)


def bot_messages(found: list[Json]) -> list[Json]:
    return [m for m in found if m["user"] == "bot"]


def buttons(message: Json) -> list[tuple[Json, Json]]:
    return [
        (block, element)
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def share_button(message: Json) -> tuple[Json, Json] | None:
    return next(((b, e) for b, e in buttons(message) if e["action_id"] == "share_answer"), None)


def private_answer(running: RunningConsole) -> Json:
    send(running, "/ukraine who met Witkoff")
    answer: Json = wait_for(running, lambda found: next(iter(bot_messages(found)), None))
    return answer


def slash_command_forms(running: RunningConsole) -> list[dict[str, str]]:
    return [
        {key: values[-1] for key, values in parse_qs(r["body"]).items()}
        for r in running.console.requests
        if "command=" in r["body"]
    ]


def test_slash_command_answers_privately_with_a_share_button(running: RunningConsole) -> None:
    answer = private_answer(running)

    assert answer["ephemeral"] is True
    assert answer["conversation"] == "channel"
    assert "Steve Witkoff" in json.dumps(answer["blocks"])
    assert share_button(answer) is not None
    typed = next(m for m in messages(running) if m["user"] == "you")
    assert typed["text"] == "/ukraine who met Witkoff"
    assert typed["ephemeral"] is True


def test_slash_command_is_sent_as_slack_sends_it(running: RunningConsole) -> None:
    send(running, "/ukraine who met Witkoff")

    (form,) = slash_command_forms(running)
    assert form["command"] == "/ukraine"
    assert form["text"] == "who met Witkoff"
    assert form["user_id"] == "U0LOCALUSER"
    assert form["channel_id"] == "C0CONSOLE"
    assert form["response_url"].startswith(f"{running.url}/console/response/")
    assert form["trigger_id"]


def test_share_button_posts_for_everyone_and_deletes_the_private_answer(
    running: RunningConsole,
) -> None:
    answer = private_answer(running)
    block, button = share_button(answer) or ({}, {})

    status, body = post_json(
        f"{running.url}/console/action",
        {
            "message_id": answer["id"],
            "action_id": button["action_id"],
            "block_id": block["block_id"],
            "value": button["value"],
        },
    )

    assert status == 200, body
    shared = wait_for(
        running, lambda found: next((m for m in bot_messages(found) if not m["ephemeral"]), None)
    )
    assert "Steve Witkoff" in json.dumps(shared["blocks"])
    assert "Shared by <@U0LOCALUSER>" in json.dumps(shared["blocks"])
    wait_for(running, lambda found: all(m["id"] != answer["id"] for m in found))
    payload = json.loads(parse_qs(running.console.requests[-1]["body"])["payload"][0])
    assert payload["type"] == "block_actions"
    assert payload["container"]["is_ephemeral"] is True
    assert payload["actions"][0]["value"] == "who met Witkoff"
    # The clicked button as Slack echoes it: its label a plain_text object, Slack's emoji flag.
    assert payload["actions"][0]["text"] == {
        "type": "plain_text",
        "text": "Share in channel",
        "emoji": True,
    }
    assert payload["actions"][0]["style"] == "primary"
    assert "message" not in payload  # Slack sends none for an ephemeral message


def test_clicking_a_missing_button_is_refused(running: RunningConsole) -> None:
    answer = private_answer(running)

    status, body = post_json(
        f"{running.url}/console/action", {"message_id": answer["id"], "action_id": "nope"}
    )

    assert status == 404
    assert body["ok"] is False


def test_mention_is_answered_in_the_thread_of_the_message(running: RunningConsole) -> None:
    sent = send(running, "@ukraine-bot who is Umerov")

    assert sent["sent"] == "app_mention"
    assert sent["message"]["text"] == "<@U0CONSOLEBOT> who is Umerov"
    reply = wait_for(running, lambda found: next(iter(bot_messages(found)), None))
    assert reply["thread_ts"] == sent["message"]["ts"]
    assert reply["conversation"] == "channel"
    assert reply["ephemeral"] is False
    event = json.loads(running.console.requests[-1]["body"])
    assert event["type"] == "event_callback"
    assert event["event"]["type"] == "app_mention"
    assert event["event"]["ts"] == sent["message"]["ts"]


def test_message_starting_with_at_is_a_mention(running: RunningConsole) -> None:
    sent = send(running, "@bot who met Witkoff")

    assert sent["sent"] == "app_mention"
    wait_for(running, lambda found: bot_messages(found))


def test_plain_channel_message_reaches_no_one(running: RunningConsole) -> None:
    sent = send(running, "who met Witkoff")

    assert sent["sent"] is None
    assert running.console.requests == []
    time.sleep(0.3)
    assert [m["text"] for m in messages(running)] == ["who met Witkoff"]


def test_a_reply_in_the_bots_thread_is_answered_there_in_context(
    running: RunningConsole, hand_built_db: str
) -> None:
    asked = send(running, "@ukraine-bot who met Witkoff")
    thread = asked["message"]["ts"]
    wait_for(running, lambda found: bot_messages(found))
    with open_store(hand_built_db) as store:  # the bot records its thread just after posting
        wait_for(running, lambda _: store.thread_question("C0CONSOLE", thread))

    status, sent = post_json(
        f"{running.url}/console/send",
        {"conversation": "channel", "text": "and Putin?", "thread_ts": thread},
    )

    assert status == 200 and sent["sent"] == "message", sent
    assert sent["message"]["thread_ts"] == thread
    event = json.loads(running.console.requests[-1]["body"])["event"]
    assert (event["type"], event["channel_type"], event["thread_ts"]) == (
        "message",
        "channel",
        thread,
    )
    follow = wait_for(running, lambda found: bot_messages(found)[1:])[0]
    assert follow["thread_ts"] == thread
    assert "Who met Vladimir Putin?" in follow["text"]


def test_a_reply_in_a_thread_that_is_not_there_is_refused(running: RunningConsole) -> None:
    status, body = post_json(
        f"{running.url}/console/send",
        {"conversation": "channel", "text": "and Putin?", "thread_ts": "1.000001"},
    )

    assert status == 404 and body["error"] == "no such thread to reply in"
    assert messages(running) == []


def test_direct_message_is_answered_in_the_dm(running: RunningConsole) -> None:
    sent = send(running, "who met Witkoff", conversation="dm")

    assert sent["sent"] == "message"
    reply = wait_for(running, lambda found: next(iter(bot_messages(found)), None))
    assert reply["conversation"] == "dm"
    assert reply["thread_ts"] is None
    assert "Steve Witkoff" in json.dumps(reply["blocks"])
    event = json.loads(running.console.requests[-1]["body"])["event"]
    assert event["channel_type"] == "im"
    assert event["channel"] == "D0CONSOLE"


def test_slack_markup_typed_by_the_user_stays_inert(running: RunningConsole) -> None:
    send(running, "/ukraine <!channel> who met Witkoff")
    send(running, "@ukraine-bot <!channel> who met Witkoff")
    send(running, "<!channel> who met Witkoff", conversation="dm")
    wait_for(running, lambda found: len(bot_messages(found)) == 3)

    sent_to_the_app = [r["body"] for r in running.console.requests]
    assert len(sent_to_the_app) == 3
    assert all("<!channel>" not in body for body in sent_to_the_app)
    assert "&lt;!channel&gt; who met Witkoff" in slash_command_forms(running)[0]["text"]
    shown = json.dumps(messages(running))
    assert "<!channel>" not in shown


def test_unknown_web_api_method_fails(running: RunningConsole) -> None:
    status, body = post_json(
        f"{running.url}/api/chat.scheduleMessage",
        {"channel": "C0CONSOLE", "text": "later"},
        {"Authorization": f"Bearer {BOT_TOKEN}"},
    )

    assert status == 200
    assert body == {"ok": False, "error": "unknown_method"}


def test_web_api_wants_the_bot_token(running: RunningConsole) -> None:
    url = f"{running.url}/api/chat.postMessage"
    message = {"channel": "C0CONSOLE", "text": "hi"}

    assert post_json(url, message)[1] == {"ok": False, "error": "not_authed"}
    assert post_json(url, message, {"Authorization": "Bearer xoxb-other"})[1]["error"] == (
        "invalid_auth"
    )


def test_web_api_posts_updates_and_deletes(running: RunningConsole) -> None:
    auth = {"Authorization": f"Bearer {BOT_TOKEN}"}
    form = {**auth, "Content-Type": "application/x-www-form-urlencoded"}

    status, raw, _ = request(f"{running.url}/api/auth.test", b"", form)
    assert json.loads(raw)["user_id"] == "U0CONSOLEBOT"
    blocks = json.dumps([{"type": "section", "text": {"type": "mrkdwn", "text": "*hi*"}}])
    _, raw, _ = request(
        f"{running.url}/api/chat.postMessage",
        f"channel=%23peace-talks&text=hi&blocks={blocks}".encode(),
        form,
    )
    posted = json.loads(raw)
    assert posted["ok"] is True and posted["channel"] == "C0CONSOLE"
    assert messages(running)[0]["blocks"][0]["text"]["text"] == "*hi*"

    _, updated = post_json(
        f"{running.url}/api/chat.update",
        {"channel": "C0CONSOLE", "ts": posted["ts"], "text": "edited"},
        auth,
    )
    assert updated["ok"] is True
    assert messages(running)[0]["text"] == "edited"
    _, missing = post_json(
        f"{running.url}/api/chat.update", {"channel": "C0CONSOLE", "ts": "1.0", "text": "x"}, auth
    )
    assert missing["error"] == "message_not_found"
    _, deleted = post_json(
        f"{running.url}/api/chat.delete", {"channel": "C0CONSOLE", "ts": posted["ts"]}, auth
    )
    assert deleted["ok"] is True
    assert messages(running) == []
    _, nowhere = post_json(
        f"{running.url}/api/chat.postMessage", {"channel": "C0NOWHERE", "text": "hi"}, auth
    )
    assert nowhere["error"] == "channel_not_found"


def test_response_url_posts_replaces_and_deletes(running: RunningConsole) -> None:
    answer = private_answer(running)
    response_url = slash_command_forms(running)[0]["response_url"]

    assert post_json(response_url, {"text": "replaced", "replace_original": True})[0] == 200
    assert next(m for m in messages(running) if m["id"] == answer["id"])["text"] == "replaced"
    assert post_json(response_url, {"text": "for all", "response_type": "in_channel"})[0] == 200
    assert any(m["text"] == "for all" and not m["ephemeral"] for m in messages(running))
    assert post_json(response_url, {"delete_original": True})[0] == 200
    assert all(m["id"] != answer["id"] for m in messages(running))
    # The answer came in the acknowledgement, which is not one of the URL's five uses.
    assert post_json(response_url, {"text": "fourth"})[0] == 200
    assert post_json(response_url, {"text": "fifth and last"})[0] == 200
    status, body = post_json(response_url, {"text": "sixth"})
    assert (status, body["error"]) == (404, "used_url")
    status, body = post_json(f"{running.url}/console/response/unknown", {"text": "x"})
    assert (status, body["error"]) == (404, "expired_url")


def test_requests_to_the_app_are_signed(running: RunningConsole) -> None:
    private_answer(running)
    verifier = SignatureVerifier(running.console.signing_secret)

    (sent,) = running.console.requests
    assert verifier.is_valid(sent["body"], sent["timestamp"], sent["signature"])


@pytest.mark.parametrize("signature", [None, "v0=" + "0" * 64])
def test_unsigned_or_badly_signed_requests_are_refused(
    running: RunningConsole, signature: str | None
) -> None:
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": "T0CONSOLE",
            "event_id": "Ev0FORGED",
            "event": {"type": "message", "channel_type": "im", "text": "hi", "ts": "1.0"},
        }
    )
    headers: dict[str, str | Sequence[str]] = {"content-type": "application/json"}
    if signature:
        headers |= {
            "x-slack-signature": signature,
            "x-slack-request-timestamp": str(int(time.time())),
        }
    assert running.console.app is not None

    response = running.console.app.dispatch(BoltRequest(body=body, headers=headers))

    assert response.status == 401


def test_page_and_static_files(running: RunningConsole) -> None:
    status, page, headers = request(f"{running.url}/")
    assert status == 200
    assert b"/static/console.js" in page
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    for name, media_type in [("console.js", "text/javascript"), ("console.css", "text/css")]:
        status, _, headers = request(f"{running.url}/static/{name}")
        assert (status, headers["Content-Type"].split(";")[0]) == (200, media_type)
    assert request(f"{running.url}/static/../console.py")[0] == 404
    assert request(f"{running.url}/static/missing.js")[0] == 404
    assert request(f"{running.url}/healthz")[:2] == (200, b"ok")
    assert request(f"{running.url}/nowhere")[0] == 404
    assert request(f"{running.url}/console/send")[0] == 405


def test_page_requests_must_be_json(running: RunningConsole) -> None:
    status, _, _ = request(
        f"{running.url}/console/send",
        b'{"conversation": "dm", "text": "hi"}',
        {"Content-Type": "text/plain"},
    )

    assert status == 415
    assert messages(running) == []


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"conversation": "general", "text": "hi"}, "no conversation"),
        ({"conversation": "channel", "text": "  "}, "empty"),
        ({"conversation": "channel", "text": "/weather"}, "not a valid command"),
    ],
)
def test_bad_messages_are_refused(running: RunningConsole, body: Json, error: str) -> None:
    status, answer = post_json(f"{running.url}/console/send", body)

    assert status == 400
    assert error in answer["error"]


def test_stop_closes_the_port(hand_built_db: str) -> None:
    settings = Settings(_env_file=None, DATABASE_URL=hand_built_db)  # type: ignore[call-arg]
    with open_store(hand_built_db) as store:
        running = start_console(settings, store, port=0)
        assert request(f"{running.url}/healthz")[0] == 200
        running.stop()

    assert not running.thread.is_alive()
    with pytest.raises(urllib.error.URLError):
        _opener.open(f"{running.url}/healthz", timeout=2)


def test_digest_subscription_in_the_console_is_scheduled_and_posts_there(
    running: RunningConsole,
) -> None:
    send(running, "/ukraine subscribe daily 09:00 Europe/Kyiv")
    confirmed = wait_for(running, lambda found: next(iter(bot_messages(found)), None))
    assert confirmed["ephemeral"] is False  # the channel sees its new schedule
    assert "every day at 09:00 (Europe/Kyiv)" in json.dumps(confirmed["blocks"])
    digests = running.digests
    assert digests is not None and digests.scheduled_channels() == ["C0CONSOLE"]

    slot = datetime.now(UTC).replace(microsecond=0)
    assert digests.post("C0CONSOLE", slot).outcome == "posted"  # what the job does at 09:00
    posted = wait_for(
        running,
        lambda found: [m for m in bot_messages(found) if "Digest:" in json.dumps(m["blocks"])],
    )
    assert posted[0]["ephemeral"] is False and posted[0]["conversation"] == "channel"
    assert "810" in json.dumps(posted[0]["blocks"])
    assert digests.post("C0CONSOLE", slot).outcome == "already_posted"
