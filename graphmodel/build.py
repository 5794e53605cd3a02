"""The ``build`` job: documents in, graph.json + graph.html + embedded database out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from graphmodel import graphfile
from graphmodel.documents import read_documents
from graphmodel.errors import DocumentError
from graphmodel.extract import make_extractor
from graphmodel.pipeline import build_graph

__all__ = ["BuildResult", "build_outputs"]


@dataclass(frozen=True, slots=True)
class BuildResult:
    """The graph that was built and the files written."""

    graph: nx.MultiDiGraph
    paths: tuple[Path, ...]


def build_outputs(
    paths: Sequence[Path],
    out: Path,
    *,
    spacy_model: str | None = None,
    min_confidence: float = 0.0,
    progress: Callable[[int], Any] | None = None,
    warn: Callable[[str], None] | None = None,
) -> BuildResult:
    """Read ``paths``, extract, and write ``out/graph.json``, ``out/graph.html`` and the embedded ``out/graph.db``.

    Raises:
        DocumentError: a path is missing or the corpus holds no readable document.
    """
    documents = list(read_documents(*paths, on_warning=warn))
    if not documents:
        raise DocumentError(f"no readable .txt, .md or .html document in {', '.join(map(str, paths))}")
    extractor = make_extractor("rules", spacy_model=spacy_model)
    bar = progress(len(documents)) if progress else None
    if bar is None:
        graph = build_graph(documents, extractor, min_confidence=min_confidence)
    else:
        with bar:
            graph = build_graph(documents, extractor, min_confidence=min_confidence,
                                on_document=lambda _doc: bar.update(1))
    return BuildResult(graph, _write_outputs(graph, out, title=_corpus_name(paths)))


def _write_outputs(graph: nx.MultiDiGraph, out: Path, title: str) -> tuple[Path, ...]:
    from graphmodel.render import render_html
    from graphmodel.stores.embedded import write_database

    return (
        graphfile.write(graph, out / "graph.json"),
        render_html(graph, out / "graph.html", title=title),
        write_database(graph, out / "graph.db"),
    )


def _corpus_name(paths: Sequence[Path]) -> str:
    """A short name for the corpus, shown in the page header.

    >>> _corpus_name([Path("data/docs")])
    'docs'
    """
    return ", ".join(Path(p).resolve().name or str(p) for p in paths)
