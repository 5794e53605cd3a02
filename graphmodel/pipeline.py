"""From documents to one resolved graph: extract each document, resolve across documents, merge."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import networkx as nx

from graphmodel.extract import Extractor
from graphmodel.extract.resolve import resolve_corpus
from graphmodel.graph import to_networkx
from graphmodel.models import Document

__all__ = ["build_graph", "drop_weak_edges"]


def build_graph(
    documents: Iterable[Document],
    extractor: Extractor,
    *,
    min_confidence: float = 0.0,
    on_document: Callable[[Document], None] | None = None,
) -> nx.MultiDiGraph:
    """Extract every document, resolve entities across the corpus and merge into one graph.

    Args:
        documents: the corpus.
        extractor: the extraction backend.
        min_confidence: edges below this confidence are left out.
        on_document: called after each document, e.g. to advance a progress bar.
    """
    extractions = []
    for document in documents:
        extractions.append(extractor.extract(document))
        if on_document is not None:
            on_document(document)
    graph = to_networkx(resolve_corpus(extractions))
    return drop_weak_edges(graph, min_confidence)


def drop_weak_edges(graph: nx.MultiDiGraph, min_confidence: float) -> nx.MultiDiGraph:
    """Remove edges whose confidence is below ``min_confidence`` (in place) and return the graph.

    >>> from graphmodel.graph import new_graph
    >>> g = new_graph()
    >>> _ = g.add_edge("a", "b", key="HOSTS", confidence=0.3)
    >>> drop_weak_edges(g, 0.5).number_of_edges()
    0
    """
    weak = [(s, t, k) for s, t, k, c in graph.edges(keys=True, data="confidence") if c < min_confidence]
    graph.remove_edges_from(weak)
    return graph
