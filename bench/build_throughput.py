"""Build throughput (words/s) of the working tree against another revision, on the same corpus, in one run.

    python bench/build_throughput.py REV [CORPUS...]     # default corpus: data/docs and data/synth/docs

Builds alternate (REV, this tree with its default extractor, this tree with --rules-only), three
rounds each, in fresh processes and fresh output folders (this tree in one process, ``--jobs 1``);
each figure is the median CPU time (user + system) of a build, model loading included. Prints
words/s and the ratio to REV. REV's code comes from ``git archive``
and runs with this interpreter's installed packages.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 3
sys.path.insert(0, str(ROOT / "scripts"))

from compare_builds import RUN_CLI, checkout  # noqa: E402  (the command line of any revision's tree)


def cpu_seconds(source: Path, corpus: list[Path], out: Path, *extra: str) -> float:
    """CPU seconds of one build of ``corpus`` with the package under ``source``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", RUN_CLI, "build", *map(str, corpus), "-o", str(out), *extra],
                   check=True, cwd=ROOT, env={"PYTHONPATH": str(source), "PATH": "/usr/bin:/bin"}, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def words(corpus: list[Path]) -> int:
    files = [f for folder in corpus for f in folder.rglob("*") if f.suffix in {".txt", ".md", ".html"}]
    return sum(len(f.read_text(encoding="utf-8", errors="replace").split()) for f in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the revision to compare with")
    parser.add_argument("corpus", nargs="*", type=Path)
    args = parser.parse_args()
    corpus = args.corpus or [ROOT / "data" / "docs", ROOT / "data" / "synth" / "docs"]
    count = words(corpus)
    with tempfile.TemporaryDirectory(prefix="graphmodel-throughput-") as tmp:
        source = checkout(args.rev, Path(tmp))
        runs: dict[str, list[float]] = {"rev": [], "default": [], "rules-only": []}
        for round_ in range(ROUNDS):
            runs["rev"].append(cpu_seconds(source, corpus, Path(tmp) / f"a{round_}"))
            runs["default"].append(cpu_seconds(ROOT, corpus, Path(tmp) / f"b{round_}", "--jobs", "1"))
            runs["rules-only"].append(cpu_seconds(ROOT, corpus, Path(tmp) / f"c{round_}", "--rules-only",
                                                  "--jobs", "1"))
    base = statistics.median(runs["rev"])
    print(f"corpus: {count} words in {', '.join(map(str, corpus))}")
    for name, seconds in runs.items():
        median = statistics.median(seconds)
        print(f"{name:11} {count / median:8.0f} words/s  (median CPU {median:.2f} s)  ratio to {args.rev}: "
              f"{base / median:.2f}")


if __name__ == "__main__":
    main()
