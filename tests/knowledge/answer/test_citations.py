"""Citations with an outlet, a date and a link: "AP News, 3 Dec 2025", in `render.cite` (the one
place every surface reads), in plain text, in Block Kit, in digests and on the CLI."""

from __future__ import annotations

from datetime import UTC, datetime

from handlers.blocks import answer_message
from knowledge.answer import AnswerFact, answer_question, cite
from knowledge.answer.render import display_date, render_fact, safe_url
from knowledge.digest import compose_digest
from knowledge.facts import FactBase, Figure, Source
from tests.slack_stub import texts

AP = Source(
    "geneva",
    "Envoys meet in Geneva as drone strikes continue",
    3,
    "Russia launched 143 drones overnight.",
    published="2025-12-03",
    outlet="AP News",
    url="https://apnews.example/article/geneva?id=1&x=2",
)
COPY = Source(
    "geneva-copy",
    "US and Ukrainian envoys hold talks",
    3,
    "Russia launched 143 drones overnight.",
    published="2025-12-03",
    outlet="The Kyiv Ledger",
    url="https://kyivledger.example/geneva",
)
DRONES = Figure(143, "drones", "drones launched", text="143 drones", sources=[AP, COPY])


def test_cite_gives_outlet_date_link_and_the_other_outlets() -> None:
    citation = cite([AP, COPY])

    assert citation is not None
    assert citation.label == "AP News, 3 Dec 2025"
    assert citation.url == AP.url
    assert citation.also == ("The Kyiv Ledger",)
    assert citation.locator == ""  # no "geneva ¶3" once the outlet is known


def test_without_an_outlet_the_title_date_and_paragraph_stay() -> None:
    source = Source("a1", "A title", 2, "Words.", published="2025-11-25")

    citation = cite([source])

    assert citation is not None
    assert citation.label == "A title, 25 Nov 2025" and citation.locator == "a1 ¶2"
    assert render_fact(AnswerFact("figure", Figure(1, "x", "y", "1 x", sources=[source]))).endswith(
        ' — A title, 25 Nov 2025 [a1 ¶2] "Words."'
    )


def test_plain_text_shows_the_outlet_date_and_link() -> None:
    line = render_fact(AnswerFact("figure", DRONES))

    assert line == (
        "143 drones — drones launched — AP News, 3 Dec 2025 "
        "<https://apnews.example/article/geneva?id=1&x=2> "
        '"Russia launched 143 drones overnight." (+1 more source: The Kyiv Ledger)'
    )


def test_block_kit_links_the_outlet_and_date_to_the_article() -> None:
    facts = FactBase(figures=[DRONES])
    message = answer_message(answer_question("how many drones", facts))

    shown = " ".join(texts(message["blocks"]))
    assert "<https://apnews.example/article/geneva?id=1&amp;x=2|AP News, 3 Dec 2025>" in shown
    assert "(also The Kyiv Ledger)" in shown
    assert "¶3" not in shown


def test_unsafe_urls_and_markup_in_outlets_are_never_live() -> None:
    hostile = Source(
        "h", "T", 1, "S.", outlet="<!channel> Wire", url="javascript:alert(1)", published="x"
    )
    facts = FactBase(figures=[Figure(5, "drones", "drones", "5 drones", sources=[hostile])])

    shown = " ".join(texts(answer_message(answer_question("how many drones", facts))["blocks"]))

    assert "<!channel>" not in shown and "javascript:" not in shown
    assert safe_url("https://a.example/x|<!here>") is None
    assert safe_url("https://a.example/ok") == "https://a.example/ok"
    assert display_date("2025-12-03") == "3 Dec 2025" and display_date("x") is None


class _Store:
    """What compose_digest reads of a store: the articles of the window."""

    def articles_between(
        self, since: object, until: object = None
    ) -> list[tuple[str, str, datetime]]:
        return [("geneva", AP.article_title, datetime(2025, 12, 3, 15, tzinfo=UTC))]


def test_digests_cite_the_outlet_and_date() -> None:
    digest = compose_digest(
        _Store(),  # type: ignore[arg-type]
        datetime(2025, 12, 3, tzinfo=UTC),
        datetime(2025, 12, 4, tzinfo=UTC),
        facts=FactBase(figures=[DRONES]),
    )

    assert "AP News, 3 Dec 2025 <https://apnews.example/article/geneva?id=1&x=2>" in (
        digest.to_text()
    )


def test_evidence_sentences_are_cited_the_same_way() -> None:
    from handlers.evidence import _citation_mrkdwn
    from knowledge.answer.render import render_evidence
    from knowledge.answer.sentences import Evidence
    from knowledge.facts import Sentence

    sentence = Sentence(
        "geneva",
        AP.article_title,
        3,
        0,
        AP.sentence,
        published="2025-12-03",
        outlet="AP News",
        url="https://apnews.example/a?x=1&y=2",
    )
    plain = Sentence("a1", "A title", 2, 0, "Words here.", published="2025-11-25")

    assert render_evidence(Evidence(sentence)).endswith(
        " — AP News, 3 Dec 2025 <https://apnews.example/a?x=1&y=2>"
    )
    assert _citation_mrkdwn(Evidence(sentence)) == (
        "<https://apnews.example/a?x=1&amp;y=2|AP News, 3 Dec 2025>"
    )
    assert _citation_mrkdwn(Evidence(plain)) == "_A title, 25 Nov 2025_ a1 ¶2"
