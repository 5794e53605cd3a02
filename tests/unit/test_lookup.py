"""The example queries find their entities through the Name look-up: a primary-key index, not a scan."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import rows

from graphmodel.schema import name_texts
from graphmodel.stores.embedded.dialect import to_embedded
from graphmodel.stores.embedded.parameters import lowered_parameters
from graphmodel.stores.embedded.store import open_database

CYPHER = Path(__file__).resolve().parents[2] / "cypher"
LOOKUPS = [("neighbourhood", {"name": "HEGSETH"}), ("shortest_path", {"from": "hegseth", "to": "Beijing"}),
           ("evidence", {"a": "centsec", "b": "Hegseth"})]


@pytest.fixture(scope="module")
def connection(sample_database: Path) -> Iterator[Any]:
    import ladybug

    database = ladybug.Database(str(sample_database), read_only=True)
    opened = ladybug.Connection(database)
    yield opened
    opened.close()
    database.close()


def plan(connection: Any, query: str, params: dict[str, str]) -> list[str]:
    """The operators of the engine's plan for ``query`` as the store sends it."""
    text, values = lowered_parameters(to_embedded(query), params)
    result = connection.execute("EXPLAIN " + text, values)
    lines = "\n".join(result.get_next()[0] for _ in iter(result.has_next, False))
    return re.findall(r"([A-Z_]+)\[\d+\]", lines)


@pytest.mark.parametrize(("name", "params"), LOOKUPS)
def test_example_queries_look_names_up_by_primary_key(connection: Any, name: str, params: dict[str, str]) -> None:
    operators = plan(connection, (CYPHER / f"{name}.cypher").read_text(encoding="utf-8"), params)
    assert operators.count("PRIMARY_KEY_SCAN_NODE_TABLE") == len(params)


def test_a_lowered_expression_would_scan_every_name(connection: Any) -> None:
    """Why the store computes toLower($p) itself: the engine compares an expression by scanning the table."""
    query = "MATCH (:Name {text: lower($name)})-[:NAMES]->(p:Person) RETURN p.name"
    operators = plan(connection, query, {"name": "HEGSETH"})
    assert "PRIMARY_KEY_SCAN_NODE_TABLE" not in operators
    operators = plan(connection, query.replace("lower($name)", "toLower($name)"), {"name": "HEGSETH"})
    assert "PRIMARY_KEY_SCAN_NODE_TABLE" in operators


def test_every_name_and_alias_names_its_entity(sample_database: Path) -> None:
    with open_database(sample_database) as store:
        entities = rows(store, "MATCH (e) WHERE e.key IS NOT NULL RETURN e.key, e.name, e.aliases")
        names = rows(store, "MATCH (n:Name)-[:NAMES]->(e) RETURN n.text, e.key")
        assert sorted(names) == sorted((text, key) for key, name, aliases in entities
                                       for text in name_texts(name, aliases))
        assert rows(store, "MATCH (n:Name) RETURN count(n)") == [(len({text for text, _ in names}),)]


def test_a_name_is_found_whatever_its_case(sample_database: Path) -> None:
    query = "MATCH (:Name {text: toLower($name)})-[:NAMES]->(e) RETURN e.name"
    with open_database(sample_database) as store:
        assert rows(store, query, name="SouthCom") == [("U.S. Southern Command",)]
        assert rows(store, query, name="pete HEGSETH") == [("Pete Hegseth",)]
        assert rows(store, query, name="nobody") == []
