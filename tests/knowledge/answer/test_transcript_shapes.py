"""Question shapes of briefing transcripts and of news told over several days (issue 12): the
answer to a "Q:" whose topic only the question names, a relative day read as the date it
stands for, the people a sentence lists beside the event's, who will attend (not who stayed
away), and "latest on T" from the newest article.

Real extraction (the project's spaCy pipeline) of articles written for these tests, stored in a
real SQLite file and read back as the bot reads it; real bm25s evidence.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language

from knowledge.answer import answer_question
from knowledge.answer.question import analyze_question
from knowledge.answer.sentences import Evidence
from knowledge.articles import make_article
from knowledge.extract import extract_articles
from knowledge.facts import FactBase
from knowledge.store import open_store

BRIEFING = """\
Briefing by Foreign Ministry Spokesperson Olena Marchenko on the Rzeszow talks

Ministry of Foreign Affairs of Ukraine, Kyiv

MS. MARCHENKO: Good afternoon. On Saturday, Foreign Minister Andrii Sybiha met Polish Foreign \
Minister Radoslaw Sikorski in Rzeszow for talks on the peace plan. The talks lasted two hours. \
On the Polish side were Deputy Minister Marcin Bosacki, General Wieslaw Kukula and Ambassador \
Piotr Lukasiewicz.

Canadian Prime Minister Mark Carney spoke with Minister Sybiha by phone on Sunday.

Q: On the shipping insurance fund, is there an agreement with Warsaw?

MS. MARCHENKO: The Polish banks will put in their share next month. "We have found a \
solution that keeps the ships moving and the crews safe," Minister Sikorski told reporters \
in Rzeszow.

Q: Who oversees the working groups?

MS. MARCHENKO: Minister Sybiha, who has led this ministry since 5 September 2024, oversees \
them.

Q: What happens next?

MS. MARCHENKO: This Thursday, Minister Sybiha will host the foreign ministers of the Nordic \
countries in Kyiv. Lars Lokke Rasmussen, the Danish foreign minister, has confirmed he will \
come. Hungarian Foreign Minister Peter Szijjarto did not take part in the last meeting of the \
ministers in Kyiv and will not come this time either.
"""

CORRIDOR_BEFORE = """\
Polish farmers keep the border closed to Ukrainian grain

WARSAW — The grain corridor between Poland and Ukraine remained closed on Tuesday as farmers \
kept up their blockade of the border crossings.

Polish officials said the grain corridor could not reopen before the spring. Ukrainian \
officials said the grain corridor was a question for the European Commission.

Farmers' unions said they would keep the grain corridor blocked until Brussels acted.
"""

CORRIDOR_AFTER = """\
Trucks cross at Dorohusk as the border reopens

WARSAW — Polish farmers ended their protest on Friday and the grain corridor between the two \
countries reopened, Poland's infrastructure ministry said in a statement late in the evening. \
Trucks carrying wheat crossed at Dorohusk for the first time since January.
"""


@pytest.fixture(scope="module")
def stored_base(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FactBase]:
    articles = [
        make_article("briefing", BRIEFING, published="2026-03-02"),  # a Monday
        make_article("corridor_before", CORRIDOR_BEFORE, published="2026-02-10"),
        make_article("corridor_after", CORRIDOR_AFTER, published="2026-02-28"),
    ]
    path = tmp_path_factory.mktemp("transcript") / "facts.sqlite3"
    with open_store(str(path)) as store:
        store.add_articles(list(zip(articles, extract_articles(articles, nlp), strict=True)))
    with open_store(str(path)) as store:
        yield store.load_factbase()


def text_of(question: str, base: FactBase) -> str:
    return answer_question(question, base).to_text()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # The topic is in the "Q:" line only: the answer after it is about it.
        ("what did Sikorski say about the shipping insurance fund", "keeps the ships moving"),
        ("what's new on the shipping insurance fund", "banks will put in their share"),
        # A relative day, read against the briefing's date and the sentence's tense.
        ("when did the grain corridor reopen", "27 February 2026"),
        ("when will Sybiha host the Nordic foreign ministers in Kyiv", "5 March 2026"),
        # When someone took up a post: "has led it since …", the day of the month in bold too.
        ("when was Sybiha appointed foreign minister", "*5 September 2024*"),
        # The people a sentence lists beside the event's, with no word of taking part.
        ("who took part in the Rzeszow talks", "Kukula"),
        # Who will come, not who did not take part.
        ("who will attend the meeting of foreign ministers in Kyiv", "Rasmussen"),
    ],
)
def test_transcript_shapes_are_answered(
    stored_base: FactBase, question: str, expected: str
) -> None:
    assert expected in text_of(question, stored_base)


@pytest.mark.parametrize("written", ["Mark Karney", "Karney", "mark carny"])
def test_a_name_misspelt_with_a_letter_of_the_same_sound_is_found(
    stored_base: FactBase, written: str
) -> None:
    answer = answer_question(f"who is {written}", stored_base)

    assert [m.name for m in answer.matched] == ["Mark Carney"], answer.to_text()
    assert "prime minister" in answer.to_text()


def test_who_will_attend_ranks_who_stays_away_down(stored_base: FactBase) -> None:
    answer = answer_question(
        "who will attend the meeting of foreign ministers in Kyiv", stored_base
    )
    texts = [e.sentence.text for e in answer.evidence]
    assert texts and "did not take part" not in texts[0], texts
    assert any("Rasmussen" in t for t in texts), texts


def test_latest_shows_the_newest_article_first_with_what_it_goes_on_to_say(
    stored_base: FactBase,
) -> None:
    answer = answer_question("latest on the grain corridor", stored_base)

    assert answer.evidence, answer.to_text()
    assert answer.evidence[0].sentence.article_id == "corridor_after", answer.to_text()
    assert "Dorohusk" in answer.to_text()


def test_a_question_asked_ranks_below_its_answer(stored_base: FactBase) -> None:
    answer = answer_question("what's new on the shipping insurance fund", stored_base)
    texts = [e.sentence.text for e in answer.evidence]
    answered = next(i for i, t in enumerate(texts) if "banks will put in their share" in t)
    assert all(not t.endswith("?") for t in texts[:answered]), texts


def test_a_relative_day_is_glossed_only_in_bold_and_only_for_one_day(
    stored_base: FactBase,
) -> None:
    answer = answer_question("when did the grain corridor reopen", stored_base)
    glossed = [e for e in answer.evidence if e.glosses]
    assert glossed, answer.to_text()
    evidence: Evidence = glossed[0]
    assert "*Friday* (27 February 2026)" in evidence.marked()
    end = evidence.glosses[0][0]
    assert evidence.to_dict()["dates"] == [{"end": end, "date": "27 February 2026"}]
    # A question that wants no date shows none.
    other = answer_question("who took part in the Rzeszow talks", stored_base)
    assert all(not e.glosses for e in other.evidence)


def test_latest_words_are_read_from_the_question(stored_base: FactBase) -> None:
    from knowledge.answer import index_for
    from knowledge.answer.evidence import _query

    index = index_for(stored_base)
    for question, latest in [
        ("latest on the grain corridor", True),
        ("what's new on the grain corridor", True),
        ("any updates on the grain corridor", True),
        ("what is the grain corridor", False),
    ]:
        query = _query(analyze_question(question, index), index.sentences)
        assert query is not None and query.latest is latest, question


@pytest.mark.parametrize(
    ("question", "actors", "context"),
    [
        (
            "did Carney speak to Sybiha after the Rzeszow talks",
            ["Mark Carney", "Andrii Sybiha"],
            ["Rzeszow", "talks"],
        ),
        (
            "did Sybiha meet Sikorski before hosting the Nordic ministers in Kyiv",
            ["Andrii Sybiha", "Radoslaw Sikorski"],
            ["hosting", "Nordic", "ministers", "Kyiv"],
        ),
        # No meeting after "after": a date, not a clause about another event.
        ("did Sybiha meet Sikorski after Friday", ["Andrii Sybiha", "Radoslaw Sikorski"], []),
    ],
)
def test_a_clause_that_dates_the_question_names_no_actor_or_place_asked(
    stored_base: FactBase, question: str, actors: list[str], context: list[str]
) -> None:
    from knowledge.answer import index_for

    asked = analyze_question(question, index_for(stored_base))

    assert asked.actors == actors
    assert asked.places == []
    assert [t.surface for t in asked.context] == context


def test_a_yes_no_question_dated_by_another_event_is_answered_yes(stored_base: FactBase) -> None:
    answer = answer_question("did Carney speak to Sybiha after the Rzeszow talks", stored_base)

    assert answer.to_text().startswith("Yes, held."), answer.to_text()
    assert "Carney" in answer.to_text()
