"""Wall time of ``graphmodel build --jobs N`` and of builds on a Dask cluster of N workers, against
``--jobs 1`` on the same corpus, in one run.

    python bench/parallel.py                          # 200 documents, jobs 1 and 2, 3 rounds
    python bench/parallel.py --size 400 --jobs 1 2 4 --rules-only
    python bench/parallel.py --dask-workers 1 2       # also on local Dask clusters of 1 and 2 workers

The corpus is bench/build_cpu.py's (the repository's own texts, names varied per copy). Per round the
builds run in fresh processes, interleaved; each figure is the median wall time of its rounds and
the ratio is against ``--jobs 1``. A Dask cluster (``LocalCluster``, one thread per worker process)
is started before its builds and not timed; its workers load spaCy during the first timed build, as
local worker processes do. Every build's graph.json must be byte-identical to ``--jobs 1``'s: the
script fails otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from build_cpu import BUILD, ENV, write_corpus  # noqa: E402


def wall_seconds(corpus: Path, out: Path, extra: list[str]) -> float:
    """Wall seconds of one build in a fresh process."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", BUILD, "build", str(corpus), "-o", str(out), "--fresh", *extra], check=True,
                   cwd=ROOT, capture_output=True, env=ENV)
    return time.perf_counter() - started


def runs(args: argparse.Namespace, stack: contextlib.ExitStack) -> dict[str, list[str]]:
    """Build options per configuration name; starts the Dask clusters on ``stack``."""
    extra = ["--rules-only"] if args.rules_only else []
    configs = {f"jobs {n}": ["--jobs", str(n), *extra] for n in sorted(set(args.jobs) | {1})}
    for n in args.dask_workers:
        from distributed import LocalCluster

        cluster = stack.enter_context(LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                                   dashboard_address=":0", silence_logs=40))
        configs[f"dask {n}"] = ["--scheduler", cluster.scheduler_address, *extra]
    return configs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--jobs", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--dask-workers", nargs="*", type=int, default=[], metavar="N")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rules-only", action="store_true", help="build with the rules alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="graphmodel-parallel-") as tmp, contextlib.ExitStack() as stack:
        corpus = write_corpus(Path(tmp) / "corpus", args.size)
        configs = runs(args, stack)
        times: dict[str, list[float]] = {name: [] for name in configs}
        for _ in range(args.rounds):
            for name, options in configs.items():
                times[name].append(wall_seconds(corpus, Path(tmp) / name.replace(" ", "-"), options))
        graphs = {name: (Path(tmp) / name.replace(" ", "-") / "graph.json").read_bytes() for name in configs}
    differing = [name for name, graph in graphs.items() if graph != graphs["jobs 1"]]
    if differing:
        sys.exit(f"graph.json differs from --jobs 1's with {', '.join(differing)}")
    base = statistics.median(times["jobs 1"])
    print(f"{args.size} documents{' (rules only)' if args.rules_only else ''}; graph.json identical in every run")
    print(f"{'run':>8} {'wall s':>8} {'docs/s':>7} {'ratio':>6}")
    for name, walls in times.items():
        wall = statistics.median(walls)
        print(f"{name:>8} {wall:>8.2f} {args.size / wall:>7.1f} {wall / base:>6.2f}")


if __name__ == "__main__":
    main()
