"""Align a graph's typed nodes one-to-one with the entities of a gold graph, by name.

A node fits a gold entity when its name is one of the entity's forms, or the entity's name one of the
node's; the label need not agree, but agreement wins ties. :mod:`graphmodel.evaluate.score` counts
what the alignment gets right.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from graphmodel.evaluate.gold import LABELS, Gold, name_forms, normalize_name

__all__ = ["EXACT_NAME", "GOLD_NAME_IN_NODE_FORMS", "LABEL_BONUS", "NAME_IN_GOLD_FORMS", "TypedNode", "align",
           "typed_nodes"]

# How well a node's names fit a gold entity; a shared label adds LABEL_BONUS. The values (not just
# their order) matter: an exact name with the wrong label ties with a gold alias with the right one.
EXACT_NAME, NAME_IN_GOLD_FORMS, GOLD_NAME_IN_NODE_FORMS, LABEL_BONUS = 2.0, 1.5, 1.0, 1.0


@dataclass(frozen=True, slots=True)
class TypedNode:
    """A node with an entity label, and the normalised forms of its name and aliases."""

    key: str
    label: str
    name: str
    forms: frozenset[str]


def typed_nodes(graph: nx.MultiDiGraph) -> dict[str, TypedNode]:
    """The nodes with an entity label, in key order (the order of the graph file, which breaks ties)."""
    nodes = {}
    for key in sorted(graph.nodes, key=str):
        data = graph.nodes[key]
        if data.get("label") in LABELS:
            name = str(data.get("name") or "")
            nodes[key] = TypedNode(key, str(data["label"]), name, name_forms(name, data.get("aliases") or []))
    return nodes


def align(nodes: Mapping[str, TypedNode], gold: Gold) -> dict[str, int]:
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
