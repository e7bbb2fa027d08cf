"""What the listeners need (the fact base, the store, the digest settings), and how they get it.

`Deps` reaches every listener through one global middleware (`deps_middleware`, installed by
`handlers.register_all`), which puts it in the request's context as `context["deps"]`: Bolt
passes a listener each context value its signature names, so a listener taking an argument
`deps` gets it, and a unit test calls the same function with a fake one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from slack_bolt import BoltContext

from handlers.blocks import Paging, answer_message, error_message
from handlers.reply import AckWatchdog, slack_error
from knowledge.answer import Answer, answer_question
from knowledge.facts import FactBase
from knowledge.store import Store

__all__ = ["ALL_FACTS", "APOLOGY", "SLACK_ERROR_HINTS", "Deps", "deps_middleware", "slack_error"]

logger = logging.getLogger(__name__)

# Slack errors a user can act on, and what to tell them.
SLACK_ERROR_HINTS = {
    "not_in_channel": "I am not in this channel: invite me with `/invite @ukraine-bot`.",
    "channel_not_found": "I cannot see this channel: invite me with `/invite @ukraine-bot`.",
    "is_archived": "This channel is archived, so I cannot post here.",
    "ratelimited": "Slack is rate-limiting me right now: please ask again in a minute.",
    "msg_too_long": "The answer was too long for Slack.",
}

APOLOGY = "Sorry, I could not answer that. Please try again."

# How many facts an answer is fetched with: enough for every page of "Show N more" and for the
# modal with all of them (within its 100 blocks: a header and two blocks per fact).
ALL_FACTS = 45


@dataclass
class Deps:
    """`facts()` returns the current fact base (reloaded when another process changed it); the
    digest settings are those the slash command's subscribe and digest need; `watchdog`
    acknowledges the app's slash commands whose answer is late (handlers/reply.py), one for
    the app, made with it; the intake settings are those `/ukraine add` and the "Add to fact
    base" shortcut need."""

    store: Store
    facts: Callable[[], FactBase]
    log: logging.Logger = field(default=logger)
    timezone: str = "UTC"  # DIGEST_TIMEZONE: schedules without a time zone are in it
    default_channels: tuple[str, ...] = ()  # DIGEST_CHANNELS
    schedule_admins: tuple[str, ...] = ()  # DIGEST_ADMINS: may change any channel's schedule
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    watchdog: AckWatchdog = field(default_factory=AckWatchdog)
    # Adding pages (handlers/add_article.py): the fetcher (knowledge.intake.fetch.Fetcher; one
    # with the default policy when None) and who may add, where (empty: anyone, anywhere).
    fetcher: Any = None
    ingest_users: tuple[str, ...] = ()  # INGEST_ALLOWED_USERS
    ingest_channels: tuple[str, ...] = ()  # INGEST_ALLOWED_CHANNELS

    def answer(self, question: str, limit: int = ALL_FACTS) -> Answer:
        """The answer to `question` from the current fact base, with up to `limit` facts."""
        return answer_question(question, self.facts(), limit=limit)

    def message_for(
        self,
        question: str,
        log: logging.Logger,
        *,
        private: bool = False,
        paging: Paging = "in_place",
    ) -> dict[str, Any]:
        """The Block Kit message answering `question`; an apology, logged, if answering fails.

        A `private` answer (seen by the asker only) that found facts has a "Share in channel"
        button; `paging` says what its "Show N more" does (handlers/blocks.py).
        """
        try:
            answer = self.answer(question)
            return answer_message(
                answer, share_button=private and bool(answer.facts), paging=paging
            )
        except Exception:
            log.exception("answering %r failed", question[:200])
            return error_message(APOLOGY)


def deps_middleware(deps: Deps) -> Callable[..., None]:
    """A global middleware that hands `deps` to every listener of the request: it sets
    `context["deps"]`, which Bolt passes to a listener taking an argument named `deps`."""

    def provide_deps(context: BoltContext, next: Callable[[], None]) -> None:
        context["deps"] = deps
        next()

    return provide_deps
