"""Members of a national group: "a Ukrainian delegation led by X", "Russia's negotiators were named as A and B",
"the targeted Mexican cartels are A, B and C".

A person in such a group is affiliated with the state; a body in it is part of the state (government
bodies) or located in it (other organizations); members of a delegation or team take part in the
document's focal event, and so does their state.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from graphmodel.extract.rules.labels import head_word
from graphmodel.extract.rules.lexicon import Lexicon
from graphmodel.extract.rules.tree import slot_root
from graphmodel.extract.rules.types import Found, Slot, found_by_rule
from graphmodel.schema import EntityLabel, RelationType

__all__ = ["group_relations"]

_MODIFIER_DEPS = {"amod", "compound", "poss", "nmod"}


def group_relations(sent: Span, slots: list[Slot], lexicon: Lexicon, focal: int | None,
                    targets: dict[str, list[tuple[int, RelationType]]] | None = None) -> list[Found]:
    """Relations of the members of groups: their state's, and those of actors that acted on the group.

    ``targets`` maps a group noun to the actors that acted on such a group earlier in the document
    ("The United States has designated six Mexican cartels"); it is updated with this sentence's.
    """
    targets = {} if targets is None else targets
    for lemma, acts in group_targets(sent, slots, lexicon).items():
        targets.setdefault(lemma, []).extend(acts)
    states = _group_states(slots, sent, lexicon)
    found: list[Found] = []
    for slot in slots:
        if slot.anaphor or slot.label not in {EntityLabel.PERSON, EntityLabel.ORGANIZATION}:
            continue
        group = _group_of(slot_root(sent.doc, slot), lexicon)
        if group is None:
            continue
        lemma = group.lemma_.lower()
        found += [found_by_rule(lexicon, actor, rtype, slot.entity, "group-target")
                  for actor, rtype in targets.get(lemma, []) if actor != slot.entity]
        if group.i in states:
            found += _state_member(slot, states[group.i], lexicon.group_nouns[lemma], focal, sent, lexicon)
    return found


def _state_member(slot: Slot, state: int, role: str, focal: int | None, sent: Span,
                  lexicon: Lexicon) -> list[Found]:
    found = [_membership(slot, state, sent, lexicon)]
    if role == "participant" and focal is not None:
        found.append(found_by_rule(lexicon, slot.entity, RelationType.PARTICIPATES_IN, focal, "group-participant"))
        found.append(found_by_rule(lexicon, state, RelationType.PARTICIPATES_IN, focal, "group-participant"))
    return found


_ACTS = (RelationType.OPPOSES, RelationType.COOPERATES_WITH)


def group_targets(sent: Span, slots: list[Slot], lexicon: Lexicon) -> dict[str, list[tuple[int, RelationType]]]:
    """Actors acting on a group in this sentence: "X designated six cartels", "gangs targeted by X"."""
    actors = {sent.doc[s.start:s.end].root.i: s.entity for s in slots
              if not s.anaphor and s.label in {EntityLabel.COUNTRY, EntityLabel.ORGANIZATION, EntityLabel.PERSON}}
    found: dict[str, list[tuple[int, RelationType]]] = {}
    for token in sent:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicon.group_nouns:
            continue
        for verb, actor in _acting_on(token, actors):
            for rtype in _ACTS:
                if verb.lemma_.lower() in lexicon.relations[rtype].triggers:
                    found.setdefault(token.lemma_.lower(), []).append((actor, rtype))
                    break
    return found


def _acting_on(group: Token, actors: dict[int, int]) -> list[tuple[Token, int]]:
    head = group
    while head.dep_ == "conj":
        head = head.head
    pairs = []
    if head.dep_ in {"dobj", "nsubjpass"}:
        verb = head.head
        pairs += [(verb, actors[c.i]) for c in verb.children if c.dep_ == "nsubj" and c.i in actors]
        pairs += [(verb, actors[p.i]) for c in verb.children if c.dep_ == "agent" for p in c.children if p.i in actors]
    for verb in (c for c in group.children if c.dep_ == "acl"):
        pairs += [(verb, actors[p.i]) for c in verb.children if c.dep_ == "agent" for p in c.children if p.i in actors]
    return pairs


def _membership(slot: Slot, state: int, sent: Span, lexicon: Lexicon) -> Found:
    if slot.label is EntityLabel.PERSON:
        return found_by_rule(lexicon, slot.entity, RelationType.AFFILIATED_WITH, state, "group-member")
    head = head_word([t.text for t in sent.doc[slot.start:slot.end]], lexicon)
    rtype = RelationType.PART_OF if lexicon.governs(head) else RelationType.LOCATED_IN
    return found_by_rule(lexicon, slot.entity, rtype, state, "group-member")


def _group_states(slots: list[Slot], sent: Span, lexicon: Lexicon) -> dict[int, int]:
    """Token index of each group noun -> the state entity that modifies it."""
    states = {}
    for slot in slots:
        if slot.anaphor or slot.label is not EntityLabel.COUNTRY:
            continue
        token = sent.doc[slot.start:slot.end].root
        group = token.head if token.dep_ in _MODIFIER_DEPS else None
        if token.dep_ == "pobj" and token.head.lower_ == "from":  # "delegations from Russia"
            group = token.head.head
        if group is not None and group.lemma_.lower() in lexicon.group_nouns:
            states[group.i] = slot.entity
    return states


def _group_of(token: Token, lexicon: Lexicon) -> Token | None:
    """The group noun a member hangs from: through "led by", "included", "named as", "are", apposition."""
    for ancestor in list(token.ancestors)[:4]:
        candidates = [ancestor]
        if ancestor.pos_ in {"VERB", "AUX"}:
            candidates += [c for c in ancestor.children if c.dep_ in {"nsubj", "nsubjpass"}]
        for candidate in candidates:
            if candidate.pos_ == "NOUN" and candidate.lemma_.lower() in lexicon.group_nouns:
                return candidate
    return None
