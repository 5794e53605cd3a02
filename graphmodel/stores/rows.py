"""The rows every writer sends, from the in-memory graph: entity rows, evidence as parallel lists,
and the load rows grouped by what has to be spliced into a statement (a label, a relationship type).

Both stores keep the schema of :mod:`graphmodel.schema`: one node label per entity label with the
properties :data:`~graphmodel.schema.STORE_NODE_PROPERTIES`; ``Document`` nodes with ``MENTIONS``
relationships (property ``count``) to the entities they mention; one relationship type per schema
type, whose properties are :data:`~graphmodel.schema.STORE_EDGE_PROPERTIES` and the evidence as the parallel lists
:data:`~graphmodel.schema.EVIDENCE_COLUMNS`.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from typing import Any, TypeVar

import networkx as nx

from graphmodel.schema import (
    DOCUMENT_PROPERTIES,
    EVIDENCE_COLUMNS,
    SEEN_FIELDS,
    EntityLabel,
    RelationType,
    name_texts,
)

__all__ = ["BATCH_SIZE", "Batch", "LoadRows", "Written", "batched", "entity_aliases", "entity_documents", "entity_row",
           "evidence_columns", "gc_paused", "load_rows", "seen_values"]

T = TypeVar("T")

_INTEGER_FIELDS = frozenset({"start", "end"})
_ENDPOINTS = itemgetter("source", "target")
BATCH_SIZE = 10_000  # rows per Neo4j transaction: faster than 1,000 in bench/neo4j_load.py


def entity_row(key: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """The properties both stores keep for an entity node (its label aside).

    Each store adds one ``MENTIONS`` relationship (count 1) from every document in ``documents``.

    >>> entity_row("country:panama", {"label": "Country", "name": "Panama", "aliases": ["Panama", "PA"]})
    {'key': 'country:panama', 'name': 'Panama', 'aliases': ['PA'], 'mentions': 0, 'documents': [], \
'first_seen': None, 'last_seen': None}
    """
    return {
        "key": key,
        "name": data["name"],
        "aliases": entity_aliases(data),
        "mentions": int(data.get("mentions") or 0),
        "documents": entity_documents(data),
        **seen_values(data),
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


def seen_values(data: Mapping[str, Any]) -> dict[str, str | None]:
    """The ``first_seen`` and ``last_seen`` of a node's or an edge's attributes (None where absent).

    >>> seen_values({"first_seen": "2025-04-07"})
    {'first_seen': '2025-04-07', 'last_seen': None}
    """
    return {field: data.get(field) for field in SEEN_FIELDS}


def evidence_columns(evidence: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """Split a list of evidence dicts into the parallel-list properties the stores keep.

    >>> evidence_columns([{"doc": "d1", "sentence": "S.", "start": 0, "end": 2, "rule": "r"}])["evidence_docs"]
    ['d1']
    """
    return {column: [int(item[field]) for item in evidence] if field in _INTEGER_FIELDS
            else [item[field] for item in evidence] for field, column in EVIDENCE_COLUMNS.items()}


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (if it runs) for the block.

    Building rows allocates millions of small dicts and lists and no reference cycles; left on, the
    collector walks the whole graph again and again (half of ``load_rows``'s time at 35,000 nodes).

    >>> with gc_paused():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
    # per entity key: the content hash of its row, MENTIONS and outgoing relationships, and the
    # [type, target key] pairs of those relationships
    hashes: dict[str, str] = field(default_factory=dict)
    outgoing: dict[str, list[list[str]]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """The number of rows over all groups (what a progress bar counts)."""
        groups = [self.documents, *self.entities.values(), *self.mentions.values(), *self.relationships.values()]
        return sum(len(rows) for rows in groups)

    def check_rows(self) -> dict[EntityLabel, list[dict[str, Any]]]:
        """Per label, what tells a stored entity that is as this file would write it: its key, content
        hash, number of outgoing relationships and of documents mentioning it."""
        return {label: [{"key": row["key"], "hash": self.hashes[row["key"]], "out": len(self.outgoing[row["key"]]),
                         "mentioned": len(row["documents"])} for row in group]
                for label, group in self.entities.items()}

    def finish_rows(self) -> dict[EntityLabel, list[dict[str, Any]]]:
        """Per label, what an entity keeps (documents and outgoing [type, target key] pairs) and its hash."""
        return {label: [{"key": row["key"], "hash": self.hashes[row["key"]], "documents": row["documents"],
                         "out": self.outgoing[row["key"]]} for row in group]
                for label, group in self.entities.items()}

    def select(self, keys: Collection[str], *, new: bool = False) -> LoadRows:
        """The rows of the entities ``keys``, their MENTIONS and outgoing relationships. ``new``: for
        entities the database does not hold (no documents; entity rows carry their hash and look-up texts)."""
        def pick(groups: Mapping[Any, list[dict[str, Any]]], name: str) -> dict[Any, list[dict[str, Any]]]:
            chosen = {group: [row for row in rows if row[name] in keys] for group, rows in groups.items()}
            return {group: rows for group, rows in chosen.items() if rows}

        entities = pick(self.entities, "key")
        if new:
            entities = {label: [{**row, "hash": self.hashes[row["key"]],
                                 "texts": name_texts(row["name"], row["aliases"])} for row in rows]
                        for label, rows in entities.items()}
        return LoadRows([] if new else self.documents, entities, pick(self.mentions, "key"),
                        pick(self.relationships, "source"), self.hashes, self.outgoing)


def load_rows(graph: nx.MultiDiGraph) -> LoadRows:
    """Turn a graph (see :mod:`graphmodel.graph.core`) into the rows the Neo4j store writes.

    Every document id that an entity or an evidence item names gets a ``Document`` row, with
    metadata where the graph has it.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_node("country:panama", label="Country", name="Panama", aliases=["PA"], mentions=2, documents=["d1"])
    >>> rows = load_rows(g)
    >>> rows.entities[EntityLabel.COUNTRY][0]["documents"], rows.mentions[EntityLabel.COUNTRY], rows.documents
    (['d1'], [{'key': 'country:panama', 'doc': 'd1', 'count': 1}], [{'id': 'd1', 'props': {}}])
    """
    with gc_paused():
        return _load_rows(graph)


def _load_rows(graph: nx.MultiDiGraph) -> LoadRows:
    entities: dict[EntityLabel, list[dict[str, Any]]] = defaultdict(list)
    mentions: dict[EntityLabel, list[dict[str, Any]]] = defaultdict(list)
    doc_ids: set[str] = set(graph.graph.get("documents", {}))
    labels: dict[str, EntityLabel] = {}
    for key, data in sorted(graph.nodes(data=True), key=itemgetter(0)):
        labels[key] = label = EntityLabel(data["label"])
        row = entity_row(key, data)
        entities[label].append(row)
        mentions[label].extend({"key": key, "doc": doc, "count": 1} for doc in row["documents"])
        doc_ids.update(row["documents"])
    relationships = _relationship_rows(graph, labels)
    for rows in relationships.values():
        doc_ids.update(doc for row in rows for doc in row["evidence_docs"])
    return LoadRows(_document_rows(graph.graph.get("documents", {}), doc_ids), dict(entities), dict(mentions),
                    relationships, *_hashes(entities, relationships))


def _hashes(
    entities: Mapping[EntityLabel, list[dict[str, Any]]],
    relationships: Mapping[tuple[RelationType, EntityLabel, EntityLabel], list[dict[str, Any]]],
) -> tuple[dict[str, str], dict[str, list[list[str]]]]:
    # JSON of str, int, float, lists and dicts (in insertion order) is the same across runs and versions
    out: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = defaultdict(list)
    for (rtype, _, target_label), rows in relationships.items():
        for row in rows:
            out[row["source"]].append((rtype.value, row["target"], target_label.value, row))
    hashes, outgoing = {}, {}
    for label, rows in entities.items():
        for row in rows:
            mine = sorted(out.get(row["key"], []), key=itemgetter(0, 1))
            outgoing[row["key"]] = [[rtype, target] for rtype, target, _, _ in mine]
            text = json.dumps([label.value, row, mine], separators=(",", ":"))
            hashes[row["key"]] = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    return hashes, outgoing


def _document_rows(metadata: Mapping[str, Mapping[str, Any]], doc_ids: set[str]) -> list[dict[str, Any]]:
    # Null metadata is left out of the row; a load removes a field the row lacks (it SETs the file's values).
    rows = []
    for doc_id in sorted(doc_ids):
        meta = metadata.get(doc_id, {})
        rows.append({"id": doc_id, "props": {f: meta[f] for f in DOCUMENT_PROPERTIES if meta.get(f) is not None}})
    return rows


def _relationship_rows(
    graph: nx.MultiDiGraph, labels: Mapping[str, EntityLabel]
) -> dict[tuple[RelationType, EntityLabel, EntityLabel], list[dict[str, Any]]]:
    # Groups in the order of their first edge, rows in (source, target) order: as if the edges were
    # sorted by (source, target, type) first, without sorting 100,000 edge tuples.
    groups: dict[tuple[RelationType, EntityLabel, EntityLabel], list[dict[str, Any]]] = defaultdict(list)
    types = {rtype.value: rtype for rtype in RelationType}
    for source, neighbours in graph.adjacency():  # the plain dicts, not the read-only views
        for target, edges in neighbours.items():
            for key, data in edges.items():
                groups[types[key], labels[source], labels[target]].append(
                    {"source": source, "target": target, "confidence": float(data["confidence"]),
                     **seen_values(data), **evidence_columns(data.get("evidence") or [])})
    for rows in groups.values():
        rows.sort(key=_ENDPOINTS)
    return dict(sorted(groups.items(), key=lambda item: (*_ENDPOINTS(item[1][0]), item[0][0].value)))


class Batch(list[T]):
    """A list of parameter rows whose ``repr`` is short: the Neo4j driver formats the parameters of
    every query for its debug log even when debug logging is off, which cost seconds per load."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def batched(rows: Sequence[T], size: int) -> Iterator[list[T]]:
    """Yield successive lists (:class:`Batch`) of at most ``size`` rows.

    >>> [list(batch) for batch in batched([1, 2, 3], 2)]
    [[1, 2], [3]]
    """
    iterator = iter(rows)
    while batch := Batch(islice(iterator, size)):
        yield batch
