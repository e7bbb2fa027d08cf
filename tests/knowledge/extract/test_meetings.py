"""Meetings, calls, summits and talks: participants, place, time, kind and status."""

from __future__ import annotations

from spacy.language import Language

from knowledge.articles import make_article
from knowledge.consolidate import consolidate
from knowledge.extract import extract_article
from knowledge.extract.clauses import is_role_possessor
from knowledge.extract.meetings import find_meetings
from knowledge.facts import FactBase
from tests.hand_docs import hand_doc, with_actors
from tests.knowledge.extract.news import CALLS


def _meetings(words: str, **annotations: str) -> list[tuple[object, ...]]:
    doc = with_actors(hand_doc(words, **annotations))
    return [(tuple(m.participants), m.kind, m.status, m.place, m.time) for m in find_meetings(doc)]


# --- rules on hand-built documents ------------------------------------------------------------


def test_is_role_possessor_a_name_owning_a_role() -> None:
    owning = hand_doc("Trump ’s adviser met Putin .", tags="NNP POS NN VBD NNP .")
    assert is_role_possessor(owning, 1)
    assert not is_role_possessor(hand_doc("Trump met Putin .", tags="NNP VBD NNP ."), 1)


def test_find_meetings_a_held_meeting_with_place_and_time() -> None:
    assert _meetings(
        "Witkoff met Putin in Moscow on Thursday .",
        ents="B-PERSON O B-PERSON O B-GPE O B-DATE O",
        tags="NNP VBD NNP IN NNP IN NNP .",
        pos="PROPN VERB PROPN ADP PROPN ADP PROPN PUNCT",
        lemmas="Witkoff meet Putin in Moscow on Thursday .",
        deps="nsubj ROOT dobj prep pobj prep pobj punct",
        heads="1 1 1 1 3 1 5 1",
    ) == [(("Witkoff", "Putin"), "in person", "held", "Moscow", "Thursday")]


def test_find_meetings_will_meet_is_planned() -> None:
    assert _meetings(
        "Witkoff will meet Putin on Friday .",
        ents="B-PERSON O O B-PERSON O B-DATE O",
        tags="NNP MD VB NNP IN NNP .",
        pos="PROPN AUX VERB PROPN ADP PROPN PUNCT",
        lemmas="Witkoff will meet Putin on Friday .",
        deps="nsubj aux ROOT dobj prep pobj punct",
        heads="2 2 2 2 2 4 2",
    ) == [(("Witkoff", "Putin"), "in person", "planned", None, "Friday")]


def test_find_meetings_a_negated_past_meeting_is_no_fact() -> None:
    assert (
        _meetings(
            "Witkoff did not meet Putin .",
            ents="B-PERSON O O O B-PERSON O",
            tags="NNP VBD RB VB NNP .",
            pos="PROPN AUX PART VERB PROPN PUNCT",
            lemmas="Witkoff do not meet Putin .",
            deps="nsubj aux neg ROOT dobj punct",
            heads="3 3 3 3 3 3",
        )
        == []
    )


def test_find_meetings_speaking_by_phone_is_a_call() -> None:
    assert _meetings(
        "Trump spoke by phone with Zelenskyy .",
        ents="B-PERSON O O O O B-PERSON O",
        tags="NNP VBD IN NN IN NNP .",
        pos="PROPN VERB ADP NOUN ADP PROPN PUNCT",
        lemmas="Trump speak by phone with Zelenskyy .",
        deps="nsubj ROOT prep pobj prep pobj punct",
        heads="1 1 1 2 1 4 1",
    ) == [(("Trump", "Zelenskyy"), "call", "held", None, None)]


def test_find_meetings_speaking_without_a_phone_is_no_meeting() -> None:
    assert (
        _meetings(
            "Trump spoke with Zelenskyy .",
            ents="B-PERSON O O B-PERSON O",
            tags="NNP VBD IN NNP .",
            pos="PROPN VERB ADP PROPN PUNCT",
            lemmas="Trump speak with Zelenskyy .",
            deps="nsubj ROOT prep pobj punct",
            heads="1 1 1 2 1",
        )
        == []
    )


# --- with the real pipeline -------------------------------------------------------------------


def test_extract_held_meeting_with_place_and_time(ankara_base: FactBase) -> None:
    held = [m for m in ankara_base.meetings if m.status == "held"]
    meeting = next(m for m in held if any("Erdo" in p for p in m.participants))
    assert any("Zelensk" in p for p in meeting.participants)
    assert meeting.place == "Ankara"
    assert meeting.time == "Wednesday"
    assert {s.paragraph for s in meeting.sources} == {1, 2}  # headline and body, one meeting


def test_extract_planned_meeting(ankara_base: FactBase) -> None:
    planned = [m for m in ankara_base.meetings if m.status == "planned"]
    assert any(set(m.participants) == {"Hakan Fidan", "Sergey Lavrov"} for m in planned)
    meeting = next(m for m in planned if "Hakan Fidan" in m.participants)
    assert meeting.place == "Moscow" and meeting.time == "next week"


def test_extract_on_hold_is_not_held(ankara_base: FactBase) -> None:
    summit = [m for m in ankara_base.meetings if "Vladimir Putin" in m.participants]
    assert summit and all(m.status == "on hold" for m in summit)
    assert summit[0].kind == "summit" and summit[0].place == "Istanbul"


def test_extract_calls_where_two_people_discussed_something(nlp: Language) -> None:
    base = consolidate([extract_article(make_article("calls", CALLS), nlp)])
    calls = {(frozenset(m.participants), m.kind, m.status, m.time) for m in base.meetings}
    assert (frozenset({"Alexander Stubb", "Pete Hegseth"}), "video", "held", "Wednesday") in calls
    assert (frozenset({"Pete Hegseth", "Ulf Kristersson"}), "call", "held", "Thursday") in calls
    hegseth = next(a for a in base.actors if a.name == "Pete Hegseth")
    assert ("secretary of defense", "United States") in {(r.title, r.of) for r in hegseth.roles}


# --- issue 13's patterns with the real pipeline ------------------------------------------------


def _read(nlp: Language, text: str, published: str | None = None) -> list[tuple[object, ...]]:
    facts = extract_article(make_article("t", text, published=published), nlp)
    return [(frozenset(m.participants), m.kind, m.status, m.place, m.time) for m in facts.meetings]


def test_extract_a_willingness_to_sit_down_is_proposed_not_held(nlp: Language) -> None:
    text = (
        "Putin and Zelenskyy\nVladimir Putin and Volodymyr Zelenskyy have expressed a "
        "willingness to sit down with each other.\n"
    )
    assert all(status != "held" for _, _, status, _, _ in _read(nlp, text))


def test_extract_a_meeting_not_yet_confirmed_is_not_held(nlp: Language) -> None:
    text = (
        "Kremlin\nThe Kremlin has yet to publicly confirm that Vladimir Putin has agreed to meet "
        "Volodymyr Zelenskyy face-to-face.\n"
    )
    assert [status for _, _, status, _, _ in _read(nlp, text)] in ([], ["proposed"])


def test_extract_sending_two_envoys_to_meet_two_sides_is_two_meetings(nlp: Language) -> None:
    text = (
        "Envoys\nPresident Donald Trump said Tuesday that he is sending envoy Steve Witkoff to "
        "meet with Russian President Vladimir Putin and Army Secretary Dan Driscoll to meet with "
        "Ukrainian officials.\n"
    )
    found = {(people, status, time) for people, _, status, _, time in _read(nlp, text)}
    assert found == {
        (frozenset({"Steve Witkoff", "Vladimir Putin"}), "planned", None),
        (frozenset({"Dan Driscoll", "Ukrainian officials"}), "planned", None),
    }


def test_extract_conjoined_subjects_with_appositives_keep_their_place(nlp: Language) -> None:
    text = (
        "Abu Dhabi talks\nKyrylo Budanov, the chief of Ukraine's military intelligence agency, "
        "and Gen. Andrii Hnatov, the chief of the general staff, met Dan Driscoll and his team in "
        "Abu Dhabi on Tuesday.\n"
    )
    [(people, _kind, status, place, time)] = _read(nlp, text, published="2025-11-25")
    assert people == {"Kyrylo Budanov", "Andrii Hnatov", "Dan Driscoll"}
    assert (status, place, time) == ("held", "Abu Dhabi", "Tuesday")


def test_extract_on_hold_in_one_clause_leaves_a_call_in_another_held(nlp: Language) -> None:
    text = (
        "Summit\nThe Budapest summit had been put on hold after a call between Secretary of State "
        "Marco Rubio and Russian Foreign Minister Sergei Lavrov.\n"
    )
    calls = [m for m in _read(nlp, text) if m[1] == "call"]
    assert calls and all(status == "held" for _, _, status, _, _ in calls)


def test_extract_the_dateline_is_the_place_of_the_dateline_sentence(nlp: Language) -> None:
    text = (
        "Driscoll in talks\nABU DHABI — U.S. Army Secretary Dan Driscoll held talks with a "
        "Russian delegation on Monday, a U.S. official said.\n"
    )
    facts = extract_article(make_article("t", text, published="2025-11-25"), nlp)
    [meeting] = facts.meetings
    assert (meeting.place, meeting.date) == ("Abu Dhabi", "2025-11-24")
    assert "ABU DHABI" not in {a.name.upper() for a in facts.actors}


def test_extract_a_later_mention_joins_the_meeting_it_refers_to(nlp: Language) -> None:
    text = (
        "Summit\nPlans are on hold for President Donald Trump to sit down with Russian leader "
        "Vladimir Putin. The meeting had been announced last week. It was supposed to take place "
        "in Budapest, Hungary.\n"
    )
    base = consolidate([extract_article(make_article("t", text), nlp)])
    [summit] = base.meetings
    assert (summit.status, summit.place) == ("on hold", "Budapest, Hungary")
    assert len(summit.sources) == 3


def test_extract_a_meeting_dating_an_interview_is_the_interviewee_s(nlp: Language) -> None:
    text = (
        "Troops\nDonald Trump has ruled out the deployment of American troops in Ukraine in his "
        "first interview since yesterday's White House meeting with Volodymyr Zelenskyy and "
        "European leaders.\n"
    )
    [(people, _kind, status, place, _time)] = _read(nlp, text)
    assert people == {"Donald Trump", "Volodymyr Zelenskyy", "European leaders"}
    assert (status, place) == ("held", "White House")


def test_extract_a_person_spoken_to_in_the_past_is_a_call(nlp: Language) -> None:
    text = (
        "Rubio\nMarco Rubio, the secretary of state, had spoken to Sergei Lavrov the day before "
        "and found nothing had changed.\n"
    )
    [(people, kind, status, _place, _time)] = _read(nlp, text)
    assert (people, kind, status) == (frozenset({"Marco Rubio", "Sergei Lavrov"}), "call", "held")


def test_extract_spoken_to_by_phone_on_a_day_is_a_dated_call(nlp: Language) -> None:
    text = "Merz\nFriedrich Merz said he had also spoken to Donald Trump by phone on Friday.\n"
    facts = extract_article(make_article("t", text, published="2025-11-25"), nlp)
    [call] = facts.meetings
    assert (set(call.participants), call.kind, call.date) == (
        {"Friedrich Merz", "Donald Trump"},
        "call",
        "2025-11-21",
    )


def test_extract_a_call_held_before_the_clause_and_a_meeting_after_it(nlp: Language) -> None:
    text = (
        "Trump\nDonald Trump spoke on Monday. But he changed his position again last week after "
        "holding a call with Vladimir Putin and meeting with Volodymyr Zelenskyy.\n"
    )
    found = {(people, kind, status) for people, kind, status, _, _ in _read(nlp, text)}
    assert (frozenset({"Donald Trump", "Vladimir Putin"}), "call", "held") in found
    assert (frozenset({"Donald Trump", "Volodymyr Zelenskyy"}), "in person", "held") in found


def test_extract_met_by_after_arriving_is_who_arrived(nlp: Language) -> None:
    text = (
        "Delhi\nVladimir Putin arrived in New Delhi on Thursday evening for a two-day visit and "
        "was met at the airport by Prime Minister Narendra Modi.\n"
    )
    [(people, _kind, status, place, _time)] = _read(nlp, text)
    # The small model takes "Vladimir" for a place here; the article's other mentions name him.
    assert {str(p).split()[-1] for p in people} == {"Putin", "Modi"}
    assert (status, place) == ("held", "New Delhi")


def test_extract_he_in_what_someone_added_is_the_speaker(nlp: Language) -> None:
    text = (
        "Envoys\nPresident Donald Trump said on Tuesday that he had instructed Steve Witkoff to "
        "meet Vladimir Putin in Moscow and that Dan Driscoll would meet the Ukrainians, adding "
        "that he would be willing to meet Volodymyr Zelenskyy and Putin himself.\n"
    )
    proposed = [people for people, _, status, _, _ in _read(nlp, text) if status == "proposed"]
    assert proposed and all("Dan Driscoll" not in p for p in proposed)
    assert any("Donald Trump" in p for p in proposed)


def test_extract_a_delegation_met_is_talks(nlp: Language) -> None:
    text = (
        "Driscoll\nDan Driscoll was in Abu Dhabi on Monday, where he met with the Russian "
        "delegation.\n"
    )
    kinds = {kind for _, kind, _, _, _ in _read(nlp, text, published="2025-11-25")}
    assert kinds == {"talks"}


def test_extract_the_two_are_the_two_people_named_before(nlp: Language) -> None:
    text = (
        "Delhi\nRussian President Vladimir Putin arrived in New Delhi on Thursday evening and "
        "was met at the airport by the prime minister, Narendra Modi. The two will hold formal "
        "talks today.\n"
    )
    talks = [m for m in _read(nlp, text, published="2025-12-05") if m[1] == "talks"]
    assert [(p, status, time) for p, _, status, _, time in talks] == [
        (frozenset({"Vladimir Putin", "Narendra Modi"}), "planned", "today")
    ]


def test_extract_not_ruling_out_a_meeting_of_the_two_presidents_is_proposed(
    nlp: Language,
) -> None:
    text = (
        "Talks\nDonald Trump, the U.S. president, spoke about Ukrainian President Volodymyr "
        "Zelenskyy. He did not rule out a meeting between the two presidents before the end of "
        "the month.\n"
    )
    assert [(p, status) for p, _, status, _, _ in _read(nlp, text)] == [
        (frozenset({"Donald Trump", "Volodymyr Zelenskyy"}), "proposed")
    ]


def test_extract_where_he_met_is_the_place_before_where(nlp: Language) -> None:
    text = (
        "Volodymyr Zelenskyy flew to Ankara on Thursday, where he met Turkish President "
        "Recep Tayyip Erdoğan, and said he would not join the talks.\n"
    )
    found = {(place, time) for _, _, _, place, time in _read(nlp, text, published="2025-05-16")}
    assert found == {("Ankara", "Thursday")}


def test_extract_no_plans_for_x_to_meet_y_is_declined(nlp: Language) -> None:
    text = (
        'Summit\nA U.S. official said there were "no plans" for Donald Trump to meet Vladimir '
        "Putin in the immediate future.\n"
    )
    assert [(p, status) for p, _, status, _, _ in _read(nlp, text)] == [
        (frozenset({"Donald Trump", "Vladimir Putin"}), "declined")
    ]


def test_extract_a_summit_called_off_and_later_the_budapest_meeting_are_one(
    nlp: Language,
) -> None:
    text = (
        "Summit delayed\nU.S. President Donald Trump said on Wednesday that he had called off a "
        "planned summit with Russian President Vladimir Putin in Budapest because it did not "
        "feel right. He met NATO Secretary General Mark Rutte at the White House. The Budapest "
        "meeting, announced by Trump after a phone call with Putin on Oct. 16, had already been "
        "put on hold.\n"
    )
    base = consolidate([extract_article(make_article("t", text, published="2025-10-23"), nlp)])
    [summit] = [m for m in base.meetings if m.kind == "summit"]
    assert (set(summit.participants), summit.status, summit.place) == (
        {"Donald Trump", "Vladimir Putin"},
        "on hold",
        "Budapest",
    )
    assert len(summit.sources) == 2
    assert any(m.kind == "call" and m.date == "2025-10-16" for m in base.meetings)


def test_extract_offering_to_host_the_x_y_summit_is_x_and_y_s(nlp: Language) -> None:
    text = (
        "Orban\nHungarian Prime Minister Viktor Orban, who had offered to host the Trump-Putin "
        "summit, said he still hoped it would take place.\n"
    )
    people = {p for p, _, _, _, _ in _read(nlp, text)}
    assert people == {frozenset({"Trump", "Putin"})} or all("Viktor Orban" not in p for p in people)


def test_extract_a_headline_in_the_present_on_a_plan_is_held(nlp: Language) -> None:
    text = (
        "U.S. Army chief Dan Driscoll holds talks with Russian officials in Abu Dhabi on peace "
        "plan\n"
    )
    assert [status for _, _, status, _, _ in _read(nlp, text)] == ["held"]


def test_extract_refusing_every_invitation_to_meet_is_declined(nlp: Language) -> None:
    text = (
        "Putin\nBut Vladimir Putin has refused every invitation to meet Volodymyr Zelenskyy "
        "since 2019.\n"
    )
    assert [(p, status) for p, _, status, _, _ in _read(nlp, text)] == [
        (frozenset({"Vladimir Putin", "Volodymyr Zelenskyy"}), "declined")
    ]


def test_extract_not_attending_a_meeting_of_ministers_is_declining_it(nlp: Language) -> None:
    text = (
        "Nato\nU.S. Secretary of State Marco Rubio did not attend Wednesday's meeting of Nato "
        "foreign ministers in Brussels, sending his deputy Christopher Landau instead.\n"
    )
    found = {(p, status, place) for p, _, status, place, _ in _read(nlp, text)}
    assert (frozenset({"Marco Rubio", "Nato foreign ministers"}), "declined", "Brussels") in found


def test_extract_a_visit_to_a_country_is_no_meeting_with_it(nlp: Language) -> None:
    text = (
        "Dublin\nUkrainian President Volodymyr Zelenskyy, speaking in Dublin on Tuesday during a "
        "visit to Ireland, said the talks were going well.\n"
    )
    assert all("Ireland" not in p for p, _, _, _, _ in _read(nlp, text))


def test_extract_a_meeting_asked_about_is_not_held(nlp: Language) -> None:
    text = (
        "Briefing\nQ: There's a report that Ukraine's intelligence chief, Kyrylo Budanov, was "
        "also in Abu Dhabi. Can you confirm he met Secretary Dan Driscoll?\nMS. LEAVITT: I can "
        "confirm that Secretary Driscoll met with Ukrainian officials in Abu Dhabi.\n"
    )
    found = _read(nlp, text)
    assert all("Kyrylo Budanov" not in p for p, _, _, _, _ in found)


# --- issue 13, meetings round 3: each pattern on a sentence written in the same shape -------
# (names the small model knows well, so the test is about the rule, not the NER)


def _surnames(people: object) -> frozenset[str]:
    return frozenset(str(name).split()[-1] for name in people)  # type: ignore[attr-defined]


def test_extract_a_meeting_asked_about_with_whether_is_not_held(nlp: Language) -> None:
    text = (
        "Berlin\nDonald Tusk spoke in Berlin. Asked whether a summit between Emmanuel Macron "
        "and Friedrich Merz was now closer, Tusk said it would depend on the ceasefire.\n"
    )
    found = [(_surnames(p), status) for p, _, status, _, _ in _read(nlp, text)]
    assert found == [(frozenset({"Macron", "Merz"}), "proposed")]


def test_extract_an_offered_meeting_refused_is_declined(nlp: Language) -> None:
    text = (
        "Offer\nFriedrich Merz spoke to reporters. After Geneva he was offered a meeting with "
        "President Emmanuel Macron, and he refused.\n"
    )
    found = [(_surnames(p), status) for p, _, status, _, _ in _read(nlp, text)]
    assert found == [(frozenset({"Merz", "Macron"}), "declined")]


def test_extract_an_arranged_meeting_that_never_took_place_is_declined(nlp: Language) -> None:
    text = (
        "Talks\nKeir Starmer and Donald Tusk spoke about the summit. A meeting of Starmer and "
        "Tusk that was supposed to prepare the summit never took place.\n"
    )
    found = [(_surnames(p), status) for p, _, status, _, _ in _read(nlp, text)]
    assert found == [(frozenset({"Starmer", "Tusk"}), "declined")]


def test_extract_a_meeting_that_never_took_place_unarranged_is_no_fact(nlp: Language) -> None:
    text = (
        "Talks\nKeir Starmer and Donald Tusk spoke about the summit. A meeting of Starmer and "
        "Tusk never took place.\n"
    )
    assert _read(nlp, text) == []


def test_extract_the_nth_time_x_had_met_y_is_no_meeting_of_its_own(nlp: Language) -> None:
    text = (
        "Berlin\nFriedrich Merz met Emmanuel Macron in Berlin on Monday. The meeting, which "
        "ended after midnight, was the third time Merz had met Macron this year.\n"
    )
    found = _read(nlp, text, published="2025-11-26")
    assert {(_surnames(p), place, time) for p, _, _, place, time in found} == {
        (frozenset({"Merz", "Macron"}), "Berlin", "Monday")
    }
    base = consolidate([extract_article(make_article("t", text, published="2025-11-26"), nlp)])
    [meeting] = base.meetings
    assert len(meeting.sources) == 2


def test_extract_met_for_hours_of_talks_is_talks(nlp: Language) -> None:
    text = (
        "Berlin\nGerman Chancellor Friedrich Merz met French President Emmanuel Macron in Berlin "
        "on Monday for nearly three hours of talks on the ceasefire.\n"
    )
    found = _read(nlp, text, published="2025-11-26")
    assert [(_surnames(p), kind) for p, kind, _, _, _ in found] == [
        (frozenset({"Merz", "Macron"}), "talks")
    ]


def test_extract_a_journey_to_present_something_to_a_person_is_a_meeting(nlp: Language) -> None:
    text = (
        "Rutte\nMark Rutte, 58, a former Dutch prime minister, flew to Paris last week to "
        "present the new proposal to President Emmanuel Macron.\n"
    )
    found = _read(nlp, text, published="2025-11-26")
    assert [(_surnames(p), *rest) for p, *rest in found] == [
        (frozenset({"Rutte", "Macron"}), "in person", "held", "Paris", "last week")
    ]


def test_extract_a_journey_that_could_be_made_to_discuss_with_a_person_is_proposed(
    nlp: Language,
) -> None:
    text = (
        "Macron\nOfficials in Paris said Emmanuel Macron could travel to Germany as early as "
        "next month to discuss the trade deal with Chancellor Friedrich Merz.\n"
    )
    found = [(_surnames(p), status, place) for p, _, status, place, _ in _read(nlp, text)]
    assert found == [(frozenset({"Macron", "Merz"}), "proposed", "Germany")]


def test_extract_a_journey_with_no_person_to_see_is_no_meeting(nlp: Language) -> None:
    text = "Rutte\nMark Rutte flew to Paris on Monday to attend a defence fair.\n"
    assert _read(nlp, text) == []


def test_extract_leaving_for_a_meeting_with_someone_is_planned(nlp: Language) -> None:
    text = (
        "Tusk\nDonald Tusk spoke to reporters in New York. Tusk left soon afterward for a "
        "meeting with Keir Starmer, the British prime minister.\n"
    )
    found = [(_surnames(p), status) for p, _, status, _, _ in _read(nlp, text)]
    assert found == [(frozenset({"Tusk", "Starmer"}), "planned")]


def test_extract_a_call_takes_no_place_named_for_someone_else(nlp: Language) -> None:
    text = (
        "Warsaw talks\nDonald Tusk, the Polish prime minister, had spoken to Emmanuel Macron the "
        "day before and found, according to officials in Warsaw, that nothing had changed.\n"
    )
    [(people, kind, _status, place, _time)] = _read(nlp, text)
    assert (_surnames(people), kind, place) == (frozenset({"Macron", "Tusk"}), "call", None)


def test_extract_the_talks_are_the_last_talks_not_a_meeting_named_since(nlp: Language) -> None:
    text = (
        "Riyadh\nMark Rutte held talks with a Saudi delegation in Riyadh on Monday. Rutte said "
        "on Tuesday that no meeting between Friedrich Merz and Emmanuel Macron was planned. In "
        "Riyadh, the talks were held at a hotel near the old city.\n"
    )
    base = consolidate([extract_article(make_article("t", text, published="2025-11-26"), nlp)])
    [talks] = [m for m in base.meetings if m.kind == "talks"]
    assert len(talks.sources) == 2
    assert all(len(m.sources) == 1 for m in base.meetings if m.kind != "talks")


def test_extract_the_summit_of_a_story_is_its_summit_however_far_back(nlp: Language) -> None:
    filler = " ".join(f"Officials spoke about item {n} of the plan." for n in range(14))
    text = (
        "Riyadh summit\nFriedrich Merz and Emmanuel Macron ended a summit in Riyadh on Friday. "
        f"{filler} Emmanuel Macron will meet Mark Rutte in Brussels on Monday. The summit was "
        "preceded by weeks of pressure.\n"
    )
    base = consolidate([extract_article(make_article("t", text, published="2025-11-22"), nlp)])
    [summit] = [m for m in base.meetings if m.kind == "summit"]
    assert len(summit.sources) == 2
    [brussels] = [m for m in base.meetings if m.place == "Brussels"]
    assert len(brussels.sources) == 1


def test_extract_people_listed_in_a_first_person_s_appositive_all_meet(nlp: Language) -> None:
    text = (
        "Geneva\nJonathan Powell, Keir Starmer's national security adviser, Emmanuel Bonne, the "
        "diplomatic adviser to Emmanuel Macron, and Günter Sautter, the foreign policy adviser "
        "to Friedrich Merz, met Andrii Yermak and Volodymyr Zelenskyy in Geneva.\n"
    )
    [(people, _kind, status, place, _time)] = _read(nlp, text)
    assert _surnames(people) == {"Powell", "Bonne", "Sautter", "Yermak", "Zelenskyy"}
    assert (status, place) == ("held", "Geneva")


def test_extract_the_president_of_a_briefing_is_not_another_president_named(
    nlp: Language,
) -> None:
    text = (
        "Briefing\nMS. JONES: President Emmanuel Macron and President Donald Tusk spoke on "
        "Monday. The President has said he would be willing to meet with President Macron.\nQ: "
        "Will the President meet President Tusk this week?\n"
    )
    found = [_surnames(p) for p, *_ in _read(nlp, text)]
    assert frozenset({"Macron", "Tusk"}) not in found
    assert all(len(p) >= 2 for p in found)


def test_extract_people_who_saw_someone_at_a_place_met_them(nlp: Language) -> None:
    text = (
        "Paris\nIt is the first meeting since the two Germans, Friedrich Merz and Olaf Scholz, "
        "saw Emmanuel Macron in Paris on Tuesday.\n"
    )
    found = [(_surnames(p), *rest) for p, *rest in _read(nlp, text, published="2025-11-26")]
    assert found == [
        (frozenset({"Merz", "Scholz", "Macron"}), "in person", "held", "Paris", "Tuesday")
    ]


def test_extract_seeing_someone_as_something_is_no_meeting(nlp: Language) -> None:
    text = "Paris\nFriedrich Merz saw Emmanuel Macron as a partner in Paris and in Brussels.\n"
    assert _read(nlp, text) == []


def test_extract_handing_something_to_someone_at_a_place_is_a_meeting(nlp: Language) -> None:
    text = (
        "Paris\nThe plan was delivered to President Emmanuel Macron in Paris on Thursday by "
        "Mark Rutte, the NATO chief.\n"
    )
    found = [(_surnames(p), *rest) for p, *rest in _read(nlp, text, published="2025-11-26")]
    assert found == [(frozenset({"Rutte", "Macron"}), "in person", "held", "Paris", "Thursday")]


def test_extract_handing_something_to_someone_nowhere_named_is_no_meeting(nlp: Language) -> None:
    text = "Plan\nMark Rutte presented the plan to Emmanuel Macron on Monday.\n"
    assert _read(nlp, text) == []


def test_extract_spoken_by_phone_with_one_and_with_another_is_two_calls(nlp: Language) -> None:
    text = (
        "Merz and the talks\nFriedrich Merz spoke in Berlin on Monday. Merz also said he had "
        "spoken by phone with the British prime minister, Keir Starmer, and with the French "
        "president, Emmanuel Macron, about the talks.\n"
    )
    found = {(_surnames(p), kind, status) for p, kind, status, _, _ in _read(nlp, text)}
    assert found == {
        (frozenset({"Merz", "Starmer"}), "call", "held"),
        (frozenset({"Merz", "Macron"}), "call", "held"),
    }


def test_extract_a_headline_s_meeting_is_the_story_s_meeting(nlp: Language) -> None:
    text = (
        "NATO chief Rutte holds talks with Saudi officials in Riyadh on air defence\n"
        "RIYADH — NATO Secretary General Mark Rutte held talks with a Saudi delegation in "
        "Riyadh on Monday and Tuesday, a NATO official said.\n"
    )
    base = consolidate([extract_article(make_article("t", text, published="2025-11-26"), nlp)])
    [talks] = base.meetings
    assert len(talks.sources) == 2
    assert set(talks.participants) == {"Mark Rutte", "Saudi delegation"}


def test_extract_who_took_part_in_the_meeting_along_with_another_joins_it(
    nlp: Language,
) -> None:
    text = (
        "Berlin talks\nGerman Chancellor Friedrich Merz met French President Emmanuel Macron in "
        "Berlin on Tuesday for five hours of talks. Keir Starmer, who took part in the "
        "meeting along with Mark Rutte, called it useful.\n"
    )
    base = consolidate([extract_article(make_article("t", text, published="2025-11-26"), nlp)])
    [talks] = base.meetings
    assert _surnames(talks.participants) == {"Merz", "Macron", "Starmer", "Rutte"}


def test_extract_that_meeting_is_the_meeting_named_last_in_the_text(nlp: Language) -> None:
    text = (
        "Berlin\nFriedrich Merz met Emmanuel Macron in Berlin on Tuesday. The Berlin talks "
        "came two days after Keir Starmer met Mark Rutte in London. Starmer said after that "
        "meeting that more work was needed.\n"
    )
    base = consolidate([extract_article(make_article("t", text, published="2025-11-26"), nlp)])
    [london] = [m for m in base.meetings if "Keir Starmer" in m.participants]
    assert any("after that meeting" in s.sentence for s in london.sources)


def test_extract_met_on_the_sidelines_of_the_p_summit_is_in_p(nlp: Language) -> None:
    text = (
        "Brussels\nBritish Prime Minister Keir Starmer met Emmanuel Macron on the sidelines of "
        "the Brussels summit on Monday.\n"
    )
    found = {(_surnames(p), place) for p, _, _, place, _ in _read(nlp, text)}
    assert found == {(frozenset({"Starmer", "Macron"}), "Brussels")}


def test_extract_no_date_announced_for_a_meeting_is_no_meeting_held(nlp: Language) -> None:
    text = (
        "Jeddah\nTrump told reporters at the White House that he expected to speak with "
        'Russian President Vladimir Putin later in the week. "It takes two to tango," Trump '
        "said. No date was announced for a meeting between Trump and Putin.\n"
    )
    found = [(status, time) for p, _, status, _, time in _read(nlp, text) if len(p) == 2]
    assert ("held", None) not in found


def test_extract_officials_of_two_sides_meeting_is_talks(nlp: Language) -> None:
    text = (  # seeds/001
        "Ukraine talks\nTrump suggested he might meet with Russian President Vladimir Putin and "
        "Ukrainian President Volodymyr Zelenskyy once negotiations progress. Talks have been "
        "ongoing, with U.S. and Ukrainian officials meeting in Geneva.\n"
    )
    found = [(kind, status) for _, kind, status, place, _ in _read(nlp, text) if place == "Geneva"]
    assert found == [("talks", "held")]


def test_extract_a_town_the_model_does_not_label_is_the_place(nlp: Language) -> None:
    text = (  # tests/data/corpus/dev/wire_brussels_frozen_assets
        "EU leaders stall on frozen assets\nUkrainian President Volodymyr Zelenskiy attended the "
        "summit. Swedish Prime Minister Ulf Kristersson, who hosted Zelenskiy in Linkoping on "
        "Wednesday, said Ukraine could receive up to 150 Gripen fighter jets from Sweden under "
        "a letter of intent signed by the two leaders.\n"
    )
    found = {(_surnames(p), place) for p, _, _, place, _ in _read(nlp, text)}
    assert (frozenset({"Kristersson", "Zelenskiy"}), "Linkoping") in found


def test_extract_met_the_same_day_is_the_day_named_before(nlp: Language) -> None:
    text = (  # tests/data/corpus/dev/wire_alaska_summit
        "Alaska summit\nTrump had set Russia a deadline of Aug. 8 to agree to a ceasefire or "
        "face secondary tariffs on buyers of its oil, and on Aug. 6 he raised tariffs on India "
        "to 50% over its purchases of Russian crude. Steve Witkoff met Vladimir Putin in "
        "Moscow the same day, and the Alaska meeting was announced two days later.\n"
    )
    facts = extract_article(make_article("t", text, published="2025-08-16"), nlp)
    found = [
        (m.status, m.place, m.time, m.date)
        for m in facts.meetings
        if "Steve Witkoff" in m.participants
    ]
    assert found == [("held", "Moscow", "Aug. 6", "2025-08-06")]


def test_extract_the_same_day_with_no_day_named_before_is_no_time(nlp: Language) -> None:
    text = "Talks news\nSteve Witkoff met Vladimir Putin in Moscow the same day.\n"
    assert [time for _, _, _, _, time in _read(nlp, text)] == [None]


def test_consolidate_a_meeting_held_and_one_planned_months_later_are_two(nlp: Language) -> None:
    held = (
        "Alaska summit\nThe summit was preceded by weeks of pressure. Steve Witkoff met "
        "Vladimir Putin in Moscow on Aug. 6, and the Alaska meeting was announced two days "
        "later.\n"
    )
    planned = (
        "Abu Dhabi talks\nPresident Donald Trump said Steve Witkoff would meet Vladimir Putin "
        "in Moscow.\n"
    )
    base = consolidate(
        [
            extract_article(make_article("a", held, published="2025-08-16"), nlp),
            extract_article(make_article("b", planned, published="2025-11-25"), nlp),
        ]
    )
    found = sorted(
        (m.status, m.date or "")
        for m in base.meetings
        if {"Steve Witkoff", "Vladimir Putin"} <= set(m.participants)
    )
    assert [status for status, _ in found] == ["held", "planned"]
    assert found[0][1] == "2025-08-06"


def test_extract_a_meeting_called_the_next_step_is_proposed(nlp: Language) -> None:
    text = (  # tests/data/corpus/dev/wire_alaska_summit
        "Alaska summit\nDonald Trump said a meeting between Vladimir Putin and Volodymyr "
        "Zelenskyy, with him possibly attending, was now the next step.\n"
    )
    found = [(_surnames(p), status) for p, _, status, _, _ in _read(nlp, text)]
    assert found and all(status == "proposed" for _, status in found)


def test_extract_a_meeting_said_to_be_unlikely_is_proposed(nlp: Language) -> None:
    text = (
        "Riyadh\nA summit between Vladimir Putin and Donald Trump was unlikely to take place "
        "next week.\n"
    )
    assert [status for _, _, status, _, _ in _read(nlp, text)] == ["proposed"]


def test_extract_would_receive_only_in_a_city_is_an_offer_not_a_plan(nlp: Language) -> None:
    text = (  # tests/data/corpus/dev/briefs_davos_abu_dhabi
        "Davos\nThe Kremlin spokesman, Dmitry Peskov, said a meeting between Putin and "
        'Zelenskyy was "not on the agenda" and repeated that Putin would receive Zelenskyy '
        "only in Moscow.\n"
    )
    found = [(_surnames(p), status, place) for p, _, status, place, _ in _read(nlp, text)]
    assert (frozenset({"Putin", "Zelenskyy"}), "proposed", "Moscow") in found
    assert all(status != "planned" for _, status, _ in found)


def test_consolidate_a_later_offer_leaves_a_declined_meeting_declined(nlp: Language) -> None:
    declined = (  # seeds/002
        "Talks\nUkrainian President Volodymyr Zelenskyy met Trump. Russian President Vladimir "
        "Putin spoke to Trump.\nEmerging from discussions, it has been revealed — per AFP "
        "sources — that Putin proposed a meeting with Zelenskyy in Moscow. Zelenskyy, however, "
        "promptly declined the invitation.\n"
    )
    offer = (  # tests/data/corpus/dev/briefs_davos_abu_dhabi, published later
        "Davos\nVladimir Putin and Volodymyr Zelenskyy did not meet. The Kremlin spokesman, "
        "Dmitry Peskov, repeated that Putin would receive Zelenskyy only in Moscow.\n"
    )
    base = consolidate(
        [
            extract_article(make_article("a", declined, published="2025-08-19"), nlp),
            extract_article(make_article("b", offer, published="2026-01-23"), nlp),
        ]
    )
    pair = [m for m in base.meetings if _surnames(m.participants) == {"Putin", "Zelenskyy"}]
    assert pair and all(m.status == "declined" for m in pair)
    assert any({s.article_id for s in m.sources} == {"a", "b"} for m in pair)


def test_extract_not_planning_to_meet_is_declined(nlp: Language) -> None:
    text = (  # tests/data/corpus/dev/explainer_zelenskyy_new_team
        "What comes next\nVladimir Putin and Volodymyr Zelenskyy spoke.\nThe Kremlin has said "
        "that Putin is not planning to meet Zelenskyy.\n"
    )
    found = [(_surnames(p), status) for p, _, status, _, _ in _read(nlp, text)]
    assert (frozenset({"Putin", "Zelenskyy"}), "declined") in found


def test_extract_talks_after_an_arrival_are_where_the_participant_arrived(nlp: Language) -> None:
    text = (  # tests/data/corpus/dev/briefs_morning_roundup
        "Roundup\nPutin meets Modi. Vladimir Putin arrived in New Delhi on Thursday evening for a "
        "two-day visit and was met at the airport by the prime minister, Narendra Modi. The two "
        "will hold formal talks today.\n"
    )
    found = [(status, place) for _, kind, status, place, _ in _read(nlp, text) if kind == "talks"]
    assert found == [("planned", "New Delhi")]


def test_extract_visited_a_capital_and_met_is_a_meeting_there(nlp: Language) -> None:
    text = (
        "Kyiv\nU.S. Army Secretary Dan Driscoll visited Kyiv on Thursday and met Ukrainian "
        "President Volodymyr Zelenskyy.\n"
    )
    assert [place for _, _, _, place, _ in _read(nlp, text)] == ["Kyiv"]


def test_extract_a_day_and_its_part_are_one_time(nlp: Language) -> None:
    text = (  # tests/data/corpus/dev/briefs_davos_abu_dhabi
        "Envoys see Putin\nSteve Witkoff and Jared Kushner flew from Davos to Moscow and held "
        "talks with Vladimir Putin in the Kremlin on Thursday night.\n"
    )
    facts = extract_article(make_article("t", text, published="2026-01-24"), nlp)
    assert [(m.time, m.date) for m in facts.meetings] == [("Thursday night", "2026-01-22")]


# --- round meetings3: sentences of tests/data (dev) and seeds ------------------------------


def test_extract_a_dateline_does_not_become_the_lead_s_subject(nlp: Language) -> None:
    """The parser took "ANCHORAGE, Alaska (AP) —" for the subject of the lead and lost who
    ended the summit; the dateline is blanked for it and stays in the cited sentence."""
    text = (
        "Trump and Putin end Alaska summit\nBy Jane Roe\nANCHORAGE, Alaska (AP) — President "
        "Donald Trump and Russian President Vladimir Putin ended a summit at a military base in "
        "Alaska on Friday without an agreement to stop the fighting in Ukraine, after nearly "
        "three hours of talks that both men called productive but that produced no ceasefire.\n"
    )
    facts = extract_article(make_article("t", text, published="2025-08-16"), nlp)
    lead = [m for m in facts.meetings if m.sources[0].paragraph > 1]
    assert [(set(m.participants), m.kind, m.status, m.date) for m in lead] == [
        ({"Donald Trump", "Vladimir Putin"}, "summit", "held", "2025-08-15")
    ]
    assert lead[0].sources[0].sentence.startswith("ANCHORAGE, Alaska (AP) — President Donald")


def test_extract_a_clause_hung_under_a_later_one_keeps_its_own_time(nlp: Language) -> None:
    """ "met … on Saturday, six days before Trump is due to meet Putin": the parser hangs "met"
    under "is"; Saturday is the day of the first meeting, not of the summit, and "is due to
    meet" is Trump's (the subject of "is")."""
    text = (
        "Officials meet Vance\nLONDON — Andriy Yermak, the head of Ukraine's presidential "
        "office, and Rustem Umerov, the secretary of its National Security and Defense Council, "
        "met U.S. Vice President JD Vance and British Foreign Secretary David Lammy at Chevening "
        "in Kent on Saturday, six days before President Donald Trump is due to meet Russian "
        "President Vladimir Putin in Alaska.\n"
    )
    found = set(_read(nlp, text, published="2025-08-10"))
    assert (
        frozenset({"Andriy Yermak", "Rustem Umerov", "JD Vance", "David Lammy"}),
        "in person",
        "held",
        "Chevening, Kent",
        "Saturday",
    ) in found
    assert (
        frozenset({"Donald Trump", "Vladimir Putin"}),
        "in person",
        "planned",
        "Alaska",
        None,
    ) in found


def test_extract_a_second_with_of_one_verb_is_a_second_call(nlp: Language) -> None:
    text = (
        "Putin calls\nPutin received the president of the United Arab Emirates in the Kremlin. "
        "He also spoke by phone with Chinese President Xi Jinping and, separately, with Indian "
        "Prime Minister Narendra Modi on Friday to brief them on Wednesday's meeting, the "
        "Kremlin said.\n"
    )
    calls = {(people, kind) for people, kind, *_ in _read(nlp, text) if kind == "call"}
    assert calls == {
        (frozenset({"Putin", "Xi Jinping"}), "call"),
        (frozenset({"Putin", "Narendra Modi"}), "call"),
    }


def test_extract_a_group_that_also_took_part_joins_the_meeting_held(nlp: Language) -> None:
    """ "National security advisers … also took part in the meeting" is a later mention of the
    meeting held before (not of the summit ahead named after it), the group one more of its
    participants, and no meeting of the group alone."""
    text = (
        "Officials meet Vance\nAndriy Yermak and Rustem Umerov met U.S. Vice President JD Vance "
        "at Chevening on Saturday, six days before President Donald Trump is due to meet Russian "
        "President Vladimir Putin in Alaska. National security advisers from France, Germany, "
        "Italy, Poland and Finland also took part in the meeting at the foreign secretary's "
        "country residence, which lasted about three hours.\n"
    )
    base = consolidate([extract_article(make_article("t", text, published="2025-08-10"), nlp)])
    held = [m for m in base.meetings if m.status == "held"]
    assert len(held) == 1 and "National security advisers" in held[0].participants
    assert len(held[0].sources) == 2


def test_extract_a_call_after_a_meeting_still_ahead_is_planned_and_his(nlp: Language) -> None:
    """ "Trump said he would call Zelenskyy … after his meeting with Putin": a call (the verb),
    planned; the meeting "after" which he would call is ahead, not held, and it is Trump's
    (his is he), not the last person named before (Vance)."""
    text = (
        "Calls\nVice President JD Vance told reporters before the talks that he did not expect "
        "to travel to Alaska himself. President Donald Trump said he would call Ukrainian "
        "President Volodymyr Zelenskyy and the Europeans after his meeting with Russian "
        "President Vladimir Putin to tell them what was discussed.\n"
    )
    found = {(people, kind, status) for people, kind, status, _, _ in _read(nlp, text)}
    trump = "Donald Trump"
    assert (frozenset({trump, "Volodymyr Zelenskyy"}), "call", "planned") in found
    assert (frozenset({trump, "Vladimir Putin"}), "in person", "planned") in found
    assert not any("JD Vance" in people for people, _, _ in found)


def test_extract_called_is_a_call_only_with_people_as_its_object(nlp: Language) -> None:
    text = (
        "Calls\nRustem Umerov called the discussions substantive. President Donald Trump "
        "called for a ceasefire. President Donald Trump called Ukrainian President Volodymyr "
        "Zelenskyy on Tuesday.\n"
    )
    assert [(people, kind) for people, kind, *_ in _read(nlp, text)] == [
        (frozenset({"Donald Trump", "Volodymyr Zelenskyy"}), "call")
    ]


def test_extract_until_a_deal_is_a_condition_not_a_time(nlp: Language) -> None:
    text = (
        "Putin\nRussian President Vladimir Putin has so far refused to meet Ukrainian President "
        "Volodymyr Zelenskyy until a peace agreement is ready to be signed.\n"
    )
    assert _read(nlp, text) == [
        (frozenset({"Vladimir Putin", "Volodymyr Zelenskyy"}), "in person", "declined", None, None)
    ]


def test_extract_a_delegation_led_by_someone_brings_its_leader(nlp: Language) -> None:
    text = (
        "Miami\nU.S. special envoy Steve Witkoff met a Ukrainian delegation led by Rustem "
        "Umerov, the secretary of Ukraine's security council, in Miami on Thursday.\n"
    )
    [(people, kind, status, _place, _time)] = _read(nlp, text, published="2025-12-05")
    assert people == {"Steve Witkoff", "Ukrainian delegation", "Rustem Umerov"}
    assert (kind, status) == ("talks", "held")


def test_extract_two_people_who_talked_at_a_place_met_there_with_who_joined_them(
    nlp: Language,
) -> None:
    text = (
        "Kremlin\nSteve Witkoff, Trump's special envoy, travelled to Moscow on Wednesday to meet "
        "Putin. The two men talked for about three hours at the Kremlin, joined by Yuri Ushakov, "
        "Putin's foreign policy aide, and Kirill Dmitriev, the head of the Russian Direct "
        "Investment Fund.\n"
    )
    kremlin = [m for m in _read(nlp, text, published="2025-08-10") if m[3] == "Kremlin"]
    assert kremlin == [
        (
            frozenset({"Steve Witkoff", "Putin", "Yuri Ushakov", "Kirill Dmitriev"}),
            "in person",
            "held",
            "Kremlin",
            None,
        )
    ]


def test_extract_people_a_group_is_said_to_include_take_part(nlp: Language) -> None:
    text = (
        "Calls\nAfter the meeting, President Donald Trump spoke by phone with Ukrainian President "
        "Volodymyr Zelenskyy and several European leaders, among them German Chancellor "
        'Friedrich Merz and NATO Secretary General Mark Rutte, and wrote that "great progress" '
        "had been made.\n"
    )
    [(people, kind, status, _place, _time)] = _read(nlp, text)
    assert people == {
        "Donald Trump",
        "Volodymyr Zelenskyy",
        "European leaders",
        "Friedrich Merz",
        "Mark Rutte",
    }
    assert (kind, status) == ("call", "held")


def test_extract_a_group_alone_meets_only_as_who_meets_or_as_two_sides(nlp: Language) -> None:
    """Dev liveblog: "We had a very productive first meeting with the American delegation"
    names one side only, met by someone unnamed: no meeting. A group naming both sides is
    one."""
    text = (
        "Geneva\nWe had a very productive first meeting with the American delegation. U.S. and "
        "Ukrainian officials met in Geneva on Sunday.\n"
    )
    found = [(set(people), status) for people, _kind, status, _p, _t in _read(nlp, text)]
    assert not any("American delegation" in people for people, _ in found)
    assert ({"U.S. and Ukrainian officials"}, "held") in found
