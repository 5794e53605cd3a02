"""Measure each extraction rule's precision on the annotated development sets.

Rewrites the "measured" table of graphmodel/data/rule_precision.json, which the extractor reads to
give every edge a confidence from the measured precision of the rule that found it:
(correct + 1) / (found + 2), per relationship type and rule. The file's "defaults" and "factors"
are kept. Rerun after changing the rules:

    python scripts/measure_rules.py data/docs:tests/data/gold ../shared/eval/dev2/docs:../shared/eval/dev2/gold
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from graphmodel.documents.read import read_documents
from graphmodel.evaluate.gold import read_gold
from graphmodel.evaluate.score import edge_outcomes
from graphmodel.extract import make_extractor
from graphmodel.pipeline import build_graph

OUT = Path(__file__).resolve().parents[1] / "graphmodel" / "data" / "rule_precision.json"


def main(pairs: list[str]) -> None:
    extractor = make_extractor()
    found: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    for pair in pairs:
        docs, gold = pair.split(":")
        graph = build_graph(read_documents(Path(docs)), extractor)
        for (source, target, rtype), right in edge_outcomes(graph, read_gold(Path(gold))).items():
            rules = {e["rule"] for e in graph.edges[source, target, rtype]["evidence"]}
            for key in {f"{rtype} {rule}" for rule in rules} | {f"{rtype} {rule.split(':')[0]}" for rule in rules}:
                found[key] += 1  # per rule ("path:host") and per rule family ("path")
                correct[key] += right
    table = {key: {"precision": round((correct[key] + 1) / (found[key] + 2), 3), "found": found[key],
                   "correct": correct[key]} for key in sorted(found)}
    confidences = json.loads(OUT.read_text(encoding="utf-8"))
    confidences["measured"]["rules"] = table  # the defaults and factors stay as written
    OUT.write_text(json.dumps(confidences, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(table)} rules to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["data/docs:tests/data/gold", "../shared/eval/dev2/docs:../shared/eval/dev2/gold"])
