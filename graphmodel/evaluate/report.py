"""Format a :class:`~graphmodel.evaluate.score.Score` as a table, with its errors and a summary line."""

from __future__ import annotations

from graphmodel.evaluate.score import Counts, Score

__all__ = ["format_score", "summary_line"]


def format_score(result: Score, errors: bool = False) -> str:
    """The score as a table (overall, per label, per type), the errors if asked, and a summary line last."""
    lines = [f"{'':20}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for title, total, parts in (("entities", result.entities, result.per_label),
                                ("relations", result.relations, result.per_type)):
        lines += [_table_row(title, total), *(_table_row(f"  {name}", counts) for name, counts in parts.items())]
    lines.append(f"gold: {result.gold_entities} entities, {result.gold_relations} relations; untyped entity "
                 f"recall {result.untyped_entity_recall:.3f}, untyped pair recall {result.untyped_pair_recall:.3f}")
    if errors:
        for title, items in (("missed entities", result.missed_entities),
                             ("spurious entities", result.spurious_entities),
                             ("missed relations", result.missed_relations),
                             ("spurious relations", result.spurious_relations)):
            lines += ["", f"{title} ({len(items)}):", *(f"  {item}" for item in items)]
        lines.append("")
    return "\n".join([*lines, summary_line(result)])


def _table_row(title: str, counts: Counts) -> str:
    rates = f"{counts.precision:7.3f}{counts.recall:7.3f}{counts.f1:7.3f}"
    return f"{title:20}{rates}{counts.tp:6}{counts.fp:6}{counts.fn:6}"


def summary_line(result: Score) -> str:
    """One line: entity and relation F1, precision and recall.

    >>> import networkx as nx
    >>> from graphmodel.evaluate.gold import Gold
    >>> from graphmodel.evaluate.score import score
    >>> summary_line(score(nx.MultiDiGraph(), Gold((), frozenset(), frozenset())))
    'entity F1 0.000 (P 0.000 R 0.000); relation F1 0.000 (P 0.000 R 0.000)'
    """
    e, r = result.entities, result.relations
    return (f"entity F1 {e.f1:.3f} (P {e.precision:.3f} R {e.recall:.3f}); "
            f"relation F1 {r.f1:.3f} (P {r.precision:.3f} R {r.recall:.3f})")
