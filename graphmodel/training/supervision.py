"""Gold graphs of single documents as training labels, and how many gold relations a segment can show.

A document's gold file is ``GOLD_DIR/<document stem>.json`` (see the evaluation guidelines). Extracted
entities map to gold entities by a shared normalised name or alias, preferring one of the same label.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graphmodel.evaluate.gold import name_forms, normalize_name
from graphmodel.extract.learned.segments import Segment
from graphmodel.models import Entity
from graphmodel.schema import SYMMETRIC_TYPES

__all__ = ["DocumentGold", "GoldName", "gold_pairs", "map_entities", "mentioned_in", "read_document_gold",
           "segment_ceiling"]


@dataclass(frozen=True, slots=True)
class GoldName:
    """A gold entity of one document: its name, label, surface forms as written and normalised forms."""

    name: str
    label: str
    surfaces: tuple[str, ...]
    forms: frozenset[str]


@dataclass(frozen=True, slots=True)
class DocumentGold:
    """One document's gold graph: entities, and relations ``(type, source name, target name)``."""

    entities: tuple[GoldName, ...]
    relations: frozenset[tuple[str, str, str]]


def read_document_gold(gold_dir: Path, document_path: str) -> DocumentGold | None:
    """The gold graph of the document at ``document_path``, or ``None`` when ``gold_dir`` has none for it."""
    path = Path(gold_dir) / f"{Path(document_path).stem}.json"
    if not path.is_file():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    entities = tuple(GoldName(e["name"], e["label"], (e["name"], *e.get("aliases", [])),
                              name_forms(e["name"], e.get("aliases", []))) for e in raw["entities"])
    relations = frozenset(_ordered(r["type"], r["source"], r["target"]) for r in raw.get("relations", []))
    return DocumentGold(entities, relations)


def _ordered(rtype: str, source: str, target: str) -> tuple[str, str, str]:
    if rtype in SYMMETRIC_TYPES and source > target:
        source, target = target, source
    return (rtype, source, target)


def gold_pairs(gold: DocumentGold) -> dict[tuple[str, str], set[str]]:
    """The gold relation types of each ordered pair of gold names (symmetric types both ways).

    >>> g = DocumentGold((), frozenset({("COOPERATES_WITH", "A", "B"), ("HOSTS", "A", "C")}))
    >>> sorted(gold_pairs(g).items())
    [(('A', 'B'), {'COOPERATES_WITH'}), (('A', 'C'), {'HOSTS'}), (('B', 'A'), {'COOPERATES_WITH'})]
    """
    pairs: dict[tuple[str, str], set[str]] = {}
    for rtype, source, target in sorted(gold.relations):
        pairs.setdefault((source, target), set()).add(rtype)
        if rtype in SYMMETRIC_TYPES:
            pairs.setdefault((target, source), set()).add(rtype)
    return pairs


def map_entities(entities: Iterable[Entity], gold: DocumentGold) -> dict[str, str]:
    """Extracted entity key -> gold entity name, by a shared normalised form (same label first)."""
    out = {}
    for entity in entities:
        forms = name_forms(entity.name, entity.aliases)
        hits = [g for g in gold.entities if g.forms & forms]
        hits.sort(key=lambda g: (g.label != entity.label.value, normalize_name(g.name) not in forms))
        if hits:
            out[entity.key] = hits[0].name
    return out


def mentioned_in(text: str, surfaces: Sequence[str]) -> bool:
    """Whether ``text`` names an entity by one of ``surfaces``.

    Short or all-capital forms must appear as written; others compare normalised, word by word.

    >>> mentioned_in("Talks with the U.S. went on.", ["United States", "U.S."])
    True
    >>> mentioned_in("Tell us more.", ["US"])
    False
    """
    folded = f" {normalize_name(text)} "
    for surface in surfaces:
        form = normalize_name(surface)
        if not form:
            continue
        if len(form) <= 3 or surface.isupper():
            if re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
                return True
        elif f" {form} " in folded:
            return True
    return False


def segment_ceiling(segments: Sequence[Segment], gold: DocumentGold) -> tuple[int, int]:
    """``(reachable, total)``: gold relations whose two ends are both named within one segment."""
    surfaces = {g.name: g.surfaces for g in gold.entities}
    named = [{name for name, forms in surfaces.items() if mentioned_in(s.text, forms)} for s in segments]
    reachable = sum(1 for _, source, target in gold.relations
                    if any(source in names and target in names for names in named))
    return reachable, len(gold.relations)
