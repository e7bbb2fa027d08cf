"""Roles a person holds in one document: titles written before the name ("U.S. special envoy
Steve Witkoff"), appositives after it ("Rustem Umerov, Ukraine's lead negotiator,") and before it
("Russia's top diplomat, Sergey Lavrov,"), each with whose role it is (a country, an
organization, another person) and the sentence it was read in.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from knowledge.extract.doc import DocActor, DocActors, entity_of
from knowledge.lexicon import DEMONYMS, NAME_TITLES, ROLE_MODIFIERS, ROLE_NOUNS
from knowledge.names import canonical_place, fold

_DEPARTMENTS = frozenset(
    [
        "treasury",
        "army",
        "energy",
        "defense",
        "defence",
        "state",
        "interior",
        "justice",
        "commerce",
        "homeland",
        "foreign",
        "finance",
        "health",
        "navy",
        "air",
        "press",
    ]
)
_PREPOSITIONS = frozenset({"to", "of", "for", "at", "with", "in"})
# Verbs that give a person an office named after them ("was appointed head of …") and verbs by
# which a person holds or leaves one ("became", "resigned as", "served as").
_GIVEN_OFFICE = frozenset({"appoint", "name", "elect", "nominate", "promote", "reappoint"})
_HELD_OFFICE = frozenset({"become", "resign", "serve", "remain", "quit", "retire"})
_WHEN = frozenset({"DATE", "TIME"})
_LEADING_WORDS = frozenset({"the", "a", "an", "his", "her", "its", "their", "one", "another"})
# Military ranks written before a name: a person's rank, a role only when no office is given.
_RANKS = frozenset(
    {"gen", "general", "lt", "lieutenant", "col", "colonel", "maj", "major", "brig", "adm"}
    | {"admiral", "vice", "rear", "sgt", "sergeant", "capt", "captain"}
)


def _role_of(tokens: list[Token], found: DocActors) -> tuple[str | None, list[Token]]:
    """Split a title chain into whose role it is ("Putin's", "U.S.") and the title words.

    Before the title noun, a country, an organization or a possessive names the owner
    ("U.S. special envoy", "Putin's adviser"); after it, a preposition and an actor do
    ("aide to Putin", "chairman of the Joint Chiefs of Staff").
    """
    of: str | None = None
    words: list[Token] = []
    seen_title = False
    for index, token in enumerate(tokens):
        word = fold(token.text).rstrip(".")
        owner = found.actor_at(token)
        demonym = DEMONYMS.get(token.lower_)
        run_end = index
        while (
            run_end + 1 < len(tokens)
            and owner is not None
            and (found.actor_at(tokens[run_end + 1]) is owner)
        ):
            run_end += 1
        possessive = run_end + 1 < len(tokens) and tokens[run_end + 1].tag_ == "POS"
        while (
            seen_title
            and owner is not None
            and words
            and (fold(words[-1].text).rstrip(".") in NAME_TITLES and words[-1].text[:1].isupper())
        ):
            words.pop()  # "adviser to President Vladimir Putin"
        article = len(words) > 1 and words[-1].lower_ == "the"
        preposition = words[-2] if article else (words[-1] if words else None)
        after_preposition = preposition is not None and preposition.lower_ in _PREPOSITIONS
        if seen_title and after_preposition and owner is not None and owner.kind != "group":
            of = owner.name
            del words[-2 if article else -1 :]  # "president [of the] United States"
            break
        if seen_title:
            words.append(token)
            continue
        following = found.actor_at(tokens[index + 1]) if index + 1 < len(tokens) else None
        if word in ROLE_NOUNS and not seen_title and following is not None and owner is None:
            continue  # "[President] Donald Trump's son-in-law": the owner's own title
        if word in ROLE_NOUNS:
            seen_title = True
            words.append(token)
        elif owner is not None and owner.kind != "group" and (owner.kind != "person" or possessive):
            of = owner.name
        elif owner is not None:
            words.append(token)  # "pro-Trump pundit"
        elif word in _DEPARTMENTS and token.text[:1].isupper():
            words.append(token)
        elif demonym is not None:
            of = of or demonym
        elif token.tag_ == "POS" or (token.is_punct and token.text != "-"):
            continue
        elif token.ent_type_ in {"GPE", "ORG", "NORP", "FAC"} and token.text[:1].isupper():
            if not (of and fold(of).endswith(fold(token.text))):
                entity = entity_of(token)
                of = canonical_place(entity.text if entity is not None else token.text)
        else:
            words.append(token)
    return of, words


def _title_text(words: list[Token]) -> str | None:
    while words and fold(words[0].text) in _LEADING_WORDS:
        words = words[1:]
    while words and (words[-1].is_punct or words[-1].lower_ in _PREPOSITIONS):
        words = words[:-1]
    if not words or len(words) > 9:
        return None
    if not any(fold(t.text).rstrip(".") in ROLE_NOUNS for t in words):
        return None
    rendered = []
    for token in words:
        word = fold(token.text).rstrip(".")
        common = word in ROLE_NOUNS | ROLE_MODIFIERS | NAME_TITLES | _DEPARTMENTS
        keep = token.text.isupper() or (token.ent_type_ and not common) or token.i == 0
        rendered.append(token.text if keep and not common else token.text.lower())
    title = " ".join(rendered).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    title = title.replace("gen.", "general").replace("adm.", "admiral")
    return title if any(ch.isalpha() for ch in title) else None


def _left_title_chain(doc: Doc, start: int, found: DocActors) -> list[Token]:
    """Title words written right before a name: "U.S. special envoy [Steve Witkoff]"."""
    chain: list[Token] = []
    i = start - 1
    complement = _title_complement_before(doc, start, found)
    if complement is not None:
        chain = list(doc[complement:start])  # "secretary [of state]", "chief [of staff]"
        i = complement - 1
    while i >= 0:
        token = doc[i]
        word = fold(token.text).rstrip(".")
        if token.is_sent_end or token.text in {",", ";", ":", "(", "“", '"', "—", "–"}:
            break
        if i >= 4 and fold(doc[i - 4 : i + 1].text.replace(" ", "")) in ROLE_NOUNS:
            chain[:0] = list(doc[i - 4 : i + 1])  # "son-in-law", parsed as five words
            i -= 5
            continue
        owner = found.actor_at(token)
        if owner is not None:
            # The owner's own name ends the chain: "Trump's special envoy", not "President…".
            key = owner.name
            while i >= 0 and found.token_actor.get(i) == key:
                chain.insert(0, doc[i])
                i -= 1
            break
        titled = word in ROLE_NOUNS or word in NAME_TITLES or word in ROLE_MODIFIERS
        part_of_np = token.dep_ in {"compound", "amod", "nmod", "poss", "case", "punct"} or (
            token.tag_ == "POS"
        )
        if (
            token.text == "-"
            or titled
            or token.ent_type_ in {"NORP", "GPE", "ORG"}
            or (part_of_np and token.pos_ in {"NOUN", "PROPN", "ADJ", "PART"})
        ):
            if token.pos_ in {"VERB", "AUX", "ADP", "DET", "PRON"} and not titled:
                break
            chain.insert(0, token)
            i -= 1
            continue
        break
    if chain and not _ends_in_title(chain):
        return []
    return chain


def is_title_complement(span: Span) -> bool:
    """A department a title names after "of" ("Secretary of [State]", "Minister of
    [Defence]"): part of the title, not an organization of its own."""
    doc = span.doc
    return (
        len(span) == 1
        and fold(span.text) in _DEPARTMENTS
        and span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and fold(doc[span.start - 2].text).rstrip(".") in ROLE_NOUNS
    )


def _title_complement_before(doc: Doc, start: int, found: DocActors) -> int | None:
    """Where the "of" complement of a title starts when it ends right before a name:
    "secretary [of state] Marco Rubio", "chief [of staff] Susie Wiles", "President [of
    Ukraine] Volodymyr Zelenskyy"; at most three nouns or adjectives, and no other person."""
    i = start - 1
    while i > 0 and start - i <= 5:
        token = doc[i]
        if token.lower_ == "of":
            titled = fold(doc[i - 1].text).rstrip(".") in ROLE_NOUNS
            return i if titled and i < start - 1 else None
        if token.lower_ == "the" and doc[i - 1].lower_ == "of":
            i -= 1  # "President [of the United States] Donald Trump"
            continue
        if token.pos_ not in {"NOUN", "PROPN", "ADJ"} or token.is_punct or token.is_sent_start:
            return None
        owner = found.actor_at(token)
        if owner is not None and owner.kind == "person":
            return None
        i -= 1
    return None


def _ends_in_title(chain: list[Token]) -> bool:
    """A title chain ends in its title noun, or in the complement of one ("secretary of
    state"): a role noun right before an "of" whose words follow up to the name."""
    words = [fold(t.text).rstrip(".") for t in chain]
    if words[-1] in ROLE_NOUNS | NAME_TITLES or "".join(words[-5:]) in ROLE_NOUNS:
        return True
    return any(
        word == "of" and index > 0 and words[index - 1] in ROLE_NOUNS
        for index, word in enumerate(words)
    )


def _appositive(doc: Doc, start: int, end: int, found: DocActors) -> list[Token]:
    """The role phrase after a name and a comma: "Rustem Umerov, Ukraine's lead negotiator,"."""
    if end >= len(doc) - 1 or doc[end].text != ",":
        return []
    owner_words: list[Token] = []
    heads = set(range(start, end))
    root = doc[start:end].root
    if root.dep_ == "conj" and root.head.i < start and doc[root.head.i + 1].text != ",":
        # "Army Secretary Dan Driscoll and Gen. Alexus Grynkewich, NATO's supreme allied
        # commander": the parser hangs the last name's appositive on the first of the list
        heads.add(root.head.i)
    for token in doc[end + 1 : min(len(doc), end + 14)]:
        owned = bool(owner_words) and any(t.i == token.head.i for t in owner_words)
        if token.dep_ != "appos" or not (token.head.i in heads or owned):
            continue
        if (
            found.actor_at(token) is not None
            and token.i + 1 < len(doc)
            and doc[token.i + 1].tag_ == "POS"
        ):
            # "Kushner, [Donald Trump’s] son-in-law": the owner, not the role
            owner_words = [t for t in token.subtree if t.i <= token.i + 1]
            continue
        excluded: set[int] = set()
        for t in token.subtree:
            if t.dep_ in {"relcl", "acl", "advcl"} and t.i > token.i:
                excluded.update(x.i for x in t.subtree)
        words: list[Token] = list(owner_words)
        for t in token.subtree:
            if t.i <= end or t.i in excluded:
                continue
            if t.text in {",", ";", "—", "(", "“"} or (t.dep_ == "cc" and t.i > token.i):
                break
            words.append(t)
        for index, t in enumerate(words):
            actor = found.actor_at(t)
            previous = [w for w in words[:index] if fold(w.text).rstrip(".") not in NAME_TITLES]
            before = previous[-1] if previous else None
            last = index
            while last + 1 < len(words) and actor is not None:
                if found.actor_at(words[last + 1]) is not actor:
                    break
                last += 1  # "Keir Starmer’s adviser": the possessive follows the whole name
            if (
                actor is not None
                and actor.kind == "person"
                and not (
                    before is not None
                    and (before.lower_ in _PREPOSITIONS or before.tag_ == "POS")
                    or last + 1 < len(words)
                    and words[last + 1].tag_ == "POS"
                    or before is not None
                    and found.actor_at(before) is actor
                )
            ):
                return []  # "Vance, secretary of state Marco Rubio": another person's title
        return words
    return []


def _and_appositive(doc: Doc, appositive: list[Token], found: DocActors) -> list[Token]:
    """A second role after "and" in an appositive: "Vladimir Medinsky, an aide to President
    Vladimir Putin and a former culture minister," (the parser may hang it on Putin)."""
    if not appositive:
        return []
    after = max(t.i for t in appositive) + 1
    if after + 2 >= len(doc) or doc[after].lower_ != "and":
        return []
    if doc[after + 1].lower_ not in {"a", "an"}:
        return []
    for noun in doc[after + 2 : min(len(doc), after + 7)]:
        if noun.text in {",", ";", "—", "("} or noun.pos_ in {"VERB", "AUX"}:
            return []
        if noun.pos_ == "NOUN" and fold(noun.text) in ROLE_NOUNS and found.actor_at(noun) is None:
            if noun.dep_ not in {"conj", "appos"}:
                return []
            cut = {
                t.i
                for c in noun.children
                if c.dep_ in {"relcl", "acl", "advcl", "conj", "cc", "punct"}
                for t in c.subtree
            }
            return [t for t in noun.subtree if t.i > after and t.i not in cut]
    return []


def _reverse_appositive(doc: Doc, start: int, found: DocActors) -> list[Token]:
    """A role phrase and a comma before the name: "Russia's top diplomat, Sergey Lavrov,",
    "The US secretary of state, Marco Rubio,"; not the appositive of a person named before
    it ("Jonathan Powell, Starmer's adviser, Emmanuel Bonne, …" is Powell's)."""
    if start < 2 or doc[start - 1].text != ",":
        return []
    head = doc[start - 2]
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i < head.i:
        head = head.head.head  # "secretary [of state]"
    if fold(head.text) not in ROLE_NOUNS or head.pos_ not in {"NOUN", "PROPN"}:
        return []
    words = [t for t in head.subtree if t.i < start - 1]
    first = words[0].i if words else head.i
    if first >= 2 and doc[first - 1].text == "," and found.actor_at(doc[first - 2]) is not None:
        return []
    return words


def _office_clauses(doc: Doc, start: int, end: int, found: DocActors) -> list[list[Token]]:
    """Titles a verb of taking or leaving an office gives the person: "Kyrylo Budanov, who
    was appointed head of the presidential office", "Yermak resigned as head of …", "Ivashchenko
    … was named head of the HUR", "Shmyhal, who became first deputy prime minister and energy
    minister", "appointed Mykhailo Fedorov as defence minister"."""
    name = doc[start:end].root
    verbs = [(name.head, name.dep_)] if name.head.i != name.i else []
    verbs += [
        (c, s.dep_)
        for c in name.children
        if c.dep_ == "relcl"
        for s in c.children
        if s.dep_ in {"nsubj", "nsubjpass"} and s.lower_ in {"who", "that"}
    ]
    chains: list[list[Token]] = []
    for verb, dep in verbs:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or not (
            (lemma in _GIVEN_OFFICE and dep in {"nsubjpass", "dobj"})
            or (lemma in _HELD_OFFICE and dep == "nsubj")
        ):
            continue
        titles = [c for c in verb.children if c.dep_ in {"oprd", "attr"}]
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                titles += [c for c in prep.children if c.dep_ == "pobj"]
        for title in titles:
            if title.pos_ != "NOUN" or found.actor_at(title) is not None:
                continue
            for noun in [title, *(c for c in title.children if c.dep_ == "conj")]:
                cut = {
                    t.i
                    for c in noun.children
                    if c.dep_ in {"relcl", "acl", "advcl", "conj", "cc", "punct", "appos"}
                    or (c.dep_ == "prep" and any(t.ent_type_ in _WHEN for t in c.subtree))
                    for t in c.subtree
                }  # "head of the presidential office [on 2 January]"
                chains.append([t for t in noun.subtree if t.i not in cut])
    return chains


def find_roles(doc: Doc, actor: DocActor, found: DocActors) -> None:
    """Roles from titles before a name and appositives after it, each tied to its sentence."""
    for start, end in actor.mentions:
        sent_start = doc[start].sent.start
        appositive = _appositive(doc, start, end, found)
        chains = [_left_title_chain(doc, start, found), appositive]
        chains.append(_and_appositive(doc, appositive, found))
        chains.append(_reverse_appositive(doc, start, found))
        chains += _office_clauses(doc, start, end, found)
        for chain in chains:
            if not chain:
                continue
            of, words = _role_of(chain, found)
            title = _title_text(words)
            if title is None:
                continue
            if of == actor.name:
                of = None
            if of and fold(of) in DEMONYMS:
                of = DEMONYMS[fold(of)]
            actor.roles.append((title, of, sent_start))
            if of and found.actors.get(of, actor).kind == "country":
                actor.affiliations[of] += 1
    _own_unowned_titles(actor)


def _own_unowned_titles(actor: DocActor) -> None:
    """A rank ("Gen.") is a role only when the article gives the person no office. A title
    written once with whose it is and once without ("Gen Andrii Hnatov, the chief
    of the general staff" and "Ukraine's chief of the general staff") is one office in one
    article: the bare one takes the owner, when the article names only one."""
    offices = [r for r in actor.roles if not all(w in _RANKS for w in r[0].split())]
    if offices:
        actor.roles[:] = offices  # "Gen. Randy George, the Army chief of staff": the office
    owners: dict[str, set[str]] = {}
    for title, of, _ in actor.roles:
        if of:
            owners.setdefault(title, set()).add(of)
    actor.roles[:] = [
        (title, next(iter(owners[title])) if not of and len(owners.get(title, ())) == 1 else of, s)
        for title, of, s in actor.roles
    ]
