"""Wall time of a build that adds one document to a built folder, against the full build, in one run.

    python bench/incremental.py               # the sample and the first eight synth documents (13), 3 rounds
    python bench/incremental.py --rules-only

Per round, in fresh processes: a full build of the 13 documents into an empty folder, then the same
documents and one more, built into that folder (its extraction cache is reused: "extracted 1, reused 13").
It also times a process that only starts Python and imports graphmodel and spaCy's pipeline, the part of
every build no cache removes, and a watching build (``build --watch``, started on the 13 documents):
the time from copying the fourteenth document in to the rebuilt outputs. Figures are medians of the
rounds; the ratios are against the full build.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from build_cpu import BUILD, ENV  # noqa: E402

_START = "from graphmodel.extract.rules.nlp import load_pipeline; load_pipeline()"


def timed(arguments: list[str]) -> tuple[float, str]:
    """Wall seconds of one fresh process running ``python ARGUMENTS``, and its standard error."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *arguments], check=True, cwd=ROOT, capture_output=True, text=True, env=ENV)
    return time.perf_counter() - started, done.stderr


def watched(arguments: list[str], folder: Path, added: Path) -> float:
    """Seconds from copying ``added`` into ``folder`` to a watching build's rebuilt outputs: the
    process (``python ARGUMENTS --watch``) first builds the folder as it is, then waits for changes."""
    process = subprocess.Popen([sys.executable, *arguments, "--watch"], cwd=ROOT, env=ENV, text=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    try:
        lines = iter(process.stderr.readline, "")
        if not any(line.startswith("watching") for line in lines):
            raise SystemExit("the watching build stopped before it watched")
        started = time.perf_counter()
        shutil.copy(added, folder)
        seen = []
        for line in lines:
            seen.append(line)
            if line.startswith("built in"):
                if not any("extracted 1, reused 13" in line for line in seen):
                    raise SystemExit(f"the watching build did not reuse its records:\n{''.join(seen)}")
                return time.perf_counter() - started
        raise SystemExit(f"the watching build stopped without rebuilding:\n{''.join(seen)}")
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rules-only", action="store_true")
    args = parser.parse_args()
    extra = ["--jobs", "1", *(["--rules-only"] if args.rules_only else [])]
    synth = sorted((ROOT / "data" / "synth" / "docs").iterdir())
    base, added = [*sorted((ROOT / "data" / "docs").iterdir()), *synth[:8]], synth[8]
    times: dict[str, list[float]] = {"full build (13)": [], "add one (14)": [], "start and load spaCy": [],
                                     "watching: add one (14)": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        for round_ in range(args.rounds):
            out = Path(tmp) / f"out{round_}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            for path in base:
                shutil.copy(path, folder)
            seconds, _ = timed(["-c", BUILD, "build", str(folder), "-o", str(out), *extra])
            times["full build (13)"].append(seconds)
            shutil.copy(added, folder)
            seconds, stderr = timed(["-c", BUILD, "build", str(folder), "-o", str(out), *extra])
            if "extracted 1, reused 13" not in stderr:
                raise SystemExit(f"the build did not reuse the cache:\n{stderr}")
            times["add one (14)"].append(seconds)
            times["start and load spaCy"].append(timed(["-c", _START])[0])
            (folder / added.name).unlink()
            watch_out = Path(tmp) / f"watched{round_}"
            times["watching: add one (14)"].append(
                watched(["-c", BUILD, "build", str(folder), "-o", str(watch_out), *extra], folder, added))
    full = statistics.median(times["full build (13)"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<24} {median:6.2f} s   {median / full:5.2f}x of the full build")


if __name__ == "__main__":
    main()
