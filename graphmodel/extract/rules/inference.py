"""Relations that follow from names and from other relations of the same document.

- A name states relations: an event named after its parties, a body named after a state or
  another body ("Chilean Navy", "OAS Permanent Council"), an office named after its seat.
- A person affiliated with a body that is part of a state is affiliated with the state.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from graphmodel.extract.rules.labels import ORDINAL, head_word
from graphmodel.extract.rules.lexicon import Lexicon
from graphmodel.extract.rules.types import Found, LocalEntity, found_by_rule
from graphmodel.schema import EntityLabel, RelationType

__all__ = ["infer_relations", "name_relations"]


def name_relations(entities: list[LocalEntity], lexicon: Lexicon) -> list[tuple[Found, int]]:
    """Relations that names state, each with the index of the entity whose name states it.

    - an event named after its parties: "Russia-Ukraine talks" → Russia, Ukraine PARTICIPATES_IN;
    - a body named after a state or a well-known body: "Chilean Navy" and "Ministry of Defence of
      Moldova" PART_OF their state, "OAS Permanent Council" PART_OF the OAS;
    - an office named after its seat: "U.S. Embassy in Panama" LOCATED_IN Panama.

    A state or body named only inside another name becomes an entity of the document
    ("Royal Canadian Navy" → Canada).
    """
    found: list[tuple[Found, int]] = []
    for index, entity in enumerate(list(entities)):
        if entity.label in {EntityLabel.EVENT, EntityLabel.INITIATIVE} and entity.mentions:
            found += [(found_by_rule(lexicon, _find_or_add(entities, *party), RelationType.PARTICIPATES_IN, index,
                                     "name-parties"), index) for party in _parties(entity.name, lexicon)]
        if entity.label is EntityLabel.ORGANIZATION and entity.mentions:
            found += [(f, index) for f in _body_relations(index, entity.name, entities, lexicon)]
    return found


def _body_relations(index: int, name: str, entities: list[LocalEntity], lexicon: Lexicon) -> list[Found]:
    found = []
    state = _state_prefix(name, lexicon)
    if state is not None:
        found.append(found_by_rule(lexicon, index, RelationType.PART_OF, _find_or_add(entities, *state),
                                   "name-prefix-state"))
    parent = _body_prefix(name, lexicon)
    if parent is not None and parent[0] != name:
        found.append(found_by_rule(lexicon, index, RelationType.PART_OF,
                                   _find_or_add(entities, *parent, EntityLabel.ORGANIZATION), "name-prefix-body"))
    owner = _state_of_suffix(name, lexicon) if state is None else None
    if owner is not None:
        found.append(found_by_rule(lexicon, index, RelationType.PART_OF, _find_or_add(entities, *owner),
                                   "name-of-state"))
    seat = _state_suffix(name, lexicon)
    if seat is not None:
        found.append(found_by_rule(lexicon, index, RelationType.LOCATED_IN, _find_or_add(entities, *seat),
                                   "name-in-state"))
    return found


def _parties(name: str, lexicon: Lexicon) -> list[tuple[str, str]]:
    """The states an event or agreement is named after: "Russia-Ukraine talks" -> Russia, Ukraine;
    "South Africa–Mozambique Maritime Arrangement" -> South Africa, Mozambique (an edition's ordinal aside)."""
    name = re.sub(rf"^{ORDINAL.pattern} ", "", name)
    first = name.split()[0]
    parts = [p for p in first.replace("–", "-").split("-") if p]
    entries = [lexicon.lookup(p) for p in parts]
    if len(parts) >= 2 and all(e is not None and e.label is EntityLabel.COUNTRY for e in entries):
        return [(e.name, p) for e, p in zip(entries, parts, strict=True) if e is not None]
    left, dash, rest = name.replace("–", "-").partition("-")
    words = rest.split()
    before = lexicon.lookup(left) if dash and " " in left else None  # one word before the dash: done above
    if before is None or before.label is not EntityLabel.COUNTRY:
        return []
    for length in (3, 2, 1):
        after = lexicon.lookup(" ".join(words[:length])) if len(words) > length else None
        if after is not None and after.label is EntityLabel.COUNTRY:
            return [(before.name, left), (after.name, " ".join(words[:length]))]
    return []


def _body_prefix(name: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """The well-known body a name starts with: "OAS Permanent Council" is part of the OAS."""
    words = name.split()
    for length in range(len(words) - 1, 0, -1):
        surface = " ".join(words[:length])
        entry = lexicon.lookup(surface)
        if entry is not None and entry.label is EntityLabel.ORGANIZATION:
            return entry.name, surface
    return None


def _state_suffix(name: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """The state in "U.S. Embassy in Panama"."""
    found = _state_after(name, "in", lexicon)
    return found[1:] if found else None


def _state_of_suffix(name: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """The state a government body's name ends with: "Ministry of Defence of Moldova", "Federal Police of Brazil"."""
    found = _state_after(name, "of", lexicon)
    if found is None or not lexicon.governs(head_word(found[0].split(), lexicon)):
        return None
    return found[1:]


def _state_after(name: str, connector: str, lexicon: Lexicon) -> tuple[str, str, str] | None:
    """``(rest of the name, state, its surface)`` when ``name`` ends with ``connector`` and a state's name."""
    head, sep, place = name.rpartition(f" {connector} ")
    entry = lexicon.lookup(place) if sep and head else None
    return (head, entry.name, place) if entry is not None and entry.label is EntityLabel.COUNTRY else None


def _state_prefix(name: str, lexicon: Lexicon) -> tuple[str, str] | None:
    words = name.replace("’", "'").split()
    for start in range(min(2, len(words))):
        if start and words[start - 1].lower() not in lexicon.state_name_openers:
            break
        for length in (3, 2, 1):
            surface = " ".join(words[start:start + length])
            entry = lexicon.lookup(surface)
            if (entry is not None and entry.label is EntityLabel.COUNTRY and entry.kind != "capital"
                    and start + length < len(words) and not surface.endswith(("'s", "'"))):  # "Japan's navy": owned
                return entry.name, surface  # a capital's name says where a body sits, not whose it is
    return None


def _find_or_add(entities: list[LocalEntity], name: str, surface: str,
                 label: EntityLabel = EntityLabel.COUNTRY) -> int:
    for index, entity in enumerate(entities):
        if entity.label is label and entity.name == name:
            if entity.mentions == 0:
                entity.mentions = 1
            entity.aliases.add(surface)
            return index
    entities.append(LocalEntity(label, name, True, {surface}, 1))
    return len(entities) - 1


def infer_relations(sourced: Sequence[Any], lexicon: Lexicon) -> list[tuple[Any, Found]]:
    """AFFILIATED_WITH a state, for a person affiliated with a body that is PART_OF that state."""
    states: dict[int, list[int]] = {}
    for item in sourced:
        if item.found.type is RelationType.PART_OF:
            states.setdefault(item.found.source, []).append(item.found.target)
    inferred = []
    factor = lexicon.factor("AFFILIATED_WITH affiliation-via-body")
    for item in sourced:
        found = item.found
        if found.type is RelationType.AFFILIATED_WITH:
            for state in states.get(found.target, []):
                inferred.append((item, Found(found.source, RelationType.AFFILIATED_WITH, state,
                                             "affiliation-via-body", round(found.confidence * factor, 3))))
    return inferred
