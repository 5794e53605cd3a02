"""Loading into and querying a real Neo4j 5 server (GRAPHMODEL_NEO4J_URI / GRAPHMODEL_NEO4J_PASSWORD)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from conftest import CHINA, DOC1, HEGSETH, PANAMA, SAMPLE_ENTITIES, SAMPLE_RELATIONS, US, build_graph

from graphmodel.models import Document, Entity, Evidence, Relation
from graphmodel.schema import EntityLabel, RelationType
from graphmodel.stores import QueryResult
from graphmodel.stores.neo4j.store import Neo4jStore, connect

pytestmark = pytest.mark.neo4j

CYPHER = Path(__file__).resolve().parents[2] / "cypher"

DOC3 = Document("doc3", "data/docs/002_hegseth_canal.txt", "", title="Hegseth visits the Panama Canal",
                date="2025-04-08", author="John Roe")
CANAL_VISIT = "Secretary Hegseth travelled to Panama to see the canal."
DEFENSE_CHIEF = "As America's defense chief, Hegseth ..."
ENTITY = {entity.key: entity for entity in SAMPLE_ENTITIES}


def second_graph() -> nx.MultiDiGraph:
    """Another corpus: doc3 is new, and doc1's OPPOSES evidence is extracted again."""
    entities = (
        Entity(HEGSETH, "Pete Hegseth", EntityLabel.PERSON, ("Secretary Hegseth",), 2, ("doc3",)),
        Entity(US, "United States", EntityLabel.COUNTRY, ("America",), 1, ("doc3",)),
        Entity(PANAMA, "Panama", EntityLabel.COUNTRY, (), 1, ("doc3",)),
        Entity(CHINA, "China", EntityLabel.COUNTRY, ("Beijing",), 1, ("doc1",)),
    )
    (opposes,) = next(r.evidence for r in SAMPLE_RELATIONS if r.type is RelationType.OPPOSES)
    relations = (
        Relation(HEGSETH, PANAMA, RelationType.VISITS, (Evidence("doc3", CANAL_VISIT, 0, 55, "visits"),), 0.8),
        Relation(HEGSETH, US, RelationType.AFFILIATED_WITH, (Evidence("doc3", DEFENSE_CHIEF, 60, 99, "title"),), 0.7),
        Relation(US, CHINA, RelationType.OPPOSES, (opposes,), 0.7),
    )
    return build_graph((DOC1, DOC3), entities, relations)


def rows(store: Neo4jStore, query: str, **params: Any) -> list[tuple[Any, ...]]:
    return list(store.run(query, params).rows)


def counts(store: Neo4jStore) -> dict[str, int]:
    nodes = rows(store, "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n")
    edges = rows(store, "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")
    return dict(sorted(nodes + edges))


def snapshot(store: Neo4jStore, sort_lists: bool = False) -> tuple[list[Any], list[Any]]:
    """Every node and relationship with all its properties, in a stable order."""
    def clean(props: dict[str, Any]) -> dict[str, Any]:
        return {k: sorted(v) if sort_lists and k in ("aliases", "documents") else v for k, v in props.items()}

    nodes = rows(store, "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    edges = rows(store, "MATCH (a)-[r]->(b) RETURN coalesce(a.key, a.id, a.text) AS a, type(r) AS type, "
                        "coalesce(b.key, b.id) AS b, properties(r) AS props")
    return (sorted(((labels, clean(props)) for labels, props in nodes), key=repr),
            sorted(((a, t, b, clean(props)) for a, t, b, props in edges), key=repr))


SAMPLE_COUNTS = {"AFFILIATED_WITH": 1, "COOPERATES_WITH": 1, "Country": 4, "Document": 2, "Event": 1, "HOSTS": 1,
                 "Initiative": 1, "MENTIONS": 9, "NAMES": 14, "Name": 14, "OPPOSES": 1, "Organization": 1,
                 "PARTICIPATES_IN": 3, "Person": 1}


# --- loading ---

def test_loading_twice_changes_nothing(neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph) -> None:
    first = neo4j_store.write(sample_graph)
    before = snapshot(neo4j_store)
    second = neo4j_store.write(sample_graph)

    assert counts(neo4j_store) == SAMPLE_COUNTS
    assert snapshot(neo4j_store) == before
    assert (first.documents, first.entities, first.mentions, first.relationships) == (2, 8, 9, 7)
    assert (first.nodes_created, first.relationships_created) == (10 + 14, 16 + 14)  # and the Name look-up
    assert (second.nodes_created, second.relationships_created, second.properties_set) == (0, 0, 0)


def test_nodes_and_relationships_carry_the_graph(neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph) -> None:
    neo4j_store.write(sample_graph)

    nodes = rows(neo4j_store, "MATCH (n:Person|Country|Organization|Initiative|Event|Place) "
                              "RETURN n.key, labels(n), n.name, n.aliases, n.mentions, n.documents, n.first_seen, "
                              "n.last_seen")
    assert sorted(nodes) == sorted(
        (key, [data["label"]], data["name"], data["aliases"], data["mentions"], data["documents"],
         data["first_seen"], data["last_seen"])
        for key, data in sample_graph.nodes(data=True)
    )
    assert rows(neo4j_store, "MATCH (:Country {key: $us})-[r:PARTICIPATES_IN]->(:Initiative) RETURN properties(r)",
                us=US) == [({
                    "confidence": 0.8,
                    "first_seen": "2025-05-02",
                    "last_seen": "2025-05-02",
                    "evidence_docs": ["doc2", "doc2"],
                    "evidence_sentences": ["| United States | Operation Secure Border |",
                                           "The United States leads Operation Secure Border."],
                    "evidence_starts": [90, 10],
                    "evidence_ends": [133, 58],
                    "evidence_rules": ["table_row", "participates"],
                },)]


def test_documents_and_mentions(neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph) -> None:
    neo4j_store.write(sample_graph)

    assert rows(neo4j_store, "MATCH (d:Document) RETURN properties(d) ORDER BY d.id") == [
        ({"id": "doc1", "path": "data/docs/000_hegseth_panama.txt", "date": "2025-04-07", "author": "Jane Doe",
          "title": "Hegseth attends Central American Security Conference", "url": DOC1.url},),
        ({"id": "doc2", "path": "data/docs/001_secure_border.md", "date": "2025-05-02",
          "title": "Operation Secure Border expands"},),
    ]
    mentions = rows(neo4j_store, "MATCH (d:Document)-[m:MENTIONS]->(e) RETURN d.id, e.key, m.count")
    assert sorted(mentions) == sorted((doc, e.key, 1) for e in SAMPLE_ENTITIES for doc in e.documents)


def test_a_document_keeps_its_url(neo4j_store: Neo4jStore) -> None:
    published = Document("doc1", "a.txt", "", title="Talks", date="2025-04-07", url="https://example.org/2025/04/07/a")
    neo4j_store.write(build_graph((published,), SAMPLE_ENTITIES[:1], ()))
    assert rows(neo4j_store, "MATCH (d:Document) RETURN d.url, d.date") == [(published.url, "2025-04-07")]
    assert rows(neo4j_store, "MATCH (p:Person) RETURN p.first_seen, p.last_seen") == [("2025-04-07", "2025-04-07")]


def test_another_corpus_sets_what_it_holds(neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph) -> None:
    neo4j_store.write(sample_graph)
    neo4j_store.write(second_graph())
    after = snapshot(neo4j_store)
    again = neo4j_store.write(second_graph())

    assert (again.nodes_created, again.relationships_created, again.properties_set) == (0, 0, 0)
    assert snapshot(neo4j_store) == after
    # the second file's values, not a merge with the first load's
    assert rows(neo4j_store, "MATCH (p:Person) RETURN p.name, p.aliases, p.mentions, p.documents") == [
        ("Pete Hegseth", ["Secretary Hegseth"], 2, ["doc3"])]
    assert rows(neo4j_store, "MATCH (c:Country {key: $key}) RETURN c.aliases, c.mentions, c.documents", key=CHINA) \
        == [(["Beijing"], 1, ["doc1"])]
    assert rows(neo4j_store, "MATCH (:Person)-[r:AFFILIATED_WITH]->() "
                             "RETURN r.evidence_docs, r.evidence_sentences, r.confidence") == [
        (["doc3"], [DEFENSE_CHIEF], 0.7)]
    assert rows(neo4j_store, "MATCH ()-[r:OPPOSES]->() RETURN r.evidence_docs, r.confidence") == [(["doc1"], 0.7)]
    # its entities keep only its outgoing relationships; what it does not hold stays (Honduras, doc2, ...)
    # (the Names of its entities are its texts: Hegseth's and the United States' aliases changed)
    expected = {**SAMPLE_COUNTS, "Document": 3, "MENTIONS": 8, "NAMES": 13, "Name": 13, "PARTICIPATES_IN": 1,
                "VISITS": 1}
    del expected["COOPERATES_WITH"]
    assert counts(neo4j_store) == expected


def test_a_file_loads_the_same_whatever_was_loaded_before(
    neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph
) -> None:
    neo4j_store.write(second_graph())
    clean = snapshot(neo4j_store)
    neo4j_store.clear()
    neo4j_store.write(sample_graph)
    neo4j_store.write(second_graph())
    keys = {HEGSETH, US, PANAMA, CHINA, "doc1", "doc3"}
    nodes, edges = snapshot(neo4j_store)
    keys |= {e[0] for e in edges if e[1] == "NAMES" and e[2] in keys}  # the Names of those entities

    assert ([n for n in nodes if n[1].get("key", n[1].get("id", n[1].get("text"))) in keys],
            [e for e in edges if e[0] in keys and e[2] in keys]) == clean


def test_a_reload_sets_the_evidence_of_the_file(neo4j_store: Neo4jStore) -> None:
    def visit(start: int) -> nx.MultiDiGraph:
        evidence = Evidence(DOC1.id, "Hegseth visits Panama", start, start + 21, "path:visit")
        relation = Relation(HEGSETH, PANAMA, RelationType.VISITS, (evidence,), 0.75)
        return build_graph((DOC1,), SAMPLE_ENTITIES, (relation,))

    neo4j_store.write(visit(0))
    neo4j_store.write(visit(100))  # a rebuild found the sentence further down the same document

    assert rows(neo4j_store, "MATCH ()-[r:VISITS]->() RETURN r.evidence_starts, r.confidence") == [([100], 0.75)]


class Total:
    """A progress callback that records how many rows a load sends."""

    def __init__(self) -> None:
        self.rows: list[int] = []

    def __call__(self, total: int) -> None:
        self.rows.append(total)


def test_a_reload_sends_only_what_differs(neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph) -> None:
    sent = Total()
    neo4j_store.write(sample_graph, progress=sent)
    neo4j_store.write(sample_graph, progress=sent)  # unchanged: the documents' rows alone
    changed = sample_graph.copy()
    (target,) = [t for _, t, key in changed.out_edges(US, keys=True) if key == "PARTICIPATES_IN"]
    changed.edges[US, target, "PARTICIPATES_IN"]["confidence"] = 0.55
    summary = neo4j_store.write(changed, progress=sent)

    us = changed.nodes[US]
    # the documents, then for the United States alone: its row, MENTIONS, look-up names, outgoing
    # relationships, final row
    assert sent.rows == [sent.rows[0], 2, 2 + 1 + len(us["documents"]) + 1 + changed.out_degree(US) + 1]
    assert rows(neo4j_store, "MATCH (:Country {key: $us})-[r:PARTICIPATES_IN]->() RETURN r.confidence", us=US) \
        == [(0.55,)]
    assert (summary.nodes_created, summary.relationships_created) == (0, 0)


def test_a_reload_restores_what_was_deleted_by_hand(neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph) -> None:
    neo4j_store.write(sample_graph)
    reference = snapshot(neo4j_store)
    neo4j_store.run("MATCH (:Country {key: $us})-[r:PARTICIPATES_IN]->() DELETE r", {"us": US}, write=True)
    neo4j_store.run("MATCH (:Document)-[m:MENTIONS]->(:Person) DELETE m", write=True)
    neo4j_store.run("MATCH (c:Country {key: $china}) DETACH DELETE c", {"china": CHINA}, write=True)

    repaired = neo4j_store.write(sample_graph)

    assert snapshot(neo4j_store) == reference
    assert repaired.nodes_created == 1


def test_an_entity_changed_by_another_file_is_rewritten_by_a_reload(
    neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph
) -> None:
    neo4j_store.write(sample_graph)
    reference = snapshot(neo4j_store)
    neo4j_store.write(second_graph())  # Hegseth, the United States, Panama and China as another corpus has them
    neo4j_store.write(sample_graph)

    nodes, edges = snapshot(neo4j_store)
    keys = {HEGSETH, US, PANAMA, CHINA}
    assert [n for n in nodes if n[1].get("key") in keys] == [n for n in reference[0] if n[1].get("key") in keys]
    assert [e for e in edges if e[0] in keys] == [e for e in reference[1] if e[0] in keys]


def test_a_failed_load_keeps_whole_batches_and_a_rerun_completes(
    neo4j_uri: str, neo4j_auth: tuple[str, str] | None, neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph
) -> None:
    class FailingBar:
        updates = 0

        def __enter__(self) -> FailingBar:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def update(self, n_steps: int) -> None:
            FailingBar.updates += 1
            if FailingBar.updates == 3:
                raise RuntimeError("connection lost")

    with connect(neo4j_uri, neo4j_auth, batch_size=2) as store:
        with pytest.raises(RuntimeError, match="connection lost"):
            store.write(sample_graph, progress=lambda total: FailingBar())
        # committed: the documents (one batch of 2), then the four countries (two batches of 2), each with
        # its look-up names in the same transaction
        assert counts(store) == {"Country": 4, "Document": 2, "NAMES": 7, "Name": 7}
        store.write(sample_graph)
    assert counts(neo4j_store) == SAMPLE_COUNTS
    reference = snapshot(neo4j_store)
    neo4j_store.clear()
    neo4j_store.write(sample_graph)
    assert snapshot(neo4j_store) == reference


def test_replace_deletes_graphmodel_data_only(neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph) -> None:
    neo4j_store.write(sample_graph)
    neo4j_store.run("CREATE (:Scratch {name: 'not ours'})", write=True)
    summary = neo4j_store.write(second_graph(), replace=True)

    assert summary.nodes_deleted == 10 + 14  # and the Name look-up
    assert counts(neo4j_store) == {"AFFILIATED_WITH": 1, "Country": 3, "Document": 2, "MENTIONS": 4, "NAMES": 7,
                                   "Name": 7, "OPPOSES": 1, "Person": 1, "Scratch": 1, "VISITS": 1}
    assert rows(neo4j_store, "MATCH (p:Person) RETURN p.aliases, p.mentions") == [(["Secretary Hegseth"], 2)]


def test_sync_leaves_exactly_the_file_and_keeps_other_labels(
    neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph
) -> None:
    neo4j_store.write(second_graph(), replace=True)
    reference = snapshot(neo4j_store)
    neo4j_store.write(sample_graph)  # a corpus with another document: doc2, its entities and relationships
    neo4j_store.run("CREATE (:Scratch {name: 'not ours'})", write=True)
    before = [n for n in snapshot(neo4j_store)[0] if n[0] != ["Scratch"]]
    ours = [n for n in before if n[0] != ["Name"]]  # entities and documents
    assert len(ours) > len([n for n in reference[0] if n[0] != ["Name"]])

    summary = neo4j_store.write(second_graph(), sync=True)

    nodes, edges = snapshot(neo4j_store)
    assert [n for n in nodes if n[0] != ["Scratch"]] == reference[0]
    assert edges == reference[1]
    # the entities and documents only the other corpus had, and the look-up names only they had (the
    # load itself already dropped the names the file's entities no longer carry)
    gone = len(ours) - len([n for n in reference[0] if n[0] != ["Name"]])
    assert gone <= summary.nodes_deleted <= len(before) - len(reference[0])
    assert rows(neo4j_store, "MATCH (s:Scratch) RETURN s.name") == [("not ours",)]
    assert neo4j_store.write(second_graph(), sync=True).nodes_deleted == 0


def test_schema_is_in_place(neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph) -> None:
    neo4j_store.write(sample_graph)

    constraints = neo4j_store.run("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name", write=True).rows
    assert [name for (name,) in constraints] == ["country_key", "document_id", "event_key", "initiative_key",
                                                  "name_text", "organization_key", "person_key", "place_key"]
    hits = rows(neo4j_store, "CALL db.index.fulltext.queryNodes('entity_names', 'SOUTHCOM') YIELD node "
                             "RETURN node.name")
    assert hits == [("U.S. Southern Command",)]


# --- read-only queries ---

@pytest.mark.parametrize(("query", "message"), [
    ("MATCH (n:Person) SET n.name = 'x'", "refusing a query that writes (query type 'w')"),
    ("CREATE (n:Scratch {name: 'x'}) RETURN n", "refusing a query that reads and writes (query type 'rw')"),
    ("CREATE INDEX scratch IF NOT EXISTS FOR (n:Scratch) ON (n.name)",
     "refusing CREATE INDEX outside --write (administration commands never run read-only, "
     "even those that only show something)"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
     "refusing LOAD CSV outside --write (it reads files and URLs from the server)"),
    ("CALL dbms.components()", "refusing to CALL dbms.components outside --write "
                               "(procedures can write or reach the server)"),
    ("CALL { CREATE (n:Scratch) } RETURN 1", "refusing to CALL { ... } outside --write "
                                            "(procedures can write or reach the server)"),
])
def test_queries_are_read_only_without_write(neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph,
                                              query: str, message: str) -> None:
    from graphmodel.errors import WriteRefused

    neo4j_store.write(sample_graph)
    before = snapshot(neo4j_store)
    with pytest.raises(WriteRefused) as raised:
        neo4j_store.run(query)
    assert str(raised.value) == f"{message}; rerun with --write if you mean it"
    assert snapshot(neo4j_store) == before


def test_write_allows_writes(neo4j_store: Neo4jStore) -> None:
    result = neo4j_store.run("CREATE (n:Scratch {name: $name}) RETURN n", {"name": "x"}, write=True)
    assert result == QueryResult(("n",), (({"_label": "Scratch", "name": "x"},),))
    assert rows(neo4j_store, "MATCH (n:Scratch) RETURN n.name") == [("x",)]


def test_values_come_back_as_plain_python(neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph) -> None:
    neo4j_store.write(sample_graph)
    result = neo4j_store.run("MATCH p = (a:Person)-[r:AFFILIATED_WITH]->(c) "
                             "RETURN r.confidence AS confidence, p, date('2025-04-07') AS day")
    hegseth = {"_label": "Person", "key": HEGSETH, "name": "Pete Hegseth", "aliases": ["Hegseth"], "mentions": 3,
               "documents": ["doc1"], "first_seen": "2025-04-07", "last_seen": "2025-04-07"}
    us = {"_label": "Country", "key": US, "name": "United States", "aliases": ["U.S.", "Washington"],
          "mentions": 4, "documents": ["doc1", "doc2"], "first_seen": "2025-04-07", "last_seen": "2025-05-02"}
    evidence = {"evidence_docs": ["doc1"], "evidence_sentences": [
        "U.S. Defense Secretary Pete Hegseth spoke in Panama City."], "evidence_starts": [0],
        "evidence_ends": [57], "evidence_rules": ["title"]}
    assert result == QueryResult(("confidence", "p", "day"), (
        (0.9, [hegseth, {"_type": "AFFILIATED_WITH", "confidence": 0.9, "first_seen": "2025-04-07",
                         "last_seen": "2025-04-07", **evidence, "_direction": "->"}, us], "2025-04-07"),))


# --- the analysts' queries in cypher/ ---

EXPECTED: dict[str, tuple[dict[str, Any], tuple[str, ...], list[tuple[Any, ...]]]] = {
    "participants.cypher": ({}, ("actor", "label", "target", "confidence"), [
        ("Pete Hegseth", "Person", "Central American Security Conference", 0.9),
        ("Honduras", "Country", "Operation Secure Border", 0.6),
        ("United States", "Country", "Operation Secure Border", 0.8),
    ]),
    "hosts.cypher": ({}, ("host", "host_label", "hosted", "hosted_label", "confidence"), [
        ("U.S. Southern Command", "Organization", "Central American Security Conference", "Event", 0.8),
    ]),
    "opposition.cypher": ({}, ("opponent", "opponent_label", "opposed", "opposed_label", "confidence", "evidence"), [
        ("United States", "Country", "China", "Country", 0.7, 1),
    ]),
    "neighbourhood.cypher": ({"name": "hegseth"}, ("name", "label", "hops"), [
        ("Central American Security Conference", "Event", 1),
        ("United States", "Country", 1),
        ("China", "Country", 2),
        ("Operation Secure Border", "Initiative", 2),
        ("Panama", "Country", 2),
        ("U.S. Southern Command", "Organization", 2),
    ]),
    "shortest_path.cypher": ({"from": "Pete Hegseth", "to": "honduras"}, ("names", "types", "hops"), [
        (["Pete Hegseth", "United States", "Operation Secure Border", "Honduras"],
         ["AFFILIATED_WITH", "PARTICIPATES_IN", "PARTICIPATES_IN"], 3),
    ]),
    "country_ranking.cypher": ({}, ("country", "initiatives"), [("Honduras", 1), ("United States", 1)]),
    "evidence.cypher": ({"a": "Operation Secure Border", "b": "washington"},
                        ("source", "type", "target", "confidence", "sentence", "document", "date"), [
        ("United States", "PARTICIPATES_IN", "Operation Secure Border", 0.8,
         "The United States leads Operation Secure Border.", "Operation Secure Border expands", "2025-05-02"),
        ("United States", "PARTICIPATES_IN", "Operation Secure Border", 0.8,
         "| United States | Operation Secure Border |", "Operation Secure Border expands", "2025-05-02"),
    ]),
}


def test_every_query_file_has_expectations() -> None:
    assert sorted(p.name for p in CYPHER.glob("*.cypher")) == sorted([*EXPECTED, "schema.cypher"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_file(neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph, name: str) -> None:
    params, columns, expected = EXPECTED[name]
    neo4j_store.write(sample_graph)
    text = (CYPHER / name).read_text(encoding="utf-8")
    assert text.startswith("// ")
    assert neo4j_store.run(text, params) == QueryResult(columns, tuple(expected))


def test_evidence_file_either_direction(neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph) -> None:
    neo4j_store.write(sample_graph)
    text = (CYPHER / "evidence.cypher").read_text(encoding="utf-8")
    assert list(neo4j_store.run(text, {"a": "Hegseth", "b": "UNITED STATES"}).rows) == [
        ("Pete Hegseth", "AFFILIATED_WITH", "United States", 0.9,
         "U.S. Defense Secretary Pete Hegseth spoke in Panama City.",
         "Hegseth attends Central American Security Conference", "2025-04-07"),
    ]
    assert neo4j_store.run(text, {"a": "United States", "b": "Hegseth"}).rows == \
        neo4j_store.run(text, {"a": "Hegseth", "b": "United States"}).rows


def test_schema_file_runs(neo4j_store: Neo4jStore) -> None:
    from graphmodel.stores.cypher import split_statements

    for statement in split_statements((CYPHER / "schema.cypher").read_text(encoding="utf-8")):
        assert neo4j_store.run(statement, write=True) == QueryResult((), ())
