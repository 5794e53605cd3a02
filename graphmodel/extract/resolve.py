"""Across documents: one node per real-world entity, never merged across labels.

Entities of one label merge when they share a key or a surface form (a name or alias); a lone
surname joins the one full name in the corpus that ends with it. The merged entity keeps every
surface form as an alias and takes a stable, readable key from its canonical name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace

from graphmodel.extract.rules.lexicon import norm
from graphmodel.models import Entity, Extraction, Relation
from graphmodel.schema import EntityLabel, entity_key

__all__ = ["resolve_corpus"]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def resolve_corpus(extractions: Iterable[Extraction]) -> list[Extraction]:
    """Rewrite entity keys so that every real-world entity has one key across all documents."""
    extractions = _type_acronyms(list(extractions))
    entities = [e for x in extractions for e in x.entities]
    groups = _group(entities)
    canonical = _canonical_keys(entities, groups)
    return [_rewrite(x, lambda key: canonical[groups.find(key)]) for x in extractions]


def _type_acronyms(extractions: list[Extraction]) -> list[Extraction]:
    """An acronym typed by the NER model alone takes the label of the name another document defines it for.

    "CENTSEC" defined as "the Central American Security Conference" in one article is an event in all.
    """
    defined: dict[str, set[EntityLabel]] = {}
    for entity in (e for x in extractions for e in x.entities):
        for alias in entity.aliases:
            if alias.isupper() and not entity.name.isupper():
                defined.setdefault(alias, set()).add(entity.label)
    relabel = {}
    for entity in (e for x in extractions for e in x.entities):
        labels = defined.get(entity.name, set())
        if entity.name.isupper() and len(labels) == 1 and entity.label not in labels:
            relabel[entity.key] = entity_key(next(iter(labels)), entity.name), next(iter(labels))
    return [_relabelled(x, relabel) for x in extractions] if relabel else extractions


def _relabelled(extraction: Extraction, relabel: dict[str, tuple[str, EntityLabel]]) -> Extraction:
    def key(old: str) -> str:
        return relabel[old][0] if old in relabel else old

    entities = tuple(replace(e, key=key(e.key), label=relabel[e.key][1]) if e.key in relabel else e
                     for e in extraction.entities)
    relations = tuple(replace(r, source=key(r.source), target=key(r.target)) for r in extraction.relations)
    return Extraction(extraction.document, entities, relations)


def _forms(entity: Entity) -> set[str]:
    return {norm(n) for n in (entity.name, *entity.aliases)} - {""}


def _group(entities: list[Entity]) -> _UnionFind:
    groups = _UnionFind()
    owner: dict[tuple[EntityLabel, str], str] = {}
    for entity in entities:
        groups.find(entity.key)
        forms = {norm(entity.name)} if entity.label is EntityLabel.PERSON else _forms(entity)
        for form in forms:
            seen = owner.setdefault((entity.label, form), entity.key)
            groups.union(entity.key, seen)
    _join_surnames(entities, groups)
    _join_short_names(entities, groups)
    return groups


_WHOLE_NAMES = frozenset({EntityLabel.PERSON, EntityLabel.COUNTRY})  # "Guinea" is not "Papua New Guinea"


def _join_short_names(entities: list[Entity], groups: _UnionFind) -> None:
    """"Southern Command" joins "U.S. Southern Command" when exactly one longer name of its label ends with it.

    A state's name is whole: "Sudan" never joins "South Sudan" (people have their own rules).

    Longer names are found through an index of every proper word suffix of every name, so each name
    meets only the names that end with it, never all names of its label.
    """
    others = [e for e in entities if e.label not in _WHOLE_NAMES]
    ending: dict[tuple[EntityLabel, tuple[str, ...]], dict[str, None]] = {}
    for entity in others:
        words = norm(entity.name).split()
        for size in range(1, len(words)):
            ending.setdefault((entity.label, tuple(words[-size:])), {})[entity.key] = None
    for short in others:
        candidates = ending.get((short.label, tuple(norm(short.name).split())), {})
        longer = _roots((key for key in candidates if key != short.key), groups)
        if len(longer) == 1:
            groups.union(short.key, longer.pop())


def _roots(keys: Iterable[str], groups: _UnionFind) -> set[str]:
    """The groups of ``keys``, up to two: two already mean the short name is ambiguous."""
    roots: set[str] = set()
    for key in keys:
        roots.add(groups.find(key))
        if len(roots) > 1:
            break
    return roots


def _join_surnames(entities: list[Entity], groups: _UnionFind) -> None:
    people = [e for e in entities if e.label is EntityLabel.PERSON]
    full: dict[str, set[str]] = {}
    for person in people:
        if " " in person.name:
            full.setdefault(norm(person.name.split()[-1]), set()).add(groups.find(person.key))
    for person in people:
        if " " not in person.name:
            targets = full.get(norm(person.name), set())
            if len(targets) == 1:
                groups.union(person.key, next(iter(targets)))


def _canonical_keys(entities: list[Entity], groups: _UnionFind) -> dict[str, tuple[str, str]]:
    """Per group root: the canonical key and name (a full name, the most frequent, then the longest)."""
    members: dict[str, list[Entity]] = {}
    for entity in entities:
        members.setdefault(groups.find(entity.key), []).append(entity)
    canonical = {}
    for root, group in members.items():
        names = Counter(e.name for e in group)
        best = max(names, key=lambda n: (" " in n, names[n], len(n)))
        canonical[root] = (entity_key(group[0].label, best), best)
    return canonical


def _rewrite(extraction: Extraction, canonical_of: Callable[[str], tuple[str, str]]) -> Extraction:
    merged: dict[str, Entity] = {}
    for entity in extraction.entities:
        key, name = canonical_of(entity.key)
        aliases = set(entity.aliases) | {entity.name}
        mentions = entity.mentions
        if key in merged:
            aliases |= set(merged[key].aliases)
            mentions += merged[key].mentions
        merged[key] = Entity(key, name, entity.label, tuple(sorted(aliases - {name})), mentions, entity.documents)
    relations = tuple(
        Relation(canonical_of(r.source)[0], canonical_of(r.target)[0], r.type, r.evidence, r.confidence)
        for r in extraction.relations
    )
    return Extraction(extraction.document, tuple(merged.values()), relations)
