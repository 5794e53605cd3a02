"""The ``graphmodel`` command line: parses arguments, calls the library, prints results.

The group lives here and turns :class:`~graphmodel.errors.GraphModelError` into a click error; the
commands live in one module per concern and are registered below.
"""

from __future__ import annotations

from typing import Any

import click

from graphmodel.cli.build import build, stats, view
from graphmodel.cli.database import load, query
from graphmodel.cli.evaluate import evaluate, why
from graphmodel.cli.export import export
from graphmodel.cli.train import train
from graphmodel.errors import GraphModelError

__all__ = ["cli"]


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


for _command in (build, stats, view, load, query, export, evaluate, why, train):
    cli.add_command(_command)
