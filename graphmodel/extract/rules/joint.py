"""States or bodies named together that act together: pairwise ``COOPERATES_WITH``, without cliques of lists."""

from __future__ import annotations

from spacy.tokens import Span, Token

from graphmodel.extract.rules.lexicon import Lexicon
from graphmodel.extract.rules.tree import slot_root
from graphmodel.extract.rules.types import Found, Slot, found_by_rule
from graphmodel.schema import EntityLabel, RelationType

__all__ = ["joint_actors"]

_ACTORS = {EntityLabel.COUNTRY, EntityLabel.ORGANIZATION}


def joint_actors(sent: Span, slots: list[Slot], lexicon: Lexicon) -> list[Found]:
    """States or bodies named together in a clause about working together cooperate pairwise.

    "Philippine and United States troops ... supported by ...", "Indonesia and Australia announced a
    joint project". A longer list cooperates only where the clause says the action is joint ("A, B, C
    and D in a joint statement"); otherwise ("run by A, B, C and D") it names participants.
    """
    groups: dict[int, list[Slot]] = {}
    for slot in slots:
        if slot.label in _ACTORS and not slot.anaphor:
            groups.setdefault(_list_head(slot_root(sent.doc, slot), slots).i, []).append(slot)
    triggers = lexicon.relations[RelationType.COOPERATES_WITH].triggers - lexicon.joint_action_excluded
    named = {i for slot in slots if slot.label is EntityLabel.EVENT  # "... Security Cooperation Dialogue"
             for i in range(slot.start, slot.end)}
    found = []
    for head, members in groups.items():
        unique = list({s.entity: s for s in members})
        clause = _clause_lemmas(sent.doc[head], named)
        if len(unique) < 2 or not clause & (triggers if len(unique) == 2 else lexicon.joint_action_words):
            continue
        found += [found_by_rule(lexicon, a, RelationType.COOPERATES_WITH, b, "joint-actors")
                  for i, a in enumerate(unique) for b in unique[i + 1:]]
    return found


def _list_head(root: Token, slots: list[Slot]) -> Token:
    """The first name of a list the parser read as an apposition ("Fiji, Tonga and Samoa": Tonga appos Fiji)."""
    starts = {s.start for s in slots}
    while root.dep_ == "appos" and root.head.i in starts:
        root = root.head
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
    return root


def _clause_lemmas(token: Token, named: set[int]) -> set[str]:
    """The words of the clause a name belongs to: the subtree of the verb (or noun) that governs it, without
    the words of the meetings it names (states that meet at a "Cooperation Dialogue" are its participants)."""
    governor = token.head
    while governor.pos_ not in {"VERB", "AUX"} and governor.head.i != governor.i and governor.dep_ != "ROOT":
        governor = governor.head
    words = [t for t in governor.subtree if t.i not in named]
    return {t.lemma_.lower() for t in words} | {t.lower_ for t in words}
