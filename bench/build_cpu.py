"""CPU of a build against bare spaCy ``nlp.pipe`` over the same texts, at several corpus sizes, in one run.

    python bench/build_cpu.py                    # 25, 100 and 200 documents
    python bench/build_cpu.py --sizes 25 200 1000 --rounds 3

The corpus of N documents is made from the repository's own texts (data/docs, data/synth/docs):
copy k of a source document has its paragraphs after the first reordered and its unknown
capitalised words (names the gazetteer does not know) given a suffix of its own, so that the
corpus keeps growing in distinct names as it grows in documents.

Per size and round, in fresh processes and interleaved: bare ``nlp.pipe`` over the texts the rules
parse (the same pipeline, loading included), ``graphmodel build --rules-only`` and the default
build, both with ``--jobs 1`` (one process: the CPU graphmodel adds to spaCy's; bench/parallel.py
measures the wall time of several processes). Each figure is the median CPU time (user + system) of
its rounds; the ratio is build / bare.
A linear build keeps the ratio flat as the corpus grows.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "data" / "docs", ROOT / "data" / "synth" / "docs"]
SUFFIXES = ["an", "ez", "ov", "ar", "is", "um", "en", "ol", "ak", "ir"]
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")
_BARE = """
import json, sys
from graphmodel.extract.rules.nlp import load_pipeline
nlp = load_pipeline()
texts = json.loads(open(sys.argv[1], encoding="utf-8").read())
for _ in nlp.pipe(texts):
    pass
"""
BUILD = "import sys; from graphmodel.cli.main import cli; sys.exit(cli(sys.argv[1:]))"  # python -c BUILD build ...
ENV = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "1"}  # the timed processes' environment


def source_texts() -> list[tuple[str, str]]:
    """(suffix, text) of every source document, in sorted order."""
    files = sorted(f for folder in SOURCES for f in folder.iterdir() if f.suffix in {".txt", ".md"})
    return [(f.suffix, f.read_text(encoding="utf-8")) for f in files]


def renamable(texts: list[str]) -> set[str]:
    """Capitalised words never written in lower case, never opening a sentence, unknown to the gazetteer and heads."""
    from graphmodel.extract.rules.lexicon import load_lexicon

    lexicon = load_lexicon()
    lower = {w for text in texts for w in re.findall(r"\b[a-z]+\b", text)}
    openers = {w for text in texts for w in re.findall(r"(?:^|[.!?:]\s+|\n[-*#|\s]*)([A-Z][a-z]+)", text)}
    words = {w for text in texts for w in _CAPITALISED.findall(text)}
    return {w for w in words if w.lower() not in lower and w not in openers and lexicon.lookup(w) is None
            and w not in lexicon.heads and w not in lexicon.first_words}


def variant(text: str, copy: int, names: set[str]) -> str:
    """Copy ``copy`` of ``text``: paragraphs after the first reordered, unknown names suffixed."""
    if copy == 0:
        return text
    head, *body = text.split("\n\n")
    random.Random(copy).shuffle(body)
    suffix = "".join(SUFFIXES[int(d)] for d in str(copy))
    return _CAPITALISED.sub(lambda m: m.group() + suffix if m.group() in names else m.group(),
                            "\n\n".join([head, *body]))


def write_corpus(folder: Path, size: int) -> Path:
    """Write ``size`` documents into ``folder`` and return it."""
    sources = source_texts()
    names = renamable([t for _, t in sources])
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(size):
        suffix, text = sources[n % len(sources)]
        (folder / f"doc{n:05d}{suffix}").write_text(variant(text, n // len(sources), names), encoding="utf-8")
    return folder


def parsed_texts(corpus: Path) -> list[str]:
    """The texts the rules parse with spaCy, document by document (prose, headings, prose-like cells)."""
    from graphmodel.documents.read import read_documents
    from graphmodel.extract.rules.lexicon import load_lexicon
    from graphmodel.extract.rules.units import document_units

    lexicon = load_lexicon()
    return [u.text for d in read_documents(corpus) for u in document_units(d, lexicon)
            if u.row is None or u.role == "cell"]


def cpu_seconds(*argv: str) -> float:
    """CPU seconds (user + system) of ``python argv...`` run in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, *argv], check=True, cwd=ROOT, capture_output=True, env=ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(sizes: list[int], rounds: int, tmp: Path, default: bool = True) -> dict[int, dict[str, list[float]]]:
    """CPU seconds per size and kind ("bare", "rules", "default"), one list of rounds each."""
    kinds = {"bare": [], "rules": ["--rules-only"], **({"default": []} if default else {})}
    results: dict[int, dict[str, list[float]]] = {n: {k: [] for k in kinds} for n in sizes}
    for size in sizes:
        corpus = write_corpus(tmp / f"corpus-{size}", size)
        (tmp / f"texts-{size}.json").write_text(json.dumps(parsed_texts(corpus)), encoding="utf-8")
    for _ in range(rounds):
        for size in sizes:
            corpus, out = tmp / f"corpus-{size}", tmp / f"out-{size}"
            results[size]["bare"].append(cpu_seconds("-c", _BARE, str(tmp / f"texts-{size}.json")))
            for kind in list(kinds)[1:]:
                args = ["-c", BUILD, "build", str(corpus), "-o", str(out), "--jobs", "1", "--fresh", *kinds[kind]]
                results[size][kind].append(cpu_seconds(*args))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[25, 100, 200])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-default", action="store_true", help="measure --rules-only builds only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="graphmodel-build-cpu-") as tmp:
        results = measure(args.sizes, args.rounds, Path(tmp), default=not args.no_default)
    print(f"{'docs':>6} {'bare s':>8} {'rules s':>8} {'ratio':>6} {'default s':>9} {'ratio':>6}")
    for size, runs in results.items():
        bare, rules = statistics.median(runs["bare"]), statistics.median(runs["rules"])
        line = f"{size:>6} {bare:>8.2f} {rules:>8.2f} {rules / bare:>6.2f}"
        if "default" in runs:
            default = statistics.median(runs["default"])
            line += f" {default:>9.2f} {default / bare:>6.2f}"
        print(line)


if __name__ == "__main__":
    main()
