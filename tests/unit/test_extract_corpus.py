"""Extracting a corpus document by document: records without text, failures as outcomes, input order."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from graphmodel.errors import GraphModelError
from graphmodel.extract.corpus import CHUNK, ExtractorSpec, extract_chunk, extract_corpus
from graphmodel.models import Document, Entity, Extraction
from graphmodel.schema import EntityLabel


class _Named:
    """One entity per document, named after its text; fails on a document whose text says so."""

    def __init__(self) -> None:
        self.prefetched: list[tuple[str, ...]] = []

    def prefetch(self, documents: tuple[Document, ...]) -> None:
        self.prefetched.append(tuple(d.path for d in documents))

    def extract(self, document: Document) -> Extraction:
        if "fail" in document.text:
            raise ValueError(f"cannot read\n{document.path}")
        return Extraction(document, (Entity(f"person:{document.id}", document.text, EntityLabel.PERSON),))


def _corpus(size: int) -> list[Document]:
    return [Document(f"d{n}", f"doc{n}.txt", "fail" if n == 3 else f"Name {n}") for n in range(size)]


def test_records_keep_metadata_and_entities_but_not_text() -> None:
    outcomes = list(extract_corpus(_corpus(2), _Named()))
    record = outcomes[0].extraction
    assert record is not None
    assert record.document is not None
    assert (record.document.id, record.document.path, record.document.text) == ("d0", "doc0.txt", "")
    assert [e.name for e in record.entities] == ["Name 0"]


def test_a_failing_document_is_an_outcome_with_its_error_and_the_rest_is_extracted() -> None:
    outcomes = list(extract_corpus(_corpus(5), _Named()))
    assert [o.path for o in outcomes] == [f"doc{n}.txt" for n in range(5)]
    assert outcomes[3].extraction is None
    assert outcomes[3].error == "ValueError: cannot read doc3.txt"
    assert all(o.extraction is not None for n, o in enumerate(outcomes) if n != 3)


def test_documents_are_prefetched_in_fixed_chunks_of_the_corpus_order() -> None:
    extractor = _Named()
    list(extract_corpus(_corpus(CHUNK * 2 + 3), extractor))
    assert [len(chunk) for chunk in extractor.prefetched] == [CHUNK, CHUNK, 3]
    assert extractor.prefetched[1][0] == f"doc{CHUNK}.txt"


def test_an_executor_returns_outcomes_in_input_order_though_later_chunks_finish_first() -> None:
    class _SlowerFirst(_Named):
        def extract(self, document: Document) -> Extraction:
            time.sleep(0.004 * (CHUNK * 4 - int(document.id[1:])) / CHUNK)
            return super().extract(document)

    with ThreadPoolExecutor(4) as pool:
        outcomes = list(extract_corpus(_corpus(CHUNK * 4), _SlowerFirst(), executor=pool, jobs=4))
    assert [o.path for o in outcomes] == [f"doc{n}.txt" for n in range(CHUNK * 4)]


def test_an_extractor_that_cannot_be_built_stops_the_corpus_with_its_error() -> None:
    spec = ExtractorSpec(spacy_model="a-pipeline-that-is-not-installed")
    with ThreadPoolExecutor(2) as pool, pytest.raises(GraphModelError, match="cannot load spaCy pipeline"):
        list(extract_corpus(_corpus(2), spec, executor=pool, jobs=2))


def test_a_chunk_whose_prefetch_fails_is_extracted_document_by_document() -> None:
    class _BadPrefetch(_Named):
        def prefetch(self, documents: tuple[Document, ...]) -> None:
            raise RuntimeError("batch too large")

    outcomes = extract_chunk(tuple(_corpus(2)), _BadPrefetch())
    assert [o.extraction.entities[0].name for o in outcomes if o.extraction] == ["Name 0", "Name 1"]


def test_worker_processes_refuse_an_extractor_object() -> None:
    with pytest.raises(TypeError, match="needs an ExtractorSpec"):
        list(extract_corpus(_corpus(2), _Named(), jobs=2))
