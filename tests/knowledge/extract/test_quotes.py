"""Quotes and reported statements: quote marks paired over lines, speakers and cues."""

from __future__ import annotations

import pytest
from spacy.language import Language

from knowledge.articles import make_article
from knowledge.extract import extract_article
from knowledge.extract.quotes import _find_closer, _is_title, _lines, _quote_spans, find_quotes
from knowledge.facts import FactBase
from tests.hand_docs import hand_doc, with_actors

TEXT = (
    "Trump said “we will meet soon” on Friday.\n"
    "Updated\n"
    "“We will not stop\n"
    "working for peace,” he said.\n"
    "‘They don’t agree’ she said.\n"
)


def _quoted(text: str) -> list[tuple[str, int]]:
    return [(text[start:end], line) for start, end, line in _quote_spans(_lines(text))]


# --- quotation marks, without a parse ---------------------------------------------------------


def test_lines_leave_out_blank_and_boilerplate_lines() -> None:
    assert [line.text for line in _lines(TEXT)] == [
        "Trump said “we will meet soon” on Friday.",
        "“We will not stop",
        "working for peace,” he said.",
        "‘They don’t agree’ she said.",
    ]


def test_lines_keep_their_offsets_in_the_text() -> None:
    assert all(TEXT[line.start : line.end] == line.text for line in _lines(TEXT))


def test_quote_spans_pair_marks_within_a_line() -> None:
    assert _quoted("Trump said “we will meet soon” on Friday.\n") == [("we will meet soon", 0)]


def test_quote_spans_an_open_quote_runs_on_to_the_line_that_closes_it() -> None:
    assert _quoted("“We will not stop\nworking for peace,” he said.\n") == [
        ("We will not stop\nworking for peace,", 0)
    ]


def test_quote_spans_an_apostrophe_closes_no_single_quote() -> None:
    assert _quoted("‘They don’t agree’ she said.\n") == [("They don’t agree", 0)]


def test_quote_spans_straight_double_quotes() -> None:
    assert _quoted('He called it "a good day" again.\n') == [("a good day", 0)]


def test_quote_spans_a_quote_never_closed_is_none() -> None:
    assert _quoted("“We will not stop\nHe left.\n") == []


def test_find_closer_skips_apostrophes() -> None:
    assert _find_closer("don’t go’ now", 0, "’") == 8


@pytest.mark.parametrize(
    ("words", "title"),
    [("Coalition of the Willing", True), ("Fox + Friends", True), ("we are ready to talk", False)],
)
def test_is_title_a_name_in_quotation_marks(words: str, title: bool) -> None:
    assert _is_title(words) is title


# --- speakers, on hand-built parses ------------------------------------------------------------


def test_find_quotes_the_speech_verb_nearest_the_quote_names_the_speaker() -> None:
    doc = with_actors(
        hand_doc(
            "“ We are ready to talk , ” Erdogan said .",
            ents="O O O O O O O O B-PERSON O O",
            tags="`` PRP VBP JJ TO VB , '' NNP VBD .",
            pos="PUNCT PRON AUX ADJ PART VERB PUNCT PUNCT PROPN VERB PUNCT",
            lemmas="“ we be ready to talk , ” Erdogan say .",
            deps="punct nsubj ccomp acomp aux xcomp punct punct nsubj ROOT punct",
            heads="9 2 9 2 5 3 9 9 9 9 9",
        )
    )
    quotes, statements = find_quotes(doc)
    assert [(q.speaker, q.words, q.cue) for q in quotes] == [
        ("Erdogan", "We are ready to talk", "said")
    ]
    assert statements == []  # a sentence with quotation marks is no statement


def test_find_quotes_a_claim_reported_without_quotation_marks_is_a_statement() -> None:
    doc = with_actors(
        hand_doc(
            "Peskov said that talks were not planned .",
            ents="B-PERSON O O O O O O O",
            tags="NNP VBD IN NNS VBD RB VBN .",
            pos="PROPN VERB SCONJ NOUN AUX PART VERB PUNCT",
            lemmas="Peskov say that talk be not plan .",
            deps="nsubj ROOT mark nsubjpass auxpass neg ccomp punct",
            heads="1 1 6 6 6 6 1 1",
        )
    )
    quotes, statements = find_quotes(doc)
    assert quotes == []
    assert [(s.speaker, s.text, s.cue) for s in statements] == [
        ("Peskov", "talks were not planned", "said")
    ]


# --- with the real pipeline -------------------------------------------------------------------


def test_extract_quote_with_speaker_and_cue(ankara_base: FactBase) -> None:
    quote = next(q for q in ankara_base.quotes if q.words.startswith("We are ready"))
    assert "Erdo" in quote.speaker and quote.cue == "told"
    assert quote.sources[0].paragraph == 6


def test_extract_live_blog_quote_after_he_said(ankara_base: FactBase) -> None:
    quote = next(q for q in ankara_base.quotes if q.words.startswith("We will not stop"))
    assert "Zelensk" in quote.speaker
    assert "Every day of this war costs lives." in quote.words


def test_extract_statement_without_quotation_marks(ankara_base: FactBase) -> None:
    statement = next(s for s in ankara_base.statements if s.speaker == "Dmitry Peskov")
    assert "new round of talks was not planned" in statement.text


# --- issue 13's patterns with the real pipeline ------------------------------------------------


def _quotes(nlp: Language, text: str) -> list[tuple[str, str]]:
    facts = extract_article(make_article("q", text), nlp)
    return [(q.speaker, q.words) for q in facts.quotes]


def test_extract_she_stands_for_the_woman_named_before(nlp: Language) -> None:
    text = (
        "EU leaders meet\nEuropean Commission President Ursula von der Leyen spoke after "
        "Volodymyr Zelenskyy. Von der Leyen said the Commission would work on the details. "
        "\u201cWe have a clear mandate now,\u201d she said.\n"
    )
    assert ("Ursula von der Leyen", "We have a clear mandate now") in _quotes(nlp, text)


def test_extract_he_said_across_a_paragraph_for_the_last_person_named(nlp: Language) -> None:
    text = (
        "Costa calls Zelenskyy\nEuropean Council president António Costa told Ukrainian "
        "president Volodymyr Zelenskyy that the EU was united.\nThe former Portuguese prime "
        "minister added the bloc was committed to pressure on Russia.\n\u201cOur top priorities "
        "are to stop the killing,\u201d he said.\n"
    )
    assert _quotes(nlp, text) == [("António Costa", "Our top priorities are to stop the killing")]


def test_extract_saying_after_by_is_the_subject_s(nlp: Language) -> None:
    text = (
        "Leaders\n\u201cLet's put pressure on Russia,\u201d said German Chancellor Friedrich "
        "Merz.\nFrench President Emmanuel Macron summed it up by saying that \u201ca truce, a "
        "ceasefire or at least, to stop the killings\u201d was needed.\n"
    )
    speakers = dict((words, speaker) for speaker, words in _quotes(nlp, text))
    assert speakers["a truce, a ceasefire or at least, to stop the killings"] == "Emmanuel Macron"


def test_extract_transcript_labels_credit_their_speakers(nlp: Language) -> None:
    text = (
        "Press Briefing by Press Secretary Karoline Leavitt\nPress Secretary Karoline Leavitt "
        "took questions.\nQ: Will the President meet Putin?\nMS. LEAVITT: There are no plans "
        "for the President to meet with President Putin at this time.\nQ: And Zelenskyy?\n"
        "MS. LEAVITT: That's not under consideration right now.\n"
    )
    assert _quotes(nlp, text) == [
        (
            "Karoline Leavitt",
            "There are no plans for the President to meet with President Putin at this time.",
        ),
        ("Karoline Leavitt", "That's not under consideration right now."),
    ]


def test_extract_an_unnamed_source_is_credited_as_described(nlp: Language) -> None:
    text = "Talks\nThe talks were \u201cgoing well,\u201d a U.S. official said on Tuesday.\n"
    assert _quotes(nlp, text) == [("a U.S. official", "going well")]


@pytest.mark.parametrize(
    "line",
    [
        "“ We had a good talk,” Putin said on Tuesday.",  # the mark set apart by a space
        "“We had a good talk ” Putin said on Tuesday.",
    ],
)
def test_extract_a_quotation_mark_set_apart_by_a_space(nlp: Language, line: str) -> None:
    """Such a mark once made an empty span and the whole article was refused (IndexError)."""
    facts = extract_article(make_article("spaced", f"Putin meets Witkoff\n{line}\n"), nlp)

    assert [(q.speaker, q.words) for q in facts.quotes] == [("Putin", "We had a good talk")]


def test_extract_quotation_marks_around_nothing_are_no_quote(nlp: Language) -> None:
    facts = extract_article(make_article("empty", "Putin meets Witkoff\n“   ” he said.\n"), nlp)

    assert facts.quotes == []
