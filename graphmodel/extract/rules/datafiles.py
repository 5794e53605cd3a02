"""Reading the JSON data files of ``graphmodel/data``, in which every table says what it is for.

A data file is a JSON object whose ``"about"`` describes the file. Each of its tables is an object
``{"about": "what the table is for", "words": [...]}`` (a list, or a map from a label or a word);
the confidence tables of ``rule_precision.json`` hold ``"rules"`` instead of ``"words"``. The
gazetteers (``countries.json``, ``organizations.json``) are lists of records.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from graphmodel.errors import GraphModelError

__all__ = ["read_data", "read_tables"]


def read_data(name: str) -> Any:
    """The parsed JSON of one file of the ``graphmodel.data`` package."""
    return json.loads(resources.files("graphmodel.data").joinpath(name).read_text(encoding="utf-8"))


def read_tables(name: str, payload: str = "words") -> dict[str, Any]:
    """The tables of a data file by name, each reduced to its ``payload``.

    >>> read_tables("grammar.json")["negations"]
    ['not', "n't", 'never', 'no']

    Raises:
        GraphModelError: a table does not say what it is for, or has no ``payload``.
    """
    tables = {}
    for key, table in read_data(name).items():
        if key == "about":
            continue
        if not isinstance(table, dict) or not table.get("about") or payload not in table:
            raise GraphModelError(f"{name}: table {key!r} must be {{\"about\": ..., \"{payload}\": ...}}")
        tables[key] = table[payload]
    return tables
