"""Scenario tests for answers people read (issue 15): signed requests through the real Bolt app,
the Web API and response URLs at the stub. A page holds at most 5 facts; "Show N more" pages in
place in a channel and opens a modal with all of them in a thread or a DM; every fact's menu
reports it as wrong, kept with its id and the reporter only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from slack_bolt import App
from sqlalchemy import inspect

from bot.cli import main
from knowledge import consolidate
from knowledge.fact_ids import facts_by_id
from knowledge.facts import Quote
from knowledge.store import Store, open_store
from tests.blockkit import check_message, check_view
from tests.factories import article, drones_facts, envoy_facts, quoted_fact_base
from tests.slack_app import make_app
from tests.slack_requests import button, event, menu_choice, signed, slash
from tests.slack_stub import BOT_USER, SlackStub, acked_message, blocks_of, texts

QUOTES = 12
quoted_base = quoted_fact_base


@pytest.fixture
def quoted_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    path = str(tmp_path / "quoted.sqlite3")
    with monkeypatch.context() as patch, open_store(path) as store:
        patch.setattr(consolidate, "consolidate", lambda items: quoted_base())
        store.add_articles([(article("envoy"), envoy_facts()), (article("drones"), drones_facts())])
    with open_store(path) as store:
        yield store


@pytest.fixture
def app(quoted_store: Store, stub: SlackStub) -> App:
    return make_app(quoted_store, stub)


def actions_of(blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {
        element["action_id"]: element
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    }


def found_of(blocks: list[dict[str, Any]], shown: str) -> int:
    """N in the "Facts 1–5 of N" line of a page."""
    line = next(t for t in texts(blocks) if t.startswith(f"Facts {shown} of "))
    return int(line.rsplit(" ", 1)[1])


def fact_lines(blocks: list[dict[str, Any]]) -> list[str]:
    return [b["text"]["text"] for b in blocks if b["type"] == "section" and "accessory" in b]


def test_a_long_answer_shows_five_facts_and_pages_in_place(app: App, stub: SlackStub) -> None:
    first = acked_message(app.dispatch(signed(slash("what did Witkoff say", stub))).body)

    check_message(first)
    assert first["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "What did Witkoff say?"},
    }
    assert len(fact_lines(first["blocks"])) == 5
    # The twelve quotes, then the evidence sentences the answer cites besides.
    found = found_of(first["blocks"], "1–5")
    assert found >= QUOTES
    more = actions_of(first["blocks"])["show_more"]
    assert more["text"]["text"] == "Show 5 more" and more["accessibility_label"]
    assert "Point 0 of the plan" in first["text"] and "Show 5 more" in first["text"]

    app.dispatch(signed(button("show_more", more["value"], stub)))

    page = stub.wait_for(lambda: stub.responses("click"))[0].body
    assert page["replace_original"] is True
    check_message(page)
    lines = fact_lines(page["blocks"])
    assert len(lines) == 5 and "Point 5 of the plan" in lines[0]
    assert found_of(page["blocks"], "6–10") == found
    assert "share_answer" in actions_of(page["blocks"])  # still private: still shareable

    seen = fact_lines(first["blocks"]) + lines
    while "show_more" in actions_of(page["blocks"]):
        clicks = len(stub.responses("click"))
        app.dispatch(
            signed(button("show_more", actions_of(page["blocks"])["show_more"]["value"], stub))
        )
        page = stub.wait_for(
            lambda clicks=clicks: len(stub.responses("click")) > clicks and stub.responses("click")
        )[-1].body
        seen += fact_lines(page["blocks"])
    assert [line.split("Point ")[1].split(" ")[0] for line in seen] == [
        str(i) for i in range(QUOTES)
    ]


def test_in_a_thread_show_more_opens_a_modal_with_every_fact(app: App, stub: SlackStub) -> None:
    body = event("app_mention", f"<@{BOT_USER}> what did Witkoff say", channel="C0CHANNEL")
    app.dispatch(signed(body, content_type="application/json"))
    posted = stub.wait_for(lambda: stub.of("chat.postMessage"))[0].body
    blocks = blocks_of(posted)
    check_message({"text": posted["text"], "blocks": blocks})
    show_all = actions_of(blocks)["show_all"]
    assert show_all["text"]["text"] == f"Show {found_of(blocks, '1–5') - 5} more"

    app.dispatch(signed(button("show_all", show_all["value"], stub, thread_ts="1700000000.000100")))

    opened = stub.wait_for(lambda: stub.of("views.open"))[0].body
    view = json.loads(opened["view"]) if isinstance(opened["view"], str) else opened["view"]
    check_view(view)
    assert opened["trigger_id"] == "1.2.3"
    assert view["title"]["text"] == "The whole answer"
    assert len(fact_lines(view["blocks"])) == QUOTES


def test_a_refused_modal_sends_the_facts_by_direct_message(app: App, stub: SlackStub) -> None:
    stub.fail("views.open", 200, {"ok": False, "error": "expired_trigger_id"})
    value = json.dumps({"q": "what did Witkoff say", "o": 0})

    app.dispatch(signed(button("show_all", value, stub, channel="D0DIRECT")))

    # The click came with a response URL: the facts go there, visible to the clicker only.
    sent = stub.wait_for(lambda: stub.responses("click"))[0].body
    check_message(sent)
    assert len(fact_lines(sent["blocks"])) == QUOTES


def test_report_a_wrong_fact_keeps_the_fact_id_and_reporter_only(
    app: App, stub: SlackStub, quoted_store: Store
) -> None:
    first = acked_message(app.dispatch(signed(slash("what did Witkoff say", stub))).body)
    menu = next(b["accessory"] for b in first["blocks"] if "accessory" in b)
    assert menu["type"] == "overflow" and menu["action_id"] == "fact_menu:0"
    option = menu["options"][0]
    assert option["text"]["text"] == "Report a wrong fact"

    app.dispatch(signed(menu_choice(menu["action_id"], option["value"], stub)))
    thanks = stub.wait_for(lambda: stub.responses("click"))[0].body
    app.dispatch(signed(menu_choice(menu["action_id"], option["value"], stub)))
    again = stub.wait_for(lambda: len(stub.responses("click")) > 1 and stub.responses("click"))[1]

    assert "Thank you" in thanks["text"] and thanks["replace_original"] is False
    assert "already reported" in again.body["text"]
    flags = quoted_store.flags()
    assert [(f.reporter, f.team_id) for f in flags] == [("U0CLICKER", "T0TEAM")]
    fact, _ = facts_by_id(quoted_store.load_factbase())[flags[0].fact_id]
    assert isinstance(fact, Quote) and fact.words == "Point 0 of the plan is settled"
    columns = {c["name"] for c in inspect(quoted_store.engine).get_columns("flagged_facts")}
    assert columns == {"id", "fact_id", "reporter", "team_id", "reported_at"}  # no question


def test_a_forged_report_value_is_refused_and_stores_nothing(
    app: App, stub: SlackStub, quoted_store: Store
) -> None:
    app.dispatch(signed(menu_choice("fact_menu:0", "report:<!channel>", stub)))

    refused = stub.wait_for(lambda: stub.responses("click"))[0].body
    check_message(refused)
    assert "could not tell which fact" in refused["text"]
    assert quoted_store.flags() == []


def test_facts_flagged_lists_the_reports_with_their_facts(quoted_store: Store) -> None:
    facts = facts_by_id(quoted_store.load_factbase())
    reported = next(i for i, (fact, _) in facts.items() if isinstance(fact, Quote))
    quoted_store.flag_fact(reported, "U0REPORTER", team_id="T0TEAM")
    quoted_store.flag_fact("meeting:0123456789ab", "U0OTHER")
    db = str(quoted_store.file)

    shown = CliRunner().invoke(main, ["facts", "--flagged", "--db", db])
    as_json = CliRunner().invoke(main, ["facts", "--flagged", "--json", "--db", db])

    assert shown.exit_code == 0, shown.output
    assert "2 facts reported wrong" in shown.output
    assert f"{reported}  reported by U0REPORTER" in shown.output
    assert 'Steve Witkoff said: "Point 0 of the plan is settled"' in shown.output
    assert "(no longer in the fact base)" in shown.output
    records = json.loads(as_json.output)
    assert [r["reporter"] for r in records] == ["U0REPORTER", "U0OTHER"]
    assert records[1]["fact"] is None


def test_facts_without_kind_or_flagged_is_a_usage_error(quoted_store: Store) -> None:
    result = CliRunner().invoke(main, ["facts", "--db", str(quoted_store.file)])

    assert result.exit_code == 2 and "--kind" in result.output
