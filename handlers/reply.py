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

ACK_BUDGET_S = 2.0  # Slack waits 3 s; the rest is for the network and a busy process


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

    def acknowledge_empty(self) -> bool:
        """Acknowledges without content unless already acknowledged; True when it did."""
        with self._lock:
            if self._acked:
                return False
            self._acked = True
            self._ack()
        self._logger.info("the answer is late: it goes to the response URL")
        return True


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
