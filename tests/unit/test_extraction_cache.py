"""The extraction cache: records kept as JSON per document and extractor, reused only when both match."""

from __future__ import annotations

from pathlib import Path

from graphmodel.extract.cache import ExtractionCache, fingerprint
from graphmodel.extract.corpus import extract_corpus
from graphmodel.models import Document, Entity, Evidence, Extraction, Relation
from graphmodel.schema import EntityLabel, RelationType

DOC = Document("d1", "news/a.txt", "Kenya hosted the summit.", title="Summit", date="2025-04-07")
RECORD = Extraction(Document("d1", "news/a.txt", "", title="Summit", date="2025-04-07"),
                    (Entity("country:kenya", "Kenya", EntityLabel.COUNTRY, ("Kenyan",), 1, ("d1",)),
                     Entity("event:summit", "the summit", EntityLabel.EVENT, (), 1, ("d1",))),
                    (Relation("country:kenya", "event:summit", RelationType.HOSTS,
                              (Evidence("d1", "Kenya hosted the summit.", 0, 24, "path:host"),), 0.8),))


class _Counting:
    def __init__(self) -> None:
        self.extracted: list[str] = []

    def extract(self, document: Document) -> Extraction:
        self.extracted.append(document.path)
        return Extraction(document, RECORD.entities, RECORD.relations)


def test_a_stored_record_comes_back_equal_for_the_same_document_and_extractor(tmp_path: Path) -> None:
    ExtractionCache(tmp_path, "x").put(DOC, RECORD)
    assert ExtractionCache(tmp_path, "x").get(DOC) == RECORD


def test_another_extractor_another_path_or_changed_content_is_a_miss(tmp_path: Path) -> None:
    ExtractionCache(tmp_path, "x").put(DOC, RECORD)
    assert ExtractionCache(tmp_path, "y").get(DOC) is None
    assert ExtractionCache(tmp_path, "x").get(Document("d1", "news/moved.txt", DOC.text)) is None
    assert ExtractionCache(tmp_path, "x").get(Document("d2", "news/a.txt", "Kenya hosted the talks.")) is None


def test_an_unreadable_record_is_a_miss_and_is_replaced(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path, "x")
    cache.put(DOC, RECORD)
    (stored,) = tmp_path.glob("*.json")
    stored.write_text('{"format": "graphmodel-extraction/1", "extractor": "x", "record": {"entit', encoding="utf-8")
    extractor = _Counting()
    outcomes = list(extract_corpus([DOC], extractor, cache=ExtractionCache(tmp_path, "x")))
    assert extractor.extracted == ["news/a.txt"]
    assert not outcomes[0].reused
    assert ExtractionCache(tmp_path, "x").get(DOC) == RECORD


def test_only_missing_documents_are_extracted_and_outcomes_keep_corpus_order(tmp_path: Path) -> None:
    docs = [Document(f"d{n}", f"doc{n}.txt", f"Text {n}.") for n in range(6)]
    first = _Counting()
    list(extract_corpus(docs[::2], first, cache=ExtractionCache(tmp_path, "x")))
    second = _Counting()
    outcomes = list(extract_corpus(docs, second, cache=ExtractionCache(tmp_path, "x")))
    assert second.extracted == ["doc1.txt", "doc3.txt", "doc5.txt"]
    assert [(o.path, o.reused) for o in outcomes] == [(d.path, n % 2 == 0) for n, d in enumerate(docs)]


def test_prune_removes_the_records_a_build_did_not_use(tmp_path: Path) -> None:
    old = Document("d9", "gone.txt", "Gone.")
    ExtractionCache(tmp_path, "x").put(old, RECORD)
    cache = ExtractionCache(tmp_path, "x")
    cache.put(DOC, RECORD)
    assert cache.prune() == 1
    assert ExtractionCache(tmp_path, "x").get(old) is None
    assert ExtractionCache(tmp_path, "x").get(DOC) == RECORD


def test_the_fingerprint_follows_the_pipeline_and_the_model_file(tmp_path: Path) -> None:
    model = tmp_path / "model.json"
    model.write_text("{}", encoding="utf-8")
    base = fingerprint("en_core_web_sm", "3.8.0/3.8.7", model)
    assert fingerprint("en_core_web_sm", "3.8.0/3.8.7", model) == base
    assert fingerprint("en_core_web_md", "3.8.0/3.8.7", model) != base
    assert fingerprint("en_core_web_sm", "3.8.0/3.8.7", None) != base
    model.write_text('{"changed": 1}', encoding="utf-8")
    assert fingerprint("en_core_web_sm", "3.8.0/3.8.7", model) != base
