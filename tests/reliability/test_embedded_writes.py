"""Rebuilding and writing the embedded database: an atomic replace, a failed build, a stale log, --write.

Each test writes a database file (slow for tests/unit), so they live in the reliability tier.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from conftest import DOC1, HEGSETH, SAMPLE_ENTITIES, build_graph, names, rows

from graphmodel.errors import StoreUnavailable
from graphmodel.graph.core import add_entity, add_relation
from graphmodel.models import Entity, Evidence, Relation
from graphmodel.schema import EntityLabel, RelationType
from graphmodel.stores.embedded import build as embedded_build
from graphmodel.stores.embedded.build import write_database
from graphmodel.stores.embedded.store import open_database

pytestmark = pytest.mark.reliability


def copy_of_the_sample(sample_database: Path, folder: Path) -> Path:
    """A database file to rebuild over: the session's sample database, copied (cheaper than writing it again)."""
    return Path(shutil.copy(sample_database, folder / "graph.lbug"))


def test_writes_with_write_true_on_a_writable_database(tmp_path: Path) -> None:
    path = write_database(build_graph((DOC1,), SAMPLE_ENTITIES[:1], ()), tmp_path / "graph.lbug")
    with open_database(path, read_only=False) as store:
        store.run("MATCH (p:Person) SET p.mentions = $n", {"n": 7}, write=True)
    with open_database(path) as store:
        assert rows(store, "MATCH (p:Person) RETURN p.mentions") == [(7,)]



def other_graph() -> nx.MultiDiGraph:
    """A different graph, with an edge whose endpoints the schema's table does not list."""
    graph = build_graph((DOC1,), SAMPLE_ENTITIES[:2], ())
    add_entity(graph, Entity("place:panama-city", "Panama City", EntityLabel.PLACE, (), 1, ("doc1",)))
    add_relation(graph, Relation("place:panama-city", HEGSETH, RelationType.HOSTS,
                                 (Evidence("doc1", "Panama City welcomed Hegseth.", 0, 29, "test"),), 0.4))
    return graph


def test_rebuilding_replaces_the_database(sample_database: Path, tmp_path: Path) -> None:
    path = copy_of_the_sample(sample_database, tmp_path)
    with open_database(path) as old:
        write_database(other_graph(), path)
        assert names(old, "Country") == ["China", "Honduras", "Panama", "United States"]  # still the old file
    with open_database(path) as new:
        assert names(new, "Country") == ["United States"]
        assert rows(new, "MATCH (a:Place)-[r:HOSTS]->(b:Person) RETURN a.name, b.name, r.confidence") == [
            ("Panama City", "Pete Hegseth", 0.4)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.lbug"]


@pytest.mark.parametrize("failure", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_a_failed_build_leaves_the_old_database(sample_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                failure: BaseException) -> None:
    path = copy_of_the_sample(sample_database, tmp_path)
    real = embedded_build.copy_statements

    def fail_halfway(graph: nx.MultiDiGraph) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        statements = list(real(graph))
        yield from statements[:2]
        raise failure

    monkeypatch.setattr(embedded_build, "copy_statements", fail_halfway)
    with pytest.raises(StoreUnavailable if isinstance(failure, RuntimeError) else KeyboardInterrupt):
        write_database(other_graph(), path)
    with open_database(path) as store:
        assert names(store, "Country") == ["China", "Honduras", "Panama", "United States"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.lbug"]


def test_a_stale_write_ahead_log_is_not_replayed_onto_the_new_database(tmp_path: Path) -> None:
    path = tmp_path / "graph.lbug"
    path.with_name("graph.lbug.wal").write_bytes(b"left over from a crash")
    write_database(other_graph(), path)
    with open_database(path) as store:
        assert names(store, "Person") == ["Pete Hegseth"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.lbug"]
