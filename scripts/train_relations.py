"""Train the learned relation scorer on annotated documents and write its JSON model file.

Each argument is DOCS:GOLD, a folder of documents and the folder of their gold files. The
threshold is chosen by cross-validation inside these documents for the given mode. Needs
scikit-learn (`pip install scikit-learn`); using the model file does not.

    python scripts/train_relations.py data/docs:tests/data/gold -o out/relation_model.json --mode union
    then: LearnedExtractor("out/relation_model.json", mode="union").extract(document)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from graphmodel.documents.read import read_documents
from graphmodel.extract import make_extractor
from graphmodel.extract.learned.apply import MODES, prepare
from graphmodel.extract.learned.model import save_model
from graphmodel.extract.rules.nlp import load_pipeline
from graphmodel.training.supervision import read_document_gold
from graphmodel.training.train import Example, train_model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pairs", nargs="+", help="DOCS:GOLD folders")
    parser.add_argument("-o", "--out", type=Path, required=True, help="the model file to write")
    parser.add_argument("--mode", choices=MODES[1:], default="union", help="the configuration the threshold serves")
    parser.add_argument("-C", type=float, default=0.5, help="inverse regularisation of the logistic model")
    args = parser.parse_args()
    extractor, nlp = make_extractor("rules"), load_pipeline()
    examples = []
    for pair in args.pairs:
        docs, gold_dir = pair.split(":")
        for document in read_documents(Path(docs)):
            gold = read_document_gold(Path(gold_dir), document.path)
            if gold is not None:
                examples.append(Example(prepare(document, extractor.extract(document), nlp), gold))
    model = train_model(examples, args.mode, args.C)
    print(f"trained on {len(examples)} documents, {len(model.vocabulary)} features, threshold {model.threshold}; "
          f"wrote {save_model(model, args.out)}")


if __name__ == "__main__":
    main()
