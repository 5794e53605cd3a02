"""A build replaces graph.json, graph.html and graph.db as one set: kills, concurrent builds, leftovers."""

from __future__ import annotations

import fcntl
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli
from graphmodel.errors import StoreUnavailable
from graphmodel.extract.cache import CACHE_FOLDER
from graphmodel.graph import graphfile
from graphmodel.render.page import render_html
from graphmodel.stores.embedded.store import open_database
from graphmodel.stores.outputs import COMPLETE_MARK, LOCK_NAME, remove_leftovers, staged_outputs
from graphmodel.stores.readback import read_store

pytestmark = pytest.mark.reliability

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted((ROOT / "data" / "docs").iterdir())
CORPUS_A, CORPUS_B = DOCS[:2], DOCS[2:]
NAMES = ("graph.db", "graph.html", "graph.json")
BUILD = [sys.executable, "-c", "from graphmodel.cli.main import cli; cli()", "build", "--rules-only", "--quiet"]


def start_build(corpus: list[Path], out: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen([*BUILD, *map(str, corpus), "-o", str(out)], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **env})


def build(corpus: list[Path], out: Path) -> None:
    process = start_build(corpus, out)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr


def output_set(out: Path) -> frozenset[str]:
    """The node keys of the set in ``out``, after checking that graph.json, graph.html and graph.db agree."""
    from_json = set(graphfile.read(out / "graph.json"))
    page = (out / "graph.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)[1])
    from_html = {node["id"] for node in data["nodes"]}
    with open_database(out / "graph.db") as store:
        from_db = set(read_store(store))
    assert from_json == from_html == from_db, "graph.json, graph.html and graph.db come from different builds"
    return frozenset(from_json)


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name not in {*NAMES, LOCK_NAME, CACHE_FOLDER})


def files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in NAMES}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A finished build of each corpus, to copy from and compare with."""
    sets = {}
    for name, corpus in (("a", CORPUS_A), ("b", CORPUS_B)):
        out = tmp_path_factory.mktemp(name)
        build(corpus, out)
        sets[name] = out
    assert output_set(sets["a"]) != output_set(sets["b"])
    return sets


def copy_set(source: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        (out / name).write_bytes((source / name).read_bytes())


def test_kill_during_the_database_write_keeps_the_previous_set(built: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    copy_set(built["a"], out)
    (out / ".graph.db.build-old").mkdir()  # what a killed build of an earlier version left
    before = files(out)
    process = start_build(CORPUS_B, out)
    while not list(out.glob(".staging-*/.graph.db.build-*")):  # the database is being written
        assert process.poll() is None, "the build ended before it could be killed"
        time.sleep(0.005)
    process.kill()
    process.wait()
    assert process.returncode == -9
    assert files(out) == before
    assert output_set(out) == output_set(built["a"])
    assert [name for name in leftovers(out) if name.startswith(".staging-")]
    build(CORPUS_B, out)
    assert leftovers(out) == []
    assert output_set(out) == output_set(built["b"])


def test_concurrent_builds_leave_one_consistent_set(built: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    processes = [start_build(CORPUS_A, out), start_build(CORPUS_B, out)]
    for process in processes:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
    assert output_set(out) in {output_set(built["a"]), output_set(built["b"])}
    assert leftovers(out) == []


@contextmanager
def holding_lock(out: Path) -> Iterator[None]:
    """Hold ``out``'s build lock from this process, as a build that is writing would."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / LOCK_NAME, "w", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield


def has_open(pid: int, name: str) -> bool:
    """Whether process ``pid`` has a file called ``name`` open (Linux)."""
    targets = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            targets.append(os.readlink(fd))
        except OSError:  # closed while we looked
            continue
    return any(target.endswith(name) for target in targets)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see the build waiting")
def test_a_second_build_waits_for_the_lock(built: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    copy_set(built["a"], out)
    with holding_lock(out):
        process = start_build(CORPUS_B, out)
        while not has_open(process.pid, LOCK_NAME):  # extraction is done; it waits for the lock
            assert process.poll() is None, process.communicate()[1]
            time.sleep(0.01)
        time.sleep(0.3)
        assert process.poll() is None
        assert leftovers(out) == []
        assert output_set(out) == output_set(built["a"])
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert output_set(out) == output_set(built["b"])


def test_a_build_that_must_not_wait_fails_in_one_line(built: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    copy_set(built["a"], out)
    with holding_lock(out):
        process = start_build(CORPUS_B, out, GRAPHMODEL_BUILD_WAIT="0")
        stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 1
    assert stderr == (f"Error: another build is writing {out} (pid {os.getpid()}); "
                      "wait for it to finish or build into another folder with -o\n")
    assert stdout == ""
    assert output_set(out) == output_set(built["a"])


# --- the output set, without spaCy ---

def stage(staging: Path, text: str) -> None:
    for name in NAMES:
        (staging / name).write_text(text, encoding="utf-8")


def contents(out: Path) -> set[str]:
    return {(out / name).read_text(encoding="utf-8") for name in NAMES}


def test_an_error_before_the_swap_changes_nothing(tmp_path: Path) -> None:
    def failing_build() -> None:
        with staged_outputs(tmp_path, NAMES) as staging:
            stage(staging, "new")
            raise RuntimeError("boom")

    stage(tmp_path, "old")
    with pytest.raises(RuntimeError, match="boom"):
        failing_build()
    assert contents(tmp_path) == {"old"}
    assert leftovers(tmp_path) == []


def test_the_swap_replaces_every_file(tmp_path: Path) -> None:
    stage(tmp_path, "old")
    (tmp_path / "graph.db.wal").write_text("stale log", encoding="utf-8")
    with staged_outputs(tmp_path, NAMES) as staging:
        stage(staging, "new")
    assert contents(tmp_path) == {"new"}
    assert leftovers(tmp_path) == []
    assert not (tmp_path / "graph.db.wal").exists()  # a stale log of the old database would replay onto the new


def test_the_next_build_finishes_an_interrupted_swap(tmp_path: Path) -> None:
    stage(tmp_path, "old")
    cut_short = tmp_path / ".staging-1"
    cut_short.mkdir()
    stage(cut_short, "new")
    (cut_short / COMPLETE_MARK).touch()
    os.replace(cut_short / "graph.db", tmp_path / "graph.db")  # killed after the first rename
    incomplete = tmp_path / ".staging-2"
    incomplete.mkdir()
    stage(incomplete, "half")
    remove_leftovers(tmp_path, NAMES)
    assert contents(tmp_path) == {"new"}
    assert leftovers(tmp_path) == []


def test_leftovers_of_atomic_writes_are_removed(tmp_path: Path) -> None:
    (tmp_path / ".graph.db.build-x1y2").mkdir()
    (tmp_path / ".graph.json.abc123").write_text("{", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with staged_outputs(tmp_path, NAMES) as staging:
        stage(staging, "new")
    assert leftovers(tmp_path) == ["notes.txt"]


def test_a_held_lock_times_out_in_one_line(tmp_path: Path) -> None:
    entered, release = threading.Event(), threading.Event()

    def first() -> None:
        with staged_outputs(tmp_path, NAMES) as staging:
            stage(staging, "first")
            entered.set()
            release.wait(10)

    thread = threading.Thread(target=first)
    thread.start()
    entered.wait(10)
    with pytest.raises(StoreUnavailable) as error, staged_outputs(tmp_path, NAMES, timeout=0.2):
        pass
    assert str(error.value) == (f"another build is writing {tmp_path} (pid {os.getpid()}); "
                                "wait for it to finish or build into another folder with -o")
    release.set()
    thread.join()
    with staged_outputs(tmp_path, NAMES, timeout=5) as staging:
        stage(staging, "second")
    assert contents(tmp_path) == {"second"}


def test_a_directory_in_the_way_is_refused(tmp_path: Path) -> None:
    (tmp_path / "graph.db").mkdir()
    with pytest.raises(StoreUnavailable, match=r"graph.db is a directory"), staged_outputs(tmp_path, NAMES):
        pass


def test_a_bad_wait_setting_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPHMODEL_BUILD_WAIT", "soon")
    with pytest.raises(StoreUnavailable, match="GRAPHMODEL_BUILD_WAIT must be a number of seconds"), \
            staged_outputs(tmp_path, NAMES):
        pass


# --- the page alone, and an empty --db ---

def test_the_page_is_replaced_atomically(sample_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    page = tmp_path / "graph.html"
    page.write_text("old page", encoding="utf-8")
    with open(page, encoding="utf-8") as reader:  # a browser reading the old page keeps reading the old page
        render_html(sample_graph, page)
        assert reader.read() == "old page"
    assert "graph-data" in page.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]


def test_a_failed_page_write_keeps_the_old_page(sample_graph: nx.MultiDiGraph, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "graph.html"
    page.write_text("old page", encoding="utf-8")

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        render_html(sample_graph, page)
    assert page.read_text(encoding="utf-8") == "old page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]


@pytest.mark.parametrize("command", [["query", "MATCH (n) RETURN n"], ["export", "-o", "x.json"]])
def test_an_empty_file_is_not_a_database(command: list[str], runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    result = runner.invoke(cli, [*command, "--db", str(empty)])
    assert result.exit_code == 1
    assert result.output == (f"Error: {empty} is an empty file, not a database built by graphmodel; "
                             "run `graphmodel build` or name another with --graph\n")
    assert empty.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]
