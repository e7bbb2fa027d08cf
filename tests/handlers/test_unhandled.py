"""handlers.unhandled, on a real App: events no listener takes get 200, the rest as Bolt does."""

from __future__ import annotations

import json
import logging

import pytest
from slack_bolt import App
from slack_sdk import WebClient

import handlers
from tests.handlers.fakes import fake_deps
from tests.slack_requests import SECRET, button, signed
from tests.slack_stub import SlackStub


def app_with_listeners(stub: SlackStub) -> App:
    app = App(
        client=WebClient(token="xoxb-test-token", base_url=stub.api_url),
        signing_secret=SECRET,
        token_verification_enabled=False,
        raise_error_for_unhandled_request=True,
    )
    handlers.register_all(app, fake_deps())
    return app


@pytest.mark.parametrize(
    "body",
    [
        {
            "type": "event_callback",
            "event_id": "Ev1",
            "team_id": "T0TEAM",
            "event": {"type": "reaction_added", "user": "U0ASKER", "reaction": "+1"},
        },
        {
            "type": "event_callback",
            "event_id": "Ev2",
            "team_id": "T0TEAM",
            "event": {"type": "member_joined_channel", "user": "U0ASKER", "channel": "C0CHANNEL"},
        },
        {"type": "app_rate_limited", "team_id": "T0TEAM", "minute_rate_limited": 1733143200},
    ],
    ids=["reaction_added", "member_joined_channel", "app_rate_limited"],
)
def test_an_event_no_listener_takes_is_acknowledged_with_one_debug_line(
    stub: SlackStub, body: dict[str, object], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):  # Bolt's loggers take the root's level when made
        app = app_with_listeners(stub)
        response = app.dispatch(signed(json.dumps(body), content_type="application/json"))

    assert response.status == 200
    lines = [r for r in caplog.records if "is not one this app answers" in r.getMessage()]
    assert len(lines) == 1 and lines[0].levelno == logging.DEBUG
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_button_no_listener_takes_keeps_bolts_404_and_warning(
    stub: SlackStub, caplog: pytest.LogCaptureFixture
) -> None:
    app = app_with_listeners(stub)

    with caplog.at_level(logging.WARNING):
        response = app.dispatch(signed(button("some_other_button", "x", stub)))

    assert response.status == 404
    assert "Unhandled request" in caplog.text
