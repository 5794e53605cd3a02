"""``export``: write a subgraph of a built graph in the formats analysts use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from graphmodel.cli.options import graph_input, graph_option, neo4j_flag, neo4j_options, open_store, uses_neo4j
from graphmodel.graph import graphfile
from graphmodel.schema import EntityLabel, RelationType

__all__ = ["EXPORT_FORMATS", "EXPORT_LABELS", "EXPORT_TYPES", "export"]

EXPORT_FORMATS = ("json", "graphml", "gexf", "csv", "cypher", "html")  # graphmodel.export.write.FORMATS
EXPORT_LABELS = tuple(str(label) for label in EntityLabel)
EXPORT_TYPES = tuple(str(rtype) for rtype in RelationType)


@click.command("export")
@click.argument("graph_file", metavar="[GRAPH]", required=False, type=click.Path(path_type=Path))
@graph_option
@click.option("-o", "--output", required=True, metavar="PATH",
              help="Output file (format from its extension), a folder or NAME.csv for csv, or - for standard output "
                   "(every format but csv).")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS),
              help="json, graphml, gexf, csv, cypher or html [default: from the extension of -o; json for -].")
@click.option("--center", metavar="NAME|KEY", help="Keep the ego network of this entity (name or alias, any case).")
@click.option("--hops", type=click.IntRange(min=0), default=1, show_default=True, help="Radius of --center.")
@click.option("--label", "labels", multiple=True, metavar="LABEL",
              type=click.Choice(EXPORT_LABELS, case_sensitive=False),
              help=f"Keep nodes with this label: {', '.join(EXPORT_LABELS)}. Repeatable.")
@click.option("--type", "types", multiple=True, metavar="TYPE",
              type=click.Choice(EXPORT_TYPES, case_sensitive=False),
              help=f"Keep relationships of this type: {', '.join(EXPORT_TYPES)}. Repeatable.")
@click.option("--doc", "document", metavar="ID|TEXT",
              help="Keep what this document says: its id, or part of its path or title.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out relationships below this confidence.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Keep evidence from documents dated on or after (a document dated to the month: any of its days).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Keep evidence from documents dated on or before.")
@click.option("--include-undated", is_flag=True,
              help="With --since or --until, keep documents that have no date too (by default they are left out "
                   "and their number is said on standard error).")
@click.option("--cypher", "query", metavar="QUERY",
              help="Keep the nodes and relationships a read-only Cypher query returns.")
@click.option("--title", default=None, help="Title of the html page.")
@click.option("--db", type=click.Path(path_type=Path), default=None,
              help="Read from this embedded database (an older form of --graph out/graph.db).")
@neo4j_flag("Read from Neo4j")
@neo4j_options
@click.pass_context
def export(ctx: click.Context, /, graph_file: Path | None, graph: str, output: str, fmt: str | None,
           db: Path | None, use_neo4j: bool, uri: str, user: str, database: str, title: str | None,
           **options: Any) -> None:
    """Write a subgraph of a built graph as json, graphml, gexf, csv, cypher or html.

    --graph names the build (its folder or graph.json; its graph.db to read the embedded database);
    --neo4j reads Neo4j instead. GRAPH (an argument) and --db are older forms of --graph.
    Selections combine; a selection that keeps nothing is an error that says which option
    removed what, and writes nothing. csv writes NAME_nodes.csv and NAME_relationships.csv for
    -o NAME.csv, or nodes.csv and relationships.csv into the folder -o names; every other format
    is one file, or standard output with -o -.

    \b
        graphmodel export --center "Pete Hegseth" --hops 1 -o hegseth.graphml
        graphmodel export -g out --type OPPOSES --since 2025-01-01 -o opposes.gexf
        graphmodel export --since 2025-04-01 --until 2025-04-30 --include-undated -o april.json
        graphmodel export --label Country --min-confidence 0.6 -o countries.csv
        graphmodel export --doc "Gathering in Panama" -o - --format cypher > panama.cypher
        graphmodel export --neo4j --cypher "MATCH p=(:Person)-[:VISITS]->() RETURN p" -o visits.html
    """
    from graphmodel.export.write import format_for

    fmt = format_for(output, fmt)
    selection, query = _export_selection(options)
    if options["include_undated"] and not (selection.since or selection.until):
        raise click.UsageError("--include-undated applies to --since and --until; give one of them")
    source = _export_source(ctx, graph_file, graph, db, uses_neo4j(ctx, use_neo4j), (uri, user, database))
    if isinstance(source, Path):
        sub = _export_from_file(source, selection, query)
    else:
        sub = _export_from_store(source, selection, query)
    _export_write(sub, output, fmt, title or _export_title(options))


def _export_source(ctx: click.Context, graph_file: Path | None, graph: str, db: Path | None, use_neo4j: bool,
                   neo4j: tuple[str, str, str]) -> Any:
    """The graph file to read, or a context manager of the store to read (the embedded database, Neo4j)."""
    named = ctx.get_parameter_source("graph") is click.core.ParameterSource.COMMANDLINE
    sources = [name for name, given in (("GRAPH", graph_file), ("--graph", named), ("--db", db),
                                        ("--neo4j", use_neo4j)) if given]
    if len(sources) > 1:
        raise click.UsageError(f"read from one source, not {' and '.join(sources)}")
    files = graph_input(ctx, graph, GRAPH=graph_file, **{"--db": db})
    if db is None and not use_neo4j and not _names_database(graph_file or graph):
        return files.graph
    return open_store(use_neo4j, db or files.database, *neo4j)


def _names_database(target: str | Path) -> bool:
    from graphmodel.api import DATABASE_SUFFIXES

    return Path(target).suffix.lower() in DATABASE_SUFFIXES


def _export_selection(options: dict[str, Any]) -> tuple[Any, str | None]:
    from graphmodel.graph.select import Selection

    day = {name: options[name].date() if options[name] else None for name in ("since", "until")}
    return Selection(center=options["center"], hops=options["hops"], labels=options["labels"], types=options["types"],
                     document=options["document"], min_confidence=options["min_confidence"],
                     include_undated=options["include_undated"], **day), options["query"]


def _export_from_file(graph_file: Path, selection: Any, query: str | None) -> Any:
    from graphmodel.stores.readback import subgraph

    graph = graphfile.read(graph_file)
    _note_undated(graph, selection)
    return subgraph(graph, selection, query, allow_empty=False)


def _export_from_store(store_context: Any, selection: Any, query: str | None) -> Any:
    from graphmodel.stores.readback import read_store, subgraph

    with store_context as store:
        graph = read_store(store)
        _note_undated(graph, selection)
        return subgraph(graph, selection, query, store, allow_empty=False)


def _note_undated(graph: Any, selection: Any) -> None:
    from graphmodel.graph.select import undated_documents

    if count := undated_documents(graph, selection):
        documents = "document" if count == 1 else "documents"
        click.echo(f"left out {count} undated {documents}: --since and --until keep dated documents only; "
                   "add --include-undated to keep them", err=True)


def _export_write(graph: Any, output: str, fmt: str, title: str) -> None:
    from graphmodel.export.write import dumps_subgraph, write_subgraph

    if output == "-":
        click.echo(dumps_subgraph(graph, fmt, title=title).rstrip("\n"))
        target = "standard output"
    else:
        target = ", ".join(str(path) for path in write_subgraph(graph, Path(output), fmt, title=title))
    click.echo(f"exported {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships to {target}",
               err=True)


def _export_title(options: dict[str, Any]) -> str:
    if options["center"]:
        return f"{options['center']} and {options['hops']}-hop neighbours"
    return "graphmodel subgraph"
