"""Extraction quality per annotated set, honestly split into fitted and unseen.

Builds each set (the sample, dev2, synth, synth3, synth5, synth2, synth4, synth6, synth7, synth8, dev3) with
the rule extractor and scores it with graphmodel's own scorer (checked against the reference
``shared/eval/score.py`` when it is present). The rules were developed on the sample, dev2, synth, synth3 and
synth5 ("fitted"); synth2, synth4, synth6, synth7, synth8 and dev3 are unseen by them. For the learned relation
scorer and entity filter it reports document-level k-fold and leave-one-set-out figures: every document's
relations and entities come from models trained without it, with the thresholds chosen inside the training
documents. It also reports the candidate-recall ceilings: the share of gold relations whose two ends are named
(by gold name or alias) within one segment, and the share whose ends are extracted entities with a candidate
between them.

    python bench/quality.py                 # table
    python bench/quality.py --json          # machine output
    python bench/quality.py --no-learned    # rules and ceilings only
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphmodel.documents.read import read_documents
from graphmodel.evaluate.gold import read_gold
from graphmodel.evaluate.score import Score, score
from graphmodel.extract import make_extractor
from graphmodel.extract.corpus import default_jobs
from graphmodel.extract.learned.apply import Prepared, prepare
from graphmodel.extract.resolve import resolve_corpus
from graphmodel.extract.rules.nlp import load_pipeline
from graphmodel.graph import graphfile
from graphmodel.graph.core import to_networkx
from graphmodel.models import Extraction
from graphmodel.training.crossval import heldout_extractions
from graphmodel.training.supervision import map_entities, read_document_gold, segment_ceiling
from graphmodel.training.train import Example, document_folds

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
REFERENCE_SCORER = EVAL / "score.py"
# name, documents, gold, whether the rules were developed on it
SETS = (("sample", ROOT / "data" / "docs", EVAL / "dev-gold", True),
        ("dev2", EVAL / "dev2" / "docs", EVAL / "dev2" / "gold", True),
        ("synth", ROOT / "data" / "synth" / "docs", ROOT / "data" / "synth" / "gold", True),
        ("synth3", ROOT / "data" / "synth3" / "docs", ROOT / "data" / "synth3" / "gold", True),
        ("synth5", ROOT / "data" / "synth5" / "docs", ROOT / "data" / "synth5" / "gold", True),
        *((name, ROOT / "data" / name / "docs", ROOT / "data" / name / "gold", False)
          for name in ("synth2", "synth4", "synth6", "synth7", "synth8")),
        ("dev3", EVAL / "dev3" / "docs", EVAL / "dev3" / "gold", False))
LEARNED_MODES = ("learned", "union", "hybrid", "rescore")


@dataclass(frozen=True, slots=True)
class CorpusSet:
    name: str
    gold_dir: Path
    fitted: bool
    examples: tuple[Example, ...]

    @property
    def ids(self) -> list[str]:
        return [e.prepared.document_id for e in self.examples]


def load_set(name: str, docs: Path, gold_dir: Path, fitted: bool) -> CorpusSet:
    """Read, extract with the rules and prepare the candidates of every document of one set."""
    extractor, nlp = make_extractor("rules"), load_pipeline()
    examples = []
    for document in read_documents(docs):
        gold = read_document_gold(gold_dir, document.path)
        if gold is None:
            raise SystemExit(f"{gold_dir} has no gold file for {document.path}")
        examples.append(Example(prepare(document, extractor.extract(document), nlp), gold))
    return CorpusSet(name, gold_dir, fitted, tuple(examples))


def score_extractions(extractions: Sequence[Extraction], gold_dir: Path) -> Score:
    """Resolve and merge like ``graphmodel build``, then score against the set's gold graphs."""
    return score(to_networkx(resolve_corpus(extractions)), read_gold(gold_dir))


def reference_agrees(extractions: Sequence[Extraction], gold_dir: Path, ours: Score) -> bool | None:
    """Whether the reference scorer gives the same numbers (``None`` when it is absent)."""
    if not REFERENCE_SCORER.exists():
        return None
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE_SCORER)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with tempfile.TemporaryDirectory() as tmp:
        path = graphfile.write(to_networkx(resolve_corpus(extractions)), Path(tmp) / "graph.json")
        theirs = module.score(path, gold_dir)
    mine = ours.as_dict()
    keys = ("p", "r", "f", "tp", "fp", "fn")
    return all(mine[part][k] == theirs[part][k] for part in ("entities", "relations") for k in keys) and \
        (mine["per_label"], mine["per_type"]) == (theirs["per_label"], theirs["per_type"])


def ceilings(corpus: CorpusSet) -> dict[str, float]:
    """Shares of gold relations reachable within one segment: by gold names, and by extracted candidates."""
    named = candidates = total = 0
    for example in corpus.examples:
        reachable, count = segment_ceiling(example.prepared.segments, example.gold)
        named, total = named + reachable, total + count
        candidates += _candidate_reachable(example.prepared, example)
    return {"gold_relations": total, "named_in_one_segment": named / max(1, total),
            "extracted_candidate": candidates / max(1, total)}


def _candidate_reachable(prepared: Prepared, example: Example) -> int:
    names = map_entities(prepared.extraction.entities, example.gold)
    pairs = {frozenset((names.get(c.first.key), names.get(c.second.key))) for c in prepared.candidates}
    return sum(1 for _, s, t in example.gold.relations if frozenset((s, t)) in pairs)


def row(score_: Score) -> dict[str, Any]:
    e, r = score_.entities, score_.relations
    return {"entities": {"p": e.precision, "r": e.recall, "f": e.f1},
            "relations": {"p": r.precision, "r": r.recall, "f": r.f1, "tp": r.tp, "fp": r.fp, "fn": r.fn},
            "per_label": {k: v.as_dict() for k, v in score_.per_label.items()},
            "per_type": {k: v.as_dict() for k, v in score_.per_type.items()}}


def measure(sets: Sequence[CorpusSet], folds: int, learned: bool, c: float, jobs: int = 1) -> dict[str, Any]:
    examples = [e for s in sets for e in s.examples]
    by_id = {e.prepared.document_id: e for e in examples}
    result: dict[str, Any] = {"folds": folds, "c": c, "sets": {}}
    heldout: dict[str, dict[str, dict[str, Extraction]]] = {}
    if learned:
        heldout["kfold"] = heldout_extractions(examples, document_folds(list(by_id), folds), LEARNED_MODES, c, jobs)
        heldout["leave-one-set-out"] = heldout_extractions(examples, [s.ids for s in sets], LEARNED_MODES, c, jobs)
    for corpus in sets:
        rules = [e.prepared.extraction for e in corpus.examples]
        rules_score = score_extractions(rules, corpus.gold_dir)
        entry: dict[str, Any] = {
            "documents": len(corpus.examples), "rules_fitted": corpus.fitted,
            "reference_scorer_agrees": reference_agrees(rules, corpus.gold_dir, rules_score),
            "ceiling": ceilings(corpus), "configs": {"rules": row(rules_score)}}
        for scheme, per_mode in heldout.items():
            for mode, extractions in per_mode.items():
                chosen = [extractions[i] for i in corpus.ids]
                entry["configs"][f"{scheme}:{mode}"] = row(score_extractions(chosen, corpus.gold_dir))
        result["sets"][corpus.name] = entry
    return result


def print_table(result: dict[str, Any]) -> None:
    print(f"{'set':7}{'rules':8}{'configuration':28}{'ent P':>7}{'R':>7}{'F1':>7}{'rel P':>8}{'R':>7}{'F1':>7}")
    for name, entry in result["sets"].items():
        status = "fitted" if entry["rules_fitted"] else "unseen"
        for config, numbers in entry["configs"].items():
            e, r = numbers["entities"], numbers["relations"]
            print(f"{name:7}{status:8}{config:28}{e['p']:7.3f}{e['r']:7.3f}{e['f']:7.3f}"
                  f"{r['p']:8.3f}{r['r']:7.3f}{r['f']:7.3f}")
    print("\ncandidate-recall ceiling (share of gold relations)")
    for name, entry in result["sets"].items():
        ceiling = entry["ceiling"]
        print(f"  {name:7} gold {ceiling['gold_relations']:4}  ends named in one segment "
              f"{ceiling['named_in_one_segment']:.3f}  extracted candidate {ceiling['extracted_candidate']:.3f}  "
              f"reference scorer agrees: {entry['reference_scorer_agrees']}")
    for name, entry in result["sets"].items():
        for config in ("rules", *(c for c in entry["configs"] if c.startswith("kfold:hybrid"))):
            _print_breakdown(name, config, entry["configs"][config])


def _print_breakdown(name: str, config: str, numbers: dict[str, Any]) -> None:
    print(f"\n{name} {config}: per label / type{'':10}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
    for group in ("per_label", "per_type"):
        for key, b in numbers[group].items():
            print(f"  {key:40}{b['p']:7.3f}{b['r']:7.3f}{b['f']:7.3f}{b['tp']:5}{b['fp']:5}{b['fn']:5}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--no-learned", action="store_true", help="only the rules and the ceilings")
    parser.add_argument("--folds", type=int, default=7, help="document folds for the learned scorer")
    parser.add_argument("-C", type=float, default=0.5, help="inverse regularisation of the logistic model")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="processes training the folds side by side")
    args = parser.parse_args(argv)
    missing = [str(d) for _, d, g, _ in SETS for d in (d, g) if not d.exists()]
    if missing:
        raise SystemExit(f"missing evaluation data: {', '.join(missing)}")
    started = time.perf_counter()
    sets = [load_set(*spec) for spec in SETS]
    result = measure(sets, args.folds, not args.no_learned, args.C, args.jobs)
    result["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
    else:
        print_table(result)
        print(f"\n{result['seconds']} s")


if __name__ == "__main__":
    main()
