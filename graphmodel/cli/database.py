"""``load`` and ``query``: load a built graph into Neo4j, and run Cypher on Neo4j or the embedded database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from graphmodel.cli.options import (
    graph_input,
    graph_option,
    neo4j_auth,
    neo4j_flag,
    neo4j_options,
    open_store,
    uses_neo4j,
)
from graphmodel.graph import graphfile
from graphmodel.stores.rows import BATCH_SIZE

__all__ = ["load", "query"]

LOAD_PROGRESS_THRESHOLD = 1000  # rows; larger loads show a progress bar on stderr


def _load_progress(total: int) -> Any:
    if total <= LOAD_PROGRESS_THRESHOLD:
        return None
    return click.progressbar(length=total, label="loading", file=sys.stderr)


@click.command()
@click.argument("graph_file", metavar="[GRAPH]", required=False, type=click.Path(path_type=Path))
@graph_option
@click.option("--replace", is_flag=True, help="Delete graphmodel's nodes (the entity labels and Document) first.")
@click.option("--sync", is_flag=True,
              help="Afterwards delete graphmodel's entities and documents the file does not hold (a removed document).")
@click.option("--batch-size", type=click.IntRange(min=1), default=BATCH_SIZE, show_default=True,
              help="Rows per transaction.")
@neo4j_options
@click.pass_context
def load(ctx: click.Context, graph_file: Path | None, graph: str, replace: bool, sync: bool, batch_size: int,
         uri: str, user: str, database: str) -> None:
    """Load a built graph into Neo4j: what the file holds gets the file's values; loading it again changes nothing.

    Entities and documents the file does not hold stay; --replace removes them first, --sync after
    loading (only those: after a rebuild of a folder that lost files, the database then matches the file).
    GRAPH, the older form of --graph, still works.

    \b
        export GRAPHMODEL_NEO4J_PASSWORD=...
        graphmodel load
        graphmodel load -g out --replace --uri bolt://db.example.org:7687 --database news
        graphmodel build news/ -o out && graphmodel load --sync
    """
    if replace and sync:
        raise click.UsageError("--replace and --sync exclude each other: --replace already starts empty")
    from graphmodel.stores.neo4j import store as neo4j_store

    graph_file = graph_input(ctx, graph, GRAPH=graph_file).graph
    loaded = graphfile.read(graph_file)
    with neo4j_store.connect(uri, neo4j_auth(user), database=database, batch_size=batch_size) as store:
        summary = store.write(loaded, replace=replace, sync=sync, progress=_load_progress)
        nodes, relationships = store.totals()
    if replace:
        click.echo(f"deleted {summary.nodes_deleted} nodes first (--replace)")
    click.echo(f"loaded {graph_file.name} into {uri} (database {database}): {summary.documents} documents, "
               f"{summary.entities} entities, {summary.relationships} relationships, {summary.mentions} mentions")
    click.echo(f"created {summary.nodes_created} nodes and {summary.relationships_created} relationships, "
               f"set {summary.properties_set} properties in {summary.seconds:.2f} s")
    if sync:
        click.echo(f"deleted {summary.nodes_deleted} nodes the file does not hold (--sync)")
    click.echo(f"database {database} now holds {nodes} nodes and {relationships} relationships of graphmodel's")


def _query_text(cypher: str) -> str:
    if not cypher.endswith(".cypher"):
        return cypher
    path = Path(cypher)
    if not path.is_file():
        raise click.BadParameter(f"no such file: {cypher}", param_hint="CYPHER")
    return path.read_text(encoding="utf-8")


def _parse_param(text: str) -> tuple[str, Any]:
    import json

    name, sep, value = text.partition("=")
    if not sep or not name.isidentifier():
        raise click.BadParameter(f"{text!r} is not NAME=VALUE", param_hint="--param")
    try:
        return name, json.loads(value)
    except json.JSONDecodeError:
        return name, value


@click.command()
@click.argument("cypher")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Set $NAME; VALUE is read as JSON when it parses (5, true, [\"a\"]), else as text. Repeatable.")
@click.option("--format", "fmt", type=click.Choice(("table", "json", "csv")), default="table", show_default=True,
              help="Output format.")
@click.option("--write", is_flag=True, help="Allow writes (queries are read-only otherwise).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              help="Cancel the query after this many seconds.")
@neo4j_flag("Query Neo4j instead of the embedded database")
@graph_option
@click.option("--db", type=click.Path(path_type=Path), default=None,
              help="The embedded database file (an older form of --graph, which also takes it).")
@neo4j_options
@click.pass_context
def query(ctx: click.Context, cypher: str, params: tuple[str, ...], fmt: str, write: bool, timeout: float,
          use_neo4j: bool, graph: str, db: Path | None, uri: str, user: str, database: str) -> None:
    """Run a Cypher query, or a .cypher file, and print its rows; read-only unless --write.

    Without --neo4j the query runs on the embedded database of the build --graph names (OUT/graph.db).

    \b
        graphmodel query "MATCH (c:Country) RETURN c.name AS country ORDER BY country"
        graphmodel query "CALL db.labels()" -g out --format csv
        graphmodel query cypher/neighbourhood.cypher --param name="Pete Hegseth" --neo4j
        graphmodel query cypher/evidence.cypher --param a=Hegseth --param b=Panama --format json
    """
    from graphmodel.cli.output import format_result

    text, parameters = _query_text(cypher), dict(_parse_param(p) for p in params)
    files = graph_input(ctx, graph, **{"--db": db})
    db = db or files.database  # --db names the database file itself, whatever its name
    with open_store(uses_neo4j(ctx, use_neo4j), db, uri, user, database, write=write) as store:
        result = store.run(text, parameters, write=write, timeout=timeout)
    click.echo(format_result(result, fmt))
