"""knowledge.answer.followup: a reply in a thread read after the question answered there, on
the hand-built fact base (no parse needed)."""

from __future__ import annotations

import pytest

from knowledge.answer import index_for
from knowledge.answer.followup import follow_up
from knowledge.answer.router import answer_question
from tests.knowledge.answer.facts_data import make_facts

INDEX = index_for(make_facts())


@pytest.mark.parametrize(
    ("previous", "reply", "expected"),
    [
        # Names alone ask the question before about them, in place of its names ...
        ("who met Witkoff", "and Kushner?", "who met Jared Kushner"),
        ("who met Witkoff", "what about kushner", "who met Jared Kushner"),
        ("who met Witkoff", "Kushner?", "who met Jared Kushner"),
        ("did Trump meet Putin", "and Zelensky?", "did Trump meet Volodymyr Zelenskyy"),
        ("what did Putin say", "and Zelensky?", "what did Volodymyr Zelenskyy say"),
        ("who met Trump in Florida", "and in Geneva?", "who met Trump in Geneva"),
        # ... or added to them with "too", "also", "with".
        ("who met Witkoff", "Kushner too?", "who met Witkoff and Jared Kushner"),
        ("who met Witkoff", "also with Kushner", "who met Witkoff and Jared Kushner"),
        # A question without names gets the new name at its end.
        ("who met whom", "and Putin?", "who met whom about Vladimir Putin"),
        # After the help, a name alone is that actor's profile.
        ("help", "and Putin?", "Vladimir Putin"),
        # A reply with its own question is answered as written.
        ("who met Trump", "what did Putin say?", "what did Putin say?"),
        ("who met Trump", "who is Umerov", "who is Umerov"),
        ("who met Trump", "how many drones?", "how many drones?"),
        # Chatter is no question.
        ("who met Trump", "thanks!", None),
        ("who met Trump", "great, thanks Putin", None),
        ("who met Trump", "Putin said that", None),
        ("who met Trump", "ok", None),
        ("who met Trump", "", None),
        ("who met Trump", "👍", None),
    ],
)
def test_a_reply_is_read_in_the_context_of_the_question_before(
    previous: str, reply: str, expected: str | None
) -> None:
    assert follow_up(previous, reply, INDEX) == expected


def test_the_question_read_from_a_follow_up_is_answered_about_the_new_name() -> None:
    question = follow_up("who met Witkoff", "and Kushner?", INDEX)
    assert question is not None

    answer = answer_question(question, make_facts())

    assert answer.intent == "meeting"
    assert any("Jared Kushner" in str(fact.fact) for fact in answer.facts)


def test_markup_in_a_reply_is_not_carried_into_the_question() -> None:
    question = follow_up("who met Witkoff", "and <!channel> <@U0SOMEONE> Kushner?", INDEX)

    assert question == "who met Jared Kushner"
