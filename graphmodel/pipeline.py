"""From documents to the build's outputs: read, extract each document, resolve across documents,
merge into one graph, and write graph.json, graph.html and the embedded database."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import networkx as nx

from graphmodel.documents.bounds import MAX_DOCUMENT_BYTES
from graphmodel.documents.read import corpus_files, read_files
from graphmodel.errors import DocumentError
from graphmodel.extract import Extractor
from graphmodel.extract.cache import CACHE_FOLDER, ExtractionCache
from graphmodel.extract.copies import copy_clusters
from graphmodel.extract.corpus import SHIPPED, ExtractorSpec, extract_corpus
from graphmodel.extract.learned.model import SHIPPED_MODEL
from graphmodel.extract.resolve import resolve_corpus
from graphmodel.graph import graphfile
from graphmodel.graph.core import to_networkx
from graphmodel.models import Document

__all__ = ["SHIPPED_MODEL", "BuildReport", "BuildResult", "build_graph", "build_outputs", "drop_weak_edges",
           "extractor_spec"]



class BuildReport(Protocol):
    """What a build tells as it goes: phases (reading, extracting, resolving, writing), with what they
    work on, and each extracted document. The command line shows it as progress."""

    def phase(self, name: str, detail: str, total: int | None = None) -> None:
        """A phase begins; ``total`` is the number of steps :meth:`advance` will count, if known."""

    def advance(self) -> None:
        """One step (a document) of the current phase is done."""

    def note(self, text: str) -> None:
        """A line of information about the current phase."""


def build_graph(
    documents: Iterable[Document],
    extractor: Extractor | ExtractorSpec,
    *,
    min_confidence: float = 0.0,
    jobs: int = 1,
    executor: Executor | None = None,
    cache: ExtractionCache | None = None,
    on_document: Callable[[str], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    report: BuildReport | None = None,
) -> nx.MultiDiGraph:
    """Extract every document, resolve entities across the corpus and merge into one graph.

    Args:
        documents: the corpus, read as extraction proceeds.
        extractor: the extraction backend, or its :class:`ExtractorSpec` (needed for ``jobs`` > 1).
        min_confidence: edges below this confidence are left out.
        jobs: processes that extract documents, or with ``executor`` documents in flight per worker;
            the graph does not depend on it.
        executor: extract on its workers (e.g. a Dask cluster's, :mod:`graphmodel.cluster`).
        cache: reuse the records it holds and store new ones in it.
        on_document: called with each document's path after its extraction (in corpus order), e.g. to
            advance a progress bar.
        on_warning: called with a message for each document whose extraction fails; the graph is built
            from the others. Default: log a warning.
        report: told when resolution begins.

    Raises:
        DocumentError: no document could be extracted.
    """
    warn = on_warning or logging.getLogger(__name__).warning
    extractions, failed, reused = [], 0, 0
    for outcome in extract_corpus(documents, extractor, jobs=jobs, executor=executor, cache=cache):
        reused += outcome.reused
        if outcome.extraction is not None:
            extractions.append(outcome.extraction)
        else:
            failed += 1
            warn(f"skipped {outcome.path}: extraction failed ({outcome.error:.200}); please report it with the file")
        if on_document is not None:
            on_document(outcome.path)
    if failed and not extractions:
        raise DocumentError(f"no document could be extracted ({failed} failed); see the warnings above")
    if report is not None and cache is not None:
        report.note(f"extracted {len(extractions) + failed - reused:,}, reused {reused:,}")
    if report is not None:
        mentions = sum(len(x.entities) for x in extractions)
        report.phase("resolving", f"{mentions:,} entities of {len(extractions):,} documents")
    copies = copy_clusters([(x.document.id, x.signature) for x in extractions if x.document is not None])
    graph = to_networkx(resolve_corpus(extractions), copies)
    return drop_weak_edges(graph, min_confidence)


def drop_weak_edges(graph: nx.MultiDiGraph, min_confidence: float) -> nx.MultiDiGraph:
    """Remove edges whose confidence is below ``min_confidence`` (in place) and return the graph.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> _ = g.add_edge("a", "b", key="HOSTS", confidence=0.3)
    >>> drop_weak_edges(g, 0.5).number_of_edges()
    0
    """
    weak = [(s, t, k) for s, t, k, c in graph.edges(keys=True, data="confidence") if c < min_confidence]
    graph.remove_edges_from(weak)
    return graph


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
    report: BuildReport | None = None,
    warn: Callable[[str], None] | None = None,
    model: Path | None = SHIPPED_MODEL,
    max_document_bytes: int | None = MAX_DOCUMENT_BYTES,
    jobs: int = 1,
    executor: Executor | None = None,
    reuse: bool = True,
    texts: Sequence[Document] = (),
) -> BuildResult:
    """Read ``paths``, extract, and write ``out/graph.json``, ``out/graph.html`` and the embedded ``out/graph.db``.

    ``model`` is a relation model file (``graphmodel train``), by default the one trained on the
    development sets (:data:`SHIPPED_MODEL`); its relations join the rules' as the model says. With
    None the rules work alone. graph.json records the extractor that built it. Files larger than
    ``max_document_bytes`` are skipped with a warning (None: no limit), as is a document whose
    extraction fails. ``jobs`` processes extract documents as they are read, or the workers of
    ``executor`` (:func:`build_graph`); the outputs do not depend on either. With ``reuse`` the
    records of unchanged documents come from ``out/.extractions`` (:mod:`graphmodel.extract.cache`),
    and after the outputs are written the records of documents no longer in the corpus are removed.
    ``texts`` are documents already read (``graphmodel build -`` reads one from stdin), built before the files.

    Raises:
        DocumentError: a path is missing or the corpus holds no readable document.
        ModelFileError: ``model`` is not a usable relation model.
    """
    files = corpus_files(*paths, on_warning=warn)
    count = len(files) + len(texts)
    if report is not None:
        report.phase("reading", f"{count:,} file{'s' * (count != 1)}")
    documents = itertools.chain(texts, read_files(files, on_warning=warn, max_bytes=max_document_bytes))
    first = next(documents, None)
    if first is None:
        named = ", ".join(map(str, paths)) or "the input"
        raise DocumentError(f"no readable .txt, .md, .html, .pdf or .docx document in {named}")
    spec, described = extractor_spec(spacy_model, model, warn)
    cache = ExtractionCache(out / CACHE_FOLDER, spec.fingerprint()) if reuse else None
    jobs = min(jobs, count)
    if report is not None:
        where = "on the cluster" if executor else f"in {jobs} processes" if jobs > 1 else "in one process"
        report.phase("extracting", f"{count:,} document{'s' * (count != 1)} {where}", total=count)
    graph = build_graph(itertools.chain((first,), documents), spec, min_confidence=min_confidence, jobs=jobs,
                        executor=executor, cache=cache, on_warning=warn, report=report,
                        on_document=None if report is None else lambda _path: report.advance())
    graph.graph["extractor"] = described
    if report is not None:
        report.phase("writing", f"{graph.number_of_nodes():,} nodes and {graph.number_of_edges():,} "
                     f"relationships to {out}")
    written = _write_outputs(graph, out, title=_corpus_name(paths) or ", ".join(text.path for text in texts))
    if cache is not None:
        cache.prune()
    return BuildResult(graph, written)


def extractor_spec(spacy_model: str | None, model: Path | None,
                   warn: Callable[[str], None] | None = None) -> tuple[ExtractorSpec, str]:
    """The extractor of a build and how graph.json describes it: the rules with ``model``, or the rules
    alone when it is None. The model file is read and checked here; spaCy is loaded only when a
    document is extracted. A shipped model that no longer fits the schema (a type was added and
    ``scripts/make_model.py`` not rerun) is left out with a warning; a model the user named is not.

    Raises:
        ModelFileError: ``model`` is not a usable relation model.
    """
    from graphmodel.extract.learned import model as models

    if model is None:
        return ExtractorSpec(spacy_model), "rules"
    shipped = Path(model) == models.SHIPPED_MODEL
    try:
        loaded = models.load_model(Path(model))
    except models.ModelFileError as error:
        if not shipped:
            raise
        if warn is not None:
            warn(f"{error}; building with the rules alone (rerun scripts/make_model.py)")
        return extractor_spec(spacy_model, None, warn)
    spec = ExtractorSpec(spacy_model, SHIPPED if shipped else str(Path(model).resolve()))
    return spec, f"rules + relation model {Path(model).name} ({loaded.mode})"


def _write_outputs(graph: nx.MultiDiGraph, out: Path, title: str) -> tuple[Path, ...]:
    """Write the three outputs into a staging folder inside ``out`` and swap them in together, under
    ``out``'s lock; :mod:`graphmodel.stores.outputs` states the guarantees."""
    from graphmodel.render.page import render_html
    from graphmodel.stores.embedded.build import EmbeddedWriter
    from graphmodel.stores.outputs import staged_outputs

    with staged_outputs(out, ("graph.db", "graph.html", "graph.json")) as staging, ThreadPoolExecutor(1) as pool:
        database = pool.submit(EmbeddedWriter(staging / "graph.db").write, graph)  # the engine's COPY runs
        graphfile.write(graph, staging / "graph.json")  # outside the GIL, beside the page's layout
        render_html(graph, staging / "graph.html", title=title)
        database.result()
    return out / "graph.json", out / "graph.html", out / "graph.db"


def _corpus_name(paths: Sequence[Path]) -> str:
    """A short name for the corpus, shown in the page header.

    >>> _corpus_name([Path("data/docs")])
    'docs'
    """
    return ", ".join(Path(p).resolve().name or str(p) for p in paths)
