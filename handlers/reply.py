"""A slash command's answer in its acknowledgement, or through its response URL when it is late.

Slack shows a message sent in the body of the acknowledgement at once, one round trip sooner
than a post to the response URL, and it costs the bot no outgoing request. The acknowledgement
has to come within 3 seconds, though, so an answer not ready `ACK_BUDGET_S` after the command
came is preceded by an empty acknowledgement (sent by one watchdog thread for all commands)
and posted to the response URL when it is ready.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

ACK_BUDGET_S = 2.0  # Slack waits 3 s; the rest is for the network and a busy process
LATE = "the answer is late: it goes to the response URL"


class CommandReply:
    """The one answer to one slash command: `send` it when it is ready."""

    def __init__(self, ack: Ack, respond: Respond, logger: logging.Logger) -> None:
        self._ack = ack
        self._respond = respond
        self._logger = logger
        self._lock = threading.Lock()
        self._acked = False

    def send(self, message: dict[str, Any], *, public: bool = False) -> None:
        """Sends `message` (text, blocks) to the channel (`public`) or to the asker alone."""
        response_type = "in_channel" if public else "ephemeral"
        with self._lock:
            in_ack = not self._acked
            self._acked = True
            if in_ack:
                self._ack(response_type=response_type, **message)
                return
        response = self._respond(response_type=response_type, **message)
        if response.status_code >= 300:
            self._logger.warning(
                "response_url refused the answer: %s %s", response.status_code, response.body
            )

    def acknowledge_empty(self, why: str | None = None) -> bool:
        """Acknowledges without content unless already acknowledged; True when it did.

        `why` is what the log says: by default (the watchdog's case) that the answer is late
        and goes to the response URL; a caller with nothing to say in the channel, because it
        answered elsewhere (a modal it opened), says so instead."""
        with self._lock:
            if self._acked:
                return False
            self._acked = True
            self._ack()
        self._logger.info("acknowledged empty: %s", why or LATE)
        return True


def answer_click(
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    logger: logging.Logger,
    message: dict[str, Any],
    **response: Any,
) -> None:
    """The answer to a button click: through the click's response URL (with `response`'s
    options), or, for a click in a modal or on the Home tab, which has none, by direct message
    to whoever clicked."""
    if body.get("response_url"):
        respond(**response, **message)
        return
    user = str(body["user"]["id"])
    try:
        client.chat_postMessage(channel=user, text=message["text"], blocks=message["blocks"])
    except SlackApiError as error:
        logger.warning("could not answer %s by direct message: %s", user, slack_error(error))


def slack_error(error: SlackApiError) -> str:
    """The error code of a Slack Web API failure ("not_in_channel"), or the HTTP status."""
    response: Any = error.response
    try:
        code = response.get("error")
    except AttributeError:
        code = None
    return str(code or f"http_{getattr(response, 'status_code', '?')}")


class AckWatchdog:
    """Acknowledges, empty, every watched reply not sent `budget` seconds after it was watched.

    One daemon thread for all commands, started on first use, looks `TICK_S` apart: a timer
    thread per command, or a wake-up per deadline, would cost more than the answer. Deadlines
    come in the order replies are watched, so a queue suffices, and an acknowledgement is at
    most `TICK_S` later than its budget.
    """

    TICK_S = 0.1

    def __init__(self, budget: float | None = None) -> None:
        self.budget = ACK_BUDGET_S if budget is None else budget
        self._pending: deque[tuple[float, CommandReply]] = deque()
        self._start = threading.Lock()
        self._thread: threading.Thread | None = None

    def watch(self, reply: CommandReply) -> CommandReply:
        self._pending.append((time.monotonic() + self.budget, reply))  # deque: thread-safe
        if self._thread is None:
            with self._start:
                if self._thread is None:
                    self._thread = threading.Thread(
                        target=self._run, name="ack-watchdog", daemon=True
                    )
                    self._thread.start()
        return reply

    def _run(self) -> None:
        while True:
            time.sleep(self.TICK_S)
            now = time.monotonic()
            while self._pending and self._pending[0][0] <= now:
                _, reply = self._pending.popleft()
                try:
                    reply.acknowledge_empty()
                except Exception:  # a dead watchdog would leave every later command unanswered
                    logging.getLogger(__name__).exception("acknowledging a late command failed")
