"""`graphmodel why A B`: every relationship between two entities, with its evidence and documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli
from graphmodel.graph import graphfile
from graphmodel.graph.core import add_entity, add_relation, document_row, new_graph
from graphmodel.models import Document, Entity, Evidence, Relation
from graphmodel.schema import EntityLabel, RelationType

L, T = EntityLabel, RelationType
HEGSETH, US, PANAMA, CHINA = "person:pete-hegseth", "country:united-states", "country:panama", "country:china"
LAURA, ANN = "person:laura-richardson", "person:ann-richardson"
DOCUMENTS = (
    Document("d1", "data/docs/000_centsec.txt", "", title="Hegseth attends CENTSEC", date="2025-04-08"),
    Document("d2", "data/docs/001_border.txt", ""),
)


def evidence(doc: str, sentence: str, start: int = 0) -> tuple[Evidence, ...]:
    return (Evidence(doc, sentence, start, start + len(sentence), "test"),)


@pytest.fixture
def graph_file(tmp_path: Path) -> Path:
    graph = new_graph()
    for document in DOCUMENTS:
        graph.graph["documents"][document.id] = document_row(document)
    for key, name, label, aliases in [
        (HEGSETH, "Pete Hegseth", L.PERSON, ("Hegseth",)), (US, "United States", L.COUNTRY, ("U.S.",)),
        (PANAMA, "Panama", L.COUNTRY, ()), (CHINA, "China", L.COUNTRY, ("Beijing",)),
        (LAURA, "Laura Richardson", L.PERSON, ("Richardson",)), (ANN, "Ann Richardson", L.PERSON, ("Richardson",)),
    ]:
        add_entity(graph, Entity(key, name, label, aliases, 1, ("d1",)))
    for relation in [
        Relation(HEGSETH, PANAMA, T.VISITS, evidence("d2", "Hegseth  flew to\nPanama.", 40), 0.9),
        Relation(HEGSETH, PANAMA, T.VISITS, evidence("d1", "Hegseth visited Panama."), 0.5),
        Relation(PANAMA, HEGSETH, T.OPPOSES, evidence("d1", "Panama rebuked Hegseth.", 80), 0.4),
        Relation(US, PANAMA, T.COOPERATES_WITH, evidence("d1", "The U.S. and Panama agreed.", 120), 0.8),
        Relation(US, CHINA, T.OPPOSES, evidence("ghost", "The U.S. is countering Beijing."), 0.7),
    ]:
        add_relation(graph, relation)
    return graphfile.write(graph, tmp_path / "graph.json")


def test_why_prints_relationships_both_ways_with_evidence(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(cli, ["why", "Hegseth", "panama", "--graph", str(graph_file)])
    assert result.exit_code == 0
    assert result.output == (
        "Pete Hegseth (person:pete-hegseth) and Panama (country:panama): 2 relationships\n"
        "Pete Hegseth -VISITS-> Panama (confidence 0.95, 2 sentences)\n"
        "  2025-04-08  Hegseth attends CENTSEC (data/docs/000_centsec.txt)\n"
        '    "Hegseth visited Panama."\n'
        "  undated     data/docs/001_border.txt\n"
        '    "Hegseth flew to Panama."\n'
        "Panama -OPPOSES-> Pete Hegseth (confidence 0.40, 1 sentence)\n"
        "  2025-04-08  Hegseth attends CENTSEC (data/docs/000_centsec.txt)\n"
        '    "Panama rebuked Hegseth."\n'
    )


def test_why_keeps_the_order_asked_for_symmetric_types(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(cli, ["why", "PANAMA", "Country:United-States", "--graph", str(graph_file)])
    assert result.exit_code == 0
    assert result.output.splitlines()[:2] == [
        "Panama (country:panama) and United States (country:united-states): 1 relationship",
        "Panama -COOPERATES_WITH- United States (confidence 0.80, 1 sentence)",
    ]


def test_why_cites_a_document_the_graph_does_not_describe_by_id(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(cli, ["why", "beijing", "u.s.", "--graph", str(graph_file)])
    assert result.exit_code == 0
    assert result.output.splitlines()[1:] == [
        "United States -OPPOSES-> China (confidence 0.70, 1 sentence)",
        "  undated     ghost",
        '    "The U.S. is countering Beijing."',
    ]


def test_why_without_a_relationship(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(cli, ["why", "Hegseth", "China", "--graph", str(graph_file)])
    assert result.exit_code == 1
    assert result.output == f"Error: no relationship between Pete Hegseth and China in {graph_file}\n"


def test_why_unknown_entity_suggests_close_matches(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(cli, ["why", "Hegsteh", "Panama", "--graph", str(graph_file)])
    assert result.exit_code == 1
    assert result.output == (
        "Error: no entity with the name, alias or key 'Hegsteh'; did you mean Pete Hegseth (person:pete-hegseth)?\n"
    )


def test_why_ambiguous_name_lists_candidates(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(cli, ["why", "richardson", "Panama", "--graph", str(graph_file)])
    assert result.exit_code == 1
    assert result.output == (
        "Error: 'richardson' is ambiguous: Ann Richardson (person:ann-richardson), "
        "Laura Richardson (person:laura-richardson); give one of the keys instead\n"
    )


def test_why_missing_graph_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["why", "a", "b", "--graph", str(tmp_path / "nope.json")])
    assert (result.exit_code, result.output) == (1, f"Error: no graph file at {tmp_path / 'nope.json'}; run "
                                                    "`graphmodel build` first, or name the build with --graph\n")
