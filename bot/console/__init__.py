"""The local console: Slack played in a browser page, for when no Slack credentials are set.

    run_console(settings, store)                    # http://127.0.0.1:3000 until Ctrl-C
    with start_console(settings, store, port=0) as running:
        running.url, running.console                # tests: any free port, stopped on exit

It is a stand-in for Slack, not a second code path. What you type becomes the request Slack
would send (a slash command, an `app_mention` or DM `message` event, a `block_actions`
payload), signed with the console's own signing secret and dispatched through the one Bolt app
from `create_app`, with every listener. The bot answers as it does in Slack, through a Web API
and response URLs that this server plays (`/api/<method>`, `/console/response/<token>`), so the
page shows exactly the Block Kit the bot sent, and a request Slack would refuse is refused here.

- workspace.py: the workspace (its team, users and two conversations) and their messages;
- slack.py: what Slack does with them: signed requests to the Bolt app, response URLs, the
  Web API stand-in (`Console`);
- http.py: the routes, for the page (static files in bot/static/) and for the bot;
- server.py: serving it (`start_console`, `run_console`).
"""

from __future__ import annotations

from bot.console.http import ConsoleWebApp
from bot.console.server import RunningConsole, run_console, start_console
from bot.console.slack import Console, ConsoleError
from bot.console.workspace import (
    BOT_TOKEN,
    BOT_USER_ID,
    CONVERSATIONS,
    TEAM_ID,
    USER_ID,
    Conversation,
    Message,
    Workspace,
)

__all__ = [
    "BOT_TOKEN",
    "BOT_USER_ID",
    "CONVERSATIONS",
    "TEAM_ID",
    "USER_ID",
    "Console",
    "ConsoleError",
    "ConsoleWebApp",
    "Conversation",
    "Message",
    "RunningConsole",
    "Workspace",
    "run_console",
    "start_console",
]
