"""Modality and negation: the status a clause gives a meeting, and whether a verb of saying
asserts what follows."""

from __future__ import annotations

import pytest

from knowledge.extract.modality import has_cue


@pytest.mark.parametrize(
    ("text", "cue", "found"),
    [
        (" they will meet ", "meet", True),
        (" the meeting ", "meet", False),
        (" won't meet ", "won't meet", True),
    ],
)
def test_has_a_cue_as_whole_words(text: str, cue: str, found: bool) -> None:
    assert has_cue(text, (cue,)) is found


def test_has_a_cue_not_ruled_out_is_no_ruling_out() -> None:
    assert has_cue(" he did not rule out a meeting ", ("not rule out",))
