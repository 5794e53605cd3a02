"""Where an export reads its graph: a store (embedded database or Neo4j) read back whole, and
the entities and relationships a Cypher query returns.

A store holds the schema of :mod:`graphmodel.stores`; :func:`read_store` turns it back into the
graph :func:`graphmodel.graph.graphfile.read` gives: entity nodes with ``label``, ``name``, ``aliases``,
``mentions``, ``documents``, ``first_seen`` and ``last_seen``; one edge per (source, type, target) with
``confidence``, ``first_seen``, ``last_seen`` and the
evidence parallel lists zipped back into evidence dicts; ``Document`` nodes back into
``graph.graph["documents"]``. The queries only read.
"""

from __future__ import annotations

import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx

from graphmodel.errors import EmptySelection, EntityNotFound, WriteRefused
from graphmodel.graph.core import new_graph
from graphmodel.graph.lookup import resolve_entity
from graphmodel.graph.narrowing import Step, explain_empty
from graphmodel.graph.select import Selection, Triple, select, select_items
from graphmodel.schema import DOCUMENT_FIELDS, EVIDENCE_COLUMNS, LABELS, RELATION_TYPES, SEEN_FIELDS
from graphmodel.stores import GraphStore
from graphmodel.stores.cypher import READ_DOCUMENTS, READ_ENTITIES, READ_RELATIONSHIPS
from graphmodel.stores.rows import evidence_columns

__all__ = [
    "graph_from_rows",
    "query_items",
    "read_store",
    "returned_items",
    "subgraph",
    "temporary_store",
]



def subgraph(
    graph: nx.MultiDiGraph,
    selection: Selection,
    query: str | None = None,
    store: GraphStore | None = None,
    *,
    allow_empty: bool = True,
) -> nx.MultiDiGraph:
    """The part of ``graph`` that ``query`` returns (if given), narrowed by ``selection``.

    The query runs on ``store``, which must hold ``graph``; without a store, on a temporary
    embedded database loaded with ``graph``.

    Raises:
        QueryError: the query failed or would write. EntityNotFound, DocumentError: see :func:`select`.
        EmptySelection: the result has no node and ``allow_empty`` is false; the message says which
            filter removed what (:func:`~graphmodel.graph.narrowing.explain_empty`).
    """
    if query is None:
        return _nonempty(select(graph, selection), allow_empty, graph, selection)
    center = resolve_entity(graph, selection.center) if selection.center is not None else None
    if store is None:
        with temporary_store(graph) as temporary:
            keys, triples = query_items(temporary, query, graph)
    else:
        keys, triples = query_items(store, query, graph)
    returned = select_items(graph, keys, triples)
    if center is not None and center not in returned:
        name = graph.nodes[center].get("name", center)
        raise EntityNotFound(f"{name} ({center}) is not among the entities the query returned")
    return _nonempty(select(returned, replace(selection, center=center)), allow_empty, graph, selection,
                     ("--cypher", returned))


def _nonempty(
    sub: nx.MultiDiGraph, allow_empty: bool, graph: nx.MultiDiGraph, selection: Selection, first: Step | None = None
) -> nx.MultiDiGraph:
    if sub.number_of_nodes() == 0 and not allow_empty:
        raise EmptySelection(f"nothing exported: {explain_empty(graph, selection, first)}")
    return sub


@contextmanager
def temporary_store(graph: nx.MultiDiGraph) -> Iterator[GraphStore]:
    """An embedded database in a temporary folder, built from ``graph``, opened read-only, deleted afterwards."""
    from graphmodel.stores.embedded.build import write_database
    from graphmodel.stores.embedded.store import open_database

    with tempfile.TemporaryDirectory(prefix="graphmodel-export-") as folder:
        path = write_database(graph, Path(folder) / "graph.db")
        with open_database(path) as store:
            yield store


def read_store(store: GraphStore) -> nx.MultiDiGraph:
    """Read a store's whole graph (see the module docstring) with three read-only queries.

    Raises:
        QueryError: a query failed; StoreUnavailable: the store went away.
    """
    entities = [row[0] for row in store.run(READ_ENTITIES).rows]
    relationships = [tuple(row) for row in store.run(READ_RELATIONSHIPS).rows]
    documents = [row[0] for row in store.run(READ_DOCUMENTS).rows]
    return graph_from_rows(entities, relationships, documents)


def graph_from_rows(
    entities: Iterable[Mapping[str, Any]],
    relationships: Iterable[Sequence[Any]],
    documents: Iterable[Mapping[str, Any]] = (),
) -> nx.MultiDiGraph:
    """Build the graph from store values: entity nodes, (source, type, target, relationship) rows, documents.

    Nodes whose label and relationships whose type are not in the schema are left out.

    >>> node = {"_label": "Person", "key": "person:a", "name": "A", "aliases": ["Al"], "mentions": 2,
    ...         "documents": ["d1"]}
    >>> rel = {"_type": "VISITS", "confidence": 0.5, "evidence_docs": ["d1"], "evidence_sentences": ["A went."],
    ...        "evidence_starts": [0], "evidence_ends": [7], "evidence_rules": ["r"]}
    >>> g = graph_from_rows([node, {**node, "_label": "Country", "key": "country:b"}],
    ...                     [("person:a", "VISITS", "country:b", rel)], [{"_label": "Document", "id": "d1"}])
    >>> g.edges["person:a", "country:b", "VISITS"]["evidence"][0]["sentence"], g.graph["documents"]["d1"]["date"]
    ('A went.', None)
    """
    graph = new_graph()
    for node in entities:
        if node.get("_label") in LABELS:
            graph.add_node(str(node["key"]), **_node_attributes(node))
    for source, rtype, target, relationship in relationships:
        if rtype in RELATION_TYPES and source in graph and target in graph:
            graph.add_edge(source, target, key=rtype, type=rtype, **_edge_attributes(relationship))
    for document in documents:
        row = {field: document.get(field) for field in DOCUMENT_FIELDS}
        graph.graph["documents"][str(row["id"])] = row
    return graph


def _node_attributes(node: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "label": str(node["_label"]),
        "name": str(node.get("name") or node["key"]),
        "aliases": list(node.get("aliases") or []),
        "mentions": int(node.get("mentions") or 0),
        "documents": list(node.get("documents") or []),
        **{field: node.get(field) for field in SEEN_FIELDS},
    }


def _edge_attributes(relationship: Mapping[str, Any]) -> dict[str, Any]:
    columns = [relationship.get(column) or [] for column in EVIDENCE_COLUMNS.values()]
    evidence = [dict(zip(EVIDENCE_COLUMNS, values, strict=True)) for values in zip(*columns, strict=True)]
    return {"confidence": float(relationship.get("confidence") or 0.0),
            **{field: relationship.get(field) for field in SEEN_FIELDS}, "evidence": evidence}


def query_items(store: GraphStore, query: str, graph: nx.MultiDiGraph) -> tuple[set[str], set[Triple]]:
    """Run a read-only query and return the entity keys and relationships of ``graph`` it returned.

    Nodes are recognised by their ``key``; relationships (which a store returns without their ends)
    by their type and properties, matched against the edges of ``graph``; where several edges have
    the same properties, those whose ends the same row returned win.

    Raises:
        WriteRefused: the query would write; QueryError: it failed.
    """
    try:
        rows = store.run(query).rows
    except WriteRefused as error:
        raise WriteRefused(
            "refusing a selection query that writes; give one that only reads, "
            "e.g. MATCH p = (:Person)-[:VISITS]->() RETURN p"
        ) from error
    keys: set[str] = set()
    triples: set[Triple] = set()
    index = _edge_index(graph)
    for row in rows:
        row_keys, relationships = returned_items(row, known=graph.nodes)
        keys |= row_keys
        for relationship in relationships:
            triples |= _match(index.get(_signature(relationship), []), row_keys)
    return keys, triples


def returned_items(values: Iterable[Any], known: Collection[str] = ()) -> tuple[set[str], list[Mapping[str, Any]]]:
    """The node keys and the relationships among the values a Cypher query returned.

    Values are walked recursively (lists, paths, maps). A node is a map with ``_label`` and
    ``key``; a relationship a map with ``_type`` (returned as found: stores give a relationship's
    properties, not its ends); a string in ``known`` counts as that node's key.

    >>> node = {"_label": "Person", "key": "person:a"}
    >>> rel = {"_type": "VISITS", "confidence": 0.5}
    >>> keys, relationships = returned_items([[node, rel], "country:c", "Panama"], known={"country:c"})
    >>> sorted(keys), relationships
    (['country:c', 'person:a'], [{'_type': 'VISITS', 'confidence': 0.5}])
    """
    keys: set[str] = set()
    relationships: list[Mapping[str, Any]] = []
    stack = list(values)
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            keys.update({value} & set(known))
        elif isinstance(value, Mapping) and "_type" in value:
            relationships.append(value)
        elif isinstance(value, Mapping) and "_label" in value and "key" in value:
            keys.add(str(value["key"]))
        elif isinstance(value, Mapping):
            stack.extend(value.values())
        elif isinstance(value, list | tuple):
            stack.extend(value)
    return keys, relationships


def _edge_index(graph: nx.MultiDiGraph) -> dict[tuple[Any, ...], list[Triple]]:
    index: dict[tuple[Any, ...], list[Triple]] = {}
    for source, target, key, data in graph.edges(keys=True, data=True):
        properties = {"_type": key, "confidence": data.get("confidence"), **evidence_columns(data["evidence"])}
        index.setdefault(_signature(properties), []).append((source, key, target))
    return index


def _signature(relationship: Mapping[str, Any]) -> tuple[Any, ...]:
    confidence = relationship.get("confidence")
    columns = (tuple(relationship.get(column) or ()) for column in EVIDENCE_COLUMNS.values())
    return (relationship.get("_type"), None if confidence is None else round(float(confidence), 9), *columns)


def _match(candidates: list[Triple], row_keys: set[str]) -> set[Triple]:
    in_row = {(s, k, t) for s, k, t in candidates if s in row_keys and t in row_keys}
    return in_row or set(candidates)
