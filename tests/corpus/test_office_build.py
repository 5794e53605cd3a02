"""`graphmodel build` of a folder of a PDF, a .docx, a .txt and a damaged PDF; `why` cites the PDF's page;
`graphmodel build -` reads a list of paths, or one document's text, from stdin.

Slow (spaCy loads), so it lives outside tests/unit; marked `corpus`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from office_files import write_docx, write_pdf

from graphmodel.cli.main import cli

pytestmark = pytest.mark.corpus

TEXT = "Defense Secretary Pete Hegseth visited Panama on Tuesday.\n"


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    write_pdf(folder / "brief.pdf")
    write_docx(folder / "wave.docx")
    (folder / "notes.txt").write_text(TEXT, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 then nothing a reader can use")
    return folder


@pytest.fixture(scope="module")
def built(docs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(cli, ["build", str(docs), "-o", str(out), "--quiet", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1
    assert result.output.startswith(f"warning: skipped {docs / 'broken.pdf'}: it is not a readable PDF (")
    return out


def _graph(out: Path) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    return payload


def test_the_pdf_the_docx_and_the_text_are_built(built: Path, docs: Path) -> None:
    documents = {Path(d["path"]).name: d for d in _graph(built)["documents"]}
    assert sorted(documents) == ["brief.pdf", "notes.txt", "wave.docx"]
    assert (documents["brief.pdf"]["title"], documents["brief.pdf"]["date"]) == ("Kestrel Report", "2025-04-08")
    assert documents["brief.pdf"]["pages"][0] == 0
    assert len(documents["brief.pdf"]["pages"]) == 2
    assert (documents["wave.docx"]["title"], documents["wave.docx"]["pages"]) == ("Phishing Wave", None)
    keys = {node["id"] for node in _graph(built)["nodes"]}
    assert {"person:nancy-faeser", "person:pete-hegseth", "place:vienna"} <= keys


@pytest.mark.parametrize("store", ["graph.json", "graph.db"])
def test_why_prints_the_page_of_pdf_evidence(built: Path, docs: Path, store: str) -> None:
    result = CliRunner().invoke(cli, ["why", "Nancy Faeser", "Ukraine", "--graph", str(built / store)])
    assert result.exit_code == 0, result.output
    assert f"  2025-04-08  Kestrel Report ({docs / 'brief.pdf'}), page 2\n" in result.output
    assert '    "Interior Minister Nancy Faeser visited Ukraine on Monday."\n' in result.output


def test_build_reads_a_list_of_paths_from_stdin(docs: Path, tmp_path: Path) -> None:
    listed = f"{docs / 'brief.pdf'}\n{docs / 'notes.txt'}\n"
    result = CliRunner().invoke(cli, ["build", "-", "-o", str(tmp_path), "--quiet", "--jobs", "1"], input=listed)
    assert result.exit_code == 0, result.output
    assert sorted(Path(d["path"]).name for d in _graph(tmp_path)["documents"]) == ["brief.pdf", "notes.txt"]


def test_build_reads_one_text_from_stdin(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "-", "-o", str(tmp_path), "--quiet", "--jobs", "1"], input=TEXT)
    assert result.exit_code == 0, result.output
    graph = _graph(tmp_path)
    assert [d["path"] for d in graph["documents"]] == ["stdin"]
    assert [(e["source"], e["type"], e["target"]) for e in graph["edges"]] == [
        ("person:pete-hegseth", "VISITS", "country:panama")]
