"""On Neo4j, the example queries find their entities through the unique Name index, never a scan of all nodes."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import neo4j
import networkx as nx
import pytest

from graphmodel.schema import EntityLabel
from graphmodel.stores.neo4j.store import Neo4jStore

pytestmark = pytest.mark.neo4j

CYPHER = Path(__file__).resolve().parents[2] / "cypher"
LOOKUPS = [("neighbourhood", {"name": "HEGSETH"}), ("shortest_path", {"from": "hegseth", "to": "Beijing"}),
           ("evidence", {"a": "centsec", "b": "Hegseth"})]
# A scan of every node is never right; a label scan of the few Document nodes can be the planner's choice
# (evidence.cypher reads the documents its evidence cites), so the names' seeks are counted instead.
SCANS = {"AllNodesScan"}


def operators(plan: Mapping[str, Any]) -> list[str]:
    """Every operator of a plan tree, without its ``@neo4j`` suffix."""
    below = (name for child in plan.get("children", []) for name in operators(child))
    return [plan["operatorType"].split("@")[0], *below]


def _with_filler(graph: nx.MultiDiGraph, per_label: int = 300) -> nx.MultiDiGraph:
    """``graph`` and a few hundred unrelated entities of every label: a database where a scan would cost
    what it costs on real data, so that the planner's choice is the one users get."""
    filled = graph.copy()
    for label in EntityLabel:
        for n in range(per_label):
            filled.add_node(f"{label.value.lower()}:filler-{n}", label=str(label), name=f"Filler {label} {n}",
                            aliases=[], mentions=1, documents=[])
    return filled


@pytest.mark.parametrize(("name", "params"), LOOKUPS)
def test_example_queries_seek_the_name_index(
    neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph, neo4j_uri: str, neo4j_auth: tuple[str, str] | None,
    neo4j_database: str, name: str, params: dict[str, str],
) -> None:
    neo4j_store.write(_with_filler(sample_graph), replace=True)  # the same statistics whatever ran before
    query = (CYPHER / f"{name}.cypher").read_text(encoding="utf-8")
    with neo4j.GraphDatabase.driver(neo4j_uri, auth=neo4j_auth) as driver:
        driver.execute_query("CALL db.awaitIndexes(60)", database_=neo4j_database)
        # planned afresh for this database's statistics, not taken from the plan cache of an earlier test
        plan = driver.execute_query("CYPHER replan=force EXPLAIN " + query, params,
                                    database_=neo4j_database).summary.plan
    found = operators(plan)
    assert found.count("NodeUniqueIndexSeek") >= len(params), " ".join(found)  # evidence also seeks its documents
    assert not SCANS & set(found), found
    assert neo4j_store.run(query, params).rows
