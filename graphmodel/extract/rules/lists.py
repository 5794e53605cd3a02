"""Relations read from the structure of lists and tables: participants, members, a row's people.

Official texts list participants one per item under a lead ("Participating forces:", a
"Participating delegations" heading) and group them under sub-leads ("ASEAN Member States").
Each item that is a name gives the named actor:

- ``PARTICIPATES_IN`` the event or initiative the leads name, else the document's main one, when a
  lead holds a participation word;
- ``MEMBER_OF`` the organization the nearest lead names, when that lead speaks of members;
- the designator ``OPPOSES`` it, when the nearest lead speaks of designations or sanctions ("Designated
  entities"): the designator is the actor the document first names as the subject of such a verb
  ("OFAC designated ...", "... were sanctioned by the Council").

In a programme, the people an item names after a role label ("Moderator: Dr. A, ...", "Keynote:
...") and the actors of the items under a label item ("Speakers:") take part in the document's main
event (``programme_roles`` in lexicon.json).

An item is a name when it is little more than one, or when it opens with the name and goes on after a
comma, dash, colon or bracket ("**Name**, a company based in ...").

A table row read as prose (no participants column) ties its cells: a row's one person is
``AFFILIATED_WITH`` every state and body of the row, and where the header speaks of participation
("Head of delegation", "Speaker") the row's people and first-column actor take part in the
document's main event or initiative; where the heading or line above the table does ("Participating
forces"), every actor of the row does.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from graphmodel.extract.rules.lexicon import Lexicon
from graphmodel.extract.rules.types import ACTIVITIES, Found, LocalEntity, Located, found_by_rule, past_emphasis
from graphmodel.extract.rules.units import Unit
from graphmodel.schema import EntityLabel, RelationType

__all__ = ["ListItem", "list_relations", "row_relations"]

_ACTORS = frozenset({EntityLabel.COUNTRY, EntityLabel.ORGANIZATION, EntityLabel.PERSON})
_MEMBERS = frozenset({EntityLabel.COUNTRY, EntityLabel.ORGANIZATION})
_NAME_START = 4  # the item's name starts before this token ("Observers from the African Union")
_ITEM_TOKENS = 14  # longer items are sentences, read by the sentence rules
_MAX_LEADS = 3
_NAME_GLUE = frozenset({"of", "the", "and", "for", "de", "del", "al", "-", "'s", "&"})  # inside a name
_ROLE_LABEL_WORDS = 4  # a label item ("Speakers:", "Panel of experts:") is short
_AFTER_NAME = frozenset({",", "—", "–", "-", ":", "("})  # what follows the name an item opens with


@dataclass(frozen=True, slots=True)
class ListItem:
    """A relation read from a list item: the found relation and the unit whose text is its evidence."""

    found: Found
    unit: int


def list_relations(units: list[Unit], docs: list[Doc], located: list[Located], assignment: list[int],
                   entities: list[LocalEntity], lexicon: Lexicon) -> list[ListItem]:
    """The participants and members that the lists of a document name (see the module docstring)."""
    order = sorted(range(len(units)), key=lambda i: (units[i].offset, units[i].role != "heading"))
    mentions: dict[int, list[tuple[int, int]]] = {}  # unit -> (token start, entity)
    for item, entity in zip(located, assignment, strict=True):
        mentions.setdefault(item.block, []).append((item.mention.start, entity))
    main = _main_activity(entities)
    designator: list[int | None] = []  # found once, when a list of designations needs it
    under_role = False  # the items above, up to a label item of a programme role ("Speakers:")
    out = []
    for position, index in enumerate(order):
        unit = units[index]
        if unit.role != "list_item":
            under_role = False
            continue
        label = _label_item(unit)
        if label is not None or unit.lead_in:
            under_role = label is not None and _programme_role(label, lexicon)
        if main is not None and _programme_role(unit.text[:unit.lead_in], lexicon):
            people = _people_after(docs[index], unit.lead_in, mentions.get(index, []), entities)
            out += [ListItem(found_by_rule(lexicon, p, RelationType.PARTICIPATES_IN, main, "programme-role"), index)
                    for p in people]
            continue
        actor = _named_actor(docs[index], mentions.get(index, []), entities)
        if actor is None:
            continue
        if main is not None and under_role and label is None:
            found = found_by_rule(lexicon, actor, RelationType.PARTICIPATES_IN, main, "programme-role")
            out.append(ListItem(found, index))
            continue
        leads = _leads(order, position, units)
        nearest = leads[0] if leads else None
        if nearest is not None and _speaks_of(docs[nearest], lexicon.designation_words):
            if not designator:
                designator.append(_designator(docs, located, assignment, entities, lexicon))
            if designator[0] is not None and designator[0] != actor:
                found = found_by_rule(lexicon, designator[0], RelationType.OPPOSES, actor, "list-designated")
                out.append(ListItem(found, index))
        if any(_speaks_of(docs[lead], lexicon.list_participation_words) for lead in leads):
            target = _named(leads, mentions, entities, ACTIVITIES)
            target = main if target is None else target
            if target is not None:  # the named actor, and the people the item names (its delegation's head)
                people = _people_after(docs[index], 0, mentions.get(index, []), entities)
                out += [ListItem(found_by_rule(lexicon, a, RelationType.PARTICIPATES_IN, target, "list-participants"),
                                 index) for a in dict.fromkeys([actor, *people])]
        member = entities[actor].label in _MEMBERS
        if nearest is not None and member and _speaks_of(docs[nearest], lexicon.membership_words):
            body = _named([nearest], mentions, entities, frozenset({EntityLabel.ORGANIZATION}))
            if body is not None and body != actor:
                found = found_by_rule(lexicon, actor, RelationType.MEMBER_OF, body, "list-members")
                out.append(ListItem(found, index))
    return out


def row_relations(units: list[Unit], located: list[Located], assignment: list[int], entities: list[LocalEntity],
                  lexicon: Lexicon) -> list[ListItem]:
    """The affiliations and participants that the rows of a table read as prose give (module docstring)."""
    main = _main_activity(entities)
    prose = sorted((u.offset, u.text) for u in units if u.row is None)  # the lines a table may sit under
    out = []
    for index, cells in _row_cells(units, located, assignment).items():
        found = _row_affiliations(cells, entities, lexicon)
        row = units[index].row
        if main is not None and row is not None and _header_speaks_of(row.header, lexicon.list_participation_words):
            found += _row_participants(cells, entities, main, lexicon)
        elif main is not None and row is not None and _table_lead_speaks_of(prose, row.start, lexicon):
            found += [found_by_rule(lexicon, actor, RelationType.PARTICIPATES_IN, main, "table-row-participants")
                      for actor in dict.fromkeys(e for _, e in cells if entities[e].label in _ACTORS)]
        out += [ListItem(f, index) for f in found]
    return out


def _table_lead_speaks_of(prose: list[tuple[int, str]], start: int, lexicon: Lexicon) -> bool:
    """Whether the heading or line right above a table row speaks of participation ("Participating
    forces"): then every actor of the row takes part in the document's main event. ``prose`` holds
    (offset, text) of the document's headings and lines, in order."""
    above = bisect.bisect_left(prose, (start, "")) - 1
    return above >= 0 and _header_speaks_of((prose[above][1],), lexicon.list_participation_words)


def _row_cells(units: list[Unit], located: list[Located], assignment: list[int]) -> dict[int, list[tuple[int, int]]]:
    """Per table row (the index of one of its cell units): (cell offset, entity) of its names, in order."""
    first_unit: dict[int, int] = {}
    cells: dict[int, list[tuple[int, int, int]]] = {}
    for item, entity in zip(located, assignment, strict=True):
        unit = units[item.block]
        if unit.role == "cell" and unit.row is not None:
            index = first_unit.setdefault(unit.row.start, item.block)
            cells.setdefault(index, []).append((unit.offset, item.mention.start, entity))
    return {index: [(offset, entity) for offset, _, entity in sorted(found)] for index, found in cells.items()}


def _row_affiliations(cells: list[tuple[int, int]], entities: list[LocalEntity], lexicon: Lexicon) -> list[Found]:
    named = list(dict.fromkeys(entity for _, entity in cells))
    people = [e for e in named if entities[e].label is EntityLabel.PERSON]
    if len(people) != 1:
        return []
    return [found_by_rule(lexicon, people[0], RelationType.AFFILIATED_WITH, e, "table-row-affiliation")
            for e in named if entities[e].label in _MEMBERS]


def _row_participants(cells: list[tuple[int, int]], entities: list[LocalEntity], main: int,
                      lexicon: Lexicon) -> list[Found]:
    """The row's people and the actor its first cell names take part in ``main``."""
    people = [e for _, e in cells if entities[e].label is EntityLabel.PERSON]
    leading = [e for offset, e in cells if offset == cells[0][0] and entities[e].label in _ACTORS]
    return [found_by_rule(lexicon, actor, RelationType.PARTICIPATES_IN, main, "table-row-participants")
            for actor in dict.fromkeys(people + leading[:1])]


def _header_speaks_of(header: tuple[str, ...], lemmas: frozenset[str]) -> bool:
    words = {w.lower() for cell in header for w in cell.replace("-", " ").split()}
    return bool(words & lemmas or {w.removesuffix("s") for w in words} & lemmas)


def _main_activity(entities: list[LocalEntity]) -> int | None:
    counts = Counter({i: e.mentions for i, e in enumerate(entities) if e.label in ACTIVITIES and e.mentions})
    return counts.most_common(1)[0][0] if counts else None


def _named_actor(doc: Doc, mentions: list[tuple[int, int]], entities: list[LocalEntity]) -> int | None:
    """The actor an item names, when the item is little more than that name, or opens with it and
    goes on after a comma, dash, colon or bracket."""
    for start, entity in sorted(mentions):
        if start < _NAME_START and entities[entity].label in _ACTORS:
            return entity if len(doc) <= _ITEM_TOKENS or _opens_with_name(doc, start) else None
    return None


def _opens_with_name(doc: Doc, start: int) -> bool:
    """Whether the capitalised run at ``start`` is followed by a comma, dash, colon or bracket."""
    end = start
    while end < len(doc) and (doc[end].is_title or doc[end].is_upper or doc[end].lower_ in _NAME_GLUE):
        end += 1
    end = past_emphasis(doc, end, len(doc))  # the end of the name's **emphasis**
    return end < len(doc) and doc[end].text in _AFTER_NAME


def _leads(order: list[int], position: int, units: list[Unit]) -> list[int]:
    """The leads of a list item, nearest first: the prose line (or the item ending in a colon) or
    heading right above its list, then the headings above that, up to the prose before them
    ("Participating delegations" above "ASEAN Member States" above the items)."""
    leads: list[int] = []
    for index in reversed(order[:position]):
        role = units[index].role
        if role == "list_item" and units[index].text.rstrip().endswith(":"):
            role = "prose"  # "2. The following delegations took part:", an item that leads a nested list
        if role == "prose" and leads or len(leads) == _MAX_LEADS:
            break
        if role in {"prose", "heading"}:
            leads.append(index)
    return leads


def _speaks_of(doc: Doc, lemmas: frozenset[str]) -> bool:
    return any(token.lemma_.lower() in lemmas for token in doc)


def _named(leads: list[int], mentions: dict[int, list[tuple[int, int]]], entities: list[LocalEntity],
           labels: frozenset[EntityLabel]) -> int | None:
    """The last entity with one of ``labels`` that the nearest lead naming one names."""
    for lead in leads:
        named = [entity for _, entity in sorted(mentions.get(lead, [])) if entities[entity].label in labels]
        if named:
            return named[-1]
    return None


def _designator(docs: list[Doc], located: list[Located], assignment: list[int], entities: list[LocalEntity],
                lexicon: Lexicon) -> int | None:
    """The actor the document first names as the subject of a designation verb, or as its agent."""
    spans: dict[int, list[tuple[int, int, int]]] = {}
    for item, entity in zip(located, assignment, strict=True):
        if entities[entity].label in _ACTORS:
            spans.setdefault(item.block, []).append((item.mention.start, item.mention.end, entity))
    for block, doc in enumerate(docs):
        for token in doc:
            if token.pos_ != "VERB" or token.lemma_.lower() not in lexicon.designation_words:
                continue
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            subjects += [p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            for subject in subjects:
                named = _subject_actor(subject, spans.get(block, []))
                if named is not None:
                    return named
    return None


def _subject_actor(subject: Token, spans: list[tuple[int, int, int]]) -> int | None:
    """The actor a subject names: the one its head word is in, or the body after a possessive in it
    ("the Treasury's Office of Foreign Assets Control designated")."""
    owned = [t.i for t in subject.subtree if t.dep_ == "case" and t.lower_ in {"'s", "’s", "'"}]
    if owned:
        after = sorted((start, entity) for start, end, entity in spans
                       if owned[-1] < start and end <= subject.right_edge.i + 1)
        if after:
            return after[0][1]
    return next((entity for start, end, entity in spans if start <= subject.i < end), None)


def _programme_role(label: str, lexicon: Lexicon) -> bool:
    """Whether a list item's "Label:" names a role in a programme ("Moderator", "Closing remarks")."""
    words = [w.strip("*_:").lower() for w in label.split()]
    return bool(words) and any(w in lexicon.programme_roles or w.removesuffix("s") in lexicon.programme_roles
                               for w in words)


def _people_after(doc: Doc, lead_in: int, mentions: list[tuple[int, int]], entities: list[LocalEntity]) -> list[int]:
    """The people an item names after its label."""
    people = [e for start, e in sorted(mentions)
              if doc[start].idx >= lead_in and entities[e].label is EntityLabel.PERSON]
    return list(dict.fromkeys(people))


def _label_item(unit: Unit) -> str | None:
    """The text of a list item that is only a short label ("Speakers:"), else None."""
    label = unit.text.strip().strip("*_- ")
    return label if label.endswith(":") and len(label.split()) <= _ROLE_LABEL_WORDS else None
