"""Issue 12 on a real Neo4j: a load SETs the file's values, read-only refuses administration commands,
and errors are one clear line."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import networkx as nx
import pytest
from conftest import DOC1, HEGSETH, PANAMA, SAMPLE_ENTITIES, build_graph

from graphmodel.errors import QueryError, StoreUnavailable, WriteRefused
from graphmodel.models import Entity, Evidence, Relation
from graphmodel.schema import EntityLabel, RelationType
from graphmodel.stores.neo4j.store import Neo4jStore, connect

pytestmark = [pytest.mark.neo4j, pytest.mark.reliability]

SENTENCE = "Hegseth visited Panama."


def corpus(mentions: int, starts: tuple[int, ...], confidence: float, aliases: tuple[str, ...]) -> nx.MultiDiGraph:
    hegseth = Entity(HEGSETH, "Pete Hegseth", EntityLabel.PERSON, aliases, mentions, ("doc1",))
    panama = next(e for e in SAMPLE_ENTITIES if e.key == PANAMA)
    evidence = tuple(Evidence("doc1", SENTENCE, start, start + 23, "visits") for start in starts)
    return build_graph((DOC1,), (hegseth, panama), (Relation(HEGSETH, PANAMA, RelationType.VISITS, evidence,
                                                             confidence),))


def state(store: Neo4jStore) -> list[Any]:
    nodes = store.run("MATCH (n) RETURN labels(n), properties(n) ORDER BY coalesce(n.key, n.id, n.text)").rows
    edges = store.run("MATCH (a)-[r]->(b) RETURN coalesce(a.key, a.id), type(r), b.key, properties(r) "
                      "ORDER BY coalesce(a.key, a.id), type(r), b.key").rows
    return [*nodes, *edges]


def test_a_rebuilt_graph_loads_as_a_clean_load_would(neo4j_store: Neo4jStore) -> None:
    rebuilt = corpus(3, (0,), 0.7, ("Hegseth",))
    neo4j_store.write(rebuilt)
    clean = state(neo4j_store)
    neo4j_store.clear()
    neo4j_store.write(corpus(9, (0, 40, 80), 0.9, ("Hegseth", "Secretary Hegseth")))  # the earlier load
    summary = neo4j_store.write(rebuilt)

    assert state(neo4j_store) == clean  # not 12 mentions, not a noisy-or confidence, no stale evidence
    assert summary.properties_set > 0
    again = neo4j_store.write(rebuilt)
    assert (again.nodes_created, again.relationships_created, again.properties_set) == (0, 0, 0)


def test_load_order_does_not_matter_for_what_the_last_file_holds(neo4j_store: Neo4jStore) -> None:
    first, second = corpus(2, (0,), 0.6, ()), corpus(5, (40,), 0.8, ("Hegseth",))
    neo4j_store.write(first)
    neo4j_store.write(second)
    second_last = state(neo4j_store)
    neo4j_store.clear()
    neo4j_store.write(second)

    assert state(neo4j_store) == second_last


@pytest.mark.parametrize(("query", "command"), [
    ("SHOW TRANSACTIONS", "SHOW TRANSACTIONS"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TERMINATE TRANSACTIONS"),
    ("SHOW TRANSACTIONS YIELD transactionId TERMINATE TRANSACTIONS transactionId", "SHOW TRANSACTIONS"),
    ("SHOW DATABASES", "SHOW DATABASES"),
    ("SHOW USERS", "SHOW USERS"),
    ("SHOW PRIVILEGES", "SHOW PRIVILEGES"),
    ("SHOW SETTINGS", "SHOW SETTINGS"),
    ("SHOW CONSTRAINTS", "SHOW CONSTRAINTS"),
    ("STOP DATABASE neo4j", "STOP DATABASE"),
    ("START DATABASE neo4j", "START DATABASE"),
    ("CREATE DATABASE scratch", "CREATE DATABASE"),
    ("DROP DATABASE scratch IF EXISTS", "DROP DATABASE"),
    ("ALTER DATABASE neo4j SET ACCESS READ ONLY", "ALTER DATABASE"),
    ("CREATE USER scratch SET PASSWORD 'secret-pass'", "CREATE USER"),
    ("ALTER USER neo4j SET PASSWORD 'another-pass'", "ALTER USER"),
    ("CREATE ROLE scratch", "CREATE ROLE"),
    ("GRANT ROLE admin TO scratch", "GRANT"),
    ("CREATE INDEX scratch IF NOT EXISTS FOR (n:Scratch) ON (n.name)", "CREATE INDEX"),
    ("DROP CONSTRAINT person_key", "DROP CONSTRAINT"),
])
def test_administration_commands_need_write(neo4j_store: Neo4jStore, query: str, command: str) -> None:
    with pytest.raises(WriteRefused) as raised:
        neo4j_store.run(query)
    assert str(raised.value) == (f"refusing {command} outside --write (administration commands never run "
                                 "read-only, even those that only show something); rerun with --write if you mean it")


def test_call_dbms_stays_refused(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(WriteRefused, match="refusing to CALL dbms.listConfig"):
        neo4j_store.run("CALL dbms.listConfig()")


def test_show_runs_with_write(neo4j_store: Neo4jStore) -> None:
    assert neo4j_store.run("SHOW TRANSACTIONS YIELD transactionId RETURN count(*) AS n", write=True).rows[0][0] >= 1


def test_the_system_database_is_refused_in_one_line(neo4j_uri: str, neo4j_auth: tuple[str, str] | None) -> None:
    with pytest.raises(StoreUnavailable) as raised, connect(neo4j_uri, neo4j_auth, database="system"):
        pass
    assert str(raised.value) == ("graphmodel's data cannot live in Neo4j's system database (it holds only users, "
                                 "roles and databases); pick a user database with --database (default neo4j)")


@pytest.mark.parametrize(("query", "message"), [
    ("MATCH (n:Persn) RETURN n", "the graph has no label 'Persn' (its labels: Country, Document, Event, "
                                 "Initiative, Organization, Person, Place); fix the query and run it again"),
    ("MATCH ()-[r:VISITZ]->() RETURN r", "the graph has no relationship type 'VISITZ' (its relationship types: "
     "AFFILIATED_WITH, COOPERATES_WITH, HOSTS, LOCATED_IN, MEMBER_OF, OPPOSES, PARTICIPATES_IN, PART_OF, VISITS); "
     "fix the query and run it again"),
])
def test_an_unknown_name_is_an_error(neo4j_store: Neo4jStore, query: str, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        neo4j_store.run(query)
    assert str(raised.value) == message


def test_a_schema_label_the_database_lacks_matches_nothing(neo4j_store: Neo4jStore) -> None:
    assert neo4j_store.run("MATCH (n:Place)-[:LOCATED_IN]->(m) RETURN n").rows == ()


def test_a_deadlock_retry_logs_one_line(neo4j_store: Neo4jStore, caplog: pytest.LogCaptureFixture) -> None:
    neo4j_store.write(corpus(1, (0,), 0.5, ()))
    keys = {"a": HEGSETH, "b": PANAMA}
    holding = threading.Event()

    def other_session() -> None:  # holds a, then asks for b while the query below holds b and waits for a
        with neo4j_store._driver.session(database=neo4j_store.database) as session, \
                session.begin_transaction() as tx:
            tx.run("MATCH (a {key: $a}) SET a.lock = 1", keys).consume()
            holding.set()
            time.sleep(0.5)
            tx.run("MATCH (b {key: $b}) SET b.lock = 1", keys).consume()
            tx.commit()

    thread = threading.Thread(target=other_session)
    thread.start()
    holding.wait(10)
    with caplog.at_level(logging.WARNING, logger="neo4j"):
        neo4j_store.run("MATCH (b {key: $b}) SET b.lock = 2 WITH b CALL { UNWIND range(1, 3000000) AS i "
                        "RETURN count(i) AS slow } MATCH (a {key: $a}) SET a.lock = 2", keys, write=True)
    thread.join(30)
    retries = [r.getMessage() for r in caplog.records if "retried" in r.getMessage()]
    assert retries, "no deadlock happened"
    assert all("\n" not in message and "DeadlockDetected" in message for message in retries)
