"""Train the relation model that `graphmodel build` uses by default, on every annotated development set.

    python scripts/make_model.py            # writes graphmodel/data/relation_model.json

The sets: the sample (data/docs with the gold of ../shared/eval/dev-gold, else tests/data/gold),
../shared/eval/dev2 and dev3 (when present beside the checkout), and data/synth, data/synth2 ...
data/synth8. The figures that tell how the model does on documents it never saw come from
`python bench/quality.py`, which trains without each set in turn; run it after this script and update
the README's quality table.
"""

from __future__ import annotations

import sys
from pathlib import Path

from graphmodel.extract.corpus import default_jobs
from graphmodel.extract.learned.model import save_model
from graphmodel.training.corpus import annotated_sets, heldout_scores, train_on

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
OUT = ROOT / "graphmodel" / "data" / "relation_model.json"
MODE = "hybrid"
SYNTH_SETS = ("synth", "synth2", "synth3", "synth4", "synth5", "synth6", "synth7", "synth8")


def development_sets() -> list[tuple[Path, Path]]:
    """(gold folder, documents folder) of every annotated set that is present."""
    sample_gold = EVAL / "dev-gold" if (EVAL / "dev-gold").is_dir() else ROOT / "tests" / "data" / "gold"
    sets = [(sample_gold, ROOT / "data" / "docs")]
    sets += [(ROOT / "data" / name / "gold", ROOT / "data" / name / "docs") for name in SYNTH_SETS]
    sets += [(EVAL / name / "gold", EVAL / name / "docs") for name in ("dev2", "dev3") if (EVAL / name).is_dir()]
    return sets


def main() -> int:
    pairs = development_sets()
    sets = annotated_sets([gold for gold, _ in pairs], [docs for _, docs in pairs],
                          warn=lambda message: print(f"warning: {message}", file=sys.stderr))
    for held in heldout_scores(sets, MODE, jobs=default_jobs()):
        learned, rules = held.learned.relations.f1, held.rules.relations.f1
        print(f"{held.gold_dir}: relation F1 held out {learned:.3f} (rules {rules:.3f})")
    model = train_on(sets, MODE)
    print(f"trained on {sum(len(s.examples) for s in sets)} documents; wrote {save_model(model, OUT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
