"""Build corpora with another revision's code and with the working tree's, and compare graph.json byte for byte.

A refactoring that must not change behaviour shows it with this script:

    python scripts/compare_builds.py REV                       # the sample, ../shared/eval/dev2 and dev3
    python scripts/compare_builds.py REV data/docs other/docs

REV's source comes from ``git archive``; both builds run in this interpreter, with its installed
dependencies. Exit status 0 when every graph.json is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = [ROOT / "data" / "docs", ROOT.parent / "shared" / "eval" / "dev2" / "docs",
                   ROOT.parent / "shared" / "eval" / "dev3" / "docs"]
# The command line's module moved once; a build at an older revision still finds it.
RUN_CLI = """
import importlib, sys
for name in ("graphmodel.cli.main", "graphmodel.cli"):
    try:
        module = importlib.import_module(name)
    except ImportError:
        continue
    if hasattr(module, "cli"):
        sys.exit(module.cli(sys.argv[1:]))
"""


def build(source: Path, corpus: Path, out: Path) -> Path:
    """Build ``corpus`` into ``out`` with the graphmodel package under ``source``; return graph.json."""
    # -P: without it, `python -c` puts the current folder (this checkout) before PYTHONPATH on sys.path.
    subprocess.run([sys.executable, "-P", "-c", RUN_CLI, "build", str(corpus), "-o", str(out)], check=True,
                   cwd=ROOT, env={"PYTHONPATH": str(source), "PATH": "/usr/bin:/bin"}, capture_output=True)
    return out / "graph.json"


def checkout(rev: str, folder: Path) -> Path:
    """Unpack ``rev``'s tree into ``folder`` and return it."""
    archive = folder / "rev.tar"
    subprocess.run(["git", "archive", "-o", str(archive), rev], check=True, cwd=ROOT)
    with tarfile.open(archive) as tar:
        tar.extractall(folder / "src", filter="data")
    return folder / "src"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the revision to compare with, e.g. main or a commit")
    parser.add_argument("corpora", nargs="*", type=Path, help="folders to build (default: sample, dev2, dev3)")
    args = parser.parse_args()
    corpora = [c for c in (args.corpora or DEFAULT_CORPORA) if c.is_dir()]
    different = 0
    with tempfile.TemporaryDirectory(prefix="graphmodel-compare-") as tmp:
        old_source = checkout(args.rev, Path(tmp))
        for index, corpus in enumerate(corpora):
            old = build(old_source, corpus, Path(tmp) / f"old-{index}")
            new = build(ROOT, corpus, Path(tmp) / f"new-{index}")
            same = filecmp.cmp(old, new, shallow=False)
            different += not same
            print(f"{'identical' if same else 'DIFFERENT'}  {corpus}")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
