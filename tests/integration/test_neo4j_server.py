"""scripts/neo4j-server --profile load starts a server that runs with the profile's JVM options and page cache."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(shutil.which("java") is None, reason="scripts/neo4j-server needs Java 17")]

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "neo4j-server"
PASSWORD = "graphmodel-test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def load_server() -> Iterator[neo4j.Driver]:
    env = {**os.environ, "NEO4J_PORT": str(free_port()), "NEO4J_PASSWORD": PASSWORD,
           "NEO4J_HEAP": "768m", "NEO4J_PAGECACHE": "96m"}
    env.pop("NEO4J_JAVA_OPTS", None)
    env.pop("NEO4J_DATA_DIR", None)
    started = subprocess.run([str(SCRIPT), "start", "--profile", "load"], env=env, capture_output=True, text=True,
                             check=True)
    try:
        with neo4j.GraphDatabase.driver(started.stdout.splitlines()[-1], auth=("neo4j", PASSWORD)) as driver:
            yield driver
    finally:
        subprocess.run([str(SCRIPT), "stop"], env=env, capture_output=True, check=False)


def test_the_page_cache_is_the_profiles(load_server: neo4j.Driver) -> None:
    records, _, _ = load_server.execute_query(
        "SHOW SETTINGS YIELD name, value WHERE name = 'server.memory.pagecache.size' RETURN value")
    assert [record["value"] for record in records] == ["96.00MiB"]


def test_the_jvm_runs_with_the_profiles_options(load_server: neo4j.Driver) -> None:
    records, _, _ = load_server.execute_query(
        "CALL dbms.queryJmx('java.lang:type=Runtime') YIELD attributes "
        "RETURN attributes.InputArguments.value AS arguments")
    assert records[0]["arguments"] == ["-Xms768m", "-Xmx768m", "-XX:+UseParallelGC"]
