"""bench/quality.py: its scoring rules (bench/scoring/) on tiny hand-made inputs, and a --quick
run end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench import quality
from bench.scoring import report
from bench.scoring.answers import QuestionResult, judge, score_answer, strip_ids
from bench.scoring.facts import FACT_ROWS, score_article
from bench.scoring.names import Names
from tests.bench.scripts import run_bench

# Answers: must / must_not.


def test_an_answer_needs_one_alternative_of_every_must_group() -> None:
    verdict = score_answer(
        "Steve Witkoff met Vladimir Putin and Jared Kushner.", [["Putin"], ["Kushner"]], []
    )
    assert verdict.passed

    verdict = score_answer("Steve Witkoff met Vladimir Putin.", [["Putin"], ["Kushner"]], [])
    assert not verdict.passed and verdict.missing == [["Kushner"]]


def test_matching_ignores_case_and_diacritics_and_curly_quotes() -> None:
    assert score_answer("ERDOĞAN said “yes”", [["erdogan"], ['"yes"']], []).passed
    assert score_answer("Recep Tayyip Erdogan", [["Erdoğan"]], []).passed


def test_a_must_not_string_fails_the_answer() -> None:
    verdict = score_answer("Putin and Zelenskyy — meeting (held)", [["Putin"]], ["held"])
    assert not verdict.passed and verdict.forbidden == ["held"]


def test_article_ids_in_citations_never_answer_a_question() -> None:
    text = strip_ids(
        "talks (held) [wire_moscow_witkoff_kushner ¶3]", ["wire_moscow_witkoff_kushner"]
    )
    assert not score_answer(text, [["Moscow"]], []).passed


# Names.


def test_names_match_by_alias_and_surname_but_not_another_given_name() -> None:
    names = Names([{"actors": [{"name": "United States", "aliases": ["U.S."]}]}])
    assert names.match("U.S.", "United States")
    assert names.match("Zelenskiy", "Volodymyr Zelenskyy")
    assert names.match("Vladmir Putin", "Vladimir Putin")
    assert names.match("Tayyip Erdoğan", "Recep Tayyip Erdogan")
    assert not names.match("Melania Trump", "Donald Trump")
    assert not names.match("Donald Tusk", "Donald Trump")


# Facts.

SENTENCE = "Putin met Steve Witkoff and Jared Kushner at the Kremlin on Tuesday."
OTHER = "Zelenskiy said he was waiting for a report from the U.S. side on the Moscow talks."


def source(sentence: str, article: str = "a1") -> dict[str, Any]:
    return {"article_id": article, "sentence": sentence, "paragraph": 1}


def gold(**facts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "article": "a1",
        "set": "dev",
        "published": "2025-12-03",
        "actors": [],
        "meetings": [],
        "figures": [],
        "quotes": [],
        "not_actors": [],
    }
    return {**base, **facts}


GOLD_MEETING = {
    "participants": ["Vladimir Putin", "Steve Witkoff", "Jared Kushner"],
    "place": "Kremlin",
    "time": "on Tuesday",
    "date": "2025-12-02",
    "kind": "talks",
    "status": "held",
    "evidence": [SENTENCE],
}


def meeting(**fields: Any) -> dict[str, Any]:
    base = {
        "participants": ["Vladimir Putin", "Steve Witkoff", "Jared Kushner"],
        "place": "the Kremlin",
        "time": "Tuesday",
        "date": None,
        "kind": "talks",
        "status": "held",
        "sources": [source(SENTENCE)],
    }
    return {**base, **fields}


def test_a_meeting_with_every_field_right_is_a_true_positive() -> None:
    score = score_article(gold(meetings=[GOLD_MEETING]), {"meeting": [meeting()]}, Names())
    tally = score.tallies["meetings (all fields)"]
    assert (tally.tp, tally.predicted, tally.gold) == (1, 1, 1)
    assert not score.misses and not score.false_facts


def test_one_event_predicted_twice_is_one_true_and_one_false_positive() -> None:
    facts = {"meeting": [meeting(), meeting(time="December 2")]}
    score = score_article(gold(meetings=[GOLD_MEETING]), facts, Names())
    tally = score.tallies["meetings (all fields)"]
    assert (tally.tp, tally.predicted, tally.gold) == (1, 2, 1)
    assert tally.precision == 0.5 and tally.recall == 1.0
    assert len(score.false_facts) == 1


def test_a_wrong_field_counts_against_the_kind_and_that_field_only() -> None:
    facts = {
        "meeting": [meeting(status="planned", participants=["Vladimir Putin", "Donald Trump"])]
    }
    score = score_article(gold(meetings=[GOLD_MEETING]), facts, Names())
    assert score.tallies["meetings (all fields)"].tp == 0
    assert score.tallies["meeting status"].tp == 0
    assert score.tallies["meeting participants"].tp == 0
    assert score.tallies["meeting place"].tp == 1
    assert score.tallies["meeting time/date"].tp == 1
    assert "status" in score.misses[0] and "participants" in score.misses[0]


def test_a_meeting_needs_an_evidence_sentence_and_a_shared_participant() -> None:
    elsewhere = meeting(sources=[source(OTHER)])
    strangers = meeting(participants=["Donald Tusk"])
    other_article = meeting(sources=[source(SENTENCE, "a2")])
    facts = {"meeting": [elsewhere, strangers, other_article]}
    score = score_article(gold(meetings=[GOLD_MEETING]), facts, Names())
    tally = score.tallies["meetings (all fields)"]
    assert (tally.tp, tally.predicted, tally.gold) == (0, 2, 1)  # a2's meeting is not a1's


def test_the_date_answers_for_the_time_and_an_interval_holds_its_days() -> None:
    two_days = {**GOLD_MEETING, "time": "on Monday and Tuesday", "date": "2025-12-01/2025-12-02"}
    facts = {"meeting": [meeting(time="Dec. 2", date="2025-12-02")]}
    score = score_article(gold(meetings=[two_days]), facts, Names())
    assert score.tallies["meeting time/date"].tp == 1


def test_figures_match_by_value_and_sentence_and_count_with_the_unit_right() -> None:
    sentence = "Russia launched 22 missiles and more than 460 drones at Ukraine overnight."
    gold_figures = [
        {
            "value": 460,
            "qualifier": "over",
            "unit": "drones",
            "counts": "drones launched",
            "sentence": sentence,
        },
        {
            "value": 22,
            "qualifier": None,
            "unit": "missiles",
            "counts": "missiles launched",
            "sentence": sentence,
        },
    ]
    facts = {
        "figure": [
            {
                "value": 460.0,
                "qualifier": "more than",
                "unit": "drones",
                "counts": "drones",
                "sources": [source(sentence)],
            },
            {
                "value": 22.0,
                "qualifier": None,
                "unit": "people",
                "counts": "people",
                "sources": [source(sentence)],
            },
            {
                "value": 2.0,
                "qualifier": None,
                "unit": "sources",
                "counts": "sources",
                "sources": [source(sentence)],
            },
        ]
    }
    score = score_article(gold(figures=gold_figures), facts, Names())
    t = score.tallies
    assert (t["figures (unit right)"].tp, t["figures (unit right)"].predicted) == (1, 3)
    assert t["figure qualifier"].tp == 2 and t["figure counts"].tp == 1
    assert any("unit wrong" in m for m in score.misses)


def test_quotes_match_by_words_and_count_with_the_speaker_right() -> None:
    words = "So far, we have not chosen a compromise version"
    gold_quotes = [
        {"speaker": "Yuri Ushakov", "words": words, "sentence": "..."},
        {
            "speaker": "a senior Ukrainian official",
            "words": "We will not cede everything",
            "sentence": "...",
        },
    ]
    facts = {
        "quote": [
            {
                "speaker": "Ushakov",
                "words": "so far we have not chosen a compromise version,",
                "sources": [source(OTHER)],
            },
            {
                "speaker": "Ukrainian official",
                "words": "We will not cede everything",
                "sources": [source(OTHER)],
            },
            {"speaker": "Vladimir Putin", "words": "chosen", "sources": [source(OTHER)]},
        ]
    }
    score = score_article(gold(quotes=gold_quotes), facts, Names())
    tally = score.tallies["quotes (speaker right)"]
    assert (tally.tp, tally.predicted, tally.gold) == (2, 3, 2)  # a one-word scrap matches none


def test_a_quote_given_to_the_wrong_speaker_is_a_miss() -> None:
    gold_quotes = [{"speaker": "Hakan Fidan", "words": "two paths", "sentence": "..."}]
    facts = {
        "quote": [{"speaker": "Rustem Umerov", "words": "two paths", "sources": [source(OTHER)]}]
    }
    score = score_article(gold(quotes=gold_quotes), facts, Names())
    assert score.tallies["quotes (speaker right)"].tp == 0
    assert score.tallies["quotes (speaker right)"].predicted == 1


def test_roles_match_by_holder_and_title_and_the_of_is_a_field() -> None:
    actors = [
        {
            "name": "Yuri Ushakov",
            "kind": "person",
            "aliases": ["Ushakov"],
            "roles": [{"title": "foreign policy adviser", "of": "Vladimir Putin"}],
        },
        {
            "name": "Dan Driscoll",
            "kind": "person",
            "aliases": [],
            "roles": [{"title": "army secretary", "of": "United States"}],
        },
    ]
    facts = {
        "actor": [
            {
                "name": "Yuri Ushakov",
                "aliases": [],
                "sources": [source(OTHER)],
                "roles": [
                    {"title": "foreign policy advisor", "of": "Putin", "sources": [source(OTHER)]}
                ],
            },
            {
                "name": "Dan Driscoll",
                "aliases": [],
                "sources": [source(OTHER)],
                "roles": [
                    {"title": "Army Secretary", "of": None, "sources": [source(OTHER)]},
                    {"title": "chief", "of": "U.S. Army", "sources": [source(OTHER)]},
                ],
            },
        ]
    }
    score = score_article(gold(actors=actors), facts, Names())
    assert score.tallies["roles"].tp == 2 and score.tallies["roles"].predicted == 3
    assert score.tallies["role of"].tp == 1


def test_not_actors_are_counted_when_an_actor_of_the_article_has_that_name() -> None:
    facts = {
        "actor": [
            {"name": "ABU DHABI", "aliases": [], "roles": [], "sources": [source(OTHER)]},
            {"name": "Karim Haddad", "aliases": [], "roles": [], "sources": [source(OTHER, "a2")]},
        ]
    }
    score = score_article(gold(not_actors=["ABU DHABI", "Karim Haddad"]), facts, Names())
    assert score.not_actors == ["ABU DHABI"]


# Sets: the fresh set is asked for by name and hidden like the held-out one.


def test_sets_takes_fresh_and_the_default_run_has_every_set() -> None:
    assert quality.parse_args(["--sets", "fresh"])[1] == ["fresh"]
    assert quality.parse_args([])[1] == ["seeds", "dev", "heldout", "fresh"]


def test_fresh_and_held_out_failures_are_listed_only_with_show_heldout() -> None:
    question = {
        "id": "fresh-001",
        "kind": "who_met",
        "question": "who did Zelenskyy meet",
        "must": [["Mohammed bin Salman"]],
        "must_not": [],
        "note": "",
    }
    failed: list[QuestionResult] = [judge(question, "Nothing found.", [])]
    for name in ("heldout", "fresh"):
        hidden = "\n".join(report.failures(name, failed, [], show_heldout=False))
        assert "scores only" in hidden and "who did Zelenskyy meet" not in hidden
        shown = "\n".join(report.failures(name, failed, [], show_heldout=True))
        assert f"Failing questions: {name}" in shown and "who did Zelenskyy meet" in shown
    listed = "\n".join(report.failures("dev", failed, [], show_heldout=False))
    assert "who did Zelenskyy meet" in listed


# The whole run.


def test_quick_run_prints_both_tables_and_writes_the_figures(tmp_path: Path) -> None:
    out = tmp_path / "quality.json"
    # Five model loads (build, an ingest per set's article date, ask) and the run: about 45 s
    # of CPU, which on 2 cores shared by seven sessions took 5 minutes of wall clock.
    result, output = run_bench("quality.py", "--quick", "--json", str(out), timeout=900)
    assert result.returncode == 0, output
    assert "| kind | seeds ours | seeds bm25@3 | seeds bm25@1 | dev ours" in result.stdout, output
    assert "| **overall** |" in result.stdout
    assert "| meetings (all fields) |" in result.stdout
    assert "| not_actors found as actors |" in result.stdout
    for hidden in ("heldout", "fresh"):
        assert f"{hidden}: scores only" in result.stdout, output
        assert f"Failing questions: {hidden}" not in result.stdout
        assert f"Fact misses and false facts: {hidden}" not in result.stdout

    figures = json.loads(out.read_text())
    assert figures["quick"] is True
    assert set(figures["sets"]) == {"seeds", "dev", "heldout", "fresh"}
    for name, entry in figures["sets"].items():
        overall = entry["answers"]["overall"]
        assert overall["questions"] == quality.QUICK_QUESTIONS, name
        assert 0 <= overall["ours"] <= overall["questions"]
        assert set(entry["facts"]) == set(FACT_ROWS)
        assert ("questions" in entry) == (name not in {"heldout", "fresh"})
