"""Options that several commands share, and the one rule for choosing Neo4j over the local files.

Every command that reads a built graph names it with ``-g/--graph OUT`` (:func:`graph_option`): a
build's output folder (default ``out``) or one of its files (graph.json, graph.html, graph.db), from
which :func:`graph_input` picks the file the command reads. The older forms (a GRAPH argument,
``query --db``, ``export --db``) still work, as aliases of ``--graph``.

A command that can read either store (``query``, ``export``) talks to Neo4j when ``--neo4j`` or
``--uri`` is given on the command line (:func:`uses_neo4j`). The environment variables
(``GRAPHMODEL_NEO4J_URI``, ``_USER``, ``_DATABASE``, ``_PASSWORD``) only say how to reach Neo4j: they
never redirect a command that would otherwise read the embedded database or a graph file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from graphmodel.api import Outputs

__all__ = ["NEO4J_PASSWORD_ENV", "graph_input", "graph_option", "neo4j_auth", "neo4j_flag", "neo4j_options",
           "open_store", "uses_neo4j"]

_F = TypeVar("_F", bound=Callable[..., Any])

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


def graph_option(command: Any) -> Any:
    """The ``-g/--graph OUT`` option of every command that reads a built graph."""
    option = click.option("-g", "--graph", "graph", metavar="OUT", default="out", show_default=True,
                          help="The build to read: its output folder, or its graph.json, graph.html or graph.db.")
    return option(command)


def graph_input(ctx: click.Context, graph: str, **aliases: Any) -> Outputs:
    """The files of the build that ``--graph`` or one of its older aliases (given by option name) names.

    Raises:
        click.UsageError: the graph is named twice.
    """
    from graphmodel.api import outputs  # the API imports networkx: only when a command reads a graph

    given = [(name, value) for name, value in aliases.items() if value is not None]
    if ctx.get_parameter_source("graph") is click.core.ParameterSource.COMMANDLINE:
        given.insert(0, ("--graph", graph))
    if len(given) > 1:
        raise click.UsageError(f"name the graph once, not with both {given[0][0]} and {given[1][0]}")
    return outputs(given[0][1] if given else graph)


def neo4j_flag(purpose: str) -> Callable[[_F], _F]:
    """The ``--neo4j`` flag of a command that can read either store; its help states the rule of :func:`uses_neo4j`."""
    return click.option("--neo4j", "use_neo4j", is_flag=True,
                        help=f"{purpose}; implied by --uri on the command line, not by GRAPHMODEL_NEO4J_URI.")


def uses_neo4j(ctx: click.Context, flag: bool) -> bool:
    """Whether a command that can read either store talks to Neo4j: ``--neo4j``, or ``--uri`` on the command line.

    A URI from GRAPHMODEL_NEO4J_URI (or the default) does not count, so that a shell set up for
    ``graphmodel load`` still queries and exports the local files unless Neo4j is asked for.
    """
    return flag or ctx.get_parameter_source("uri") is click.core.ParameterSource.COMMANDLINE


def neo4j_auth(user: str) -> tuple[str, str] | None:
    """``(user, password)`` with the password from GRAPHMODEL_NEO4J_PASSWORD, or None when it is not set."""
    password = os.environ.get(NEO4J_PASSWORD_ENV)
    return (user, password) if password else None


def open_store(use_neo4j: bool, db: Path, uri: str, user: str, database: str, *, write: bool = False) -> Any:
    """A context manager that yields the store a command reads: Neo4j, or the embedded database ``db``."""
    if use_neo4j:
        from graphmodel.stores.neo4j import store as neo4j_store

        return neo4j_store.connect(uri, neo4j_auth(user), database=database)
    from graphmodel.stores.embedded.store import open_database

    return open_database(db, read_only=not write)
