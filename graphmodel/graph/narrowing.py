"""Why a selection keeps nothing: the graph after each filter of :func:`~graphmodel.graph.select.select`.

:func:`explain_empty` names, in the order ``select`` applies them, the options that emptied the
selection and what each kept, and when ``--label`` cut relationships that the other filters
would keep, the labels that would keep them::

    no PARTICIPATES_IN relationship with confidence >= 0.7 joins two Country nodes: --label Country
    keeps 13 of 44 nodes and 5 of 38 relationships; --type PARTICIPATES_IN keeps 0 of 5 relationships,
    so no node is left. 12 PARTICIPATES_IN relationships with confidence >= 0.7 join Country nodes to
    Event or Initiative nodes: add --label Event --label Initiative to keep them
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable

import networkx as nx

from graphmodel.graph.select import (
    Selection,
    match_documents,
    select_documents,
    select_labels,
    select_min_confidence,
    select_types,
)

__all__ = ["Step", "explain_empty", "narrowing_steps"]

Step = tuple[str, nx.MultiDiGraph]  # (the options applied, the graph after them)


def narrowing_steps(graph: nx.MultiDiGraph, selection: Selection) -> list[Step]:
    """The graph after each filter of ``selection`` that applies, in :func:`select`'s order (the center aside).

    Raises:
        DocumentError: ``selection.document`` matches no document.
    """
    steps: list[Step] = []
    sub = graph
    if selection.filters_documents():
        sub = select_documents(sub, match_documents(sub, selection.document, selection.since, selection.until,
                                                    include_undated=selection.include_undated))
        steps.append((_document_options(selection), sub))
    if selection.labels:
        sub = select_labels(sub, selection.labels)
        steps.append((_options("--label", selection.labels), sub))
    if selection.types:
        sub = select_types(sub, selection.types)
        steps.append((_options("--type", selection.types), sub))
    if selection.min_confidence > 0:
        sub = select_min_confidence(sub, selection.min_confidence)
        steps.append((f"--min-confidence {selection.min_confidence:g}", sub))
    return steps


def explain_empty(graph: nx.MultiDiGraph, selection: Selection, first: Step | None = None) -> str:
    """Why ``selection`` keeps nothing of ``graph``: see the module docstring.

    ``first`` is a step applied before the selection (a ``--cypher`` query and what it returned).

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_nodes_from([("a", {"label": "Country"}), ("b", {"label": "Initiative"})])
    >>> _ = g.add_edge("a", "b", key="PARTICIPATES_IN", confidence=0.9)
    >>> print(explain_empty(g, Selection(labels=("Country",), types=("PARTICIPATES_IN",))))
    no PARTICIPATES_IN relationship joins two Country nodes: --label Country keeps 1 of 2 nodes and 0 of 1 \
relationship, so no node is left. 1 PARTICIPATES_IN relationship joins Country nodes to Initiative nodes: \
add --label Initiative to keep it
    """
    start = first[1] if first is not None else graph
    own = narrowing_steps(start, selection)
    told, before = [], graph
    for options, after in ([first] if first is not None else []) + own:
        told.append(_step_text(options, before, after))
        before = after
        if after.number_of_nodes() == 0 or (selection.filters_edges() and after.number_of_edges() == 0):
            break
    if not told:
        return "the graph has no entities"
    text = f"{_headline(selection)}: " + "; ".join(told)
    if before.number_of_nodes() > 0:
        text += ", so no node is left"
    if selection.labels and selection.filters_edges():
        text += _label_hint(own[0][1] if selection.filters_documents() else start, selection)
    return text


def _step_text(options: str, before: nx.MultiDiGraph, after: nx.MultiDiGraph) -> str:
    nodes = f"{after.number_of_nodes()} of {_count(before.number_of_nodes(), 'node')}"
    edges = f"{after.number_of_edges()} of {_count(before.number_of_edges(), 'relationship')}"
    if options.startswith(("--type", "--min-confidence")):
        return f"{options} keeps {edges}"
    if options.startswith(("--doc", "--since", "--until")):
        kept, of = len(after.graph.get("documents", {})), len(before.graph.get("documents", {}))
        return f"{options} keeps {kept} of {_count(of, 'document')}, {nodes} and {edges}"
    return f"{options} keeps {nodes} and {edges}"


def _headline(selection: Selection) -> str:
    in_documents = " in the documents selected" if selection.filters_documents() else ""
    if selection.filters_edges():
        confidence = f" with confidence >= {selection.min_confidence:g}" if selection.min_confidence > 0 else ""
        where = f" joins two {' or '.join(selection.labels)} nodes" if selection.labels else " is left"
        return f"no {_types(selection)}relationship{confidence}{where}{in_documents}"
    if selection.labels:
        return f"no {' or '.join(selection.labels)} node is left{in_documents}"
    if in_documents:
        return f"no entity is left{in_documents}"
    return "the --cypher query returns no entity"


def _label_hint(graph: nx.MultiDiGraph, selection: Selection) -> str:
    """The relationships that pass the type and confidence filters but have one end outside ``--label``."""
    wanted, labels = set(selection.labels), graph.nodes(data="label")
    others: set[str] = set()
    count = 0
    for source, target, key, data in graph.edges(keys=True, data=True):
        if (selection.types and key not in selection.types) or data.get("confidence", 0) < selection.min_confidence:
            continue
        ends = {labels[source], labels[target]}
        if len(ends) == 2 and len(ends & wanted) == 1:
            others |= ends - wanted
            count += 1
    if not count:
        return ""
    confidence = f" with confidence >= {selection.min_confidence:g}" if selection.min_confidence > 0 else ""
    verb, pronoun = ("joins", "it") if count == 1 else ("join", "them")
    return (f". {count} {_types(selection)}{_noun(count, 'relationship')}{confidence} {verb} "
            f"{' or '.join(selection.labels)} nodes to {' or '.join(sorted(others))} nodes: "
            f"add {_options('--label', sorted(others))} to keep {pronoun}")


def _types(selection: Selection) -> str:
    return " or ".join(selection.types) + " " if selection.types else ""


def _document_options(selection: Selection) -> str:
    given = (("--doc", selection.document), ("--since", selection.since), ("--until", selection.until))
    options = " ".join(f"{option} {shlex.quote(str(value))}" for option, value in given if value is not None)
    dated = selection.since is not None or selection.until is not None
    return options + (" --include-undated" if selection.include_undated and dated else "")


def _options(option: str, values: Iterable[str]) -> str:
    return " ".join(f"{option} {value}" for value in values)


def _count(count: int, noun: str) -> str:
    return f"{count} {_noun(count, noun)}"


def _noun(count: int, noun: str) -> str:
    return noun if count == 1 else f"{noun}s"
