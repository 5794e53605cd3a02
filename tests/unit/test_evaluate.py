"""Scoring a graph against gold files: alignment by name, labels, ignored names, symmetric types, bad gold."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import SHARED_EVAL, missing_reason

from graphmodel.cli.main import cli
from graphmodel.errors import GraphFileError
from graphmodel.evaluate.gold import normalize_name, read_gold
from graphmodel.evaluate.report import format_score
from graphmodel.evaluate.score import Counts, score
from graphmodel.graph import graphfile
from graphmodel.graph.core import add_entity, add_relation, new_graph
from graphmodel.models import Entity, Relation
from graphmodel.schema import EntityLabel, RelationType

REFERENCE_SCORER = SHARED_EVAL / "score.py"

L, T = EntityLabel, RelationType
HEGSETH = {"name": "Pete Hegseth", "label": "Person", "aliases": ["Hegseth", "Secretary Hegseth"]}
US = {"name": "United States", "label": "Country", "aliases": ["U.S.", "Washington"]}
PANAMA = {"name": "Panama", "label": "Country", "aliases": []}
CENTSEC = {"name": "Central American Security Conference", "label": "Event", "aliases": ["CENTSEC"]}
GOLD_RELATIONS = [
    {"source": "Pete Hegseth", "type": "VISITS", "target": "Panama"},
    {"source": "Pete Hegseth", "type": "AFFILIATED_WITH", "target": "United States"},
    {"source": "Pete Hegseth", "type": "PARTICIPATES_IN", "target": "Central American Security Conference"},
    {"source": "Panama", "type": "COOPERATES_WITH", "target": "United States"},
]

NodeRow = tuple[str, str, EntityLabel, tuple[str, ...]]  # key, name, label, aliases
EdgeRow = tuple[str, RelationType, str]
NODES: list[NodeRow] = [
    ("person:pete-hegseth", "Pete Hegseth", L.PERSON, ("Hegseth",)),
    ("country:united-states", "United States", L.COUNTRY, ("U.S.",)),
    ("country:panama", "Panama", L.COUNTRY, ()),
    ("event:centsec", "Central American Security Conference", L.EVENT, ("CENTSEC",)),
]
EDGES: list[EdgeRow] = [
    ("person:pete-hegseth", T.VISITS, "country:panama"),
    ("person:pete-hegseth", T.AFFILIATED_WITH, "country:united-states"),
    ("person:pete-hegseth", T.PARTICIPATES_IN, "event:centsec"),
    ("country:united-states", T.COOPERATES_WITH, "country:panama"),
]


def make_graph(nodes: Sequence[NodeRow] = NODES, edges: Sequence[EdgeRow] = EDGES) -> nx.MultiDiGraph:
    graph = new_graph()
    for key, name, label, aliases in nodes:
        add_entity(graph, Entity(key, name, label, aliases, 1, ("d1",)))
    for source, rtype, target in edges:
        add_relation(graph, Relation(source, target, rtype))
    return graph


def write_gold(folder: Path, stem: str, entities: Sequence[Any], relations: Sequence[Any] = (),
               ignore: Sequence[str] = ()) -> Path:
    payload = {"doc": f"{stem}.txt", "entities": list(entities), "relations": list(relations), "ignore": list(ignore)}
    return write_json(folder, payload, stem)


def write_json(folder: Path, payload: object, stem: str = "d1") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    """Two documents' gold files; Hegseth is in both, under overlapping names."""
    folder = tmp_path / "gold"
    write_gold(folder, "d1", [HEGSETH, US, PANAMA], GOLD_RELATIONS[:2] + GOLD_RELATIONS[3:], ["DailyAnswer.org"])
    hegseth_again = {"name": "Secretary Hegseth", "label": "Person", "aliases": ["Hegseth"]}
    write_gold(folder, "d2", [hegseth_again, CENTSEC],
               [{"source": "Secretary Hegseth", "type": "PARTICIPATES_IN", "target": CENTSEC["name"]}])
    return folder


def test_read_gold_merges_entities_across_files(gold_dir: Path) -> None:
    gold = read_gold(gold_dir)
    assert [(e.name, e.label) for e in gold.entities] == [
        ("Pete Hegseth", "Person"), ("United States", "Country"), ("Panama", "Country"),
        ("Central American Security Conference", "Event")]
    assert gold.entities[0].forms == {"pete hegseth", "hegseth", "secretary hegseth"}
    assert gold.relations == {("VISITS", 0, 2), ("AFFILIATED_WITH", 0, 1), ("COOPERATES_WITH", 1, 2),
                              ("PARTICIPATES_IN", 0, 3)}
    assert gold.ignore == {"dailyanswerorg"}


def test_read_gold_keeps_labels_apart(tmp_path: Path) -> None:
    write_gold(tmp_path, "d1", [PANAMA, {"name": "Panama", "label": "Place", "aliases": []}])
    assert [e.label for e in read_gold(tmp_path).entities] == ["Country", "Place"]


def test_perfect_graph_scores_one(gold_dir: Path) -> None:
    result = score(make_graph(), read_gold(gold_dir))
    assert result.entities == Counts(tp=4, fp=0, fn=0)
    assert result.relations == Counts(tp=4, fp=0, fn=0)
    assert (result.entities.f1, result.relations.f1) == (1.0, 1.0)
    assert result.missed_entities == result.spurious_entities == result.missed_relations == ()


def test_missing_entity_costs_recall_and_its_relations(gold_dir: Path) -> None:
    graph = make_graph(NODES[:3], EDGES[:2] + EDGES[3:])
    result = score(graph, read_gold(gold_dir))
    assert result.entities == Counts(tp=3, fp=0, fn=1)
    assert result.relations == Counts(tp=3, fp=0, fn=1)
    assert result.missed_entities == ("Event:Central American Security Conference",)
    assert result.missed_relations == ("Pete Hegseth -PARTICIPATES_IN-> Central American Security Conference",)
    assert result.per_label["Event"] == Counts(tp=0, fp=0, fn=1)


def test_wrong_label_is_both_spurious_and_missed_but_keeps_relations(gold_dir: Path) -> None:
    nodes = [*NODES[:3], ("initiative:centsec", "Central American Security Conference", L.INITIATIVE, ())]
    edges = [*EDGES[:2], ("person:pete-hegseth", T.PARTICIPATES_IN, "initiative:centsec"), EDGES[3]]
    result = score(make_graph(nodes, edges), read_gold(gold_dir))
    assert result.entities == Counts(tp=3, fp=1, fn=1)
    assert result.per_label["Initiative"] == Counts(tp=0, fp=1, fn=0)
    assert result.per_label["Event"] == Counts(tp=0, fp=0, fn=1)
    assert result.relations == Counts(tp=4, fp=0, fn=0)
    assert result.untyped_entity_recall == 1.0


def test_names_match_after_normalisation(gold_dir: Path) -> None:
    nodes = [("person:hegseth", "Secretary Hegseth’s", L.PERSON, ()), *NODES[1:]]
    edges = [(s.replace("pete-hegseth", "hegseth"), t, o) for s, t, o in EDGES]
    assert score(make_graph(nodes, edges), read_gold(gold_dir)).entities == Counts(tp=4, fp=0, fn=0)


def test_alignment_is_one_to_one(gold_dir: Path) -> None:
    nodes = [*NODES, ("person:hegseth", "Hegseth", L.PERSON, ())]
    result = score(make_graph(nodes), read_gold(gold_dir))
    assert result.entities == Counts(tp=4, fp=1, fn=0)
    assert result.spurious_entities == ("Person:Hegseth",)


def test_ignored_name_is_neither_required_nor_wrong(gold_dir: Path) -> None:
    nodes = [*NODES, ("organization:dailyanswer", "DailyAnswer.org", L.ORGANIZATION, ())]
    edges = [*EDGES, ("organization:dailyanswer", T.OPPOSES, "country:panama")]
    result = score(make_graph(nodes, edges), read_gold(gold_dir))
    assert result.entities == Counts(tp=4, fp=0, fn=0)
    assert result.relations == Counts(tp=4, fp=0, fn=0)


def test_cooperates_with_ignores_direction_and_other_types_do_not(gold_dir: Path) -> None:
    graph = make_graph(edges=[*EDGES[1:3], ("country:panama", T.VISITS, "person:pete-hegseth")])
    graph.add_edge("country:panama", "country:united-states", key="COOPERATES_WITH", type="COOPERATES_WITH")
    result = score(graph, read_gold(gold_dir))
    assert result.per_type["COOPERATES_WITH"] == Counts(tp=1, fp=0, fn=0)
    assert result.per_type["VISITS"] == Counts(tp=0, fp=1, fn=1)
    assert result.spurious_relations == ("Panama -VISITS-> Pete Hegseth",)


def test_edge_with_an_unmatched_end_is_spurious(gold_dir: Path) -> None:
    nodes = [*NODES, ("country:china", "China", L.COUNTRY, ())]
    edges = [*EDGES, ("country:united-states", T.OPPOSES, "country:china")]
    result = score(make_graph(nodes, edges), read_gold(gold_dir))
    assert result.relations == Counts(tp=4, fp=1, fn=0)
    assert result.spurious_relations == ("United States -OPPOSES-> China",)


def test_nodes_with_other_labels_are_not_scored(gold_dir: Path) -> None:
    graph = make_graph()
    graph.add_node("topic:security", label="Topic", name="Security", aliases=[])
    graph.add_edge("topic:security", "country:panama", key="LOCATED_IN", type="LOCATED_IN")
    result = score(graph, read_gold(gold_dir))
    assert (result.entities, result.relations) == (Counts(4, 0, 0), Counts(4, 0, 0))


@pytest.mark.parametrize(("text", "normal"), [
    ("The Darién Gap", "darien gap"),
    ("China’s", "china"),
    ("U.S.", "us"),
    ("  Ministry of   Public Security ", "ministry of public security"),
    ("'Ndrangheta", "ndrangheta"),
    ("The", "the"),
])
def test_normalize_name(text: str, normal: str) -> None:
    assert normalize_name(text) == normal


BadGold = Callable[[Path], object]


@pytest.mark.parametrize(("make", "message"), [
    (lambda folder: folder.mkdir(), "no gold files (*.json) in {folder}; pass the folder of per-document gold files"),
    (lambda folder: None, "no gold files (*.json) in {folder}; pass the folder of per-document gold files"),
    (lambda folder: write_gold(folder, "d1", [{**PANAMA, "label": "Nation"}]),
     "gold file {folder}/d1.json: entity 'Panama' has label 'Nation'; use one of Country, Event, Initiative, "
     "Organization, Person, Place"),
    (lambda folder: write_gold(folder, "d1", [PANAMA], [{"source": "Panama", "type": "HOSTS", "target": "OAS"}]),
     "gold file {folder}/d1.json: relation Panama -HOSTS-> OAS names unknown entity 'OAS'; list it under "
     "`entities` or use an entity's `name`"),
    (lambda folder: write_gold(folder, "d1", [PANAMA], [{"source": "Panama", "type": "LIKES", "target": "Panama"}]),
     "gold file {folder}/d1.json: relation Panama -LIKES-> Panama has an unknown type; use one of AFFILIATED_WITH, "
     "COOPERATES_WITH, HOSTS, LOCATED_IN, MEMBER_OF, OPPOSES, PARTICIPATES_IN, PART_OF, VISITS"),
    (lambda folder: write_gold(folder, "d1", [{"label": "Country"}]),
     "gold file {folder}/d1.json: entity {{'label': 'Country'}} has no `name`"),
    (lambda folder: write_json(folder, {"entities": [PANAMA], "ignore": "Panama"}),
     "gold file {folder}/d1.json: `ignore` is not a list of names"),
    (lambda folder: write_gold(folder, "d1", [{**PANAMA, "aliases": "PA"}]),
     "gold file {folder}/d1.json: the `aliases` of entity 'Panama' are not a list of names"),
    (lambda folder: write_json(folder, []),
     "gold file {folder}/d1.json: it is not an object with an `entities` list (and `relations`, `ignore`)"),
])
def test_bad_gold_is_a_clear_error(tmp_path: Path, make: BadGold, message: str) -> None:
    folder = tmp_path / "gold"
    make(folder)
    with pytest.raises(GraphFileError) as caught:
        read_gold(folder)
    assert str(caught.value) == message.format(folder=folder)


def test_gold_that_is_not_json_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "d1.json").write_text("{", encoding="utf-8")
    with pytest.raises(GraphFileError, match=r"^cannot read gold file .*d1\.json: Expecting property name"):
        read_gold(tmp_path)


def test_format_score_ends_with_the_summary(gold_dir: Path) -> None:
    result = score(make_graph(NODES[:3], EDGES[:2]), read_gold(gold_dir))
    text = format_score(result, errors=True)
    assert text.splitlines()[-1] == "entity F1 0.857 (P 1.000 R 0.750); relation F1 0.667 (P 1.000 R 0.500)"
    assert "missed entities (1):\n  Event:Central American Security Conference\n" in text
    assert "missed relations (2):\n  Panama -COOPERATES_WITH-> United States\n" in text
    assert "spurious" in text
    assert "spurious" not in format_score(result)


def test_cli_evaluate(runner: CliRunner, gold_dir: Path, tmp_path: Path) -> None:
    graph_file = graphfile.write(make_graph(NODES[:3], EDGES[:2]), tmp_path / "graph.json")
    result = runner.invoke(cli, ["evaluate", str(graph_file), str(gold_dir)])
    assert result.exit_code == 0
    assert result.output.splitlines()[:2] == [
        "                          P      R     F1    tp    fp    fn",
        "entities              1.000  0.750  0.857     3     0     1"]
    assert result.output.endswith("\nentity F1 0.857 (P 1.000 R 0.750); relation F1 0.667 (P 1.000 R 0.500)\n")


def test_cli_evaluate_json(runner: CliRunner, gold_dir: Path, tmp_path: Path) -> None:
    graph_file = graphfile.write(make_graph(NODES[:3], EDGES[:2]), tmp_path / "graph.json")
    result = runner.invoke(cli, ["evaluate", str(graph_file), str(gold_dir), "--json"])
    assert result.exit_code == 0
    payload = json.loads(result.output)
    assert {k: payload["relations"][k] for k in ("tp", "fp", "fn", "gold")} == {"tp": 2, "fp": 0, "fn": 2, "gold": 4}
    assert payload["missed_entities"] == ["Event:Central American Security Conference"]


def test_cli_evaluate_bad_gold(runner: CliRunner, tmp_path: Path) -> None:
    graph_file = graphfile.write(make_graph(), tmp_path / "graph.json")
    path = write_gold(tmp_path / "gold", "d1", [{**PANAMA, "label": "Nation"}])
    result = runner.invoke(cli, ["evaluate", str(graph_file), str(path.parent)])
    assert result.exit_code == 1
    assert result.output == (f"Error: gold file {path}: entity 'Panama' has label 'Nation'; use one of Country, "
                             "Event, Initiative, Organization, Person, Place\n")


# --- the reference scorer gives the same numbers ------------------------------------------------------------


def reference_score(graph_file: Path, gold: Path) -> dict[str, Any]:
    command = [sys.executable, str(REFERENCE_SCORER), str(graph_file), str(gold), "--json"]
    result: dict[str, Any] = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    return result


def headline(result: dict[str, Any]) -> dict[str, Any]:
    """What must agree: rates and counts overall, per label and per type, and the wrong items
    (the two scorers may write the ends of a symmetric relationship in either order)."""
    overall = {part: {k: result[part][k] for k in ("p", "r", "f", "tp", "fp", "fn", "gold")}
               for part in ("entities", "relations")}
    items = {key: sorted(map(unordered_if_symmetric, result[key]))
             for key in ("missed_entities", "spurious_entities", "missed_relations", "spurious_relations")}
    return {**overall, "per_label": result["per_label"], "per_type": result["per_type"], **items}


def unordered_if_symmetric(item: str) -> str:
    source, arrow, target = item.partition(" -COOPERATES_WITH-> ")
    return f"{min(source, target)}{arrow}{max(source, target)}" if arrow else item


@pytest.mark.skipif(not REFERENCE_SCORER.exists(), reason=missing_reason(REFERENCE_SCORER))
def test_agrees_with_reference_scorer_on_tricky_graph(gold_dir: Path, tmp_path: Path) -> None:
    """Wrong label, duplicate alias node, ignored node, reversed symmetric edge, unmatched end."""
    nodes = [*NODES[:3], ("initiative:centsec", "CENTSEC", L.INITIATIVE, ()),
             ("person:hegseth", "Hegseth", L.PERSON, ()), ("country:china", "China", L.COUNTRY, ()),
             ("organization:dailyanswer", "DailyAnswer.org", L.ORGANIZATION, ())]
    edges = [("person:hegseth", T.VISITS, "country:panama"), ("country:panama", T.AFFILIATED_WITH, "country:china"),
             ("person:pete-hegseth", T.PARTICIPATES_IN, "initiative:centsec"),
             ("country:panama", T.COOPERATES_WITH, "country:united-states"),
             ("organization:dailyanswer", T.OPPOSES, "country:china")]
    graph = make_graph(nodes, edges)
    expected = reference_score(graphfile.write(graph, tmp_path / "graph.json"), gold_dir)
    assert headline(score(graph, read_gold(gold_dir)).as_dict()) == headline(expected)
