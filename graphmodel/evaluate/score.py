"""Score a built graph against the gold graph of :mod:`graphmodel.evaluate.gold`.

:func:`score` aligns the graph's typed nodes one-to-one with the gold entities by name, best match
first (:mod:`graphmodel.evaluate.align`), and counts:

- entities: a node aligned with a gold entity of its own label is a true positive; any other node
  is a false positive, and every gold entity left without such a node a false negative;
- relationships: an edge between two aligned nodes is the relationship between their gold
  entities (direction ignored for ``COOPERATES_WITH``); an edge with an unaligned end is wrong.

A node that aligns with nothing but carries a name from a gold ``ignore`` list is left out, with its
edges. The numbers are those of the reference scorer ``shared/eval/score.py``;
:mod:`graphmodel.evaluate.report` formats them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphmodel.evaluate.align import TypedNode, align, typed_nodes
from graphmodel.evaluate.gold import TYPES, Gold, RelationKey, relation_key

__all__ = ["Counts", "Score", "edge_outcomes", "score"]


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives, and the rates they give.

    >>> counts = Counts(tp=3, fp=1, fn=3)
    >>> counts.precision, counts.recall, round(counts.f1, 3)
    (0.75, 0.5, 0.6)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        """The rates as ``p``, ``r``, ``f`` and the counts, as the reference scorer prints them."""
        return {"p": self.precision, "r": self.recall, "f": self.f1, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(frozen=True, slots=True)
class Score:
    """A graph's score against a gold graph, overall, per label and type, with the items it got wrong.

    ``untyped_entity_recall`` counts gold entities aligned with a node of any label;
    ``untyped_pair_recall`` counts gold pairs of entities joined by an edge of any type.
    """

    entities: Counts
    relations: Counts
    per_label: Mapping[str, Counts]
    per_type: Mapping[str, Counts]
    gold_entities: int
    gold_relations: int
    untyped_entity_recall: float
    untyped_pair_recall: float
    missed_entities: tuple[str, ...]  # "Label:Name"
    spurious_entities: tuple[str, ...]
    missed_relations: tuple[str, ...]  # "Source -TYPE-> Target"
    spurious_relations: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict in the shape of the reference scorer's ``--json`` output."""
        return {
            "entities": {**self.entities.as_dict(), "gold": self.gold_entities,
                         "untyped_recall": self.untyped_entity_recall},
            "relations": {**self.relations.as_dict(), "gold": self.gold_relations,
                          "untyped_pair_recall": self.untyped_pair_recall},
            "per_label": {label: counts.as_dict() for label, counts in self.per_label.items()},
            "per_type": {rtype: counts.as_dict() for rtype, counts in self.per_type.items()},
            "missed_entities": list(self.missed_entities),
            "spurious_entities": list(self.spurious_entities),
            "missed_relations": list(self.missed_relations),
            "spurious_relations": list(self.spurious_relations),
        }


_Outcome = tuple[str, str, str]  # (label or type, "tp" | "fp" | "fn", description)


def score(graph: nx.MultiDiGraph, gold: Gold) -> Score:
    """Score the typed nodes and the relationships of ``graph`` against ``gold``.

    Nodes whose label is not an entity label, and their edges, are not scored.
    """
    nodes = typed_nodes(graph)
    match = align(nodes, gold)
    scored = {key: node for key, node in nodes.items() if key in match or not node.forms & gold.ignore}
    correct = {key for key, node in scored.items() if key in match and gold.entities[match[key]].label == node.label}
    found = {match[key] for key in correct}
    entity_outcomes = [(n.label, "tp" if k in correct else "fp", f"{n.label}:{n.name}") for k, n in scored.items()]
    entity_outcomes += [(e.label, "fn", f"{e.label}:{e.name}") for i, e in enumerate(gold.entities) if i not in found]
    aligned, unaligned = _system_relations(graph, scored, match)
    relation_outcomes = _relation_outcomes(aligned, unaligned, gold)
    pairs = {frozenset(key[1:]) for key in gold.relations}
    per_label, per_type = _tally(entity_outcomes), _tally(relation_outcomes)
    return Score(
        entities=_total(per_label.values()),
        relations=_total(per_type.values()),
        per_label=per_label,
        per_type=per_type,
        gold_entities=len(gold.entities),
        gold_relations=len(gold.relations),
        untyped_entity_recall=len(match) / max(1, len(gold.entities)),
        untyped_pair_recall=len(pairs & {frozenset(key[1:]) for key in aligned}) / max(1, len(pairs)),
        missed_entities=_described(entity_outcomes, "fn"),
        spurious_entities=_described(entity_outcomes, "fp"),
        missed_relations=_described(relation_outcomes, "fn"),
        spurious_relations=_described(relation_outcomes, "fp"),
    )


def edge_outcomes(graph: nx.MultiDiGraph, gold: Gold) -> dict[tuple[str, str, str], bool]:
    """Whether each scored edge ``(source, target, type)`` of ``graph`` is a relation of ``gold``.

    Edges that touch an unscored node (an ignored name, a label outside the schema) are left out.
    """
    nodes = typed_nodes(graph)
    match = align(nodes, gold)
    scored = {key for key, node in nodes.items() if key in match or not node.forms & gold.ignore}
    outcomes = {}
    for source, target, key in graph.edges(keys=True):
        if key in TYPES and source in scored and target in scored:
            aligned = source in match and target in match
            right = aligned and relation_key(key, match[source], match[target]) in gold.relations
            outcomes[(source, target, key)] = right
    return outcomes


def _system_relations(
    graph: nx.MultiDiGraph, scored: Mapping[str, TypedNode], match: Mapping[str, int]
) -> tuple[set[RelationKey], set[tuple[str, str, str]]]:
    """The scored edges as gold relation keys (both ends aligned) and as name triples (an end unaligned)."""
    aligned: set[RelationKey] = set()
    unaligned: set[tuple[str, str, str]] = set()
    for source, target, key, data in graph.edges(keys=True, data=True):
        rtype = str(data.get("type", key))
        if rtype not in TYPES or source not in scored or target not in scored:
            continue
        if source in match and target in match:
            aligned.add(relation_key(rtype, match[source], match[target]))
        else:
            unaligned.add(relation_key(rtype, scored[source].name, scored[target].name))
    return aligned, unaligned


def _relation_outcomes(
    aligned: set[RelationKey], unaligned: set[tuple[str, str, str]], gold: Gold
) -> list[_Outcome]:
    def described(key: RelationKey) -> str:
        return _describe_relation(key[0], gold.entities[key[1]].name, gold.entities[key[2]].name)

    outcomes = [(key[0], "tp" if key in gold.relations else "fp", described(key)) for key in aligned]
    outcomes += [(rtype, "fp", _describe_relation(rtype, s, t)) for rtype, s, t in unaligned]
    return outcomes + [(key[0], "fn", described(key)) for key in gold.relations - aligned]


def _describe_relation(rtype: str, source: str, target: str) -> str:
    """``Source -TYPE-> Target``; the ends of a symmetric relationship in alphabetical order.

    >>> _describe_relation("COOPERATES_WITH", "Panama", "China")
    'China -COOPERATES_WITH-> Panama'
    """
    _, source, target = relation_key(rtype, source, target)
    return f"{source} -{rtype}-> {target}"


def _tally(outcomes: Iterable[_Outcome]) -> dict[str, Counts]:
    """Counts per label or type, in name order.

    >>> _tally([("Place", "fp", "a"), ("Person", "tp", "b"), ("Person", "fn", "c")])
    {'Person': Counts(tp=1, fp=0, fn=1), 'Place': Counts(tp=0, fp=1, fn=0)}
    """
    seen: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    for group, outcome, _ in outcomes:
        seen[group][outcome] += 1
    return {group: Counts(**seen[group]) for group in sorted(seen)}


def _total(parts: Iterable[Counts]) -> Counts:
    parts = list(parts)
    return Counts(sum(c.tp for c in parts), sum(c.fp for c in parts), sum(c.fn for c in parts))


def _described(outcomes: Iterable[_Outcome], wanted: str) -> tuple[str, ...]:
    return tuple(sorted(description for _, outcome, description in outcomes if outcome == wanted))
