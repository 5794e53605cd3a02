"""``evaluate`` and ``why``: score a graph against gold annotations, explain how two entities connect."""

from __future__ import annotations

from pathlib import Path

import click

from graphmodel.graph import graphfile

__all__ = ["evaluate", "why"]


@click.command()
@click.argument("graph_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--errors", is_flag=True, help="Also list the missed and spurious entities and relationships.")
@click.option("--json", "as_json", is_flag=True, help="Print the score, and every error, as JSON.")
def evaluate(graph_file: Path, gold_dir: Path, errors: bool, as_json: bool) -> None:
    """Score a graph against gold annotations: precision, recall and F1 of entities and relationships.

    GOLD_DIR holds one JSON file per document (its entities with label and aliases, the relationships
    between them, names to ignore); they are merged into one gold graph for the corpus.

    \b
        graphmodel build data/docs -o out
        graphmodel evaluate out/graph.json tests/data/gold --errors
    """
    import json

    from graphmodel.evaluate.gold import read_gold
    from graphmodel.evaluate.report import format_score
    from graphmodel.evaluate.score import score

    graph = graphfile.read(graph_file)
    result = score(graph, read_gold(gold_dir))
    extractor = graph.graph.get("extractor")
    if as_json:
        click.echo(json.dumps({**({"extractor": extractor} if extractor else {}), **result.as_dict()}, indent=2))
        return
    if extractor:
        click.echo(f"built by: {extractor}")
    click.echo(format_score(result, errors=errors))


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--graph", "graph_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("out/graph.json"), show_default=True, help="The graph file `graphmodel build` wrote.")
def why(a: str, b: str, graph_file: Path) -> None:
    """Show every relationship between two entities, with its evidence sentences and their documents.

    A and B are names, aliases or keys, in any case.

    \b
        graphmodel why Hegseth Panama
        graphmodel why "U.S. Southern Command" person:pete-hegseth --graph out/graph.json
    """
    from graphmodel.graph.why import find_entity, format_links, links_between

    graph = graphfile.read(graph_file)
    first, second = find_entity(graph, a), find_entity(graph, b)
    links = links_between(graph, first, second)
    if not links:
        names = [graph.nodes[key].get("name", key) for key in (first, second)]
        raise click.ClickException(f"no relationship between {names[0]} and {names[1]} in {graph_file}")
    click.echo(format_links(graph, first, second, links))
