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


def test_extract_he_said_for_the_person_a_title_subject_names(nlp: Language) -> None:
    """ "President of Finland Alexander Stubb …, said …": the title is the parse's subject and
    the name hangs on its "of"; "he" in the next sentence is Stubb, not the subject before."""
    text = (
        "Sanctions\nMaria Zakharova told reporters that Moscow would respond to any new "
        "sanctions.\nPresident of Finland Alexander Stubb, speaking in Helsinki after talks "
        "with Prime Minister of Sweden Ulf Kristersson, said Finland would keep up its aid. "
        "\u201cWe will not let anyone decide this over our heads,\u201d he said.\n"
    )
    assert _quotes(nlp, text) == [
        ("Alexander Stubb", "We will not let anyone decide this over our heads")
    ]


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


def test_a_quote_a_transcript_line_credits_to_someone_else_is_theirs(nlp: Language) -> None:
    """In a speaker's line, words the line says another person said are that person's quote;
    quoted words the line credits to no one stay the speaker's line."""
    text = (
        "Briefing by Foreign Ministry Spokesperson Heorhii Tykhyi\nSpokesperson Heorhii Tykhyi "
        "took questions.\nMR. TYKHYI: Good afternoon. I will start with the visit.\nQ: Is the "
        "security part ready?\nMR. TYKHYI: The bilateral part with the United States is ready. "
        "As President Volodymyr Zelenskyy said in Palm Beach: \u201cThis part is one hundred "
        "percent agreed with our American partners.\u201d\nQ: And the truce?\nMR. TYKHYI: The "
        "Kremlin aide Yuri Ushakov put it this way: \u201cA pause would give Kyiv time to "
        "regroup, nothing more.\u201d We see it differently, and we call it a \u201cpause for "
        "rearming\u201d.\n"
    )
    quotes = _quotes(nlp, text)
    assert (
        "Volodymyr Zelenskyy",
        "This part is one hundred percent agreed with our American partners.",
    ) in quotes
    assert ("Yuri Ushakov", "A pause would give Kyiv time to regroup, nothing more.") in quotes
    assert ("Heorhii Tykhyi", "The bilateral part with the United States is ready.") in quotes
    # quoted words the line credits to no one: only in the speaker's own line, no quote alone
    assert {speaker for speaker, words in quotes if "rearming" in words} <= {"Heorhii Tykhyi"}
    assert not [words for _, words in quotes if words.startswith("pause for rearming")]


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


@pytest.mark.parametrize(
    ("sentence", "speaker", "words"),
    [
        # a short quote credited by the verb of saying around it, even after an article
        (
            "Prime Minister Keir Starmer said the two sides had reached an “agreement in "
            "principle” on the text.",
            "Keir Starmer",
            "agreement in principle",
        ),
        (
            "Prime Minister Keir Starmer said the draft was not his “last word”.",
            "Keir Starmer",
            "last word",
        ),
        # a naming verb whose own phrase holds the quote
        (
            "The agency's head, Rafael Grossi, called the situation at the plant “very "
            "precarious”.",
            "Rafael Grossi",
            "very precarious",
        ),
        # the relative "who" is the person it follows
        (
            "The talks were hosted by Foreign Minister Hakan Fidan, who told both delegations "
            "they had “a historic chance” before them.",
            "Hakan Fidan",
            "a historic chance",
        ),
        # an unnamed source as described, with whose source it is
        (
            "A spokesperson for Keir Starmer said it was a moment “to take a breath” before "
            "the next round.",
            "A spokesperson for Keir Starmer",
            "to take a breath",
        ),
        (
            "One of the officials said the morning session with Rustem Umerov was “useful.”",
            "One of the officials",
            "useful.",
        ),
    ],
)
def test_extract_short_quotes_credited_by_their_verb(
    nlp: Language, sentence: str, speaker: str, words: str
) -> None:
    assert (speaker, words) in _quotes(nlp, f"Talks in Geneva\n{sentence}\n")


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia's so-called “shadow fleet” carries most of its oil.",
        "The plan was described in Kyiv as a “wishlist” by nobody in particular.",
    ],
)
def test_extract_a_quoted_name_or_scare_quote_is_no_quote(nlp: Language, sentence: str) -> None:
    assert _quotes(nlp, f"Oil exports\n{sentence}\n") == []


def test_extract_saying_after_a_comma_is_the_main_subject_s(nlp: Language) -> None:
    """The parser may hang ", saying …" on the clause before; the speaker is the subject of
    the sentence."""
    text = (
        "Briefing\nSecretary of State Marco Rubio spoke to reporters.\nHe declined to say "
        "whether Steve Witkoff would fly to Moscow to present the text to Vladimir Putin, "
        "saying only that Russia would “be consulted” in time.\n"
    )
    assert ("Marco Rubio", "be consulted") in _quotes(nlp, text)


def test_extract_he_said_colon_is_the_main_subject_of_the_sentence_before(
    nlp: Language,
) -> None:
    text = (
        "Video address\nUkrainian President Volodymyr Zelenskyy has posted a video address in "
        "which he thanked Emmanuel Macron, hours after Donald Trump criticised Ukraine's "
        "leaders.\nHe said:\n"
        "We are grateful to every partner who stands with us. We will keep working for peace.\n"
    )
    [(speaker, _words)] = _quotes(nlp, text)
    assert speaker == "Volodymyr Zelenskyy"


def test_extract_he_after_an_asked_clause_is_not_the_person_asked_about(nlp: Language) -> None:
    text = (
        "Deadline\nPresident Donald Trump has said he wants a deal by Thursday. Asked what "
        "would happen if Volodymyr Zelenskyy refused, he said on Friday: “He will have to "
        "accept it, or they can keep fighting.”\n"
    )
    assert _quotes(nlp, text) == [
        ("Donald Trump", "He will have to accept it, or they can keep fighting.")
    ]


def test_extract_a_quote_after_an_object_named_continues_the_speaker(nlp: Language) -> None:
    text = (
        "Summit\nHungarian Prime Minister Viktor Orbán said on Friday that the summit was off. "
        "“We will hold it later,” he said at his office, where he was meeting NATO Secretary "
        "General Mark Rutte. "
        "“Preparations continue.”\n"
    )
    assert ("Viktor Orbán", "Preparations continue.") in _quotes(nlp, text)


def test_extract_quotes_in_a_question_line_are_read(nlp: Language) -> None:
    text = (
        "Interview\nInterview with Andrii Sybiha.\nQ: President Donald Trump said on Tuesday "
        "that Ukraine could “win back every region it lost”. Were you surprised?\nSybiha: We "
        "were pleased.\nQ: And the talks?\nSybiha: They went well.\nQ: Thank you.\n"
    )
    assert ("Donald Trump", "win back every region it lost") in _quotes(nlp, text)


def test_extract_a_live_blog_entry_title_is_no_quote(nlp: Language) -> None:
    text = (
        "Live\nMerz: ‘A deal must include Europe’\nSybiha: ‘We are ready’\nRubio: ‘Talks "
        "went well’\nFriedrich Merz spoke in Berlin on Sunday.\n"
    )
    assert _quotes(nlp, text) == []


def test_extract_the_verb_whose_phrase_holds_the_quote_is_the_speaker_s(nlp: Language) -> None:
    """ "The former called it “…”; the latter said …": the "said" after the quote is nearer
    to it, but the quote is in the phrase of "called"."""
    text = (
        "Paris summit\nKeir Starmer and Emmanuel Macron later spoke side by side in the Elysee "
        "courtyard. The former called the declaration \u201ca vital step towards a lasting "
        "peace\u201d; the latter said Europe was \u201cready to carry its share of the "
        "burden.\u201d\n"
    )
    assert _quotes(nlp, text) == [
        ("Keir Starmer", "a vital step towards a lasting peace"),
        ("Emmanuel Macron", "ready to carry its share of the burden."),
    ]


def test_extract_a_colon_in_the_line_gives_the_quote_to_the_clause_s_subject(
    nlp: Language,
) -> None:
    text = (
        "Paris summit\nZelenskyy was accompanied by Foreign Minister Andrii Sybiha.\nSybiha, "
        "Ukraine's top diplomat, was blunt: \u201cGuarantees on paper are not enough. We need "
        "guarantees that can shoot back.\u201d\n"
    )
    assert _quotes(nlp, text) == [
        (
            "Andrii Sybiha",
            "Guarantees on paper are not enough. We need guarantees that can shoot back.",
        )
    ]


def test_extract_the_statement_said_is_its_author_s(nlp: Language) -> None:
    text = (
        "Paris summit\nGerman Chancellor Friedrich Merz said in a statement that Germany was "
        "ready to station forces in a neighbouring NATO country. \u201cGermany will do its "
        "part, but we will not make promises we cannot keep,\u201d the statement said.\n"
    )
    assert _quotes(nlp, text) == [
        ("Friedrich Merz", "Germany will do its part, but we will not make promises we cannot keep")
    ]


def test_extract_a_headline_quote_the_story_repeats_is_the_story_s(nlp: Language) -> None:
    text = (
        "Kremlin calls foreign troops \u201cunacceptable\u201d\nIn Moscow, the Kremlin "
        "spokesman, Dmitry Peskov, told reporters that any deployment of Western troops in "
        "Ukraine was \u201cabsolutely unacceptable\u201d to Russia.\n"
    )
    assert _quotes(nlp, text) == [("Dmitry Peskov", "absolutely unacceptable")]
