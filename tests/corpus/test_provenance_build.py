"""`graphmodel build` of a small folder whose documents say where and when they were published: the url and
date of each document, and the first and last dates of the nodes and edges, reach graph.json.

Slow (spaCy loads), so it lives outside tests/unit; marked `corpus`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli

pytestmark = pytest.mark.corpus

TEXT = """Source: https://www.defense.gov/News/Releases/2025/04/08/hegseth-panama-canal/

Hegseth Visits Panama

Defense Secretary Pete Hegseth visited Panama on Tuesday. Hegseth met President Jose Raul Mulino in Panama City.
"""
HTML = """<html><head><title>Hegseth at CENTSEC</title>
<meta property="og:url" content="https://example.org/world/hegseth-centsec">
<meta property="article:published_time" content="2025-04-10T09:30:00-05:00">
</head><body><h1>Hegseth at CENTSEC</h1>
<p>Defense Secretary Pete Hegseth visited Panama again. Hegseth met President Jose Raul Mulino in Panama City.</p>
</body></html>
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    docs, out = tmp_path_factory.mktemp("docs"), tmp_path_factory.mktemp("out")
    (docs / "a_defense.txt").write_text(TEXT, encoding="utf-8")
    (docs / "b_centsec.html").write_text(HTML, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(docs), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    payload: dict[str, Any] = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    return payload


def test_each_document_keeps_its_url_and_date(built: dict[str, Any]) -> None:
    assert [(Path(d["path"]).name, d["url"], d["date"]) for d in built["documents"]] == [
        ("a_defense.txt", "https://www.defense.gov/News/Releases/2025/04/08/hegseth-panama-canal/", "2025-04-08"),
        ("b_centsec.html", "https://example.org/world/hegseth-centsec", "2025-04-10"),
    ]


def test_nodes_and_edges_span_the_dates_of_their_documents(built: dict[str, Any]) -> None:
    dates = {d["id"]: d["date"] for d in built["documents"]}
    nodes = {node["id"]: node for node in built["nodes"]}
    hegseth = nodes["person:pete-hegseth"]
    assert len(hegseth["documents"]) == 2
    assert (hegseth["first_seen"], hegseth["last_seen"]) == ("2025-04-08", "2025-04-10")
    assert built["edges"], "the build found no relationship"
    for edge in built["edges"]:
        seen = sorted(dates[item["doc"]] for item in edge["evidence"])
        assert (edge["first_seen"], edge["last_seen"]) == (seen[0], seen[-1])
