"""Read the hand-annotated gold graphs (one JSON file per document) and merge them into one.

A gold file is an object with an ``entities`` list (``name``, ``label``, ``aliases``), a
``relations`` list (``source``, ``type``, ``target``, naming entities of the same file) and an
``ignore`` list of names that are neither right nor wrong. :func:`read_gold` merges the documents'
gold files into one corpus gold graph: entities of one label that share a normalised name or alias
become one entity.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from graphmodel.errors import GraphFileError
from graphmodel.schema import SYMMETRIC_TYPES, EntityLabel, RelationType

__all__ = [
    "LABELS",
    "TYPES",
    "Gold",
    "GoldEntity",
    "RelationKey",
    "name_forms",
    "normalize_name",
    "read_gold",
    "relation_key",
]

LABELS = frozenset(str(label) for label in EntityLabel)
TYPES = frozenset(str(rtype) for rtype in RelationType)
_SYMMETRIC = frozenset(str(rtype) for rtype in SYMMETRIC_TYPES)

_End = TypeVar("_End", int, str)
RelationKey = tuple[str, int, int]  # (type, source, target): indexes into Gold.entities


def normalize_name(text: str) -> str:
    """Fold a surface form so that trivially different spellings compare equal.

    Accents, curly quotes, case, a possessive 's, punctuation and a leading "the" do not count.

    >>> normalize_name("The Darién Gap’s"), normalize_name("U.S. Southern  Command")
    ('darien gap', 'us southern command')
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    plain = plain.replace("\u2019", "'").replace("\u2018", "'").lower()
    plain = re.sub(r"[^\w\s]", "", re.sub(r"'s\b", "", plain))
    plain = re.sub(r"^the\s+", "", plain.strip())
    return re.sub(r"\s+", " ", plain).strip()


def name_forms(name: str, aliases: Iterable[str]) -> frozenset[str]:
    """The normalised forms of a name and its aliases; forms that normalise to nothing are dropped.

    >>> sorted(name_forms("The U.S.", ["United States", "!"]))
    ['united states', 'us']
    """
    return frozenset(normalize_name(form) for form in (name, *aliases)) - {""}


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """One corpus entity: the name its first file gave, its label and every normalised form."""

    name: str
    label: str
    forms: frozenset[str]


@dataclass(frozen=True, slots=True)
class Gold:
    """The corpus gold graph: entities, relationships between them and the ignored names (normalised)."""

    entities: tuple[GoldEntity, ...]
    relations: frozenset[RelationKey]
    ignore: frozenset[str]


def read_gold(folder: Path) -> Gold:
    """Read every ``*.json`` gold file of ``folder`` (in name order) and merge them into one gold graph.

    Raises:
        GraphFileError: the folder has no gold file, or a file is not JSON or breaks the gold format
            (an unknown label or type, a relationship naming an entity the file does not list).
    """
    folder = Path(folder)
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not files:
        raise GraphFileError(f"no gold files (*.json) in {folder}; pass the folder of per-document gold files")
    merger, relations, ignore = _Merger(), [], set()
    for path in files:
        document = _load_gold_file(path)
        local = {name: merger.add(label, name, forms) for name, label, forms in _gold_entities(path, document)}
        relations += [(rtype, local[s], local[t]) for s, rtype, t in _gold_relations(path, document, local)]
        ignore |= {normalize_name(name) for name in _gold_ignore(path, document)}
    return merger.freeze(relations, frozenset(ignore))


class _Merger:
    """Joins gold entities of one label whose forms overlap; a joined entity points to the one kept."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.labels: list[str] = []
        self.forms: list[set[str]] = []
        self.parent: list[int] = []

    def add(self, label: str, name: str, forms: frozenset[str]) -> int:
        hits = [i for i, p in enumerate(self.parent) if p == i and self.labels[i] == label and self.forms[i] & forms]
        if not hits:
            self.names.append(name)
            self.labels.append(label)
            self.forms.append(set(forms))
            self.parent.append(len(self.parent))
            return self.parent[-1]
        kept = hits[0]
        self.forms[kept] |= forms
        for other in hits[1:]:
            self.forms[kept] |= self.forms[other]
            self.parent[other] = kept
        return kept

    def root(self, index: int) -> int:
        while self.parent[index] != index:
            index = self.parent[index]
        return index

    def freeze(self, relations: Iterable[tuple[str, int, int]], ignore: frozenset[str]) -> Gold:
        alive = [i for i, p in enumerate(self.parent) if p == i]
        position = {old: new for new, old in enumerate(alive)}
        entities = tuple(GoldEntity(self.names[i], self.labels[i], frozenset(self.forms[i])) for i in alive)
        keys = {relation_key(t, position[self.root(s)], position[self.root(o)]) for t, s, o in relations}
        return Gold(entities, frozenset(keys), ignore)


def relation_key(rtype: str, source: _End, target: _End) -> tuple[str, _End, _End]:
    """The identity of a relationship; a symmetric one is stored with its ends in order.

    >>> relation_key("COOPERATES_WITH", 5, 2), relation_key("HOSTS", 5, 2)
    (('COOPERATES_WITH', 2, 5), ('HOSTS', 5, 2))
    """
    if rtype in _SYMMETRIC and source > target:
        source, target = target, source
    return (rtype, source, target)


def _load_gold_file(path: Path) -> dict[str, Any]:
    try:
        document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GraphFileError(f"cannot read gold file {path}: {error}") from error
    _check(isinstance(document, dict) and isinstance(document.get("entities"), list), path,
           "it is not an object with an `entities` list (and `relations`, `ignore`)")
    _check(isinstance(document.get("relations", []), list), path, "`relations` is not a list")
    return document


def _check(condition: bool, path: Path, problem: str) -> None:
    if not condition:
        raise GraphFileError(f"gold file {path}: {problem}")


def _gold_entities(path: Path, document: Mapping[str, Any]) -> list[tuple[str, str, frozenset[str]]]:
    rows = []
    for entity in document["entities"]:
        _check(isinstance(entity, dict) and isinstance(entity.get("name"), str), path,
               f"entity {entity!r} has no `name`")
        name, label, aliases = entity["name"], entity.get("label"), entity.get("aliases", [])
        _check(isinstance(label, str) and label in LABELS, path,
               f"entity {name!r} has label {label!r}; use one of {', '.join(sorted(LABELS))}")
        _check(_is_list_of_str(aliases), path, f"the `aliases` of entity {name!r} are not a list of names")
        rows.append((name, label, name_forms(name, aliases)))
    return rows


def _gold_relations(path: Path, document: Mapping[str, Any], known: Mapping[str, int]) -> list[tuple[str, str, str]]:
    rows = []
    for relation in document.get("relations", []):
        _check(isinstance(relation, dict), path, f"relation {relation!r} is not an object")
        source, rtype, target = (relation.get(field) for field in ("source", "type", "target"))
        _check(isinstance(rtype, str) and rtype in TYPES, path,
               f"relation {source} -{rtype}-> {target} has an unknown type; use one of {', '.join(sorted(TYPES))}")
        for end in (source, target):
            _check(isinstance(end, str) and end in known, path, f"relation {source} -{rtype}-> {target} names "
                   f"unknown entity {end!r}; list it under `entities` or use an entity's `name`")
        rows.append((source, rtype, target))
    return rows


def _gold_ignore(path: Path, document: Mapping[str, Any]) -> list[str]:
    names = document.get("ignore", [])
    _check(_is_list_of_str(names), path, "`ignore` is not a list of names")
    return list(names)


def _is_list_of_str(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
