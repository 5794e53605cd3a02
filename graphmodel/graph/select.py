"""Pick a subgraph of a built graph: around an entity, by label, type, document, date or confidence.

Every function is pure: it leaves its input unchanged, so selections combine. To scale to big
graphs nothing is deep-copied: a selection is a new graph whose attribute values (lists, evidence
dicts) are the input's own, and a selection that filters nothing is the input itself when it cites
every document. Treat the result as read-only (the exports do), or copy it before changing it.

:func:`select` applies a :class:`Selection` in a fixed order:

1. documents (``document``, ``since``, ``until``): evidence from other documents is dropped, then
   every relationship left without evidence; the nodes kept are those mentioned in a kept document
   and the ends of the kept relationships. With ``since`` or ``until``, undated documents are left
   out unless ``include_undated`` (:func:`undated_documents` counts them); a document dated to the
   month only (``2025-04``) is kept when its month overlaps the range;
2. ``labels``: only nodes with one of these labels, and the relationships between them;
3. ``types`` and ``min_confidence``: only these relationships, and only the nodes that still have
   one (the center excepted);
4. ``center``: the nodes within ``hops`` of the center in what is left (the ego network).

Finally the graph's ``documents`` keep only the documents its nodes and evidence cite. Node
attributes (``mentions``, ``documents``) are totals over the whole corpus and stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from graphmodel.errors import DocumentError, EntityNotFound
from graphmodel.graph.core import ego_subgraph
from graphmodel.graph.dates import document_days, in_range
from graphmodel.graph.lookup import describe_entity, resolve_entity

__all__ = [
    "Selection",
    "Triple",
    "match_documents",
    "select",
    "select_documents",
    "select_items",
    "select_labels",
    "select_min_confidence",
    "select_types",
    "undated_documents",
]

Triple = tuple[str, str, str]  # (source key, relationship type, target key)


@dataclass(frozen=True, slots=True)
class Selection:
    """What to keep of a graph; the defaults keep everything."""

    center: str | None = None  # a key, name or alias
    hops: int = 1
    labels: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    document: str | None = None  # a document id, or part of a path or title
    since: date | None = None
    until: date | None = None
    include_undated: bool = False  # with since or until: keep the documents without a date too
    min_confidence: float = 0.0

    def filters_documents(self) -> bool:
        """Whether the selection restricts documents."""
        return self.document is not None or self.since is not None or self.until is not None

    def filters_edges(self) -> bool:
        """Whether the selection drops relationships by type or confidence."""
        return bool(self.types) or self.min_confidence > 0


def select(graph: nx.MultiDiGraph, selection: Selection) -> nx.MultiDiGraph:
    """Apply every filter of ``selection``, in the order the module docstring gives.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_node("a", label="Person", name="A", aliases=[], documents=[])
    >>> g.add_node("b", label="Country", name="B", aliases=[], documents=[])
    >>> _ = g.add_edge("a", "b", key="VISITS", type="VISITS", confidence=0.9, evidence=[])
    >>> sorted(select(g, Selection(center="A", hops=1)))
    ['a', 'b']

    Raises:
        EntityNotFound: the center matches no entity or several, or the other filters leave it out.
        DocumentError: ``document`` matches no document.
    """
    if selection == Selection():
        return _with_cited_documents(graph)
    center = resolve_entity(graph, selection.center) if selection.center is not None else None
    sub = graph
    if selection.filters_documents():
        sub = select_documents(sub, match_documents(sub, selection.document, selection.since, selection.until,
                                                    include_undated=selection.include_undated))
    if selection.labels:
        sub = select_labels(sub, selection.labels)
    if selection.types:
        sub = select_types(sub, selection.types)
    if selection.min_confidence > 0:
        sub = select_min_confidence(sub, selection.min_confidence)
    if selection.filters_edges():
        sub = _drop_isolated(sub, keep={center} if center else set())
    if center is not None:
        if center not in sub:
            described = describe_entity(graph, center)
            raise EntityNotFound(f"{described} is not in the selection: the other filters leave it out")
        sub = ego_subgraph(sub, center, selection.hops)
    return _with_cited_documents(_copy(sub, sub.nodes, _edge_items(sub)))


def select_labels(graph: nx.MultiDiGraph, labels: Collection[str]) -> nx.MultiDiGraph:
    """The nodes with one of ``labels`` and the relationships between them.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_nodes_from([("a", {"label": "Person"}), ("b", {"label": "Country"})])
    >>> list(select_labels(g, ["Country"]))
    ['b']
    """
    nodes = [key for key, label in graph.nodes(data="label") if label in labels]
    return _copy(graph, nodes, _edge_items(graph))


def select_types(graph: nx.MultiDiGraph, types: Collection[str]) -> nx.MultiDiGraph:
    """All nodes, and the relationships of one of ``types``.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> _ = g.add_edge("a", "b", key="VISITS", type="VISITS")
    >>> select_types(g, ["HOSTS"]).number_of_edges()
    0
    """
    return _copy(graph, graph.nodes, _edge_items(graph, lambda s, t, k, d: k in types))


def select_min_confidence(graph: nx.MultiDiGraph, threshold: float) -> nx.MultiDiGraph:
    """All nodes, and the relationships whose confidence is at least ``threshold``.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> _ = g.add_edge("a", "b", key="VISITS", confidence=0.4)
    >>> select_min_confidence(g, 0.5).number_of_edges()
    0
    """
    return _copy(graph, graph.nodes, _edge_items(graph, lambda s, t, k, d: d.get("confidence", 0) >= threshold))


def match_documents(
    graph: nx.MultiDiGraph, query: str | None = None, since: date | None = None, until: date | None = None,
    *, include_undated: bool = False,
) -> set[str]:
    """The ids of the documents that match ``query`` and whose date lies in ``[since, until]``.

    ``query`` is a document id, or else a case-insensitive part of a path or title (every match
    counts). With ``since`` or ``until``, documents without a date match only if ``include_undated``;
    a month (``2025-04``) matches if any of its days lies in the range.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.graph["documents"] = {"d1": {"id": "d1", "path": "a.txt", "title": "Panama", "date": "2025-04"},
    ...                         "d2": {"id": "d2", "path": "b.txt", "title": "Talks", "date": None}}
    >>> match_documents(g, "panama"), match_documents(g, since=date(2025, 4, 30))
    ({'d1'}, {'d1'})
    >>> match_documents(g, until=date(2025, 3, 31))
    set()
    >>> sorted(match_documents(g, since=date(2025, 5, 1), include_undated=True))
    ['d2']

    Raises:
        DocumentError: ``query`` matches no document.
    """
    documents: dict[str, dict[str, Any]] = graph.graph.get("documents", {})
    ids = set(documents) if query is None else _documents_named(documents, query)
    if since is not None or until is not None:
        ids = {i for i in ids if in_range(document_days(documents[i]), since, until, undated=include_undated)}
    return ids


def undated_documents(graph: nx.MultiDiGraph, selection: Selection) -> int:
    """How many documents ``selection`` leaves out for having no date: those its ``document`` query
    matches, when it has ``since`` or ``until`` and not ``include_undated``; else 0.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.graph["documents"] = {"d1": {"id": "d1", "date": "2025-04-08"}, "d2": {"id": "d2", "date": None}}
    >>> undated_documents(g, Selection(since=date(2025, 1, 1))), undated_documents(g, Selection())
    (1, 0)

    Raises:
        DocumentError: ``selection.document`` matches no document.
    """
    if selection.include_undated or (selection.since is None and selection.until is None):
        return 0
    documents: dict[str, dict[str, Any]] = graph.graph.get("documents", {})
    ids = set(documents) if selection.document is None else _documents_named(documents, selection.document)
    return sum(1 for i in ids if document_days(documents[i]) is None)


def _documents_named(documents: Mapping[str, Mapping[str, Any]], query: str) -> set[str]:
    if query in documents:
        return {query}
    wanted = query.casefold()
    ids = {i for i, d in documents.items() if any(wanted in (d.get(f) or "").casefold() for f in ("path", "title"))}
    if not ids:
        known = ", ".join(sorted((d.get("path") or i) for i, d in documents.items())[:5]) or "none"
        raise DocumentError(f"no document has the id '{query}' or a path or title containing it (documents: {known})")
    return ids


def select_documents(graph: nx.MultiDiGraph, ids: Collection[str]) -> nx.MultiDiGraph:
    """Keep only the evidence from the documents ``ids``, the relationships left with evidence,
    the nodes those documents mention and the ends of the kept relationships.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_node("a", documents=["d1"])
    >>> _ = g.add_edge("b", "c", key="VISITS", evidence=[{"doc": "d2"}])
    >>> sorted(select_documents(g, {"d1"})), sorted(select_documents(g, {"d2"}))
    (['a'], ['b', 'c'])
    """
    kept = set(ids)
    edges = []
    for source, target, key, data in graph.edges(keys=True, data=True):
        evidence = [e for e in data.get("evidence", []) if e.get("doc") in kept]
        if evidence:
            edges.append((source, target, key, {**data, "evidence": evidence}))
    ends = {end for s, t, _, _ in edges for end in (s, t)}
    nodes = [key for key, docs in graph.nodes(data="documents") if key in ends or kept.intersection(docs or ())]
    sub = _copy(graph, nodes, edges)
    sub.graph["documents"] = {i: d for i, d in graph.graph.get("documents", {}).items() if i in kept}
    return sub


def select_items(graph: nx.MultiDiGraph, keys: Iterable[str], triples: Iterable[Triple]) -> nx.MultiDiGraph:
    """The nodes ``keys`` and the relationships ``(source, type, target)`` (with their ends) of ``graph``.

    Keys and triples that ``graph`` does not hold are ignored.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> _ = g.add_edge("a", "b", key="VISITS")
    >>> g.add_node("c")
    >>> sorted(select_items(g, ["c"], [("a", "VISITS", "b")]))
    ['a', 'b', 'c']
    """
    wanted = {(s, k, t) for s, k, t in triples if graph.has_edge(s, t, key=k)}
    chosen = set(keys) | {end for s, _, t in wanted for end in (s, t)}
    nodes = [key for key in graph if key in chosen]
    return _copy(graph, nodes, _edge_items(graph, lambda s, t, k, d: (s, k, t) in wanted))


def _edge_items(
    graph: nx.MultiDiGraph, keep: Callable[[str, str, str, dict[str, Any]], bool] | None = None
) -> list[tuple[str, str, str, dict[str, Any]]]:
    return [(s, t, k, d) for s, t, k, d in graph.edges(keys=True, data=True) if keep is None or keep(s, t, k, d)]


def _copy(
    graph: nx.MultiDiGraph, nodes: Iterable[str], edges: Iterable[tuple[str, str, str, dict[str, Any]]]
) -> nx.MultiDiGraph:
    """A new graph with the ``nodes`` and the ``edges`` between them; attribute values are shared, not copied."""
    sub = nx.MultiDiGraph(documents=dict(graph.graph.get("documents", {})))
    node_data = graph.nodes
    sub.add_nodes_from((key, node_data[key]) for key in nodes)
    sub.add_edges_from((s, t, k, d) for s, t, k, d in edges if s in sub and t in sub)
    return sub


def _drop_isolated(graph: nx.MultiDiGraph, keep: Collection[str]) -> nx.MultiDiGraph:
    nodes = [key for key in graph if key in keep or graph.degree(key) > 0]
    return _copy(graph, nodes, _edge_items(graph))


def _with_cited_documents(sub: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``sub`` with only the documents it cites: ``sub`` itself if it cites them all, else a new graph."""
    cited = {doc for _, docs in sub.nodes(data="documents") for doc in docs or ()}
    cited |= {e.get("doc") for _, _, ev in sub.edges(data="evidence") for e in ev or ()}
    documents = sub.graph.get("documents", {})
    if cited.issuperset(documents):
        return sub
    trimmed = nx.MultiDiGraph(sub)  # shares the attribute values, which selections never change
    trimmed.graph["documents"] = {i: d for i, d in documents.items() if i in cited}
    return trimmed
