"""Find an entity of a built graph by its key, name or alias, and name it in messages."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

import networkx as nx

from graphmodel.errors import AmbiguousEntity, EntityNotFound

__all__ = ["describe_entity", "resolve_entity"]

_SUGGESTIONS = 3


def resolve_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """The key of the entity with this key, name or alias (case-insensitive; names win over aliases).

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_node("person:pete-hegseth", name="Pete Hegseth", aliases=["Hegseth"])
    >>> resolve_entity(g, "hegseth")
    'person:pete-hegseth'

    Raises:
        EntityNotFound: no entity matches (with close matches suggested), or several do.
    """
    if name in graph:
        return name
    wanted = name.strip().casefold()
    for field in ("name", "aliases"):
        keys = sorted(key for key, data in graph.nodes(data=True) if wanted in _forms(data, field))
        if len(keys) == 1:
            return str(keys[0])
        if keys:
            candidates = ", ".join(describe_entity(graph, key) for key in keys)
            raise AmbiguousEntity(f"'{name}' is ambiguous: {candidates}; give one of the keys instead")
    raise EntityNotFound(_not_found_message(graph, name))


def describe_entity(graph: nx.MultiDiGraph, key: str) -> str:
    """An entity as messages name it: ``Name (key)``.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_node("country:panama", name="Panama")
    >>> describe_entity(g, "country:panama")
    'Panama (country:panama)'
    """
    return f"{graph.nodes[key].get('name', key)} ({key})"


def _forms(data: Mapping[str, Any], field: str) -> set[str]:
    values = data.get(field) or []
    return {str(v).casefold() for v in ([values] if isinstance(values, str) else values)}


def _not_found_message(graph: nx.MultiDiGraph, name: str) -> str:
    forms: dict[str, str] = {}
    for key, data in graph.nodes(data=True):
        for form in (key, *_forms(data, "name"), *_forms(data, "aliases")):
            forms.setdefault(form.casefold(), key)
    close = difflib.get_close_matches(name.strip().casefold(), list(forms), n=_SUGGESTIONS * 2)
    keys = list(dict.fromkeys(forms[form] for form in close))[:_SUGGESTIONS]
    message = f"no entity with the name, alias or key '{name}'"
    if keys:
        message += "; did you mean " + " or ".join(describe_entity(graph, key) for key in keys) + "?"
    return message
