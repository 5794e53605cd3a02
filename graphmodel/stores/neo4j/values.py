"""Driver values into plain Python: nodes, relationships, paths and temporal values, shaped as the
embedded store shapes them (see :mod:`graphmodel.stores.embedded.values`)."""

from __future__ import annotations

from typing import Any

import neo4j
import neo4j.graph
import neo4j.time

from graphmodel.schema import LABELS
from graphmodel.stores.cypher import CONTENT_HASH

__all__ = ["collect_rows", "to_plain"]


def collect_rows(tx: neo4j.ManagedTransaction, query: str,
                 params: dict[str, Any]) -> tuple[tuple[str, ...], tuple[tuple[Any, ...], ...]]:
    """Run a query in a transaction and return its column names and rows as plain Python values."""
    result = tx.run(query, params)
    rows = tuple(tuple(to_plain(value) for value in record.values()) for record in result)
    return tuple(result.keys()), rows


def to_plain(value: Any) -> Any:
    """Convert a value returned by the driver into plain Python (dicts, lists, strings, numbers).

    A node becomes ``{"_label": ..., **properties}`` (without the load's ``content_hash``), a
    relationship ``{"_type": ..., **properties}``, a path the list of its nodes and relationships in
    order (each relationship with ``"_direction"``: ``"->"`` when it points along the path, else
    ``"<-"``), a temporal value its ISO text.

    >>> to_plain([1, {"a": (2, 3)}])
    [1, {'a': [2, 3]}]
    """
    if isinstance(value, neo4j.graph.Node):
        return {"_label": _main_label(value.labels),
                **{k: to_plain(v) for k, v in value.items() if k != CONTENT_HASH}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"_type": value.type, **{k: to_plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return _path_items(value)
    if isinstance(value, list | tuple):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time | neo4j.time.Duration):
        return value.iso_format()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # spatial points and anything newer: readable text


def _main_label(labels: frozenset[str]) -> str | None:
    ordered = sorted(labels, key=lambda label: (label not in LABELS, label))
    return ordered[0] if ordered else None


def _path_items(path: neo4j.graph.Path) -> list[Any]:
    """The path's nodes and relationships in order; each relationship says its ``_direction`` along the path."""
    items: list[Any] = [to_plain(path.nodes[0])]
    for before, relationship, node in zip(path.nodes[:-1], path.relationships, path.nodes[1:], strict=True):
        start = relationship.start_node
        forward = start is not None and start.element_id == before.element_id
        items.extend(({**to_plain(relationship), "_direction": "->" if forward else "<-"}, to_plain(node)))
    return items
