"""A document whose extraction fails is named in one warning line, and the rest of the corpus is built."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli
from graphmodel.errors import DocumentError
from graphmodel.extract.rules.extractor import RuleExtractor
from graphmodel.models import Document, Extraction
from graphmodel.pipeline import build_graph
from tests.reliability.samples import SAMPLE

pytestmark = pytest.mark.reliability


class _Failing:
    """Extracts nothing, and fails on documents whose path contains "bad"."""

    def extract(self, document: Document) -> Extraction:
        if "bad" in document.path:
            raise ValueError("[E088] Text of length 1100000 exceeds maximum of 1000000.\n\nThe parser needs...")
        return Extraction(document)


def test_a_failing_document_is_named_and_the_others_are_built() -> None:
    documents = [Document("1", "a.txt", "A."), Document("2", "bad.txt", "B."), Document("3", "c.txt", "C.")]
    warnings: list[str] = []

    graph = build_graph(documents, _Failing(), on_warning=warnings.append)

    assert sorted(graph.graph["documents"]) == ["1", "3"]
    assert warnings == ["skipped bad.txt: extraction failed (ValueError: [E088] Text of length 1100000 exceeds "
                        "maximum of 1000000. The parser needs...); please report it with the file"]


def test_a_corpus_whose_every_extraction_fails_is_an_error() -> None:
    documents = [Document("1", "bad.txt", "A.")]

    with pytest.raises(DocumentError, match=r"^no document could be extracted \(1 failed\); see the warnings above$"):
        build_graph(documents, _Failing(), on_warning=lambda _message: None)


def test_build_names_the_failing_file_and_writes_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    samples = sorted(SAMPLE.glob("*.txt"))[:2]
    for sample in samples:
        shutil.copy(sample, corpus)
    bad = corpus / "bad.txt"
    bad.write_text("The talks began in Geneva.", encoding="utf-8")
    extract = RuleExtractor.extract

    def failing(self: RuleExtractor, document: Document) -> Extraction:
        if document.path == str(bad):
            raise RuntimeError("boom")
        return extract(self, document)

    monkeypatch.setattr(RuleExtractor, "extract", failing)

    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "out"), "--rules-only"])

    assert result.exit_code == 0
    assert [line for line in result.stderr.splitlines() if not line.startswith(("reading", "loading", "extract",
                                                                              "resolving", "writing"))] == [
        f"warning: skipped {bad}: extraction failed (RuntimeError: boom); please report it with the file"]
    assert result.stdout.splitlines()[-1] == f"wrote {tmp_path / 'out' / 'graph.db'}"
