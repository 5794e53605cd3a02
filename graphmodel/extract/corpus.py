"""Extract a corpus, one document at a time, in this process or in parallel worker processes.

Extracting a document is a pure function of the document and the extractor's configuration
(:class:`ExtractorSpec`): its result, an :class:`~graphmodel.models.Extraction`, is a plain picklable
record that resolution across the corpus consumes. Results come back in document order whatever the
number of processes, so a build with ``jobs=4`` writes the same graph as one with ``jobs=1``. The
records keep the document's metadata and drop its text, which resolution does not read, so a corpus
is held in memory once as records, not as texts.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from graphmodel.extract import Extractor, make_extractor
from graphmodel.extract.cache import ExtractionCache, fingerprint
from graphmodel.extract.copies import signature
from graphmodel.models import Document, Extraction

__all__ = ["CHUNK", "SHIPPED", "ExtractorSpec", "Outcome", "default_jobs", "extract_chunk", "extract_corpus",
           "extract_record"]

# Documents are extracted in chunks of this many, in corpus order whatever the number of processes: a
# chunk's blocks are parsed in one ``nlp.pipe`` batch (about 10% less spaCy time than one per document),
# and the same chunks give the same parses, so the graph does not depend on the processes.
CHUNK = 8
# Chunks handed to the worker processes ahead of the one being waited for, per process: enough to keep
# every process busy, few enough that memory stays bounded on a corpus of any size.
_AHEAD_PER_JOB = 2
SHIPPED = "shipped"  # ExtractorSpec.model naming the relation model shipped with graphmodel


@dataclass(frozen=True, slots=True)
class ExtractorSpec:
    """What an extractor is, in a form any process (or machine) can rebuild it from.

    ``model`` is the path of a relation model file (``graphmodel train``) whose relations join the
    rules', :data:`SHIPPED` for the model shipped with graphmodel where the extractor runs, or None for
    the rules alone. On a cluster, a model file must be readable at that path on every worker.
    """

    spacy_model: str | None = None
    model: str | None = None

    def fingerprint(self) -> str:
        """What its records depend on besides the document (:func:`graphmodel.extract.cache.fingerprint`)."""
        from graphmodel.extract.learned import model as models
        from graphmodel.extract.rules.nlp import pipeline_identity

        name, version = pipeline_identity(self.spacy_model)
        model = None if self.model is None else models.SHIPPED_MODEL if self.model == SHIPPED else Path(self.model)
        return fingerprint(name, version, model)

    def make(self) -> Extractor:
        """The extractor, built once per process and reused (loading spaCy takes about a second)."""
        made = _MADE.get(self)
        if made is None:
            if self.model is None:
                made = make_extractor("rules", spacy_model=self.spacy_model)
            else:
                from graphmodel.extract.learned import model as models
                from graphmodel.extract.learned.extractor import LearnedExtractor

                path = models.SHIPPED_MODEL if self.model == SHIPPED else Path(self.model)
                made = LearnedExtractor(path, spacy_model=self.spacy_model)
            _MADE[self] = made
        return made


_MADE: dict[ExtractorSpec, Extractor] = {}


@dataclass(frozen=True, slots=True)
class Outcome:
    """One document's result: its record, or why its extraction failed."""

    path: str
    extraction: Extraction | None = None
    error: str | None = None
    reused: bool = False  # the record came from the extraction cache


def extract_record(document: Document, extractor: Extractor | ExtractorSpec) -> Outcome:
    """Extract one document into a record without its text (with the text's signature, to find copies);
    an exception becomes ``Outcome.error``.

    >>> from graphmodel.models import Document
    >>> class Broken:
    ...     def extract(self, document): raise ValueError("bad table")
    >>> extract_record(Document("d1", "a.txt", "Text."), Broken()).error
    'ValueError: bad table'
    """
    made = extractor.make() if isinstance(extractor, ExtractorSpec) else extractor
    try:
        extraction = made.extract(document)
    except Exception as error:  # one unreadable document must not cost the whole corpus
        return Outcome(document.path, error=" ".join(f"{type(error).__name__}: {error}".split()))
    if extraction.document is not None:
        extraction = replace(extraction, document=replace(extraction.document, text="", blocks=()),
                             signature=signature(document.text))
    return Outcome(document.path, extraction)


def extract_chunk(documents: Sequence[Document], extractor: Extractor | ExtractorSpec) -> list[Outcome]:
    """Extract consecutive documents, their blocks parsed together first when the extractor can.

    Raises:
        GraphModelError: the extractor of an :class:`ExtractorSpec` cannot be built here.
    """
    made = extractor.make() if isinstance(extractor, ExtractorSpec) else extractor
    prefetch = getattr(made, "prefetch", None)
    if prefetch is not None and len(documents) > 1:
        with contextlib.suppress(Exception):  # each document is then parsed alone, a failure named with it
            prefetch(documents)
    return [extract_record(document, made) for document in documents]


def default_jobs() -> int:
    """The processes a build uses by default: the cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def extract_corpus(documents: Iterable[Document], extractor: Extractor | ExtractorSpec, *, jobs: int = 1,
                   executor: Executor | None = None, cache: ExtractionCache | None = None) -> Iterator[Outcome]:
    """Extract ``documents``; yield each document's outcome in input order.

    Documents go in chunks of :data:`CHUNK`. With ``jobs`` 1 and no ``executor`` they are extracted
    here; with ``jobs`` above 1, by that many worker processes of this machine; with an ``executor``
    (such as a Dask client's, :mod:`graphmodel.cluster`), by its workers, ``jobs`` being their number.
    Documents are read from ``documents`` as workers free up, never all at once. Worker processes
    need an :class:`ExtractorSpec`: each builds its own extractor from it (an extractor that cannot be
    built stops the corpus with its error). With a ``cache``, a document whose record it holds is not
    extracted (its outcome says ``reused``), and each new record is stored in it.
    """
    if cache is not None:
        return _through_cache(documents, cache, lambda todo: extract_corpus(todo, extractor, jobs=jobs,
                                                                            executor=executor))
    chunks = _chunks(documents, CHUNK)
    if jobs <= 1 and executor is None:
        return (outcome for chunk in chunks for outcome in extract_chunk(chunk, extractor))
    if executor is not None:
        return _ordered(chunks, extractor, executor, ahead=max(jobs, 1) * _AHEAD_PER_JOB)
    if not isinstance(extractor, ExtractorSpec):
        raise TypeError("extracting in worker processes needs an ExtractorSpec, not an extractor object")
    return _in_processes(chunks, extractor, jobs)


def _in_processes(chunks: Iterable[Sequence[Document]], spec: ExtractorSpec, jobs: int) -> Iterator[Outcome]:
    chunks = iter(chunks)
    first = next(chunks, None)
    if first is None:
        return  # nothing to extract: no process started, no extractor loaded
    # fork where the platform has it: the workers start at once and share the extractor loaded here.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        spec.make()
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method),
                             initializer=_warm, initargs=(spec,)) as pool:
        yield from _ordered(itertools.chain((first,), chunks), spec, pool, ahead=jobs * _AHEAD_PER_JOB)


def _ordered(chunks: Iterable[Sequence[Document]], extractor: Extractor | ExtractorSpec, executor: Executor,
             ahead: int) -> Iterator[Outcome]:
    """Submit chunks to ``executor``, at most ``ahead`` unfinished, and yield outcomes in input order."""
    pending: deque[Future[list[Outcome]]] = deque()
    for chunk in chunks:
        pending.append(executor.submit(extract_chunk, chunk, extractor))
        if len(pending) >= ahead:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _through_cache(documents: Iterable[Document], cache: ExtractionCache,
                   extract: Callable[[Iterable[Document]], Iterator[Outcome]]) -> Iterator[Outcome]:
    """Outcomes in input order: stored records for the documents ``cache`` holds, ``extract`` for the rest."""
    order: deque[Outcome | Document] = deque()  # stored outcomes, and the documents being extracted

    def missing() -> Iterator[Document]:
        for document in documents:
            record = cache.get(document)
            order.append(Outcome(document.path, record, reused=True) if record is not None else document)
            if record is None:
                yield document

    for outcome in extract(missing()):
        head = order.popleft()
        while isinstance(head, Outcome):  # stored records of the documents before this one
            yield head
            head = order.popleft()
        if outcome.extraction is not None:
            cache.put(head, outcome.extraction)
        yield outcome
    yield from (head for head in order if isinstance(head, Outcome))  # every document left had a record


def _chunks(documents: Iterable[Document], size: int) -> Iterator[tuple[Document, ...]]:
    """Consecutive runs of ``size`` documents, the last one shorter (``itertools.batched`` from 3.12)."""
    iterator = iter(documents)
    while chunk := tuple(itertools.islice(iterator, size)):
        yield chunk


def _warm(spec: ExtractorSpec) -> None:
    """Build the worker's extractor before its first document arrives."""
    spec.make()
