"""``evaluate`` and ``why``: score a graph against gold annotations, explain how two entities connect."""

from __future__ import annotations

from pathlib import Path

import click

from graphmodel.cli.options import graph_input, graph_option

__all__ = ["evaluate", "why"]


@click.command()
@click.argument("args", metavar="[GRAPH] GOLD_DIR", nargs=-1, required=True, type=click.Path(path_type=Path))
@graph_option
@click.option("--errors", is_flag=True, help="Also list the missed and spurious entities and relationships.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="Output format: json has the score and every error.")
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@click.pass_context
def evaluate(ctx: click.Context, args: tuple[Path, ...], graph: str, errors: bool, fmt: str, as_json: bool) -> None:
    """Score a graph against gold annotations: precision, recall and F1 of entities and relationships.

    GOLD_DIR holds one JSON file per document (its entities with label and aliases, the relationships
    between them, names to ignore); they are merged into one gold graph for the corpus. GRAPH before
    it, the older form of --graph, still works.

    \b
        graphmodel build data/docs -o out
        graphmodel evaluate tests/data/gold --errors
        graphmodel evaluate tests/data/gold -g out/graph.json --format json
    """
    import json

    from graphmodel.api import read
    from graphmodel.evaluate.report import format_score

    if len(args) > 2:
        raise click.UsageError("give GOLD_DIR, and at most a GRAPH before it")
    gold_dir = args[-1]
    if not gold_dir.is_dir():
        raise click.BadParameter(f"{gold_dir} is not a folder", param_hint="GOLD_DIR")
    built = read(graph_input(ctx, graph, GRAPH=args[0] if len(args) == 2 else None).graph)
    result, extractor = built.evaluate(gold_dir), built.extractor
    if as_json or fmt == "json":
        click.echo(json.dumps({**({"extractor": extractor} if extractor else {}), **result.as_dict()}, indent=2))
        return
    if extractor:
        click.echo(f"built by: {extractor}")
    click.echo(format_score(result, errors=errors))


@click.command()
@click.argument("a")
@click.argument("b")
@graph_option
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="Output format: json lists each relationship with its evidence.")
@click.pass_context
def why(ctx: click.Context, a: str, b: str, graph: str, fmt: str) -> None:
    """Show every relationship between two entities, with its evidence sentences and their documents.

    A and B are names, aliases or keys, in any case.

    \b
        graphmodel why Hegseth Panama
        graphmodel why "U.S. Southern Command" person:pete-hegseth -g out/graph.json --format json
    """
    import json
    from dataclasses import asdict

    from graphmodel.api import read

    source = graph_input(ctx, graph).graph
    built = read(source)
    links = built.links(a, b)
    if not links:
        raise click.ClickException(f"no relationship between {built.name(a)} and {built.name(b)} in {source}")
    click.echo(json.dumps([asdict(link) for link in links], ensure_ascii=False, indent=2) if fmt == "json"
               else built.why(a, b))
