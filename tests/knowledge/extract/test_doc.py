"""The per-document actor table and the Doc extensions every rule reads."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from knowledge.extract.doc import EXTENSIONS, DocActor, DocActors, entity_of
from tests.hand_docs import hand_doc


@pytest.mark.parametrize("name", EXTENSIONS)
def test_extensions_are_registered(name: str) -> None:
    assert Doc.has_extension(name)


def test_doc_actors_add_mention_maps_every_token_to_its_actor() -> None:
    doc = hand_doc("Steve Witkoff met Putin .")
    actors = DocActors()
    witkoff = actors.actors["Steve Witkoff"] = DocActor("Steve Witkoff", "person")
    actors.add_mention(witkoff, 0, 2, "Steve Witkoff")
    assert actors.actor_at(doc[0]) is witkoff and actors.actor_at(doc[1]) is witkoff
    assert actors.actor_at(doc[2]) is None
    assert witkoff.mentions == [(0, 2)] and witkoff.forms["Steve Witkoff"] == 1


def test_doc_actors_add_mention_leaves_a_taken_token_to_its_first_actor() -> None:
    actors = DocActors()
    first = actors.actors["Steve Witkoff"] = DocActor("Steve Witkoff", "person")
    second = actors.actors["Witkoff"] = DocActor("Witkoff", "organization")
    actors.add_mention(first, 0, 2, "Steve Witkoff")
    actors.add_mention(second, 1, 3, "Witkoff met")
    assert second.mentions == [] and actors.token_actor == {0: "Steve Witkoff", 1: "Steve Witkoff"}


@pytest.mark.parametrize(
    ("name", "media"), [("Reuters", True), ("Politico", True), ("NATO", False)]
)
def test_doc_actor_is_media_for_outlets(name: str, media: bool) -> None:
    assert DocActor(name, "organization").is_media is media


def test_entity_of_is_the_whole_entity_with_its_label() -> None:
    doc = hand_doc("talks in Budapest , Hungary .", ents="O O B-GPE O B-GPE O")
    entity = entity_of(doc[2])
    assert entity is not None and entity.text == "Budapest" and entity.label_ == "GPE"
    assert entity_of(doc[0]) is None


def test_entity_of_a_token_inside_an_entity_starts_at_the_entity() -> None:
    doc = hand_doc("the White House said", ents="O B-FAC I-FAC O")
    entity = entity_of(doc[2])
    assert entity is not None and (entity.start, entity.end) == (1, 3)
