"""The schema reaches every layer: each label and type is extractable, loadable, exportable and styled.

The tests enumerate :mod:`graphmodel.schema`; a label or type that one layer lacks fails here.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from graphmodel.evaluate.gold import LABELS as GOLD_LABELS
from graphmodel.evaluate.gold import TYPES as GOLD_TYPES
from graphmodel.export.write import dumps_subgraph, write_subgraph
from graphmodel.extract.rules.lexicon import load_lexicon
from graphmodel.graph import graphfile
from graphmodel.graph.core import add_entity, add_relation, document_row, new_graph
from graphmodel.models import Document, Entity, Evidence, Relation
from graphmodel.render.page import LABEL_STYLES, TYPE_STYLES, render_html
from graphmodel.schema import (
    DOCUMENT_FIELDS,
    DOCUMENT_PROPERTIES,
    EDGE_FIELDS,
    EXTRACTION_ORDER,
    LABELS,
    NAME_LABEL,
    NAMES_TYPE,
    NODE_FIELDS,
    RELATION_TYPES,
    STORE_EDGE_PROPERTIES,
    STORE_NODE_PROPERTIES,
    TYPE_GROUPS,
    EntityLabel,
    RelationType,
    entity_key,
)
from graphmodel.stores.cypher import (
    CLEAR_BATCH,
    COUNT_GRAPH,
    MERGE_DOCUMENTS,
    MERGE_ENTITIES,
    MERGE_RELATIONSHIPS,
    SCHEMA_STATEMENTS,
    load_statements,
    schema_file_text,
)
from graphmodel.stores.embedded.build import schema_statements as embedded_ddl
from graphmodel.stores.embedded.build import write_database
from graphmodel.stores.embedded.store import open_database
from graphmodel.stores.readback import read_store
from graphmodel.stores.rows import load_rows

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = Document("d1", "a.pdf", "", title="T", date="2025-04-07", author="Ann Lee",
                    url="https://example.org/2025/04/07/t", pages=(0, 120))


def one_of_each() -> nx.MultiDiGraph:
    """A graph with one entity per label and one relationship per type, each between allowed labels."""
    graph = new_graph()
    graph.graph["documents"]["d1"] = {**document_row(DOCUMENT), "copy_of": "d0"}  # a copy of an earlier article
    for label in EntityLabel:
        add_entity(graph, Entity(entity_key(label, f"A {label}"), f"A {label}", label, (), 1, ("d1",)))
    for rtype, spec in RELATION_TYPES.items():
        source, target = spec.sources[0], spec.targets[-1]
        if source == target:
            key = entity_key(target, f"B {target}")
            add_entity(graph, Entity(key, f"B {target}", target, (), 1, ("d1",)))
        evidence = Evidence("d1", f"A sentence about {rtype}.", 0, 10, "test")
        end = entity_key(target, f"B {target}") if source == target else entity_key(target, f"A {target}")
        add_relation(graph, Relation(entity_key(source, f"A {source}"), end, rtype, (evidence,), 0.5))
    return graph


def test_the_graph_of_every_type_has_every_label_and_type() -> None:
    graph = one_of_each()
    assert {data["label"] for _, data in graph.nodes(data=True)} == set(EntityLabel)
    assert {key for *_, key in graph.edges(keys=True)} == set(RelationType)


@pytest.mark.parametrize("rtype", list(RelationType))
def test_every_type_is_extractable(rtype: RelationType) -> None:
    spec = load_lexicon().relations[rtype]
    assert spec.triggers, f"{rtype} has no trigger words in graphmodel/data/relations.json"
    assert (spec.sources, spec.targets) == (frozenset(RELATION_TYPES[rtype].sources),
                                            frozenset(RELATION_TYPES[rtype].targets))
    assert EXTRACTION_ORDER.count(rtype) == 1


def test_every_label_and_type_is_styled() -> None:
    assert set(LABEL_STYLES) == set(EntityLabel)
    assert set(TYPE_STYLES) == set(RelationType)
    assert len({spec.color for spec in LABELS.values()}) == len(LABELS)
    assert {spec.group for spec in RELATION_TYPES.values()} <= set(TYPE_GROUPS)
    assert not TYPE_STYLES[RelationType.COOPERATES_WITH].arrow
    assert TYPE_STYLES[RelationType.HOSTS].arrow


def test_the_page_draws_every_label_and_type(tmp_path: Path) -> None:
    page = render_html(one_of_each(), tmp_path / "graph.html").read_text(encoding="utf-8")
    for name in [*EntityLabel, *RelationType]:
        assert f'"{name}"' in page or f">{name}<" in page


def test_neo4j_statements_name_every_label_and_type() -> None:
    statements = " ".join(SCHEMA_STATEMENTS)
    for label in EntityLabel:
        assert f"FOR (n:{label}) REQUIRE n.key IS UNIQUE" in statements
        assert f"FOR (n:{label}) ON (n.name)" in statements
        assert label in CLEAR_BATCH
        assert label in COUNT_GRAPH
    written = " ".join(query for query, _ in load_statements(load_rows(one_of_each())))
    for name in [*EntityLabel, *RelationType]:
        assert f"`{name}`" in written


def test_the_schema_file_is_generated_from_the_schema() -> None:
    text = (ROOT / "cypher" / "schema.cypher").read_text(encoding="utf-8")
    assert text == schema_file_text(), "run python scripts/make_schema_cypher.py"


def test_embedded_tables_cover_every_label_and_type() -> None:
    tables = [re.match(r"CREATE (?:NODE|REL) TABLE (\w+)", statement)[1] for statement in embedded_ddl()]  # type: ignore[index]
    assert set(tables) == {*EntityLabel, *RelationType, "Document", "MENTIONS", NAME_LABEL, NAMES_TYPE}


def test_every_label_and_type_loads_into_the_embedded_database(tmp_path: Path) -> None:
    with open_database(write_database(one_of_each(), tmp_path / "graph.db")) as store:
        labels = store.run("MATCH (n) WHERE n.key IS NOT NULL RETURN DISTINCT labels(n)[0] AS label").rows
        types = store.run("MATCH ()-[r]->() WHERE r.confidence IS NOT NULL RETURN DISTINCT type(r) AS type").rows
    assert {row[0] for row in labels} == set(EntityLabel)
    assert {row[0] for row in types} == set(RelationType)


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "cypher"])
def test_every_label_and_type_is_exported(fmt: str) -> None:
    text = dumps_subgraph(one_of_each(), fmt)
    for name in [*EntityLabel, *RelationType]:
        assert name in text, f"{name} missing from the {fmt} export"


def test_every_label_and_type_is_exported_as_csv(tmp_path: Path) -> None:
    nodes, relationships = write_subgraph(one_of_each(), tmp_path / "g.csv", "csv")
    with nodes.open(encoding="utf-8", newline="") as handle:
        labels = {row[":LABEL"] for row in csv.DictReader(handle)}
    with relationships.open(encoding="utf-8", newline="") as handle:
        types = {row[":TYPE"] for row in csv.DictReader(handle)}
    assert labels == set(EntityLabel)
    assert types == set(RelationType)


def test_the_graph_file_and_the_gold_reader_know_every_label_and_type() -> None:
    graph = graphfile.loads(graphfile.dumps(one_of_each()))
    assert {key for *_, key in graph.edges(keys=True)} == set(RelationType)
    assert set(GOLD_LABELS) == set(EntityLabel)
    assert set(GOLD_TYPES) == set(RelationType)


def test_the_readme_schema_table_is_the_schema() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([A-Z_]+)` \| ([^|]+) \|$", readme, re.M))
    expected = {}
    for rtype, spec in RELATION_TYPES.items():
        arrow = "↔" if spec.symmetric else "→"
        line = f"{', '.join(spec.sources)} {arrow} {', '.join(spec.targets)}"
        expected[str(rtype)] = line + (" (symmetric, stored once)" if spec.symmetric else "")
    assert {key: rows.get(key, "").strip() for key in expected} == expected
    labels_line = readme[readme.index("## Schema"):].split("Relationship", 1)[0]
    for label in EntityLabel:
        assert f"`{label}`" in labels_line


def test_the_cli_offers_every_label_and_type() -> None:
    from graphmodel.cli.export import EXPORT_LABELS, EXPORT_TYPES

    assert list(EXPORT_LABELS) == [str(label) for label in EntityLabel]
    assert list(EXPORT_TYPES) == [str(rtype) for rtype in RelationType]


def test_every_field_reaches_the_graph_file() -> None:
    payload = json.loads(graphfile.dumps(one_of_each()))
    assert [list(document) for document in payload["documents"]] == [list(DOCUMENT_FIELDS)]
    assert {tuple(node) for node in payload["nodes"]} == {("id", *NODE_FIELDS[1:])}
    assert {tuple(edge) for edge in payload["edges"]} == {EDGE_FIELDS}
    assert {(node["first_seen"], node["last_seen"]) for node in payload["nodes"]} == {("2025-04-07", "2025-04-07")}
    schema = json.loads((ROOT / "docs" / "graph.schema.json").read_text(encoding="utf-8"))["properties"]
    assert list(schema["documents"]["items"]["properties"]) == list(DOCUMENT_FIELDS)
    assert list(schema["nodes"]["items"]["properties"]) == ["id", *NODE_FIELDS[1:]]
    assert list(schema["edges"]["items"]["properties"]) == list(EDGE_FIELDS)
    assert graphfile.loads(graphfile.dumps(one_of_each())).graph["documents"]["d1"] == {**document_row(DOCUMENT),
                                                                                       "copy_of": "d0"}


def test_every_field_reaches_the_neo4j_statements() -> None:
    for field in DOCUMENT_PROPERTIES:
        assert f"d.{field} = row.props.{field}" in MERGE_DOCUMENTS
    for field in STORE_NODE_PROPERTIES[1:]:
        assert f"e.{field} = row.{field}" in MERGE_ENTITIES
    for field in STORE_EDGE_PROPERTIES:
        assert f"r.{field} = row.{field}" in MERGE_RELATIONSHIPS
    graph = one_of_each()
    rows = load_rows(graph)
    document = graph.graph["documents"]["d1"]
    assert rows.documents == [{"id": "d1", "props": {f: document[f] for f in DOCUMENT_PROPERTIES}}]
    assert {tuple(row) for group in rows.entities.values() for row in group} == {STORE_NODE_PROPERTIES}
    assert all({*STORE_EDGE_PROPERTIES} <= set(row) for group in rows.relationships.values() for row in group)


def test_every_field_survives_the_embedded_database(tmp_path: Path) -> None:
    graph = one_of_each()
    with open_database(write_database(graph, tmp_path / "graph.db")) as store:
        again = read_store(store)
    assert dict(again.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(again.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))
    assert again.graph["documents"] == graph.graph["documents"]


@pytest.mark.parametrize("fmt", ["json", "cypher"])
def test_every_field_is_exported(fmt: str) -> None:
    text = dumps_subgraph(one_of_each(), fmt)
    for name in [*DOCUMENT_PROPERTIES, *STORE_NODE_PROPERTIES[1:], *STORE_EDGE_PROPERTIES]:
        assert name in text, f"{name} missing from the {fmt} export"
    assert DOCUMENT.url in text
