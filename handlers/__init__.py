"""Slack listeners, one per module: plain functions, registered by their module's `register(app)`.

    handlers.register_all(app, deps)   # in bot/app.py, once per app

A listener takes what Bolt passes by name (`event`, `say`, `ack`, `respond`, `client`,
`logger`, ...) and `deps` (handlers/deps.py), which one global middleware puts in every
request's context; so a test calls the listener itself with `Mock(Say)` and a fake `deps`.
What the listeners are called by in Slack (the command, action ids, events) is in
handlers/surface.py.
"""

from __future__ import annotations

from slack_bolt import App

from handlers import (
    add_article,
    app_home,
    app_mention,
    ask_suggestion,
    direct_message,
    home_subscription,
    report_fact,
    share_answer,
    show_all,
    show_more,
    show_picture,
    slash_command,
    subscribe_modal,
    thread_reply,
    unhandled,
)
from handlers.deps import Deps, deps_middleware

LISTENERS = (
    slash_command,
    app_mention,
    thread_reply,  # before direct_message, which takes every other message event
    direct_message,
    share_answer,
    ask_suggestion,
    show_all,
    show_more,
    report_fact,
    show_picture,
    subscribe_modal,
    app_home,
    home_subscription,
    add_article,
)


def register_all(app: App, deps: Deps) -> None:
    """Hands `deps` to the listeners (a global middleware), registers every listener, and the
    error handler that acknowledges the events none of them takes (handlers/unhandled.py)."""
    app.use(deps_middleware(deps))
    for module in LISTENERS:
        module.register(app)
    unhandled.register(app)  # what no listener takes, and listeners that fail
