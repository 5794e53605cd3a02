"""Big documents: an over-long paragraph builds beside the other files, in linear time and bounded memory;
a file over the size limit is refused at once, with the file and the limit named."""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli
from graphmodel.documents.read import parse_document, read_documents
from graphmodel.extract.rules.extractor import RuleExtractor
from tests.reliability.samples import SAMPLE, sample_line

pytestmark = pytest.mark.reliability


@pytest.fixture(scope="module")
def rules() -> RuleExtractor:
    return RuleExtractor()

_BUILD = "from graphmodel.cli.main import cli; cli()"
_GB = 1024 * 1024  # ru_maxrss is in kilobytes on Linux


def test_a_paragraph_over_spacy_limit_builds_beside_the_other_files(tmp_path: Path) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "x.txt").write_text("word " * 220_000, encoding="utf-8")  # 1.1 million characters on one line
    for sample in sorted(SAMPLE.glob("*.txt"))[:2]:
        shutil.copy(sample, corpus)
    began = time.perf_counter()

    result = subprocess.run([sys.executable, "-c", _BUILD, "build", str(corpus), "-o", str(tmp_path / "out")],
                            capture_output=True, text=True, check=False)

    elapsed = time.perf_counter() - began
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith(("warning", "Error"))] == []
    assert result.stdout.splitlines()[-3:] == [f"wrote {tmp_path / 'out' / name}"
                                              for name in ("graph.json", "graph.html", "graph.db")]
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert len(graph["documents"]) == 3
    assert elapsed < 30
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 2 * _GB


def test_extraction_time_grows_linearly_with_document_size(rules: RuleExtractor) -> None:
    def seconds(copies: int) -> float:
        # Numbered copies, so that no piece repeats a text parsed (and remembered) before.
        text = " ".join(f"Report {copies}-{n}. {sample_line()}" for n in range(copies))
        document = parse_document(text.encode(), f"line-{copies}.txt")
        began = time.perf_counter()
        rules.extract(document)
        return time.perf_counter() - began

    rules.extract(parse_document(b"The talks began in Geneva.", "warm-up.txt"))
    small, large = seconds(1), seconds(3)

    assert large < 4.5 * small  # three times the text: about three times the work, not nine


def test_evidence_of_a_split_paragraph_points_into_the_document(rules: RuleExtractor) -> None:
    document = parse_document(f"Title: One line\n\n{sample_line()}\n".encode(), "one-line.txt")
    assert len(document.blocks) > 1

    extraction = rules.extract(document)

    evidence = [item for relation in extraction.relations for item in relation.evidence]
    assert len(evidence) > 20
    assert all(document.text[item.start:item.end] == item.sentence for item in evidence)


@pytest.fixture
def fifty_megabytes(tmp_path: Path) -> Path:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(50_000_000)  # sparse: the size is there, the disk is not used
    return path


def test_a_file_over_the_limit_is_refused_at_once_with_the_limit_named(fifty_megabytes: Path) -> None:
    began = time.perf_counter()

    result = CliRunner().invoke(cli, ["build", str(fifty_megabytes), "-o", str(fifty_megabytes.parent / "out"), "-q"])

    assert time.perf_counter() - began < 1
    assert result.exit_code == 1
    assert result.output == (
        f"warning: skipped {fifty_megabytes}: it is 50 MB, larger than the limit of 5 MB; "
        "raise the limit with --max-document-size\n"
        f"Error: no readable .txt, .md, .html, .pdf or .docx document in {fifty_megabytes}\n")


def test_max_document_size_raises_the_limit(fifty_megabytes: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(fifty_megabytes), "-o", str(fifty_megabytes.parent / "out"),
                                      "--max-document-size", "60", "-q"])

    assert result.exit_code == 1  # read this time, and found to be no text
    assert result.output.splitlines()[0] == f"warning: skipped {fifty_megabytes}: it looks like a binary file, not text"


def test_max_document_size_lowers_the_limit_for_each_file(tmp_path: Path) -> None:
    small, big = tmp_path / "a.txt", tmp_path / "b.txt"
    small.write_text("The talks began.", encoding="utf-8")
    big.write_text("The talks began. " * 200, encoding="utf-8")
    warnings: list[str] = []

    documents = list(read_documents(tmp_path, on_warning=warnings.append, max_bytes=1_000))

    assert [document.path for document in documents] == [str(small)]
    assert warnings == [f"skipped {big}: it is 0.0034 MB, larger than the limit of 0.001 MB; "
                        "raise the limit with --max-document-size"]


@pytest.mark.parametrize("option", ["0", "-1", "many"])
def test_max_document_size_must_be_a_positive_number(option: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--max-document-size", option])

    assert result.exit_code == 2
    assert "Invalid value for '--max-document-size'" in result.output
