"""Every malformed graph.json is refused in one line that names the JSON path of the offending field."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli
from graphmodel.graph import graphfile
from graphmodel.graph.graphschema import graph_schema, schema_text
from graphmodel.schema import EntityLabel, RelationType

pytestmark = pytest.mark.reliability

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "graph.schema.json"
LABELS = [str(label) for label in EntityLabel]
TYPES = [str(rtype) for rtype in RelationType]
NAN, INFINITY = float("nan"), float("inf")

Payload = dict[str, Any]


def setting(path: str, value: Any) -> Callable[[Payload], None]:
    """Set the field at a dotted path (``edges.3.confidence``) to ``value``."""
    *parents, last = [int(part) if part.isdigit() else part for part in path.split(".")]

    def mutate(payload: Payload) -> None:
        target: Any = payload
        for part in parents:
            target = target[part]
        target[last] = value

    return mutate


def deleting(path: str) -> Callable[[Payload], None]:
    *parents, last = [int(part) if part.isdigit() else part for part in path.split(".")]

    def mutate(payload: Payload) -> None:
        target: Any = payload
        for part in parents:
            target = target[part]
        del target[last]

    return mutate


def appending_copy(key: str, number: int) -> Callable[[Payload], None]:
    def mutate(payload: Payload) -> None:
        payload[key].append(copy.deepcopy(payload[key][number]))

    return mutate


NOT_NUMERIC = "is not allowed (JSON has no NaN or Infinity)"
# (mutation, the message after "FILE is not a graphmodel graph: ")
MALFORMED = {
    "confidence-string": (setting("edges.3.confidence", "high"), "edges[3].confidence: 'high' is not of type 'number'"),
    "confidence-nan": (setting("edges.0.confidence", NAN), f"edges[0].confidence: NaN {NOT_NUMERIC}"),
    "confidence-infinity": (setting("edges.1.confidence", INFINITY), f"edges[1].confidence: Infinity {NOT_NUMERIC}"),
    "confidence-above-1": (setting("edges.0.confidence", 1.5),
                           "edges[0].confidence: 1.5 is greater than the maximum of 1"),
    "confidence-negative": (setting("edges.0.confidence", -0.1),
                            "edges[0].confidence: -0.1 is less than the minimum of 0"),
    "confidence-null": (setting("edges.2.confidence", None), "edges[2].confidence: None is not of type 'number'"),
    "aliases-string": (setting("nodes.0.aliases", "Beijing"), "nodes[0].aliases: 'Beijing' is not of type 'array'"),
    "name-null": (setting("nodes.0.name", None), "nodes[0].name: None is not of type 'string'"),
    "name-empty": (setting("nodes.1.name", ""), "nodes[1].name: '' should be non-empty"),
    "name-nan": (setting("nodes.2.name", NAN), f"nodes[2].name: NaN {NOT_NUMERIC}"),
    "unknown-label": (setting("nodes.0.label", "Planet"), f"nodes[0].label: 'Planet' is not one of {LABELS}"),
    "node-without-id": (deleting("nodes.0.id"), "nodes[0]: 'id' is a required property"),
    "mentions-string": (setting("nodes.0.mentions", "3"), "nodes[0].mentions: '3' is not of type 'integer'"),
    "mentions-negative": (setting("nodes.0.mentions", -1), "nodes[0].mentions: -1 is less than the minimum of 0"),
    "documents-number": (setting("nodes.0.documents", [1]), "nodes[0].documents[0]: 1 is not of type 'string'"),
    "unknown-field": (setting("nodes.0.colour", "red"),
                      "nodes[0]: Additional properties are not allowed ('colour' was unexpected)"),
    "duplicate-node": (appending_copy("nodes", 0), "nodes[8].id: duplicate node id 'country:china'"),
    "unknown-type": (setting("edges.0.type", "LIKES"), f"edges[0].type: 'LIKES' is not one of {TYPES}"),
    "unknown-source": (setting("edges.0.source", "person:nobody"), "edges[0].source: unknown node 'person:nobody'"),
    "unknown-target": (setting("edges.6.target", "event:nothing"), "edges[6].target: unknown node 'event:nothing'"),
    "duplicate-edge": (appending_copy("edges", 0), "edges[7]: duplicate edge "
                       "country:honduras PARTICIPATES_IN initiative:operation-secure-border"),
    "edge-without-type": (deleting("edges.0.type"), "edges[0]: 'type' is a required property"),
    "evidence-object": (setting("edges.0.evidence", {}), "edges[0].evidence: {} is not of type 'array'"),
    "evidence-start-string": (setting("edges.0.evidence.0.start", "ten"),
                              "edges[0].evidence[0].start: 'ten' is not of type 'integer'"),
    "evidence-end-bool": (setting("edges.0.evidence.0.end", True),
                          "edges[0].evidence[0].end: True is not of type 'integer'"),
    "evidence-without-rule": (deleting("edges.0.evidence.0.rule"),
                              "edges[0].evidence[0]: 'rule' is a required property"),
    "document-title-number": (setting("documents.0.title", 5), "documents[0].title: 5 is not of type 'string', 'null'"),
    "document-without-id": (deleting("documents.1.id"), "documents[1]: 'id' is a required property"),
    "wrong-format": (setting("format", "graphmodel-graph/2"), "format: 'graphmodel-graph/1' was expected"),
    "extractor-number": (setting("extractor", 5), "extractor: 5 is not of type 'string'"),
    "unknown-top-level-field": (setting("graph", {}),
                                "top level: Additional properties are not allowed ('graph' was unexpected)"),
}


@pytest.fixture
def payload(sample_graph: nx.MultiDiGraph) -> Payload:
    sample_graph.graph["extractor"] = "rules"
    return dict(json.loads(graphfile.dumps(sample_graph)))


@pytest.mark.parametrize("command", ["stats", "export"])
@pytest.mark.parametrize(("mutate", "message"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_graph_file_is_one_line(mutate: Callable[[Payload], None], message: str, command: str,
                                          payload: Payload, runner: CliRunner, tmp_path: Path) -> None:
    mutate(payload)
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    output = ["-o", str(tmp_path / "sub.json")] if command == "export" else []
    result = runner.invoke(cli, [command, str(path), *output])
    assert result.exit_code == 1
    assert result.output == f"Error: {path} is not a graphmodel graph: {message}\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "is not valid JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1)); "
              "rebuild it with `graphmodel build`"),
        ("[]", "has no `nodes` list; is it a graph written by `graphmodel build`?"),
        ('{"nodes": {}}', "has no `nodes` list; is it a graph written by `graphmodel build`?"),
        ('{"nodes": [], "edges": [{"source": "a", "target": "b", "type": "HOSTS", "confidence": -Infinity}]}',
         f"is not a graphmodel graph: edges[0].confidence: -Infinity {NOT_NUMERIC}"),
    ],
)
def test_text_that_is_no_graph_is_one_line(text: str, message: str, runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["stats", str(path)])
    assert result.exit_code == 1
    assert result.output == f"Error: {path} {message}\n"


def test_a_well_formed_file_still_loads(payload: Payload, runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    result = runner.invoke(cli, ["stats", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 documents\n8 nodes, 7 relationships\n")


def test_the_published_schema_is_the_one_that_is_checked() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "docs/graph.schema.json is stale: python -m graphmodel.graph.graphschema > docs/graph.schema.json")


def test_the_published_schema_names_the_schema_labels_and_types() -> None:
    published = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    items = {key: published["properties"][key]["items"]["properties"] for key in ("nodes", "edges")}
    assert items["nodes"]["label"]["enum"] == LABELS
    assert items["edges"]["type"]["enum"] == TYPES
    assert published == graph_schema()


def test_the_published_schema_is_valid_json_schema() -> None:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
