"""The rows every writer sends, from the in-memory graph: entity rows, evidence as parallel lists,
and the load rows grouped by what has to be spliced into a statement (a label, a relationship type).

Both stores keep the schema of :mod:`graphmodel.schema`: one node label per entity label with the
properties :data:`~graphmodel.schema.STORE_NODE_PROPERTIES`; ``Document`` nodes with ``MENTIONS``
relationships (property ``count``) to the entities they mention; one relationship type per schema
type, whose properties are ``confidence`` and the evidence as the parallel lists
:data:`~graphmodel.schema.EVIDENCE_COLUMNS`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypeVar

import networkx as nx

from graphmodel.schema import DOCUMENT_PROPERTIES, EVIDENCE_COLUMNS, EntityLabel, RelationType

__all__ = ["LoadRows", "Written", "batched", "entity_aliases", "entity_documents", "entity_row", "evidence_columns",
           "load_rows"]

T = TypeVar("T")


def entity_row(key: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """The properties both stores keep for an entity node (its label aside).

    Each store adds one ``MENTIONS`` relationship (count 1) from every document in ``documents``.

    >>> entity_row("country:panama", {"label": "Country", "name": "Panama", "aliases": ["Panama", "PA"]})
    {'key': 'country:panama', 'name': 'Panama', 'aliases': ['PA'], 'mentions': 0, 'documents': []}
    """
    return {
        "key": key,
        "name": data["name"],
        "aliases": entity_aliases(data),
        "mentions": int(data.get("mentions") or 0),
        "documents": entity_documents(data),
    }


def entity_aliases(data: Mapping[str, Any]) -> list[str]:
    """The aliases the stores keep for an entity: sorted, without duplicates or the name itself.

    >>> entity_aliases({"name": "Panama", "aliases": ["PA", "Panama", "PA"]})
    ['PA']
    """
    return sorted(set(data.get("aliases") or ()) - {data["name"]})


def entity_documents(data: Mapping[str, Any]) -> list[str]:
    """The ids of the documents that mention an entity, sorted, each once.

    >>> entity_documents({"documents": ["d2", "d1", "d2"]})
    ['d1', 'd2']
    """
    return sorted(set(data.get("documents") or ()))


def evidence_columns(evidence: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """Split a list of evidence dicts into the parallel-list properties the stores keep.

    >>> evidence_columns([{"doc": "d1", "sentence": "S.", "start": 0, "end": 2, "rule": "r"}])["evidence_docs"]
    ['d1']
    """
    positions = {"start", "end"}
    return {column: [int(e[field]) if field in positions else e[field] for e in evidence]
            for field, column in EVIDENCE_COLUMNS.items()}


@dataclass(frozen=True, slots=True)
class Written:
    """A :class:`~graphmodel.stores.WriteSummary`: where a graph went, and its documents, entities and relationships."""

    target: str
    documents: int
    entities: int
    relationships: int

    @classmethod
    def of(cls, target: str, rows: LoadRows) -> Written:
        """The summary of writing ``rows`` to ``target``."""
        return cls(target, len(rows.documents), sum(map(len, rows.entities.values())),
                   sum(map(len, rows.relationships.values())))


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
    # Null metadata is left out of the row; a load removes a field the row lacks (it SETs the file's values).
    rows = []
    for doc_id in sorted(doc_ids):
        meta = metadata.get(doc_id, {})
        rows.append({"id": doc_id, "props": {f: meta[f] for f in DOCUMENT_PROPERTIES if meta.get(f) is not None}})
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
