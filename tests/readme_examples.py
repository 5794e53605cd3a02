"""The README's shell examples, as the tests run them: each line of a ```bash block that runs graphmodel.

A line runs as written, with bash, in a folder laid out like a checkout (the sample documents, the
example queries, the gold annotations, ``../shared`` beside it) and with the placeholder folders of
the examples (``my-docs/``, ``new-gold/`` ...) standing for the sample. Lines that need Docker, a
Dask cluster or a remote host are left out (:func:`tier` says why); lines that talk to Neo4j run in
the integration tier against the real server of the tests.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["README", "ROOT", "Example", "examples", "make_checkout", "python_examples", "run_example", "tier",
           "transcripts", "written_files"]

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
_COMMAND = re.compile(r"(^|[|&;]\s*)graphmodel\s")
# placeholder folder -> what it stands for in the checkout
PLACEHOLDERS = {"my-docs": "data/docs", "new-docs": "data/docs", "my-gold": "tests/data/gold",
                "new-gold": "tests/data/gold"}
_LINKED = ("cypher", "data", "tests")
_REMOTE = re.compile(r"SCHEDULER|--scheduler|bolt://NEO4J|docker|\$\(")


@dataclass(frozen=True, slots=True)
class Example:
    """One line of a README shell block and the README line it is on."""

    line: int
    command: str
    shown: str = ""  # the output the README shows after the command, in a transcript block

    @property
    def id(self) -> str:
        return f"L{self.line}:{' '.join(self.command.split()[:4])}"


def blocks(language: str) -> list[tuple[int, list[str]]]:
    """The README's fenced blocks of ``language`` ("" for a plain block): the line number of each one's first
    line, and its lines."""
    found: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("```") and current is None:
            current, fence, first = [], line[3:].strip(), number + 1
        elif line.startswith("```"):
            if fence == language:
                found.append((first, current))
            current = None
        elif current is not None:
            current.append(line)
    return found


def examples() -> list[Example]:
    """Every line of the README's ```bash blocks that runs graphmodel, in order."""
    return [Example(first + offset, command.strip()) for first, lines in blocks("bash")
            for offset, command in enumerate(lines) if _COMMAND.search(command.split(" #")[0])]


def python_examples() -> list[Example]:
    """Every ```python block of the README, whole, as one example each (run with this Python)."""
    return [Example(first, "\n".join(lines) + "\n") for first, lines in blocks("python")]


def transcripts() -> list[Example]:
    """Each ``$ graphmodel ...`` line of the README's plain blocks, with the output shown after it."""
    found = []
    for first, lines in blocks(""):
        starts = [i for i, line in enumerate(lines) if line.startswith("$ graphmodel ")]
        for start, end in zip(starts, [*starts[1:], len(lines)], strict=False):
            shown = "".join(f"{line}\n" for line in lines[start + 1:end])
            found.append(Example(first + start, lines[start][2:], shown))
    return found


def tier(example: Example) -> str:
    """``"local"``, ``"neo4j"``, or why the tests leave the line out (Docker, a cluster, a remote host)."""
    if _REMOTE.search(example.command):
        return "needs Docker, a Dask cluster or a remote host"
    words = example.command.split(" #")[0].split()
    return "neo4j" if "--neo4j" in words or words[:2] == ["graphmodel", "load"] else "local"


def make_checkout(folder: Path) -> Path:
    """A folder laid out like a checkout for the examples: ``folder/checkout`` with ``folder/shared`` beside it."""
    checkout = folder / "checkout"
    checkout.mkdir(parents=True)
    for name in _LINKED:
        (checkout / name).symlink_to(ROOT / name)
    for name, target in PLACEHOLDERS.items():
        (checkout / name).symlink_to(ROOT / target)
    if (ROOT.parent / "shared").is_dir():
        (folder / "shared").symlink_to(ROOT.parent / "shared")
    return checkout


def run_example(example: Example, checkout: Path,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the line with bash in ``checkout``, with this Python's ``graphmodel`` first on the PATH and no browser."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    environment = {**os.environ, "PATH": path, "GRAPHMODEL_PROGRESS_INTERVAL": "60", **(env or {})}
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        environment.pop(name, None)
    return subprocess.run(["bash", "-c", example.command], cwd=checkout, env=environment, capture_output=True,
                          text=True, timeout=900, check=False)


def written_files(example: Example) -> list[str]:
    """The files a line writes: each ``-o FILE`` (not a folder, not ``-``) and each ``> FILE``."""
    words = shlex.split(example.command, comments=True)
    targets = [words[i + 1] for i, word in enumerate(words[:-1]) if word in ("-o", "--output", ">")]
    return [target for target in targets if target != "-" and Path(target).suffix]
