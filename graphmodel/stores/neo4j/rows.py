"""Pure converters for the Neo4j store: the in-memory graph into parameter rows, driver values into plain Python.

Rows are grouped by what has to be spliced into the Cypher (a label, a relationship type), so that
one query per group sends its rows as ``UNWIND $rows``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypeVar

import neo4j
import neo4j.graph
import neo4j.time
import networkx as nx

from graphmodel.models import EntityLabel, RelationType
from graphmodel.stores import entity_row, evidence_columns

__all__ = ["LoadRows", "batched", "collect_rows", "load_rows", "quote_name", "split_statements", "to_plain"]

T = TypeVar("T")
_DOCUMENT_FIELDS = ("title", "date", "path", "author")
_NAME = re.compile(r"[A-Z][A-Za-z0-9_]*")


@dataclass(frozen=True, slots=True)
class LoadRows:
    """Everything a load sends, as parameter rows grouped by the label or type they need."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    entities: dict[EntityLabel, list[dict[str, Any]]] = field(default_factory=dict)
    mentions: dict[EntityLabel, list[dict[str, Any]]] = field(default_factory=dict)
    relationships: dict[tuple[RelationType, EntityLabel, EntityLabel], list[dict[str, Any]]] = field(
        default_factory=dict
    )

    @property
    def total(self) -> int:
        """The number of rows over all groups (what a progress bar counts)."""
        groups = [self.documents, *self.entities.values(), *self.mentions.values(), *self.relationships.values()]
        return sum(len(rows) for rows in groups)


def load_rows(graph: nx.MultiDiGraph) -> LoadRows:
    """Turn a graph (see :mod:`graphmodel.graph.core`) into the rows the Neo4j store writes.

    Every document id that an entity or an evidence item names gets a ``Document`` row, with
    metadata where the graph has it.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_node("country:panama", label="Country", name="Panama", aliases=["PA"], mentions=2, documents=["d1"])
    >>> rows = load_rows(g)
    >>> rows.entities[EntityLabel.COUNTRY], rows.mentions[EntityLabel.COUNTRY], rows.documents
    ([{'key': 'country:panama', 'name': 'Panama', 'aliases': ['PA'], 'mentions': 2, 'documents': ['d1']}], \
[{'key': 'country:panama', 'doc': 'd1', 'count': 1}], [{'id': 'd1', 'props': {}}])
    """
    entities: dict[EntityLabel, list[dict[str, Any]]] = defaultdict(list)
    mentions: dict[EntityLabel, list[dict[str, Any]]] = defaultdict(list)
    doc_ids: set[str] = set(graph.graph.get("documents", {}))
    for key, data in sorted(graph.nodes(data=True)):
        label = EntityLabel(data["label"])
        row = entity_row(key, data)
        entities[label].append(row)
        mentions[label].extend({"key": key, "doc": doc, "count": 1} for doc in row["documents"])
        doc_ids.update(row["documents"])
    relationships = _relationship_rows(graph)
    for rows in relationships.values():
        doc_ids.update(doc for row in rows for doc in row["evidence_docs"])
    return LoadRows(_document_rows(graph.graph.get("documents", {}), doc_ids), dict(entities), dict(mentions),
                    relationships)


def _document_rows(metadata: Mapping[str, Mapping[str, Any]], doc_ids: set[str]) -> list[dict[str, Any]]:
    # Null metadata is left out, so that it never overwrites what an earlier load stored.
    rows = []
    for doc_id in sorted(doc_ids):
        meta = metadata.get(doc_id, {})
        rows.append({"id": doc_id, "props": {f: meta[f] for f in _DOCUMENT_FIELDS if meta.get(f) is not None}})
    return rows


def _relationship_rows(
    graph: nx.MultiDiGraph,
) -> dict[tuple[RelationType, EntityLabel, EntityLabel], list[dict[str, Any]]]:
    groups: dict[tuple[RelationType, EntityLabel, EntityLabel], list[dict[str, Any]]] = defaultdict(list)
    for source, target, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        group = (RelationType(key), EntityLabel(graph.nodes[source]["label"]),
                 EntityLabel(graph.nodes[target]["label"]))
        groups[group].append({"source": source, "target": target, "confidence": float(data["confidence"]),
                              **evidence_columns(data.get("evidence") or [])})
    return dict(groups)


def batched(rows: Sequence[T], size: int) -> Iterator[list[T]]:
    """Yield successive lists of at most ``size`` rows.

    >>> list(batched([1, 2, 3], 2))
    [[1, 2], [3]]
    """
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def quote_name(name: str) -> str:
    """Backtick-quote a label or relationship type after checking it belongs to the schema.

    >>> quote_name("Person"), quote_name("HOSTS")
    ('`Person`', '`HOSTS`')
    >>> quote_name("Person`) DETACH DELETE (n")
    Traceback (most recent call last):
    ...
    ValueError: not a schema label or relationship type: 'Person`) DETACH DELETE (n'
    """
    known = {*EntityLabel.__members__.values(), *RelationType.__members__.values()}
    if name not in known or not _NAME.fullmatch(name):
        raise ValueError(f"not a schema label or relationship type: {name!r}")
    return f"`{name}`"


def split_statements(text: str) -> tuple[str, ...]:
    """Split a ``.cypher`` file into statements: ``//`` comment lines dropped, ``;`` separated.

    >>> split_statements("// constraints\\nCREATE INDEX a\\nFOR (n:X) ON (n.y);\\nCREATE INDEX b;\\n")
    ('CREATE INDEX a FOR (n:X) ON (n.y)', 'CREATE INDEX b')
    """
    lines = [line.strip() for line in text.splitlines() if not line.strip().startswith("//")]
    return tuple(" ".join(s.split()) for s in " ".join(lines).split(";") if s.strip())


def collect_rows(tx: neo4j.ManagedTransaction, query: str,
                 params: dict[str, Any]) -> tuple[tuple[str, ...], tuple[tuple[Any, ...], ...]]:
    """Run a query in a transaction and return its column names and rows as plain Python values."""
    result = tx.run(query, params)
    rows = tuple(tuple(to_plain(value) for value in record.values()) for record in result)
    return tuple(result.keys()), rows


def to_plain(value: Any) -> Any:
    """Convert a value returned by the driver into plain Python (dicts, lists, strings, numbers).

    A node becomes ``{"_label": ..., **properties}``, a relationship ``{"_type": ..., **properties}``,
    a path the list of its nodes and relationships in order, a temporal value its ISO text.

    >>> to_plain([1, {"a": (2, 3)}])
    [1, {'a': [2, 3]}]
    """
    if isinstance(value, neo4j.graph.Node):
        return {"_label": _main_label(value.labels), **{k: to_plain(v) for k, v in value.items()}}
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
    ordered = sorted(labels, key=lambda label: (label not in EntityLabel.__members__.values(), label))
    return ordered[0] if ordered else None


def _path_items(path: neo4j.graph.Path) -> list[Any]:
    items: list[Any] = [to_plain(path.nodes[0])]
    for relationship, node in zip(path.relationships, path.nodes[1:], strict=True):
        items.extend((to_plain(relationship), to_plain(node)))
    return items
