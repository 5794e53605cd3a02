"""Score a built graph against the gold graph of :mod:`graphmodel.evaluate.gold`, and format the score.

:func:`score` aligns the graph's typed nodes one-to-one with the gold entities by name, best match
first, and counts:

- entities: a node aligned with a gold entity of its own label is a true positive; any other node
  is a false positive, and every gold entity left without such a node a false negative;
- relationships: an edge between two aligned nodes is the relationship between their gold
  entities (direction ignored for ``COOPERATES_WITH``); an edge with an unaligned end is wrong.

A node that aligns with nothing but carries a name from a gold ``ignore`` list is left out, with its
edges. The numbers are those of the reference scorer ``shared/eval/score.py``. :func:`read_gold`
and the gold types are re-exported from :mod:`graphmodel.evaluate.gold`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphmodel.evaluate.gold import (
    LABELS,
    TYPES,
    Gold,
    GoldEntity,
    RelationKey,
    name_forms,
    normalize_name,
    read_gold,
    relation_key,
)

__all__ = [
    "LABELS",
    "TYPES",
    "Counts",
    "edge_outcomes",
    "Gold",
    "GoldEntity",
    "RelationKey",
    "Score",
    "format_score",
    "normalize_name",
    "read_gold",
    "score",
    "summary_line",
]

# How well a node's names fit a gold entity; a shared label adds LABEL_BONUS. The values (not just
# their order) matter: an exact name with the wrong label ties with a gold alias with the right one.
EXACT_NAME, NAME_IN_GOLD_FORMS, GOLD_NAME_IN_NODE_FORMS, LABEL_BONUS = 2.0, 1.5, 1.0, 1.0


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


@dataclass(frozen=True, slots=True)
class _Node:
    key: str
    label: str
    name: str
    forms: frozenset[str]


_Outcome = tuple[str, str, str]  # (label or type, "tp" | "fp" | "fn", description)


def score(graph: nx.MultiDiGraph, gold: Gold) -> Score:
    """Score the typed nodes and the relationships of ``graph`` against ``gold``.

    Nodes whose label is not an entity label, and their edges, are not scored.
    """
    nodes = _typed_nodes(graph)
    match = _align(nodes, gold)
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
    nodes = _typed_nodes(graph)
    match = _align(nodes, gold)
    scored = {key for key, node in nodes.items() if key in match or not node.forms & gold.ignore}
    outcomes = {}
    for source, target, key in graph.edges(keys=True):
        if key in TYPES and source in scored and target in scored:
            aligned = source in match and target in match
            right = aligned and relation_key(key, match[source], match[target]) in gold.relations
            outcomes[(source, target, key)] = right
    return outcomes


def _typed_nodes(graph: nx.MultiDiGraph) -> dict[str, _Node]:
    """The nodes with an entity label, in key order (the order of the graph file, which breaks ties)."""
    nodes = {}
    for key in sorted(graph.nodes, key=str):
        data = graph.nodes[key]
        if data.get("label") in LABELS:
            name = str(data.get("name") or "")
            nodes[key] = _Node(key, str(data["label"]), name, name_forms(name, data.get("aliases") or []))
    return nodes


def _align(nodes: Mapping[str, _Node], gold: Gold) -> dict[str, int]:
    """Match nodes to gold entities one-to-one, best fit first (ties: node key, then gold order).

    A node fits an entity when its name is one of the entity's forms, or the entity's name one of the
    node's; the label need not agree, but agreement wins ties.
    """
    gold_names = [normalize_name(entity.name) for entity in gold.entities]
    candidates = []
    for node in nodes.values():
        own = normalize_name(node.name)
        for index, entity in enumerate(gold.entities):
            fit = _name_fit(own, node.forms, gold_names[index], entity.forms)
            if fit:
                candidates.append((fit + (LABEL_BONUS if node.label == entity.label else 0.0), node.key, index))
    candidates.sort(key=lambda candidate: -candidate[0])  # stable, so ties keep their order
    match: dict[str, int] = {}
    taken: set[int] = set()
    for _, key, index in candidates:
        if key not in match and index not in taken:
            match[key] = index
            taken.add(index)
    return match


def _name_fit(own: str, node_forms: frozenset[str], gold_name: str, gold_forms: frozenset[str]) -> float:
    """How well a node named ``own`` fits a gold entity (0: not at all).

    >>> _name_fit("panama", frozenset({"panama"}), "panama", frozenset({"panama"}))
    2.0
    >>> _name_fit("us", frozenset({"us"}), "united states", frozenset({"united states", "us"}))
    1.5
    """
    if own == gold_name and own:
        return EXACT_NAME
    if own in gold_forms:
        return NAME_IN_GOLD_FORMS
    return GOLD_NAME_IN_NODE_FORMS if gold_name in node_forms else 0.0


def _system_relations(
    graph: nx.MultiDiGraph, scored: Mapping[str, _Node], match: Mapping[str, int]
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


# --- report ------------------------------------------------------------------------------------------------


def format_score(result: Score, errors: bool = False) -> str:
    """The score as a table (overall, per label, per type), the errors if asked, and a summary line last."""
    lines = [f"{'':20}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for title, total, parts in (("entities", result.entities, result.per_label),
                                ("relations", result.relations, result.per_type)):
        lines += [_table_row(title, total), *(_table_row(f"  {name}", counts) for name, counts in parts.items())]
    lines.append(f"gold: {result.gold_entities} entities, {result.gold_relations} relations; untyped entity "
                 f"recall {result.untyped_entity_recall:.3f}, untyped pair recall {result.untyped_pair_recall:.3f}")
    if errors:
        for title, items in (("missed entities", result.missed_entities),
                             ("spurious entities", result.spurious_entities),
                             ("missed relations", result.missed_relations),
                             ("spurious relations", result.spurious_relations)):
            lines += ["", f"{title} ({len(items)}):", *(f"  {item}" for item in items)]
        lines.append("")
    return "\n".join([*lines, summary_line(result)])


def _table_row(title: str, counts: Counts) -> str:
    rates = f"{counts.precision:7.3f}{counts.recall:7.3f}{counts.f1:7.3f}"
    return f"{title:20}{rates}{counts.tp:6}{counts.fp:6}{counts.fn:6}"


def summary_line(result: Score) -> str:
    """One line: entity and relation F1, precision and recall.

    >>> summary_line(score(nx.MultiDiGraph(), Gold((), frozenset(), frozenset())))
    'entity F1 0.000 (P 0.000 R 0.000); relation F1 0.000 (P 0.000 R 0.000)'
    """
    e, r = result.entities, result.relations
    return (f"entity F1 {e.f1:.3f} (P {e.precision:.3f} R {e.recall:.3f}); "
            f"relation F1 {r.f1:.3f} (P {r.precision:.3f} R {r.recall:.3f})")
