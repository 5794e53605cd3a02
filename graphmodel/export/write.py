"""Write a (sub)graph in the formats analysts use: json, graphml, gexf, csv, cypher and html.

The format comes from the caller or from the output's extension (:func:`format_for`). Each
format's serialisation is documented in its module: the interchange JSON in
:mod:`graphmodel.graph.graphfile`, GraphML in :mod:`graphmodel.export.graphml`, GEXF in
:mod:`graphmodel.export.gexf`, the ``neo4j-admin`` CSV files in :mod:`graphmodel.export.csv`, the
cypher-shell script in :mod:`graphmodel.export.cypher`; html is the interactive page of
:func:`graphmodel.render.page.dumps_html`. Every format but csv is one text (:func:`dumps_subgraph`),
written to its file atomically or to standard output; csv is two files, a nodes file and a
relationships file with different headers, as ``neo4j-admin database import`` reads them.
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
from graphmodel.graph.graphfile import write_text

__all__ = ["FORMATS", "STREAM_FORMATS", "SUFFIXES", "dumps_subgraph", "format_for", "write_subgraph"]

FORMATS = ("json", "graphml", "gexf", "csv", "cypher", "html")
STREAM_FORMATS = ("json", "graphml", "gexf", "cypher", "html")  # all but csv: one text each
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

    Standard output (``-``) defaults to json and takes every format but csv.

    >>> format_for("hegseth.graphml"), format_for("-"), format_for("out/x.txt", "cypher")
    ('graphml', 'json', 'cypher')

    Raises:
        ExportError: ``fmt`` is not a format, the extension names none, or csv is to go to standard output.
    """
    if fmt is not None and fmt not in FORMATS:
        raise ExportError(f"unknown export format '{fmt}'; use one of {', '.join(FORMATS)}")
    if str(output) == "-":
        return _streamable(fmt or "json")
    if fmt is not None:
        return fmt
    suffix = Path(output).suffix.lower()
    if suffix not in SUFFIXES:
        raise ExportError(
            f"cannot tell the export format of '{output}' from its extension; "
            f"name it .json, .graphml, .gexf, .csv, .cypher or .html, or give the format ({', '.join(FORMATS)})"
        )
    return SUFFIXES[suffix]


def _streamable(fmt: str) -> str:
    if fmt not in STREAM_FORMATS:
        raise ExportError(
            f"the {fmt} format writes two files and cannot go to standard output; give a file or folder name "
            f"(standard output takes {', '.join(STREAM_FORMATS)})"
        )
    return fmt


def dumps_subgraph(graph: nx.MultiDiGraph, fmt: str, *, title: str = "graphmodel subgraph") -> str:
    """The text of ``graph`` in a one-text format (every format but csv); ``title`` heads the html page.

    >>> from graphmodel.graph.core import new_graph
    >>> dumps_subgraph(new_graph(), "cypher").splitlines()[0]
    '// graphmodel subgraph: 0 entities, 0 relationships, 0 documents'

    Raises:
        ExportError: the format writes two files (csv), not one text.
    """
    if _streamable(fmt) == "html":
        from graphmodel.render.page import dumps_html  # pyvis is heavy: import it only when needed

        return dumps_html(graph, title=title)
    return _DUMPERS[fmt](graph)


def write_subgraph(
    graph: nx.MultiDiGraph, path: Path, fmt: str | None = None, *, title: str = "graphmodel subgraph"
) -> tuple[Path, ...]:
    """Write ``graph`` to ``path`` in ``fmt`` (default: from the extension) and return the files written.

    csv writes two files (see :func:`graphmodel.export.csv.csv_paths`); every other format one. Each
    file is replaced atomically: a reader sees the old file or the new one, and a failed export
    leaves the old one. ``title`` heads the html page.

    Raises:
        ExportError: the format is unknown or cannot be told from the extension, or the
            output cannot be written.
    """
    path = Path(path)
    fmt = format_for(path, fmt)
    try:
        if fmt == "csv":
            return write_csv(graph, path)
        text = dumps_subgraph(graph, fmt, title=title)
        return (write_text(path, text if text.endswith("\n") else text + "\n"),)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from error
