"""Relationship types as direction-aware classes, with their label signatures (:mod:`graphmodel.schema`)
and trigger words (``relations.json``).

A candidate is an ordered pair (the entity named first, the one named second). Its class is
``"TYPE>"`` when the first entity is the source, ``"TYPE<"`` when the second is, ``"TYPE"`` for a
symmetric type, or ``"NONE"``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from graphmodel.schema import RELATION_TYPES, SYMMETRIC_TYPES, RelationType

__all__ = ["NONE", "Schema", "class_of", "load_schema", "split_class"]

NONE = "NONE"


@dataclass(frozen=True, slots=True)
class Schema:
    """Per type: allowed source and target labels, and trigger lemmas."""

    sources: dict[RelationType, frozenset[str]]
    targets: dict[RelationType, frozenset[str]]
    triggers: dict[RelationType, frozenset[str]]
    _allowed: dict[tuple[str, str], tuple[bool, ...]] = field(default_factory=dict, compare=False, repr=False)

    def classes(self) -> tuple[str, ...]:
        """Every class, ``NONE`` first, then types in enum order.

        >>> load_schema().classes()[:3]
        ('NONE', 'PARTICIPATES_IN>', 'PARTICIPATES_IN<')
        """
        return _CLASSES

    def fits(self, cls: str, first: str, second: str) -> bool:
        """Whether labels ``first`` and ``second`` (in text order) allow class ``cls``.

        >>> schema = load_schema()
        >>> schema.fits("VISITS>", "Person", "Country"), schema.fits("VISITS<", "Person", "Country")
        (True, False)
        """
        if cls == NONE:
            return True
        rtype, forward = split_class(cls)
        source, target = (first, second) if forward else (second, first)
        if rtype in SYMMETRIC_TYPES and not self._fits(rtype, source, target):
            source, target = target, source
        return self._fits(rtype, source, target)

    def _fits(self, rtype: RelationType, source: str, target: str) -> bool:
        return source in self.sources[rtype] and target in self.targets[rtype]

    def allowed(self, first: str, second: str) -> tuple[bool, ...]:
        """For each of :meth:`classes`, whether labels ``first`` and ``second`` allow it (remembered per pair)."""
        row = self._allowed.get((first, second))
        if row is None:
            row = self._allowed[first, second] = tuple(self.fits(c, first, second) for c in self.classes())
        return row

    def valid_classes(self, first: str, second: str) -> tuple[str, ...]:
        """The classes labels ``first`` and ``second`` allow (``NONE`` included)."""
        return tuple(c for c, ok in zip(self.classes(), self.allowed(first, second), strict=True) if ok)

    def relatable(self, first: str, second: str) -> bool:
        """Whether labels ``first`` and ``second`` allow a class besides ``NONE`` (``NONE`` is the first class).

        >>> load_schema().relatable("Person", "Country")
        True
        """
        return any(self.allowed(first, second)[1:])


_CLASSES = (NONE, *(c for rtype in RelationType
                    for c in ([rtype.value] if rtype in SYMMETRIC_TYPES else [f"{rtype.value}>", f"{rtype.value}<"])))


def split_class(cls: str) -> tuple[RelationType, bool]:
    """The type of a class and whether the first-named entity is its source.

    >>> split_class("HOSTS<")
    (<RelationType.HOSTS: 'HOSTS'>, False)
    """
    return RelationType(cls.rstrip("<>")), not cls.endswith("<")


@cache  # a few dozen combinations, asked for every vote and relation
def class_of(rtype: RelationType | str, forward: bool) -> str:
    """The class of a relation of ``rtype`` whose source is the first-named entity when ``forward``.

    >>> class_of("HOSTS", False), class_of("COOPERATES_WITH", False)
    ('HOSTS<', 'COOPERATES_WITH')
    """
    rtype = RelationType(rtype)
    if rtype in SYMMETRIC_TYPES:
        return rtype.value
    return f"{rtype.value}{'>' if forward else '<'}"


@cache
def load_schema() -> Schema:
    """Signatures from :mod:`graphmodel.schema`, triggers from ``graphmodel/data/relations.json``."""
    raw = json.loads(resources.files("graphmodel.data").joinpath("relations.json").read_text(encoding="utf-8"))
    sources = {rtype: frozenset(str(label) for label in spec.sources) for rtype, spec in RELATION_TYPES.items()}
    targets = {rtype: frozenset(str(label) for label in spec.targets) for rtype, spec in RELATION_TYPES.items()}
    triggers = {RelationType(name): frozenset(w.lower() for w in spec.get("triggers", []))
                for name, spec in raw["types"].items()}
    return Schema(sources, targets, triggers)
