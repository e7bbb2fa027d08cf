"""Hostile questions: whatever a question holds (any Unicode, Slack markup, entities, controls,
100 kB), the answer never crashes and is a Block Kit message within Slack's limits that notifies
no one, on the seeds' fact base: through answer_question and answer_message, through
`ukraine-bot ask --jsonl -`, and through the Bolt app with signed Slack requests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from slack_bolt import App

from handlers.blocks import answer_message
from knowledge import consolidate
from knowledge.answer import answer_question
from knowledge.articles import make_article
from knowledge.facts import ArticleFacts, FactBase
from knowledge.locations import DEFAULT_SEEDS_DIR as SEEDS
from knowledge.store import Store, open_store
from tests.blockkit import check_message
from tests.environment import SETTING_NAMES
from tests.slack_app import make_app
from tests.slack_requests import event, signed, slash
from tests.slack_stub import BOT_USER, SlackStub, acked_message, blocks_of, start_stub

MARKUP = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!here|here>",
    "<@U123>",
    "<@U0VICTIM|bob>",
    "<@W0ENTERPRISE>",
    "<#C123|x>",
    "<#C123>",
    "<!subteam^S1>",
    "<!subteam^S1|@team>",
    "<!date^1392734382^{date}|Feb 18>",
    "<https://x|y>",
    "<https://evil.example>",
    "<mailto:a@b.example|mail>",
    "&lt;!channel&gt;",
    "&lt;@U123&gt;",
    "&lt;#C123|x&gt;",
    "&amp;lt;!here&amp;gt;",
    "&#60;!channel&#62;",
    "<<!channel>>",
    "<!channel",
    "!channel>",
    "<",
    ">",
    "&",
    "<@",
    "<#",
    "<!",
    "<\n!channel>",
    "<" + "x" * 500 + "|<!channel>>",
]
UNICODE = [
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "\u2066\u2069",  # isolates
    "\u200b",  # zero-width space
    "\u200c\u200d",  # zero-width (non-)joiner
    "\ufeff",
    "e\u0301",
    "\u0301" * 40,  # combining marks on nothing
    "𝕎𝕚𝕥𝕜𝕠𝕗𝕗",
    "🇺🇦",
    "👩‍👩‍👧",
    "\U0010ffff",
    "\U000e0001",  # language tag
    "Зеленський",
    "زيلينسكي",
    "ゼレンスキー",
]
# Lone surrogates are not text, but a JSON string in a Slack request can hold them ("\ud800").
SURROGATES = ["\ud800", "\udcff", "\ud83d"]
CONTROLS = ["\x00", "\x07", "\x1b[31m", "\r", "\n", "\t", "\x0b", "\x85", "\u2028", "\u2029"]
MRKDWN = ["*", "_", "~", "`", "```", "*bold*", "_it_", "> quote", ":skull:"]
WORDS = [
    "who met",
    "Witkoff",
    "witkof",
    "Zelensky",
    "Putin",
    "Trump",
    "how many drones",
    "what did Putin say about",
    "who is",
    "where",
    "help",
    "Martin",
]

fragments = st.one_of(
    st.sampled_from(MARKUP + UNICODE + SURROGATES + CONTROLS + MRKDWN + WORDS),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
)
questions = st.lists(fragments, max_size=25).flatmap(
    lambda parts: st.sampled_from(["", " "]).map(lambda sep: sep.join(parts))
)

HUGE = [
    "who met Witkoff " * 6_500,
    "<!channel>" * 10_000,
    "&lt;!here&gt; " * 7_500,
    "<@U123|x>" * 11_500,
    "x" * 100_000,
    "\u200b" * 100_000,
    "e\u0301" * 50_000,
    "🇺🇦" * 50_000,
    "<" * 100_000,
    "&" * 100_000,
    ("who met Witkoff <!channel> 𝕏 \u202e\x00 " * 3_000)[:100_000],
]
NASTY = [
    "<!channel> <!here> <!everyone> who met <@U0VICTIM> Witkof",
    "&lt;!channel&gt; who is &lt;@U123&gt; Zelensky",
    "who met <https://evil.example|Witkoff>",
    "<!subteam^S1|@team> what did Putin say",
    "\u202ewho met Witkoff\u202c",
    "who\x00met\x00Witkoff",
    "who met W\u200bitkoff",
    "ﬀ ﬁ Zelenskyy\u0301\u0301\u0301",
    "\x1b[31mhow many drones\x1b[0m",
    "*_~`who met Witkoff`~_*",
    "<#C123|general> <mailto:x@y.example|x>",
    "who met Witkoff " * 6_500,
]


CLI = [sys.executable, "-c", "from bot.cli import main; main()"]


def asked(question: str, facts: FactBase, **options: Any) -> dict[str, Any]:
    return answer_message(answer_question(question, facts), **options)


class Seeds:
    """The seeds' fact base, under a short name in Hypothesis's falsifying examples."""

    def __init__(self, facts: FactBase) -> None:
        self.facts = facts

    def __repr__(self) -> str:
        return "<the seeds' fact base>"


@pytest.fixture(scope="session")
def seeds(seed_base: FactBase) -> Seeds:
    return Seeds(seed_base)


# --- answer_question and answer_message, on the seeds -------------------------------------------


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(question=questions)
@example(question="")
@example(question=" \n\t ")
def test_any_question_gets_a_valid_inert_block_kit_answer(seeds: Seeds, question: str) -> None:
    answer = answer_question(question, seeds.facts)

    check_message(answer_message(answer, share_button=True))
    check_message(answer_message(answer))
    json.dumps(answer.to_dict(), ensure_ascii=False).encode("utf-8")  # what the CLI prints


@pytest.mark.parametrize("question", HUGE, ids=range(len(HUGE)))
def test_a_100_kb_question_is_answered_quickly_within_slacks_limits(
    seed_base: FactBase, question: str
) -> None:
    started = time.perf_counter()
    answer = answer_question(question, seed_base)
    took = time.perf_counter() - started

    check_message(answer_message(answer, share_button=True))
    assert took < 1.0
    assert len(answer.question) <= 600


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(
    question=questions,
    shared_by=st.one_of(st.sampled_from(["U0CLICKER", "W0ENTERPRISE1"]), st.text(max_size=30)),
)
def test_shared_by_is_the_only_live_mention_and_only_for_a_user_id(
    seeds: Seeds, question: str, shared_by: str
) -> None:
    message = asked(question, seeds.facts, shared_by=shared_by)

    live = [f"<@{shared_by}>"] if shared_by in {"U0CLICKER", "W0ENTERPRISE1"} else []
    check_message(message, mentions=live)
    if live:
        assert live[0] in message["blocks"][-1]["elements"][0]["text"]


def test_markup_in_the_seed_articles_would_be_inert_too(seed_base: FactBase) -> None:
    """The fact base's own text (sentences, titles, names) carrying markup comes out inert."""
    data = (
        json.dumps({"article_id": "x", "title": "x", **asdict(seed_base)})
        .replace("Witkoff", "Witkoff <!channel>")
        .replace("Moscow", "&lt;!here&gt; Moscow <@U0VICTIM>")
        .replace("Putin", "Putin <https://evil.example|click>")
    )
    facts = ArticleFacts.from_dict(json.loads(data))
    poisoned = FactBase(facts.actors, facts.meetings, facts.figures, facts.quotes, facts.statements)
    for question in ["who met Witkoff", "Witkoff", "who met Putin", "what did Putin say"]:
        check_message(asked(question, poisoned, share_button=True))


# --- the command line ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def seed_db(seed_base: FactBase, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite fact base holding the seeds' facts (written as they are, not re-extracted)."""
    path = str(tmp_path_factory.mktemp("seed-db") / "facts.sqlite3")
    with pytest.MonkeyPatch.context() as patch, open_store(path) as store:
        patch.setattr(consolidate, "consolidate", lambda items: seed_base)
        store.add_articles(
            [
                (make_article(path.stem, path.read_text("utf-8")), ArticleFacts(path.stem, "t"))
                for path in sorted(SEEDS.glob("*.txt"))
            ]
        )
    return path


def test_cli_ask_jsonl_answers_every_nasty_line_with_one_json_object(
    seed_db: str, tmp_path: Path
) -> None:
    lines = [q.replace("\n", " ").replace("\r", " ") for q in NASTY + MARKUP + UNICODE]
    stdin = "\n".join(lines).encode("utf-8") + b"\n\xff\xfe who met Witkoff \xc3\n\xed\xa0\x80\n"
    environment = {k: v for k, v in os.environ.items() if k not in SETTING_NAMES}

    outputs = []
    # Whatever the locale's error handler: surrogateescape (C.UTF-8) or strict.
    for encoding in ["utf-8:surrogateescape", "utf-8:strict"]:
        result = subprocess.run(
            [*CLI, "ask", "--db", seed_db, "--jsonl", "-"],
            input=stdin,
            capture_output=True,
            cwd=tmp_path,
            env={**environment, "PYTHONIOENCODING": encoding},
            timeout=60,
        )
        assert result.returncode == 0, result.stderr.decode(errors="replace")
        assert b"Traceback" not in result.stderr
        outputs.append(result.stdout)

    assert outputs[0] == outputs[1]
    records = [json.loads(line) for line in outputs[0].decode("utf-8").split("\n") if line]
    expected = [line.strip() for line in stdin.decode("utf-8", "replace").split("\n")]
    assert [r["question"] for r in records] == [q for q in expected if q]
    for record in records:
        assert isinstance(record["text"], str) and record["text"]


def test_cli_ask_a_question_argument_that_is_not_utf8(seed_db: str, tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in SETTING_NAMES}
    result = subprocess.run(
        [*CLI, "ask", "--db", seed_db, "--jsonl", b"who met \xffWitkoff"],
        capture_output=True,
        cwd=tmp_path,
        env={**environment, "PYTHONIOENCODING": "utf-8:strict"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    record = json.loads(result.stdout.decode("utf-8"))
    assert record["question"] == "who met \ufffdWitkoff"


# --- the Bolt app: signed requests, answers captured at the stand-in Slack ------------------------


@pytest.fixture(scope="module")
def stub() -> Iterator[SlackStub]:
    """One stand-in Slack for the module (stopping one takes half a second): each test reads
    its own response URL or channel."""
    yield from start_stub()


@pytest.fixture
def seed_store(seed_db: str) -> Iterator[Store]:
    with open_store(seed_db) as store:
        yield store


@pytest.fixture
def app(seed_store: Store, stub: SlackStub) -> App:
    return make_app(seed_store, stub)


@pytest.fixture(scope="module")
def warm_app(seed_db: str, stub: SlackStub) -> Iterator[App]:
    """One app for the module, its fact base and indexes built at creation as `serve` does:
    each slash command is then answered within the ack budget even on a loaded machine."""
    with open_store(seed_db) as store:
        yield make_app(store, stub, warm=True)


@pytest.mark.parametrize("text", NASTY + ["<!channel>" * 400, "\u0000" * 50])
def test_slash_command_with_hostile_text_answers_with_valid_inert_blocks(
    warm_app: App, stub: SlackStub, text: str
) -> None:
    response = warm_app.dispatch(signed(slash(text, stub)))

    assert response.status == 200
    answer = acked_message(response.body)
    assert answer["response_type"] == "ephemeral"
    check_message({"text": answer["text"], "blocks": answer["blocks"]})


@pytest.mark.parametrize(
    "text",
    [
        "who met \ud800 Witkoff",  # a lone surrogate, as a JSON \\ud800 escape decodes to
        "\udcff\udcfe",
        "<!channel> \ud83d who is Zelensky",
    ],
)
@pytest.mark.parametrize("kind", ["app_mention", "message"])
def test_an_event_with_lone_surrogates_is_answered_with_valid_text(
    app: App, stub: SlackStub, text: str, kind: str
) -> None:
    channel = ("D" if kind == "message" else "C") + uuid.uuid4().hex[:10].upper()
    fields: dict[str, Any] = {"channel": channel}
    if kind == "message":
        fields["channel_type"] = "im"
    body = event(kind, f"<@{BOT_USER}> {text}", event_id=f"Ev{uuid.uuid4().hex}", **fields)
    assert "\\ud8" in body or "\\udc" in body  # json.dumps escapes them: valid JSON, bad text

    response = app.dispatch(signed(body, content_type="application/json"))

    assert response.status == 200
    posted = stub.wait_for(
        lambda: [c for c in stub.of("chat.postMessage") if c.body.get("channel") == channel]
    )[0].body
    check_message({"text": posted["text"], "blocks": blocks_of(posted)})
