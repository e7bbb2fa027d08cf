"""A fact's overflow menu: "Report a wrong fact" stores the fact's id and the reporter.

The report keeps no question text (what someone asked stays theirs) and is listed by
`ukraine-bot facts --flagged`; the reporter is thanked privately, where they clicked.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from handlers.blocks import error_message
from handlers.deps import Deps
from handlers.reply import answer_click
from handlers.surface import (
    FACT_MENU_ACTION_ID,
    REPORT_OPTION_PREFIX,
    clicked_team,
    clicker,
    is_user_id,
)
from knowledge.fact_ids import is_fact_id

THANKS = "Thank you: I noted that fact as possibly wrong, for whoever keeps the sources."
AGAIN = "You had already reported that fact: it is noted."


def fact_menu(
    ack: Ack,
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    logger: logging.Logger,
    deps: Deps,
) -> None:
    """An option of a fact's menu: "Report a wrong fact" (`report:<fact id>`)."""
    ack()
    action = (body.get("actions") or [{}])[0]
    value = str((action.get("selected_option") or {}).get("value") or "")
    user = clicker(body)
    team = clicked_team(body)
    fact = value.removeprefix(REPORT_OPTION_PREFIX)
    if not value.startswith(REPORT_OPTION_PREFIX) or not is_fact_id(fact) or not is_user_id(user):
        logger.warning("a fact menu click that is not a report: %r", value[:80])
        message = error_message("I could not tell which fact that was.")
    else:
        first = deps.store.flag_fact(fact, user, team_id=team)
        logger.info("fact %s reported wrong", fact)
        message = error_message(THANKS if first else AGAIN)
    answer_click(
        body, respond, client, logger, message, response_type="ephemeral", replace_original=False
    )


def register(app: App) -> None:
    app.action(FACT_MENU_ACTION_ID)(fact_menu)
