"""``train``: fit the relation model and entity filter on annotated documents and report held-out scores."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["train"]

MODES = ("hybrid", "union", "rescore", "learned")  # graphmodel.extract.learned.apply.MODES, less "rules"


@click.command()
@click.argument("gold_dirs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--docs", "docs_dirs", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The documents of each GOLD_DIR, in the same order (default: the docs folder beside it).")
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The model file to write (JSON).")
@click.option("--mode", type=click.Choice(MODES), default="hybrid", show_default=True,
              help="How the model's relations join the rules': replacing those it covers (hybrid), added "
                   "(union), confirming them (rescore), or alone (learned).")
@click.option("--spacy-model", envvar="GRAPHMODEL_SPACY_MODEL", default=None, help="spaCy pipeline to load.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Processes that train the held-out folds side by side (default: the cores this process may use).")
def train(gold_dirs: tuple[Path, ...], docs_dirs: tuple[Path, ...], out: Path, mode: str,
          spacy_model: str | None, jobs: int | None) -> None:
    """Train the relation model and entity filter on annotated documents, print held-out scores, write them.

    GOLD_DIR holds one gold graph per document (the format `graphmodel evaluate` reads). The scores
    come from 5 folds: each document is scored by a model trained without it, beside the rules alone.
    Use the model with `graphmodel build --model MODEL`.

    \b
        graphmodel train my-gold/ --docs my-docs/ -o out/relations.json
        graphmodel build new-docs/ -o out --model out/relations.json
    """
    from graphmodel.extract.corpus import default_jobs
    from graphmodel.extract.learned.model import save_model
    from graphmodel.training.corpus import annotated_sets, heldout_scores, train_on

    sets = annotated_sets(gold_dirs, docs_dirs, spacy_model=spacy_model,
                          warn=lambda message: click.echo(f"warning: {message}", err=True))
    click.echo(f"{'held out':<28} {'entity F1':>9} {'relation P':>10} {'R':>6} {'F1':>6}")
    for held in heldout_scores(sets, mode, jobs=jobs or default_jobs()):
        for config, result in (("rules", held.rules), (mode, held.learned)):
            name, r = f"{_set_name(held.gold_dir)}: {config}", result.relations
            click.echo(f"{name:<28} {result.entities.f1:>9.3f} {r.precision:>10.3f} {r.recall:>6.3f} {r.f1:>6.3f}")
    model = train_on(sets, mode)
    documents = sum(len(s.examples) for s in sets)
    entities = (f"; entity filter {len(model.entity_filter.vocabulary)} features, threshold "
                f"{model.entity_filter.threshold:.2f}" if model.entity_filter is not None else "; no entity filter")
    click.echo(f"trained on {documents} documents: {len(model.vocabulary)} features, threshold {model.threshold:.2f}"
               f"{entities}; wrote {save_model(model, out)}")


def _set_name(gold_dir: Path) -> str:
    """A gold folder's name for the table: its own, or its parent's when it is called "gold" (dev2/gold)."""
    return gold_dir.parent.name if gold_dir.name == "gold" and gold_dir.parent.name else gold_dir.name
