"""scripts/neo4j-server's profiles: the JVM options and Neo4j settings each one starts the server with."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "neo4j-server"


def options(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    return subprocess.run([str(SCRIPT), "options", *args], env={**clean, **env}, capture_output=True, text=True,
                          check=False)


def test_the_test_profile_starts_fast() -> None:
    result = options()
    assert result.returncode == 0, result.stderr
    assert result.stdout == "profile test\njava -Xmx2g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC\n"


@pytest.mark.parametrize(("args", "env"), [(("--profile", "load"), {}), ((), {"NEO4J_PROFILE": "load"})])
def test_the_load_profile_sizes_heap_and_page_cache_to_the_machine(args: tuple[str, ...], env: dict[str, str]) -> None:
    result = options(*args, **env)
    assert result.returncode == 0, result.stderr
    profile, java, setting = result.stdout.splitlines()
    heap = java.split()[1].removeprefix("-Xms")
    megabytes = int(heap.removesuffix("m"))
    assert (profile, java) == ("profile load", f"java -Xms{heap} -Xmx{heap} -XX:+UseParallelGC")
    assert 512 <= megabytes <= 8192  # a quarter of the memory, within bounds; C2 stays on (no TieredStopAtLevel)
    assert setting == f"setting server.memory.pagecache.size={heap}"


def test_the_load_profile_takes_explicit_sizes() -> None:
    result = options("--profile", "load", NEO4J_HEAP="3g", NEO4J_PAGECACHE="5g")
    assert result.stdout.splitlines() == ["profile load", "java -Xms3g -Xmx3g -XX:+UseParallelGC",
                                          "setting server.memory.pagecache.size=5g"]


def test_an_unknown_profile_is_refused() -> None:
    result = options("--profile", "fast")
    assert result.returncode == 1
    assert result.stderr == "neo4j-server: unknown profile 'fast' (test or load)\n"
