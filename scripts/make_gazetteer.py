"""Regenerate graphmodel/data/countries.json from maintained country libraries.

Sovereign states come from country_converter (UN members plus a few widely recognised
states); names, alternative spellings, demonyms and capitals from countryinfo. Run:

    pip install countryinfo country_converter && python scripts/make_gazetteer.py
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import country_converter as coco
from countryinfo import all_countries

OUT = Path(__file__).resolve().parents[1] / "graphmodel" / "data" / "countries.json"
# States beyond the UN members that news treats as states (the Cook Islands and Niue govern themselves).
EXTRA_STATES = {"TWN", "PSE", "VAT", "XKX", "COK", "NIU"}
# Abbreviations English-language news uses for a state beyond its ISO codes.
NEWS_ABBREVIATIONS = {
    "USA": ["U.S.", "US", "U.S.A.", "America", "United States of America"],
    "GBR": ["U.K.", "UK", "Britain", "Great Britain"],
    "TTO": ["TT", "T&T"],
    "ARE": ["UAE", "U.A.E."],
    "PRK": ["DPRK"],
    "CHN": ["PRC", "People's Republic of China", "People’s Republic of China", "Mainland China"],
    "KOR": ["ROK", "Republic of Korea"],
    "TUR": ["Türkiye", "Turkiye"],
}


def _latin(text: str) -> bool:
    return all(ord(c) < 0x250 or c in "’‘" for c in text)


def _entry(row: dict, info: dict | None) -> dict:
    iso3 = row["ISO3"]
    name = (info or {}).get("name") or row["name_short"]
    name = name.removeprefix("The ")
    aliases = {row["name_short"], row["name_official"], iso3, *NEWS_ABBREVIATIONS.get(iso3, [])}
    if info:
        aliases |= {a.strip() for a in info.get("altSpellings", []) if len(a.strip()) > 2}
        aliases.add(info["name"])
    aliases = {a for a in aliases if _latin(a) and a != name}
    demonyms = set()
    if info and info.get("demonym"):
        demonym = info["demonym"]
        demonyms |= {demonym, demonym + "s"} if demonym[-1] in "ni" else {demonym}  # Russians, Israelis
    if name.endswith("s") and " " not in name and len(name) > 6:  # "Philippine forces"
        demonyms.add(name[:-1])
    capital = (info or {}).get("capital") or ""
    capital = capital[0] if isinstance(capital, list) and capital else capital or ""
    capitals = {capital, capital.removesuffix(" D.C.")} - {""}
    return {"name": name, "iso3": iso3, "aliases": sorted(aliases), "demonyms": sorted(demonyms),
            "capitals": sorted(capitals)}


def main() -> None:
    logging.disable(logging.WARNING)
    data = coco.CountryConverter().data
    infos: dict[str, dict] = {}
    for country in sorted(all_countries(), key=lambda c: c.info().get("population") or 0):
        infos[country.info()["ISO"]["alpha3"]] = country.info()  # the most populous entry wins (UK, not Wales)
    states = data[data["UNmember"].notna() | data["ISO3"].isin(EXTRA_STATES)]
    entries = [_entry(row, infos.get(row["ISO3"])) for row in states.to_dict("records")]
    entries.sort(key=lambda e: e["name"])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(entries)} states to {OUT}")


if __name__ == "__main__":
    main()
