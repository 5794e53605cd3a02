"""Builds in several processes and on a Dask cluster write the graph a one-process build writes.

The corpus is the sample and the project's own synthetic documents (21 documents), built with the
default extractor (rules and the shipped relation model), so that every stage that could depend on
document order or on the process a document was extracted in is exercised. Marked `corpus`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from graphmodel.cli.main import cli
from graphmodel.documents.read import read_documents
from graphmodel.extract.corpus import ExtractorSpec, extract_corpus

pytestmark = pytest.mark.corpus

ROOT = Path(__file__).resolve().parents[2]
CORPUS = (ROOT / "data" / "docs", ROOT / "data" / "synth" / "docs")


def _build(out: Path, *options: str) -> Result:
    result = CliRunner().invoke(cli, ["build", *map(str, CORPUS), "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("jobs1")
    _build(out, "--jobs", "1")
    return (out / "graph.json").read_bytes()


def test_jobs_2_writes_the_graph_of_jobs_1(one_process: bytes, tmp_path: Path) -> None:
    _build(tmp_path, "--jobs", "2")
    assert b'"nodes"' in one_process
    assert (tmp_path / "graph.json").read_bytes() == one_process


def test_worker_processes_return_records_in_corpus_order_without_text() -> None:
    documents = list(read_documents(*CORPUS))
    outcomes = list(extract_corpus(iter(documents), ExtractorSpec(), jobs=2))
    assert [o.path for o in outcomes] == [d.path for d in documents]
    assert all(o.extraction is not None and o.extraction.document is not None for o in outcomes)
    assert {o.extraction.document.text for o in outcomes if o.extraction and o.extraction.document} == {""}
    assert sum(len(o.extraction.entities) for o in outcomes if o.extraction) > 100


def test_a_dask_cluster_writes_the_graph_of_a_local_build(one_process: bytes, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="the cluster build needs dask[distributed]")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=40) as cluster:
        result = _build(tmp_path, "--scheduler", cluster.scheduler_address)
        assert f"extracting on 2 worker threads of {cluster.scheduler_address}" in result.output
    assert (tmp_path / "graph.json").read_bytes() == one_process


def test_an_unreachable_scheduler_is_one_line_and_leaves_the_outputs(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the cluster build needs dask[distributed]")
    (tmp_path / "graph.json").write_text("kept", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(CORPUS[0]), "-o", str(tmp_path),
                                      "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(result.output.strip().splitlines()) == 1
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == "kept"
