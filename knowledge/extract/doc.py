"""What every reader of a processed document reads: the Doc extension attributes our components
set, and the per-document actor table (`doc._.actors`) that the role, coreference, meeting,
figure and quote rules all read.

news_actors_v1 fills `doc._.actors` with a `DocActors`: each actor under the name this document
gives it, and for each token of a mention whose mention it is. The later components read names
from it and never re-judge them, so one document names each actor one way. Importing this
module registers the extensions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from knowledge.facts import ActorKind
from knowledge.lexicon import MEDIA
from knowledge.names import fold

# Set by the pipeline's components (knowledge/extract/pipeline.py), read by extract_articles;
# "coref" is the document's Coreference, built once by the first component that needs it;
# "article" the ArticleContext extract_articles gives a document before the pipeline runs.
EXTENSIONS = ("actors", "meetings", "figures", "quotes", "statements", "coref", "article")
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

MEDIA_KEYS = frozenset(fold(m) for m in MEDIA)


@dataclass(frozen=True)
class ArticleContext:
    """What the article around a document's text says: its publication date (ISO), the place
    of its dateline (and the dateline's character range), and the folded names (and surnames)
    of its writers, who are no actors."""

    published: str | None = None
    place: str | None = None
    staff: frozenset[str] = frozenset()
    dateline: tuple[int, int] | None = None


def article_context(doc: Doc) -> ArticleContext:
    """The document's ArticleContext; an empty one for a document made without an article."""
    context: ArticleContext | None = doc._.article
    return context if context is not None else ArticleContext()


@dataclass
class DocActor:
    """An actor as one document names it, with every mention and role found there."""

    name: str
    kind: ActorKind
    forms: Counter[str] = field(default_factory=Counter)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[tuple[str, str | None, int]] = field(default_factory=list)
    affiliations: Counter[str] = field(default_factory=Counter)

    @property
    def is_media(self) -> bool:
        """An outlet ("Reuters", "Politico"): it reports, it neither meets nor is quoted."""
        return fold(self.name) in MEDIA_KEYS


@dataclass
class DocActors:
    """Every actor of a document and, for each token of a mention, whose mention it is."""

    actors: dict[str, DocActor] = field(default_factory=dict)
    token_actor: dict[int, str] = field(default_factory=dict)

    def actor_at(self, token: Token) -> DocActor | None:
        """The actor whose mention `token` is part of, if any."""
        key = self.token_actor.get(token.i)
        return self.actors[key] if key is not None else None

    def add_mention(self, actor: DocActor, start: int, end: int, form: str) -> None:
        """Tokens [start, end) as a mention of `actor` written `form`; a token already
        mentioning someone is left to its first actor (the whole mention is then skipped)."""
        if any(i in self.token_actor for i in range(start, end)):
            return
        actor.mentions.append((start, end))
        actor.forms[form] += 1
        for i in range(start, end):
            self.token_actor[i] = actor.name


def entity_of(token: Token) -> Span | None:
    """The named entity a token is part of, with its label; None outside entities."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)
