"""Which mentions name something: bare surnames the parser missed, bodies described only by their owner
("Seoul's defense ministry"), and dictionary words misread as names."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from graphmodel.extract.rules.lexicon import Lexicon
from graphmodel.extract.rules.places import city_population
from graphmodel.extract.rules.types import LocalEntity, Located, Mention
from graphmodel.extract.rules.units import Unit
from graphmodel.schema import EntityLabel

__all__ = ["drop_common_words", "owned_as", "owned_descriptions", "surnames", "with_bare_surnames"]


def surnames(name: str, lexicon: Lexicon) -> list[str]:
    """The words of a full name that stand for the person alone: the last, and the first of two surnames
    ("Montoya" of "Alejandra Montoya Restrepo") unless it names a place."""
    parts = [p for p in name.split() if p not in lexicon.surname_suffixes]
    middles = [p for p in parts[1:-1] if len(p) > 2 and p.istitle() and lexicon.lookup(p) is None
               and not city_population(p)]
    return [*middles, parts[-1]] if parts else []


def owned_descriptions(located: list[Located], docs: list[Doc], lexicon: Lexicon) -> list[Located]:
    """Name a body the text only describes by its owner: "Seoul's defense ministry", not "defense ministry",
    which would be every state's ministry at once."""
    out = []
    for before, item in zip([None, *located], located, strict=False):
        mention, doc = item.mention, docs[item.block]
        owner = before.mention if before is not None and before.block == item.block else None
        if (owner is not None and mention.label is EntityLabel.ORGANIZATION and mention.text[:1].islower()
                and owner.label is EntityLabel.COUNTRY and owner.end + 1 == mention.start
                and doc[owner.end].text in lexicon.grammar.possessive_s):
            mention = replace(mention, text=doc[owner.start:mention.end].text)
        out.append(Located(mention, item.block))
    return out


def owned_as(owned: str, name: str, lexicon: Lexicon) -> bool:
    """ "Nigeria's navy" is the "Nigerian Navy" (or "Nigeria Navy") of the same text."""
    owner, marker, body = owned.replace("’", "'").partition("'s ")
    state = lexicon.lookup(owner) if marker else None
    words = name.split()
    if state is None or state.label is not EntityLabel.COUNTRY or len(words) < 2:
        return False
    prefix = lexicon.lookup(words[0])
    return prefix is not None and prefix.name == state.name and " ".join(words[1:]).lower() == body.lower()


def with_bare_surnames(located: list[Located], docs: list[Doc], units: list[Unit],
                        lexicon: Lexicon) -> list[Located]:
    """Add mentions of a surname the parser missed ("Lopez praised ...") once the full name is known."""
    known = {surname for m in located if m.mention.label is EntityLabel.PERSON and " " in m.mention.text
             for surname in surnames(m.mention.text, lexicon)}
    covered = {(m.block, i) for m in located for i in range(m.mention.start, m.mention.end)}
    extra = [Located(Mention(t.i, t.i + 1, t.text, EntityLabel.PERSON, None, "name", "surname"), index)
             for index, doc in enumerate(docs) if units[index].row is None
             for t in doc if t.text in known and (index, t.i) not in covered]
    return sorted(located + extra, key=lambda m: (m.block, m.mention.start))


_NAMED_BY_WORDS = frozenset({EntityLabel.PERSON, EntityLabel.EVENT, EntityLabel.INITIATIVE})


def drop_common_words(entities: list[LocalEntity], assignment: list[int], located: list[Located], docs: list[Doc],
                       words: frozenset[str], lexicon: Lexicon) -> None:
    """A person, meeting or programme named by one dictionary word, once or twice and never as a subject or
    after a title, is a word misread as a name ("Surveillance", "Logistics", "Joint"); "Richardson said",
    "Senator Richardson" and a name said more often ("Trump") stay."""
    loose: dict[int, bool] = {}
    for item, index in zip(located, assignment, strict=True):
        loose[index] = loose.get(index, True) and _loose(item, docs[item.block], lexicon)
    for index, entity in enumerate(entities):
        if (entity.label in _NAMED_BY_WORDS and " " not in entity.name and entity.mentions < 3
                and loose.get(index, False) and entity.name.lower() in words):
            entity.mentions = 0


def _loose(item: Located, doc: Doc, lexicon: Lexicon) -> bool:
    start, end = item.mention.start, item.mention.end
    before = doc[start - 1] if start > 0 else None  # a title, not a word of a body's name ("Trade Logistics")
    titled = before is not None and before.text in lexicon.titles and before.ent_type_ != "ORG"
    return end - start == 1 and not titled and doc[start].dep_ not in {"nsubj", "nsubjpass"}
