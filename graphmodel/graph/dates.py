"""Dates in the graph: the days a document's date covers, and when the graph saw each node and edge.

A document's date is ISO 8601, a day (``2025-04-07``) or a month (``2025-04``): :func:`document_days`.
``first_seen`` and ``last_seen`` are the earliest and latest date of a node's or an edge's documents
(:func:`mark_seen`): a node's documents are those that mention it, an edge's those its evidence comes
from. They are compared as text: ``2025-04`` sorts before every day of April 2025. A node or edge none
of whose documents is dated has ``None`` for both.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import networkx as nx

__all__ = ["document_days", "evidence_documents", "in_range", "mark_seen", "seen_span"]


def seen_span(metadata: Mapping[str, Mapping[str, Any]], documents: Iterable[str]) -> dict[str, str | None]:
    """``first_seen`` and ``last_seen``: the earliest and latest date of ``documents`` (ids) in ``metadata``
    (the graph's ``documents`` attribute).

    >>> meta = {"d1": {"date": "2025-04-08"}, "d2": {"date": "2025-03"}, "d3": {"date": None}}
    >>> seen_span(meta, ["d1", "d2", "d3", "d4"])
    {'first_seen': '2025-03', 'last_seen': '2025-04-08'}
    >>> seen_span(meta, ["d3"])
    {'first_seen': None, 'last_seen': None}
    """
    known = [str(day) for doc in documents if (day := metadata.get(doc, {}).get("date"))]
    return {"first_seen": min(known, default=None), "last_seen": max(known, default=None)}


def mark_seen(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Set ``first_seen`` and ``last_seen`` on every node and edge of ``graph`` (in place) and return it.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.graph["documents"] = {"d1": {"id": "d1", "date": "2025-04-08"}, "d2": {"id": "d2", "date": None}}
    >>> g.add_node("a", documents=["d1", "d2"])
    >>> _ = g.add_edge("a", "b", key="VISITS", evidence=[{"doc": "d2"}])
    >>> g = mark_seen(g)
    >>> g.nodes["a"]["first_seen"], g.nodes["a"]["last_seen"], g.edges["a", "b", "VISITS"]["first_seen"]
    ('2025-04-08', '2025-04-08', None)
    """
    metadata = graph.graph.get("documents", {})
    for _, data in graph.nodes(data=True):
        data.update(seen_span(metadata, data.get("documents") or ()))
    for _, _, data in graph.edges(data=True):
        data.update(seen_span(metadata, evidence_documents(data)))
    return graph


def evidence_documents(edge: Mapping[str, Any]) -> list[str]:
    """The ids of the documents an edge's evidence comes from.

    >>> evidence_documents({"evidence": [{"doc": "d1"}, {"doc": "d2"}]})
    ['d1', 'd2']
    """
    return [str(item.get("doc")) for item in edge.get("evidence") or ()]


def document_days(document: Mapping[str, Any]) -> tuple[date, date] | None:
    """The first and last day a document's ``date`` may mean (one day, or every day of a month); None if undated.

    >>> document_days({"date": "2025-02"}), document_days({"date": None})
    ((datetime.date(2025, 2, 1), datetime.date(2025, 2, 28)), None)
    >>> document_days({"date": "2025-04-07T10:00"})
    (datetime.date(2025, 4, 7), datetime.date(2025, 4, 7))
    """
    text = str(document.get("date") or "")
    try:
        if len(text) == len("2025-04"):
            first = date.fromisoformat(f"{text}-01")
            return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
        day = date.fromisoformat(text[:10])
    except ValueError:
        return None
    return day, day


def in_range(days: tuple[date, date] | None, since: date | None, until: date | None, *, undated: bool) -> bool:
    """Whether some day of ``days`` lies in ``[since, until]``; for no date, ``undated``.

    >>> in_range(document_days({"date": "2025-04"}), date(2025, 4, 30), None, undated=False)
    True
    """
    if days is None:
        return undated
    return (since is None or days[1] >= since) and (until is None or days[0] <= until)
