"""The states a sentence lists as a body's members, written around the body's name rather than with a verb:

- "Kenya, Uganda and Tanzania (the East African Community)": the list, then the body in brackets;
- "the Quad (the United States, Japan, India and Australia)": the body, then the list in brackets;
- "the Quad grouping of A, B and C", "the SCO, which comprises A, B and C", "NATO allies A and B": the
  body, a grouping word (``grouping_words`` in lexicon.json), then the list.

Each listed state is ``MEMBER_OF`` the body. A list is two or more states joined only by commas,
"and" and "the".
"""

from __future__ import annotations

from spacy.tokens import Span

from graphmodel.extract.rules.lexicon import Lexicon
from graphmodel.extract.rules.types import Found, Slot, found_by_rule
from graphmodel.schema import EntityLabel, RelationType

__all__ = ["membership_relations"]

_GLUE = frozenset({",", "and", "the", "&"})  # between the states of one list
_LEAD = frozenset({",", "which", "that", "of", "the", "together", "now", "currently", "whose", "fellow"})
_GAP = 6  # tokens at most between a body's name and its list, grouping word included


def membership_relations(sent: Span, slots: list[Slot], lexicon: Lexicon) -> list[Found]:
    """``MEMBER_OF`` relations of the states a sentence lists around a body's name (module docstring)."""
    doc = sent.doc
    named = [s for s in slots if not s.anaphor]
    bodies = [s for s in named if s.label is EntityLabel.ORGANIZATION]
    found: list[Found] = []
    for run in _state_lists(doc, named):
        first, last = run[0], run[-1]
        body = _bracketed_after(doc, last.end, bodies, sent.end) or _before(doc, first.start, last.end, bodies,
                                                                            named, lexicon)
        if body is not None:
            found += [found_by_rule(lexicon, s.entity, RelationType.MEMBER_OF, body.entity, "state-list-members")
                      for s in run if s.entity != body.entity]
    return found


def _state_lists(doc: object, slots: list[Slot]) -> list[list[Slot]]:
    """Runs of two or more states with nothing but list glue between them."""
    runs: list[list[Slot]] = []
    current: list[Slot] = []
    for slot in slots:
        if slot.label is not EntityLabel.COUNTRY:
            current = _close(runs, current)
            continue
        glued = current and all(t.lower_ in _GLUE for t in doc[current[-1].end:slot.start])  # type: ignore[index]
        current = [*current, slot] if glued else _close(runs, current) + [slot]
    _close(runs, current)
    return runs


def _close(runs: list[list[Slot]], run: list[Slot]) -> list[Slot]:
    if len({s.entity for s in run}) >= 2:
        runs.append(run)
    return []


def _bracketed_after(doc: object, end: int, bodies: list[Slot], limit: int) -> Slot | None:
    """The body named in the bracket right after a list: "A and B (the X)"."""
    words = [t.lower_ for t in doc[end:min(end + 2, limit)]]  # type: ignore[index]
    if not words or words[0] != "(":
        return None
    start = end + 2 if words[1:] == ["the"] else end + 1
    return next((b for b in bodies if b.start == start), None)


def _before(doc: object, start: int, end: int, bodies: list[Slot], slots: list[Slot], lexicon: Lexicon) -> Slot | None:
    """The body named just before a list: in a bracket around it, or followed by a grouping word."""
    before = [b for b in bodies if b.end <= start and start - b.end <= _GAP]
    if not before:
        return None
    body = before[-1]
    if any(body.end <= s.start and s.end <= start for s in slots if s is not body):
        return None
    between = list(doc[body.end:start])  # type: ignore[index]
    words = [t.lower_ for t in between]
    if words in (["("], ["(", "the"]):
        closed = end < len(doc) and doc[end].text == ")"  # type: ignore[arg-type,index]
        return body if closed else None
    grouping = [t for t in between if t.lemma_.lower() in lexicon.grouping_words]
    rest = [t for t in between if t not in grouping]
    return body if grouping and all(t.lower_ in _LEAD for t in rest) else None
