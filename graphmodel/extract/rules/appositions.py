"""A person's post written as a comma chain, the way lists of speakers, witnesses and delegations give it:

- "Ms. A, Director, Estonian Information System Authority": the person, a title (a segment with a role
  word and no name), then the body or state they serve, and a second one right after ("Commander,
  Joint Forces, New Zealand Defence Force");
- "**Moldova** — Ms. A, Secretary of State, ...": a line that opens with a state and a dash or colon
  before the people it lists.

Each gives the person ``AFFILIATED_WITH`` the body or state.
"""

from __future__ import annotations

from spacy.tokens import Span

from graphmodel.extract.rules.lexicon import Lexicon
from graphmodel.extract.rules.types import Found, Slot, found_by_rule, past_emphasis
from graphmodel.schema import EntityLabel, RelationType

__all__ = ["post_relations"]

_SERVED = frozenset({EntityLabel.ORGANIZATION, EntityLabel.COUNTRY})
_TITLE_TOKENS = 10  # a longer segment between commas is a clause, not a title
_LINE_OPENERS = frozenset({"—", "–", "-", ":"})  # after the state a line opens with
_ENDS = frozenset({",", ";", ".", ")", ":"})  # what may follow the second body of a chain


def post_relations(sent: Span, slots: list[Slot], lexicon: Lexicon) -> list[Found]:
    """``AFFILIATED_WITH`` relations of the people a sentence gives posts as comma chains (module docstring)."""
    named = [s for s in slots if not s.anaphor]
    by_start = {s.start: s for s in named}
    found: list[Found] = []
    for person in (s for s in named if s.label is EntityLabel.PERSON):
        for served in _chain(sent, person, by_start, lexicon):
            found.append(found_by_rule(lexicon, person.entity, RelationType.AFFILIATED_WITH, served.entity,
                                       "post-chain"))
    state = _line_state(sent, named)
    if state is not None:
        found += [found_by_rule(lexicon, s.entity, RelationType.AFFILIATED_WITH, state.entity, "post-chain")
                  for s in named if s.label is EntityLabel.PERSON and s.start > state.end]
    return found


def _chain(sent: Span, person: Slot, by_start: dict[int, Slot], lexicon: Lexicon) -> list[Slot]:
    """The bodies or states after "PERSON, TITLE," (the first, and one more right after it)."""
    doc, end = sent.doc, sent.end
    if person.end >= end or doc[person.end].text != ",":
        return []
    comma = next((i for i in range(person.end + 1, min(person.end + 2 + _TITLE_TOKENS, end)) if doc[i].text == ","),
                 None)
    if comma is None or any(person.end < start < comma for start in by_start):
        return []
    words = [t.lower_.rstrip(".") for t in doc[person.end + 1:comma]]
    if not any(lexicon.is_role(w) or w in lexicon.office_words for w in words):
        return []
    first = _slot_at(doc, comma + 1, by_start)
    if first is None:
        return []
    served = [first]
    if first.end < end and doc[first.end].text == ",":
        second = _slot_at(doc, first.end + 1, by_start)
        if second is not None and (second.end >= end or doc[second.end].text in _ENDS):
            served.append(second)
    return served


def _slot_at(doc: object, index: int, by_start: dict[int, Slot]) -> Slot | None:
    """The body or state named at ``index`` (after an optional "the")."""
    if index < len(doc) and doc[index].lower_ == "the":  # type: ignore[arg-type,index]
        index += 1
    slot = by_start.get(index)
    return slot if slot is not None and slot.label in _SERVED else None


def _line_state(sent: Span, slots: list[Slot]) -> Slot | None:
    """The state a line opens with, before a dash or colon ("**Moldova** — Ms. A, ...")."""
    doc = sent.doc
    first = slots[0] if slots else None
    if first is None or first.label is not EntityLabel.COUNTRY:
        return None
    if any(t.is_alpha for t in doc[sent.start:first.start]):
        return None
    after = past_emphasis(doc, first.end, sent.end)
    return first if after < sent.end and doc[after].text in _LINE_OPENERS else None
