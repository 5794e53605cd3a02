"""The embedded database's tables as Arrow columns, built from the graph one column at a time.

A bulk load is one ``COPY`` per node table and one per (relationship type, source label, target
label). Each gets a :class:`pyarrow.Table` whose columns come from list comprehensions over the
group's nodes or edges (no row dicts), and the engine reads it natively. The values are those of
:mod:`graphmodel.stores.rows` (:func:`~graphmodel.stores.rows.entity_row`,
:func:`~graphmodel.stores.rows.evidence_columns`): a test loads both and compares them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import networkx as nx
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graphmodel.schema import (
    DOCUMENT_LABEL,
    DOCUMENT_LISTS,
    DOCUMENT_PROPERTIES,
    EVIDENCE_COLUMNS,
    NAME_LABEL,
    NAMES_TYPE,
    SEEN_FIELDS,
    EntityLabel,
    RelationType,
    name_texts,
)
from graphmodel.stores.rows import entity_aliases, entity_documents, gc_paused

__all__ = ["Group", "Tables", "graph_tables"]

Group = tuple[str, str | None, str | None]  # (table, from label, to label)
_LABELS = {str(label): str(label) for label in EntityLabel}
_TYPES = {str(rtype): str(rtype) for rtype in RelationType}
_STRINGS = pa.list_(pa.string())
_EVIDENCE_TYPES = {"doc": pa.string(), "sentence": pa.string(), "start": pa.int64(), "end": pa.int64(),
                   "rule": pa.string()}
Node = tuple[str, Mapping[str, Any]]
Edge = tuple[str, str, Mapping[str, Any]]


@dataclass(slots=True)
class Tables:
    """What one load writes: an Arrow table per group, and the counts a write reports."""

    tables: dict[Group, pa.Table] = field(default_factory=dict)
    entities: int = 0
    relationships: int = 0
    documents: int = 0

    def in_load_order(self) -> list[tuple[Group, pa.Table]]:
        """Node tables first (relationships need their endpoints), each group once, empty ones left out."""
        def order(group: Group) -> tuple[bool, str, str, str]:
            return group[1] is not None, group[0], group[1] or "", group[2] or ""

        return [(group, self.tables[group]) for group in sorted(self.tables, key=order) if self.tables[group].num_rows]


def graph_tables(graph: nx.MultiDiGraph) -> Tables:
    """The tables of ``graph`` (see :func:`_graph_tables`), built with the cyclic garbage collector paused.

    The build allocates millions of small lists and tuples and no reference cycles; left on, the
    collector would walk the whole graph again and again (about 40% of the build's CPU time at
    100,000 nodes).
    """
    with gc_paused():
        return _graph_tables(graph)


def _graph_tables(graph: nx.MultiDiGraph) -> Tables:
    """The tables of ``graph``: entities by label, ``Document``, ``MENTIONS``, ``Name`` and ``NAMES`` (the
    look-up of entities by lower-cased name or alias, :func:`~graphmodel.schema.name_texts`), relationships by group.

    Nodes go in in key order and edges in (source, target, type) order, so equal graphs give equal files.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_node("country:panama", label="Country", name="Panama", aliases=["Panama", "PA"], documents=["d1"])
    >>> tables = graph_tables(g).tables
    >>> tables["Country", None, None].to_pylist()
    [{'key': 'country:panama', 'name': 'Panama', 'aliases': ['PA'], 'mentions': 0, 'documents': ['d1'], \
'first_seen': None, 'last_seen': None}]
    >>> tables["MENTIONS", "Document", "Country"].to_pylist()
    [{'from': 'd1', 'to': 'country:panama', 'count': 1}]
    """
    result = Tables(entities=len(graph))
    labels: dict[str, str] = {}
    by_label: dict[str, list[Node]] = defaultdict(list)
    for key, data in sorted(graph.nodes(data=True)):  # keys are unique: the data dicts are never compared
        labels[key] = label = _LABELS.get(data["label"]) or str(EntityLabel(data["label"]))
        by_label[label].append((key, data))
    doc_ids, texts = set(graph.graph.get("documents", {})), set[str]()
    for label, nodes in by_label.items():
        documents = _entity_tables(result.tables, label, nodes)
        doc_ids.update(*documents)
        texts.update(*_name_table(result.tables, label, nodes))
    result.tables[NAME_LABEL, None, None] = pa.table({"text": pa.array(sorted(texts), pa.string())})
    for group, edges in _edge_groups(graph, labels).items():
        result.tables[group] = _relationship_table(edges, doc_ids)
        result.relationships += len(edges)
    result.tables[DOCUMENT_LABEL, None, None] = _document_table(graph.graph.get("documents", {}), doc_ids)
    result.documents = len(doc_ids)
    return result


def _edge_groups(graph: nx.MultiDiGraph, labels: Mapping[str, str]) -> dict[Group, list[Edge]]:
    """The edges by (type, source label, target label), in (source, target, key) order: ``labels`` is in key
    order, and only a node's few neighbours and an edge's few parallel edges need sorting."""
    groups: dict[Group, list[Edge]] = defaultdict(list)
    adjacency = dict(graph.adjacency())
    for source, source_label in labels.items():
        neighbours = adjacency[source]
        for target, keyed in sorted(neighbours.items()) if len(neighbours) > 1 else neighbours.items():
            target_label = labels[target]
            for key, data in sorted(keyed.items()) if len(keyed) > 1 else keyed.items():
                rtype = data.get("type") or key
                rtype = _TYPES.get(rtype) or str(RelationType(rtype))
                groups[rtype, source_label, target_label].append((source, target, data))
    return groups


def _entity_tables(tables: dict[Group, pa.Table], label: str, nodes: Sequence[Node]) -> list[list[str]]:
    """Add the node table of ``label`` and its ``MENTIONS``; return each node's documents."""
    keys = [key for key, _ in nodes]
    documents = [entity_documents(data) for _, data in nodes]
    tables[label, None, None] = pa.table({
        "key": pa.array(keys, pa.string()),
        "name": pa.array([data["name"] for _, data in nodes], pa.string()),
        "aliases": pa.array([entity_aliases(data) for _, data in nodes], _STRINGS),
        "mentions": pa.array([int(data.get("mentions") or 0) for _, data in nodes], pa.int64()),
        "documents": pa.array(documents, _STRINGS),
        **_seen_columns([data for _, data in nodes]),
    })
    mentions = _fan_out(documents, keys)
    tables["MENTIONS", DOCUMENT_LABEL, label] = mentions.append_column("count", pa.array(np.ones(len(mentions),
                                                                                            np.int64)))
    return documents


def _name_table(tables: dict[Group, pa.Table], label: str, nodes: Sequence[Node]) -> list[list[str]]:
    """Add the ``NAMES`` relationships of ``label``'s nodes (from their look-up texts); return the texts."""
    texts = [name_texts(data["name"], data.get("aliases") or ()) for _, data in nodes]
    tables[NAMES_TYPE, NAME_LABEL, label] = _fan_out(texts, [key for key, _ in nodes])
    return texts


def _fan_out(values: list[list[str]], keys: list[str]) -> pa.Table:
    """A ``from``, ``to`` row per value of each key's list: (value, key)."""
    listed = pa.array(values, _STRINGS)
    repeats = np.repeat(np.arange(len(keys)), np.diff(listed.offsets.to_numpy()))
    return pa.table({"from": listed.flatten(), "to": pa.array(keys, pa.string()).take(repeats)})


def _relationship_table(edges: Sequence[Edge], doc_ids: set[str]) -> pa.Table:
    """The rows of one relationship group; adds the documents its evidence cites to ``doc_ids``."""
    evidence = [data.get("evidence") or () for _, _, data in edges]
    offsets = pa.array(np.concatenate(([0], np.cumsum([len(items) for items in evidence], dtype=np.int64))))
    flat = [item for items in evidence for item in items]
    columns = {"from": pa.array([source for source, _, _ in edges], pa.string()),
               "to": pa.array([target for _, target, _ in edges], pa.string()),
               "confidence": pa.array([float(data["confidence"]) for _, _, data in edges], pa.float64()),
               **_seen_columns([data for _, _, data in edges])}
    for name, column in EVIDENCE_COLUMNS.items():
        values = _evidence_values(map(itemgetter(name), flat), _EVIDENCE_TYPES[name])
        columns[column] = pa.ListArray.from_arrays(offsets, values)
    doc_ids.update(pc.unique(columns[EVIDENCE_COLUMNS["doc"]].flatten()).to_pylist())
    return pa.table(columns)


def _seen_columns(items: Sequence[Mapping[str, Any]]) -> dict[str, pa.Array]:
    """``first_seen`` and ``last_seen`` of nodes or edges (:func:`graphmodel.stores.rows.seen_values`)."""
    return {name: pa.array([data.get(name) for data in items], pa.string()) for name in SEEN_FIELDS}


def _evidence_values(values: Iterable[Any], kind: pa.DataType) -> pa.Array:
    listed = list(values)
    try:
        return pa.array(listed, kind)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # positions read as floats or strings: whole numbers, as int() makes
        return pa.array([int(value) for value in listed], kind)


def _document_table(metadata: Mapping[str, Mapping[str, Any]], doc_ids: set[str]) -> pa.Table:
    ids = sorted(doc_ids)
    columns = {"id": pa.array(ids, pa.string())}
    for name in DOCUMENT_PROPERTIES:
        kind = pa.list_(pa.int64()) if name in DOCUMENT_LISTS else pa.string()
        columns[name] = pa.array([metadata.get(doc_id, {}).get(name) or None for doc_id in ids], kind)
    return pa.table(columns)
