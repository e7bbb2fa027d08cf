"""Scenario tests for subscribing (issue 15), signed through the real Bolt app: the modal of
`/ukraine subscribe` alone (time zone from users.info) and its submission, schedules as people
say them, the confirmation posted at once (a channel the bot is not in reported then), and who
may replace or remove a schedule."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from slack_bolt import App

from knowledge.store import Store
from tests.blockkit import check_view
from tests.slack_app import make_app
from tests.slack_requests import signed, slash, view_submission
from tests.slack_stub import SlackStub, acked_message, texts


@pytest.fixture
def app(store: Store, stub: SlackStub) -> App:
    stub.users["U0ASKER"] = {"tz": "Europe/Kyiv"}
    return make_app(store, stub, DIGEST_ADMINS="U0TRUSTED")


def opened_view(stub: SlackStub) -> dict[str, Any]:
    body = stub.wait_for(lambda: stub.of("views.open"))[0].body
    view = body["view"]
    return json.loads(view) if isinstance(view, str) else dict(view)


def test_subscribe_alone_opens_a_modal_in_the_askers_time_zone(
    app: App, stub: SlackStub, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        response = app.dispatch(signed(slash("subscribe", stub)))

    assert response.status == 200 and response.body == ""  # the modal is the answer
    view = opened_view(stub)
    check_view(view)
    assert view["callback_id"] == "subscribe_modal"
    zone = next(b for b in view["blocks"] if b.get("block_id") == "timezone")
    assert zone["element"]["initial_option"]["value"] == "Europe/Kyiv"
    kinds = {b["block_id"]: b["element"]["type"] for b in view["blocks"] if b["type"] == "input"}
    assert kinds == {
        "frequency": "static_select",
        "day": "static_select",
        "time": "timepicker",
        "timezone": "static_select",
    }
    assert stub.of("users.info")[0].body["user"] == "U0ASKER"
    # The empty acknowledgement is logged as what it is, not as an answer running late.
    assert "the subscribe modal is open" in caplog.text
    assert "late" not in caplog.text


def submit(
    app: App, frequency: str, day: str, time: str, zone: str, user: str = "U0CLICKER"
) -> Any:
    values = {
        "frequency": {
            "frequency": {"type": "static_select", "selected_option": {"value": frequency}}
        },
        "day": {"day": {"type": "static_select", "selected_option": {"value": day}}},
        "time": {"time": {"type": "timepicker", "selected_time": time}},
        "timezone": {"timezone": {"type": "static_select", "selected_option": {"value": zone}}},
    }
    body = view_submission(
        "subscribe_modal",
        values,
        private_metadata=json.dumps({"channel": "C0CHANNEL", "team": "T0TEAM"}),
    )
    body = body.replace("U0CLICKER", user)
    return app.dispatch(signed(body))


def test_the_modal_saves_the_schedule_and_confirms_in_the_channel(
    app: App, stub: SlackStub, store: Store
) -> None:
    response = submit(app, "weekly", "fri", "17:30", "Europe/Kyiv")

    assert response.status == 200 and response.body == ""
    # Saved after the acknowledgement, by the listener's thread.
    subscription = stub.wait_for(lambda: store.subscription("C0CHANNEL"))
    assert subscription.schedule == "weekly fri 17:30 Europe/Kyiv"
    assert subscription.subscribed_by == "U0CLICKER"
    posted = stub.wait_for(lambda: stub.of("chat.postMessage"))[0].body
    assert posted["channel"] == "C0CHANNEL" and "every Friday at 17:30" in posted["text"]


@pytest.mark.parametrize(
    ("said", "saved"),
    [
        ("9am", "daily 09:00 Europe/Kyiv"),
        ("8:30am", "daily 08:30 Europe/Kyiv"),
        ("every weekday at 9", "weekdays 09:00 Europe/Kyiv"),
        ("every morning at 9", "daily 09:00 Europe/Kyiv"),
    ],
)
def test_schedules_as_people_say_them_in_their_time_zone(
    said: str, saved: str, app: App, stub: SlackStub, store: Store
) -> None:
    answer = acked_message(app.dispatch(signed(slash(f"subscribe {said}", stub))).body)

    subscription = store.subscription("C0CHANNEL")
    assert subscription is not None and subscription.schedule == saved
    assert answer["response_type"] == "ephemeral" and answer["text"].startswith("Done:")
    confirmed = stub.of("chat.postMessage")[0].body
    assert confirmed["channel"] == "C0CHANNEL" and "<@U0ASKER> subscribed" in confirmed["text"]


def test_a_channel_the_bot_is_not_in_is_reported_when_subscribing(
    app: App, stub: SlackStub
) -> None:
    stub.fail("chat.postMessage", 200, {"ok": False, "error": "not_in_channel"})

    answer = acked_message(app.dispatch(signed(slash("subscribe 9am", stub))).body)

    assert "invite me with `/invite @ukraine-bot`" in answer["text"]
    assert answer["response_type"] == "ephemeral"


def test_only_the_subscriber_an_admin_or_a_listed_user_may_change_it(
    app: App, stub: SlackStub, store: Store
) -> None:
    app.dispatch(signed(slash("subscribe 9am", stub)))  # by U0ASKER
    stub.users["U0ADMIN"] = {"is_admin": True}

    other = acked_message(app.dispatch(signed(slash("unsubscribe", stub, user_id="U0OTHER"))).body)
    modal = submit(app, "daily", "mon", "10:00", "UTC", user="U0OTHER")

    assert "Only <@U0ASKER> (who subscribed it), a workspace admin or" in other["text"]
    assert json.loads(modal.body)["response_action"] == "errors"
    current = store.subscription("C0CHANNEL")
    assert current is not None and current.schedule == "daily 09:00 Europe/Kyiv"

    trusted = acked_message(
        app.dispatch(signed(slash("subscribe 7am UTC", stub, user_id="U0TRUSTED"))).body
    )
    assert trusted["text"].startswith("Done:")
    admin = acked_message(app.dispatch(signed(slash("unsubscribe", stub, user_id="U0ADMIN"))).body)
    assert "turned off" in " ".join(texts(admin))
    assert store.subscription("C0CHANNEL") is None


def test_the_modal_of_a_grid_workspace_saves_its_organization_too(
    app: App, stub: SlackStub, store: Store
) -> None:
    app.dispatch(signed(slash("subscribe", stub, enterprise_id="E0GRID", team_id="T0GRIDWS")))
    view = opened_view(stub)
    assert json.loads(view["private_metadata"]) == {
        "channel": "C0CHANNEL",
        "team": "T0GRIDWS",
        "enterprise": "E0GRID",
    }

    values = {
        "frequency": {
            "frequency": {"type": "static_select", "selected_option": {"value": "daily"}}
        },
        "day": {"day": {"type": "static_select", "selected_option": {"value": "mon"}}},
        "time": {"time": {"type": "timepicker", "selected_time": "09:00"}},
        "timezone": {"timezone": {"type": "static_select", "selected_option": {"value": "UTC"}}},
    }
    submission = view_submission(
        "subscribe_modal", values, private_metadata=view["private_metadata"]
    )
    app.dispatch(signed(submission))

    subscription = stub.wait_for(lambda: store.subscription("C0CHANNEL"))
    assert (subscription.team_id, subscription.enterprise_id) == ("T0GRIDWS", "E0GRID")
