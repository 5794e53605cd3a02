"""The public API on a built graph's files, as the CLI calls it: outputs, read, stats, links, evaluate."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest
from conftest import HEGSETH, US

import graphmodel
from graphmodel.api import Outputs, outputs
from graphmodel.errors import EntityNotFound, GraphFileError

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"


@pytest.mark.parametrize(("target", "expected"), [
    ("out", Outputs(Path("out/graph.json"), Path("out/graph.html"), Path("out/graph.db"))),
    ("runs/april/", Outputs(Path("runs/april/graph.json"), Path("runs/april/graph.html"), Path("runs/april/graph.db"))),
    ("runs/graph.json", Outputs(Path("runs/graph.json"), Path("runs/graph.html"), Path("runs/graph.db"))),
    ("runs/page.HTML", Outputs(Path("runs/graph.json"), Path("runs/page.HTML"), Path("runs/graph.db"))),
    ("x/graph.lbug", Outputs(Path("x/graph.json"), Path("x/graph.html"), Path("x/graph.lbug"))),
    ("folder.2025", Outputs(Path("folder.2025/graph.json"), Path("folder.2025/graph.html"),
                            Path("folder.2025/graph.db"))),
])
def test_outputs_names_a_builds_files(target: str, expected: Outputs) -> None:
    assert outputs(target) == expected


def test_read_takes_the_output_folder_or_the_file(sample_graph_file: Path, tmp_path: Path) -> None:
    shutil.copyfile(sample_graph_file, tmp_path / "copy.json")
    by_folder, by_file = graphmodel.read(sample_graph_file.parent), graphmodel.read(tmp_path / "copy.json")
    assert len(by_folder) == len(by_file) == 8
    with pytest.raises(GraphFileError, match="^no graph file at"):
        graphmodel.read(tmp_path / "nowhere")


def test_stats_counts_most_frequent_first(sample_graph: nx.MultiDiGraph) -> None:
    counts = graphmodel.Graph(sample_graph).stats()
    assert (counts["documents"], counts["nodes"], counts["relationships"]) == (2, 8, 7)
    assert list(counts["labels"].items())[:2] == [("Country", 4), ("Event", 1)]
    assert list(counts["types"])[0] == "PARTICIPATES_IN"


def test_links_and_names(sample_graph: nx.MultiDiGraph) -> None:
    graph = graphmodel.Graph(sample_graph)
    [link] = graph.links("hegseth", "U.S.")
    assert (link.source, link.type, link.target) == (HEGSETH, "AFFILIATED_WITH", US)
    assert graph.links("Honduras", "China") == ()
    assert graph.name("washington") == "United States"
    with pytest.raises(EntityNotFound):
        graph.links("nobody", "China")


def test_evaluate_scores_against_gold(sample_graph: nx.MultiDiGraph) -> None:
    result = graphmodel.Graph(sample_graph).evaluate(GOLD)
    assert 0 < result.entities.precision <= 1
    assert result.as_dict()["entities"]["tp"] == result.entities.tp
    with pytest.raises(GraphFileError, match="no gold files"):
        graphmodel.Graph(sample_graph).evaluate(GOLD.parent / "documents")
