"""Why are two entities connected? Every relationship between them, with the sentences that say so."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphmodel.graph.lookup import resolve_entity
from graphmodel.schema import SYMMETRIC_TYPES

__all__ = ["Citation", "Link", "find_entity", "format_links", "links_between", "page_of"]


@dataclass(frozen=True, slots=True)
class Citation:
    """One evidence sentence and the document it comes from; ``page`` for a paged document (PDF)."""

    sentence: str
    document: str  # the document id
    title: str | None = None
    path: str | None = None
    date: str | None = None
    url: str | None = None
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """One relationship, as stored: its ends (entity keys), type, confidence and evidence."""

    source: str
    target: str
    type: str
    confidence: float
    citations: tuple[Citation, ...] = ()


def find_entity(graph: nx.MultiDiGraph, text: str) -> str:
    """The key of the entity with this key, name or alias (case-insensitive; names win over aliases).

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_node("person:pete-hegseth", name="Pete Hegseth", aliases=["Hegseth"])
    >>> find_entity(g, "PERSON:Pete-Hegseth"), find_entity(g, "hegseth")
    ('person:pete-hegseth', 'person:pete-hegseth')

    Raises:
        EntityNotFound: nothing matches (close matches are suggested), or several entities do.
    """
    wanted = text.strip().casefold()
    keys = [key for key in graph if str(key).casefold() == wanted]
    return str(keys[0]) if len(keys) == 1 else resolve_entity(graph, text)


def links_between(graph: nx.MultiDiGraph, a: str, b: str) -> tuple[Link, ...]:
    """Every relationship between the entity keys ``a`` and ``b``, in either direction, strongest first.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> _ = g.add_edge("b", "a", key="HOSTS", type="HOSTS", confidence=0.6, evidence=[])
    >>> [(link.source, link.type) for link in links_between(g, "a", "b")]
    [('b', 'HOSTS')]
    """
    ends = [(a, b)] if a == b else [(a, b), (b, a)]
    documents: Mapping[str, Mapping[str, Any]] = graph.graph.get("documents", {})
    links = [
        _link(source, target, str(data.get("type", key)), data, documents, first=a)
        for source, target in ends
        for key, data in (graph.get_edge_data(source, target) or {}).items()
    ]
    return tuple(sorted(links, key=lambda link: (-link.confidence, link.type, link.source != a)))


def _link(source: str, target: str, rtype: str, data: Mapping[str, Any],
          documents: Mapping[str, Mapping[str, Any]], first: str) -> Link:
    """A link from edge data; a symmetric relationship (stored in key order) starts at ``first``."""
    if rtype in SYMMETRIC_TYPES and target == first:
        source, target = target, source
    citations = _citations(data.get("evidence") or [], documents)
    return Link(source, target, rtype, float(data.get("confidence", 0.0)), citations)


def _citations(evidence: list[Mapping[str, Any]], documents: Mapping[str, Mapping[str, Any]]) -> tuple[Citation, ...]:
    citations = []
    for item in evidence:
        doc = str(item.get("doc", ""))
        meta = documents.get(doc, {})
        sentence = " ".join(str(item.get("sentence", "")).split())
        page = page_of(meta.get("pages"), item.get("start"))
        citations.append(Citation(sentence, doc, meta.get("title"), meta.get("path"), meta.get("date"), meta.get("url"),
                                  page))
    return tuple(sorted(citations, key=lambda c: (c.date or "9999", c.path or c.document, c.sentence)))


def page_of(pages: Sequence[int] | None, start: Any) -> int | None:
    """The 1-based page holding the text offset ``start``, given the page start offsets; None for a document
    without pages.

    >>> page_of([0, 120, 120, 300], 150), page_of([0, 120], 0), page_of(None, 5)
    (3, 1, None)
    """
    if not pages or not isinstance(start, int):
        return None
    return max(1, bisect_right(pages, start))


def format_links(graph: nx.MultiDiGraph, a: str, b: str, links: tuple[Link, ...]) -> str:
    """A header naming the entities ``a`` and ``b``, then each relationship with its evidence sentences,
    each under the date, title, path and url of its document.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_nodes_from([("a", {"name": "A"}), ("b", {"name": "B"})])
    >>> cited = Citation("A visits B.", "d1", "T", "a.txt", "2025-04-08", "https://x.org/a")
    >>> print(format_links(g, "a", "b", (Link("a", "b", "VISITS", 0.8, (cited,)),)))
    A (a) and B (b): 1 relationship
    A -VISITS-> B (confidence 0.80, 1 sentence)
      2025-04-08  T (a.txt)  https://x.org/a
        "A visits B."
    """
    lines = [f"{_entity(graph, a)} and {_entity(graph, b)}: {_plural(len(links), 'relationship')}"]
    for link in links:
        lines.append(_link_line(graph, link))
        for citation in link.citations:
            lines += [f"  {_source_line(citation)}", f'    "{citation.sentence}"']
    return "\n".join(lines)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _entity(graph: nx.MultiDiGraph, key: str) -> str:
    return f"{graph.nodes[key].get('name', key)} ({key})"


def _link_line(graph: nx.MultiDiGraph, link: Link) -> str:
    arrow = f"-{link.type}-" if link.type in SYMMETRIC_TYPES else f"-{link.type}->"
    source, target = (graph.nodes[key].get("name", key) for key in (link.source, link.target))
    return f"{source} {arrow} {target} (confidence {link.confidence:.2f}, {_plural(len(link.citations), 'sentence')})"


def _source_line(citation: Citation) -> str:
    """Date, title, path and url of the cited document (its id when the graph does not describe it)."""
    where = citation.title or citation.path or citation.document
    if citation.title and citation.path:
        where = f"{citation.title} ({citation.path})"
    page = f", page {citation.page}" if citation.page is not None else ""
    link = f"  {citation.url}" if citation.url else ""
    return f"{citation.date or 'undated':<10}  {where}{page}{link}"
