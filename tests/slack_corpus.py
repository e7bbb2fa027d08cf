"""The corpus of Slack request bodies (tests/data/slack, see its README.md), for replaying.

    for case in cases(): ...
    case.http(stub)                  # (raw body, content type): what Slack POSTs in HTTP mode
    case.envelope(stub)              # the Socket Mode envelope carrying the same body
    reply_problems(case, calls, ack) # what the bot did wrong with it; [] when it did as expected

Each body's `response_url` is rewritten to the stand-in for Slack (tests/slack_stub.py), keeping
its path, so a post to it is recorded as `/response/commands/T…/…`. `BOT` is who `auth.test`
must say the bot is for the corpus's own bot messages to be recognized.
"""

from __future__ import annotations

import copy
import json
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from tests.slack_requests import FORM, JSON
from tests.slack_stub import RESPONSE_PREFIX, Call, SlackStub, StubURLs

CORPUS = Path(__file__).resolve().parent / "data" / "slack"
BOT = {"user_id": "U07QBT9XJ2M", "bot_id": "B07QBT4N1ZR", "team_id": "T07QPD4R8KA"}
# Who users.info says the corpus's people are: mark.davies runs the workspace, so his
# `/ukraine subscribe weekly …` may replace the schedule olena.k set before it.
USERS: dict[str, dict[str, object]] = {
    "U07R2KX8M3P": {"tz": "Europe/Kyiv"},
    "U07R4LZ2Q9D": {"tz": "Europe/London", "is_admin": True},
}
# The Socket Mode envelope type of each folder's bodies.
ENVELOPE_TYPES = {
    "events": "events_api",
    "interactivity": "interactive",
    "commands": "slash_commands",
}
# How long a reply may take to reach the stand-in, and how long to watch for any more.
REPLY_WAIT_S = 5.0
SETTLE_S = 0.25


@dataclass(frozen=True)
class Case:
    """One body of the corpus and what the bot should do with it."""

    folder: str
    name: str
    expect: dict[str, Any]
    body: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.folder}/{self.name}"

    def body_for(self, stub: StubURLs) -> dict[str, Any]:
        """The body with its response URL at `stub`."""
        body = copy.deepcopy(self.body)
        if "response_url" in body:
            body["response_url"] = stub.base + response_path(body["response_url"])
        return body

    def http(self, stub: StubURLs) -> tuple[bytes, str]:
        """The body as Slack POSTs it to /slack/events, and its content type."""
        body = self.body_for(stub)
        if self.folder == "events":
            return json.dumps(body).encode(), JSON
        if self.folder == "interactivity":
            return urlencode({"payload": json.dumps(body)}).encode(), FORM
        return urlencode(body).encode(), FORM

    def envelope(self, stub: StubURLs, retry_attempt: int = 0) -> dict[str, Any]:
        """The body as the payload of a Socket Mode envelope."""
        return {
            "envelope_id": str(uuid.uuid4()),
            "type": ENVELOPE_TYPES[self.folder],
            "payload": self.body_for(stub),
            "accepts_response_payload": self.folder != "events",
            "retry_attempt": retry_attempt,
            "retry_reason": "timeout" if retry_attempt else "",
        }

    @property
    def http_only(self) -> bool:
        """url_verification is how Slack checks an HTTP request URL: never sent over a socket."""
        return self.body.get("type") == "url_verification"


def cases() -> list[Case]:
    """Every body of the corpus, folder by folder, in name order."""
    found = []
    for folder in ENVELOPE_TYPES:
        for path in sorted((CORPUS / folder).glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            found.append(Case(folder, path.stem, data["expect"], data["body"]))
    return found


def response_path(url: str) -> str:
    """Where a Slack response URL (https://hooks.slack.com/commands/T…/…) lands at the stub."""
    return RESPONSE_PREFIX + urlsplit(url).path.lstrip("/")


def replies(stub: SlackStub, mark: int, case: Case) -> list[Call]:
    """What the bot sent Slack about `case` since `mark` (auth.test aside): waits until the
    expected reply is there (or `REPLY_WAIT_S` passed), then `SETTLE_S` more for any other."""
    deadline = time.monotonic() + REPLY_WAIT_S
    while time.monotonic() < deadline and not _arrived(case, _since(stub, mark)):
        time.sleep(0.02)
    time.sleep(SETTLE_S)
    return _since(stub, mark)


def _since(stub: SlackStub, mark: int) -> list[Call]:
    with stub.lock:
        return [call for call in stub.calls[mark:] if call.method != "auth.test"]


def _arrived(case: Case, calls: list[Call]) -> bool:
    reply = case.expect["reply"]
    if reply in {"thread", "dm", "channel"}:
        return any(call.method == "chat.postMessage" for call in calls)
    if reply == "response_url":
        return any(call.path.startswith(RESPONSE_PREFIX) for call in calls)
    if reply == "home":
        return any(call.method == "views.publish" for call in calls)
    wanted = set(case.expect.get("calls") or ())
    return wanted <= {call.method for call in calls}


def reply_problems(case: Case, calls: list[Call], ack: dict[str, Any] | None) -> list[str]:
    """How what the bot did (`calls` to Slack, the acknowledgement's content `ack`) differs from
    what `case` expects; empty when it is right."""
    reply, expect = case.expect["reply"], case.expect
    sent = [f"{call.path} {json.dumps(call.body)[:200]}" for call in calls]
    if reply in {"none", "ack_body"}:
        # `calls`: Web API methods the bot must also make (a subscription's confirmation).
        wanted = list(expect.get("calls") or ())
        problems = [
            f"unexpected call {line}"
            for call, line in zip(calls, sent, strict=True)
            if call.method not in wanted
        ]
        made = {call.method for call in calls}
        problems += [f"no {method} call" for method in wanted if method not in made]
        if reply == "ack_body":
            problems += _ack_problems(case, ack)
        return problems
    if reply == "response_url":
        wanted = response_path(case.body["response_url"])
        stray = [line for call, line in zip(calls, sent, strict=True) if call.path != wanted]
        return [f"unexpected call {line}" for line in stray] or ([] if calls else ["no response"])
    if reply == "home":  # the Home tab published for whoever opened it, and nothing else
        user = case.body["event"]["user"]
        published = [c for c in calls if c.method == "views.publish"]
        if len(published) != 1 or len(calls) != 1:
            return [f"expected one views.publish, got {sent}"]
        return [] if published[0].body.get("user_id") == user else [f"published for {sent}"]
    posts = [call for call in calls if call.method == "chat.postMessage"]
    if len(posts) != 1 or len(calls) != 1:
        return [f"expected one chat.postMessage, got {sent}"]
    body = posts[0].body
    problems = []
    if body.get("channel") != expect.get("channel"):
        problems.append(f"posted in {body.get('channel')}, not {expect.get('channel')}")
    wanted_thread = expect.get("thread_ts") if reply in {"thread", "dm"} else None
    if body.get("thread_ts") != wanted_thread:
        problems.append(f"posted in thread {body.get('thread_ts')}, not {wanted_thread}")
    if not (body.get("text") or body.get("blocks")):
        problems.append("posted an empty message")
    return problems


def _ack_problems(case: Case, ack: dict[str, Any] | None) -> list[str]:
    if "challenge" in case.expect:
        challenge = (ack or {}).get("challenge")
        return [] if challenge == case.expect["challenge"] else [f"challenge {challenge!r}"]
    if not ack or not (ack.get("text") or ack.get("blocks")):
        return [f"no message in the acknowledgement: {ack!r}"]
    return []
