"""Write a (sub)graph in the formats analysts use: json, graphml, gexf, csv, cypher and html.

The format comes from the caller or from the output's extension (:func:`format_for`). Each
format's serialisation is documented in its module: the interchange JSON in
:mod:`graphmodel.graph.graphfile`, GraphML in :mod:`graphmodel.export.graphml`, GEXF in
:mod:`graphmodel.export.gexf`, the ``neo4j-admin`` CSV files in :mod:`graphmodel.export.csv`, the
cypher-shell script in :mod:`graphmodel.export.cypher`; html is the interactive page of
:func:`graphmodel.render.page.render_html`. json, graphml, gexf and cypher are text that can also go
to standard output (:func:`dumps_subgraph`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx

from graphmodel.errors import ExportError
from graphmodel.export.csv import write_csv
from graphmodel.export.cypher import dumps_cypher
from graphmodel.export.gexf import dumps_gexf
from graphmodel.export.graphml import dumps_graphml
from graphmodel.graph import graphfile

__all__ = ["FORMATS", "STREAM_FORMATS", "SUFFIXES", "dumps_subgraph", "format_for", "write_subgraph"]

FORMATS = ("json", "graphml", "gexf", "csv", "cypher", "html")
STREAM_FORMATS = ("json", "graphml", "gexf", "cypher")
SUFFIXES = {
    ".json": "json",
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".csv": "csv",
    ".cypher": "cypher",
    ".cql": "cypher",
    ".html": "html",
    ".htm": "html",
}
_DUMPERS: dict[str, Callable[[nx.MultiDiGraph], str]] = {
    "json": graphfile.dumps,
    "graphml": dumps_graphml,
    "gexf": dumps_gexf,
    "cypher": dumps_cypher,
}


def format_for(output: str | Path, fmt: str | None = None) -> str:
    """The format to write: ``fmt`` if given, else the one the output's extension names.

    Standard output (``-``) defaults to json.

    >>> format_for("hegseth.graphml"), format_for("-"), format_for("out/x.txt", "cypher")
    ('graphml', 'json', 'cypher')

    Raises:
        ExportError: ``fmt`` is not a format, or the extension names none.
    """
    if fmt is not None:
        if fmt not in FORMATS:
            raise ExportError(f"unknown export format '{fmt}'; use one of {', '.join(FORMATS)}")
        return fmt
    if str(output) == "-":
        return "json"
    suffix = Path(output).suffix.lower()
    if suffix not in SUFFIXES:
        raise ExportError(
            f"cannot tell the export format of '{output}' from its extension; "
            f"name it .json, .graphml, .gexf, .csv, .cypher or .html, or give the format ({', '.join(FORMATS)})"
        )
    return SUFFIXES[suffix]


def dumps_subgraph(graph: nx.MultiDiGraph, fmt: str) -> str:
    """The text of ``graph`` in a text format (json, graphml, gexf or cypher).

    >>> from graphmodel.graph.core import new_graph
    >>> dumps_subgraph(new_graph(), "cypher").splitlines()[0]
    '// graphmodel subgraph: 0 entities, 0 relationships, 0 documents'

    Raises:
        ExportError: the format writes files (csv, html), not one text.
    """
    if fmt not in _DUMPERS:
        raise ExportError(
            f"the {fmt} format writes files and cannot go to standard output; give a file or folder name "
            f"(standard output takes {', '.join(STREAM_FORMATS)})"
        )
    return _DUMPERS[fmt](graph)


def write_subgraph(
    graph: nx.MultiDiGraph, path: Path, fmt: str | None = None, *, title: str = "graphmodel subgraph"
) -> tuple[Path, ...]:
    """Write ``graph`` to ``path`` in ``fmt`` (default: from the extension) and return the files written.

    csv writes two files (see :func:`graphmodel.export.csv.csv_paths`); every other format one.
    ``title`` heads the html page.

    Raises:
        ExportError: the format is unknown or cannot be told from the extension, or the
            output cannot be written.
    """
    path = Path(path)
    fmt = format_for(path, fmt)
    try:
        return _write(graph, path, fmt, title)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from error


def _write(graph: nx.MultiDiGraph, path: Path, fmt: str, title: str) -> tuple[Path, ...]:
    if fmt == "csv":
        return write_csv(graph, path)
    if fmt == "json":
        return (graphfile.write(graph, path),)
    if fmt == "html":
        from graphmodel.render.page import render_html  # pyvis is heavy: import it only when needed

        path.parent.mkdir(parents=True, exist_ok=True)
        return (render_html(graph, path, title=title),)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps_subgraph(graph, fmt), encoding="utf-8")
    return (path,)
