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
           "written_files"]

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
_BLOCK = re.compile(r"^```bash\n(.*?)^```", re.M | re.S)
_PYTHON = re.compile(r"^```python\n(.*?)^```", re.M | re.S)
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

    @property
    def id(self) -> str:
        return f"L{self.line}:{' '.join(self.command.split()[:4])}"


def examples() -> list[Example]:
    """Every line of the README's ```bash blocks that runs graphmodel, in order."""
    text = README.read_text(encoding="utf-8")
    found = []
    for block in _BLOCK.finditer(text):
        first = text.count("\n", 0, block.start(1)) + 1
        for offset, command in enumerate(block.group(1).splitlines()):
            if _COMMAND.search(command.split(" #")[0]):
                found.append(Example(first + offset, command.strip()))
    return found


def python_examples() -> list[Example]:
    """Every ```python block of the README, whole, as one example each (run with this Python)."""
    text = README.read_text(encoding="utf-8")
    return [Example(text.count("\n", 0, block.start(1)) + 1, block.group(1)) for block in _PYTHON.finditer(text)]


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
