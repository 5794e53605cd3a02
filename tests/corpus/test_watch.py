"""``build --watch``: one process stays loaded and keeps the outputs current while the folder changes."""

from __future__ import annotations

import queue
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli
from graphmodel.errors import DocumentError
from graphmodel.watch import watch_outputs

pytestmark = pytest.mark.corpus

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = sorted((ROOT / "data" / "docs").iterdir())
EXTRA = sorted((ROOT / "data" / "synth" / "docs").iterdir())[0]
CLI = "import sys; from graphmodel.cli.main import cli; sys.exit(cli(sys.argv[1:]))"
WAIT = 120  # seconds for one build, on a loaded machine


class Watching:
    """A ``build --watch`` process and the lines of its standard error, read as they come."""

    def __init__(self, folder: Path, out: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", CLI, "build", str(folder), "-o", str(out), "--jobs", "1",
                                         "--watch"], cwd=ROOT, text=True, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("")  # the process closed its standard error

    def until_watching(self) -> list[str]:
        """The lines up to the next "watching …" line: one build, or one failed rebuild."""
        seen = []
        while not (line := self.lines.get(timeout=WAIT)).startswith("watching"):
            assert line or self.process.poll() is None, "\n".join(seen)
            seen.append(line)
        return seen


@pytest.fixture
def watching(tmp_path: Path) -> Iterator[tuple[Watching, Path, Path]]:
    folder, out = tmp_path / "docs", tmp_path / "out"
    folder.mkdir()
    for path in SAMPLE:
        shutil.copy(path, folder)
    process = Watching(folder, out)
    yield process, folder, out
    if process.process.poll() is None:
        process.process.kill()
        process.process.wait()


def _extracted(lines: list[str]) -> str:
    (line,) = [line for line in lines if line.startswith("extracting: ")]
    return line.split("; ", 1)[1]


def test_a_watching_build_rebuilds_on_each_change_from_its_records(watching: tuple[Watching, Path, Path],
                                                                   tmp_path: Path) -> None:
    process, folder, out = watching
    assert _extracted(process.until_watching()) == "extracted 5, reused 0"
    before = (out / "graph.json").read_bytes()

    (folder / "notes.xlsx").write_bytes(b"not a document")  # neither a document nor in the output folder:
    shutil.copy(EXTRA, folder)                               # no rebuild of their own
    lines = process.until_watching()
    assert lines[0] == f"changed: added {EXTRA.name}"
    assert _extracted(lines) == "extracted 1, reused 5"
    grown = (out / "graph.json").read_bytes()
    fresh = CliRunner().invoke(cli, ["build", str(folder), "-o", str(tmp_path / "fresh"), "--jobs", "1", "--fresh"])
    assert fresh.exit_code == 0, fresh.output
    assert grown == (tmp_path / "fresh" / "graph.json").read_bytes() != before

    (folder / EXTRA.name).unlink()
    lines = process.until_watching()
    assert lines[0] == f"changed: deleted {EXTRA.name}"
    assert _extracted(lines) == "extracted 0, reused 5"
    assert (out / "graph.json").read_bytes() == before

    for path in folder.glob("*.md"):  # a rebuild that fails keeps the outputs, and watching goes on
        path.unlink()
    for path in folder.glob("*.txt"):
        path.unlink()
    lines = process.until_watching()
    assert any(line.startswith("warning: the outputs were left as they were: no readable") for line in lines), lines
    assert (out / "graph.json").read_bytes() == before

    shutil.copy(SAMPLE[0], folder)
    assert _extracted(process.until_watching()) == "extracted 0, reused 1"

    process.process.send_signal(signal.SIGTERM)
    assert process.process.wait(timeout=WAIT) == 0
    assert process.lines.get(timeout=WAIT) == "stopped watching"


def test_watching_a_missing_folder_fails_at_once(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="cannot watch .*missing: no such file or folder"):
        watch_outputs([tmp_path / "missing"], tmp_path / "out", lambda changes: None)
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "missing"), "-o", str(tmp_path / "out"), "--watch"])
    assert result.exit_code == 1
    assert "cannot watch" in result.output


@pytest.mark.parametrize("option", ["--fresh", "--scheduler=tcp://127.0.0.1:1"])
def test_watch_refuses_options_it_cannot_honour(tmp_path: Path, option: str) -> None:
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "-o", str(tmp_path / "out"), "--watch", option])
    assert result.exit_code == 2
    assert "--watch watches files and folders" in result.output
