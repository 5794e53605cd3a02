"""Relations within one sentence: structural patterns and dependency paths with trigger lexicons.

Each rule returns ``Found`` records naming local entity indexes; the extractor adds evidence.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from graphmodel.extract.rules.joint import joint_actors
from graphmodel.extract.rules.labels import head_word, unit_of_body
from graphmodel.extract.rules.lexicon import Lexicon, RelationSpec
from graphmodel.extract.rules.tree import dep_path, slot_root
from graphmodel.extract.rules.types import ACTIVITIES, Found, Slot, found_by_rule
from graphmodel.schema import EXTRACTION_ORDER, EntityLabel, RelationType

__all__ = ["sentence_relations"]

_MAX_PATH = 9  # each type has its own, shorter limit (relations.json "max_path")


def sentence_relations(sent: Span, slots: list[Slot], lexicon: Lexicon) -> list[Found]:
    """All relations the rules find in one sentence, one per (source, type, target)."""
    found = list(_structural(sent, slots, lexicon)) + list(_paths(sent, slots, lexicon))
    found += joint_actors(sent, slots, lexicon)
    unique: dict[tuple[int, RelationType, int], Found] = {}
    for item in found:
        if item.source != item.target:
            unique.setdefault((item.source, item.type, item.target), item)
    return list(unique.values())


# ---------------------------------------------------------------- structural patterns


def _structural(sent: Span, slots: list[Slot], lexicon: Lexicon) -> Iterator[Found]:
    doc = sent.doc
    for left, right in zip(slots, slots[1:], strict=False):
        between = doc[left.end:right.start]
        words = [t for t in between]
        if left.anaphor or right.anaphor:
            continue
        if right.label is EntityLabel.PERSON and _title_between(words, lexicon):
            if left.label in {EntityLabel.COUNTRY, EntityLabel.ORGANIZATION}:
                yield found_by_rule(lexicon, right.entity, RelationType.AFFILIATED_WITH, left.entity, "title-prefix")
            continue
        if len(words) == 1 and words[0].text in lexicon.grammar.possessive_s:
            yield from _possessive(left, right, doc, lexicon)
        elif (left.label is right.label is EntityLabel.ORGANIZATION and [w.lower_ for w in words] == ["of", "the"]
              and unit_of_body(doc[left.start:right.end], lexicon) is not None):
            yield found_by_rule(lexicon, left.entity, RelationType.PART_OF, right.entity, "unit-of-body")
        elif _possessive_of(words, lexicon) and right.label is EntityLabel.PLACE and left.label in {EntityLabel.COUNTRY,
                                                                                          EntityLabel.PLACE}:
            yield found_by_rule(lexicon, right.entity, RelationType.LOCATED_IN, left.entity, "possessive-of-place")
        elif (len(words) == 1 and words[0].text in lexicon.grammar.place_apposition
              and right.label in {EntityLabel.PLACE, EntityLabel.COUNTRY}):
            attached = left.start <= doc[right.start:right.end].root.head.i < left.end
            if attached and (left.label is EntityLabel.PLACE
                             or (left.label is EntityLabel.ORGANIZATION and words[0].text == "in")):
                yield found_by_rule(lexicon, left.entity, RelationType.LOCATED_IN, right.entity, "place-apposition")
        elif left.label is EntityLabel.PERSON and _is_affiliation_tail(words, lexicon):
            if right.label in {EntityLabel.COUNTRY, EntityLabel.ORGANIZATION}:
                yield found_by_rule(lexicon, left.entity, RelationType.AFFILIATED_WITH, right.entity, "person-of")
            elif right.label in ACTIVITIES:
                yield found_by_rule(lexicon, left.entity, RelationType.PARTICIPATES_IN, right.entity, "person-role-for")


def _possessive_of(words: list[Token], lexicon: Lexicon) -> bool:
    """ "the Philippines' main island of Luzon": a possessive, common words, then "of"."""
    texts = [t.text for t in words]
    return (len(texts) >= 3 and texts[0] in lexicon.grammar.possessives and texts[-1] == "of"
            and all(t.is_lower for t in words[1:-1]))


def _title_between(words: list[Token], lexicon: Lexicon) -> bool:
    """Only a title lies between a body and a person: "U.S. Secretary of Defense", "Türkiye's intelligence chief"."""
    texts = [t.text for t in words]
    grammar = lexicon.grammar
    return all(lexicon.is_role(w) or w in grammar.possessive_s
               or (w in grammar.title_connectors and 0 < i < len(texts) - 1) for i, w in enumerate(texts))


def _possessive(owner: Slot, owned: Slot, doc: object, lexicon: Lexicon) -> Iterator[Found]:
    if owner.label is not EntityLabel.COUNTRY and owner.label is not EntityLabel.ORGANIZATION:
        if owner.label is EntityLabel.PLACE and owned.label is EntityLabel.PLACE:
            yield found_by_rule(lexicon, owned.entity, RelationType.LOCATED_IN, owner.entity, "possessive-place",
                                "a place's place")
        return
    if owned.label is EntityLabel.PERSON:
        yield found_by_rule(lexicon, owned.entity, RelationType.AFFILIATED_WITH, owner.entity, "possessive-person")
    elif owned.label in ACTIVITIES:  # "China's Belt and Road projects"
        yield found_by_rule(lexicon, owner.entity, RelationType.PARTICIPATES_IN, owned.entity, "possessive-initiative")
    elif owned.label is EntityLabel.PLACE and owner.label is EntityLabel.COUNTRY:
        yield found_by_rule(lexicon, owned.entity, RelationType.LOCATED_IN, owner.entity, "possessive-place")
    elif owned.label is EntityLabel.ORGANIZATION:
        head = head_word([t.text for t in doc[owned.start:owned.end]], lexicon)  # type: ignore[index]
        rtype = RelationType.PART_OF if lexicon.governs(head) else RelationType.LOCATED_IN
        if rtype is RelationType.PART_OF or owner.label is EntityLabel.COUNTRY:
            yield found_by_rule(lexicon, owned.entity, rtype, owner.entity, "possessive-org")


def _is_affiliation_tail(words: list[Token], lexicon: Lexicon) -> bool:
    """", director of" / " of the" / " from" / ", a spokesperson for" between a person and a body."""
    texts = [t.lower_ for t in words]
    if texts and texts[-1] == "the":
        texts = texts[:-1]
    if not texts or texts[-1] not in lexicon.grammar.affiliation_tail_ends:
        return False
    inner = [t for t in words[:-1] if t.lower_ not in lexicon.grammar.affiliation_tail_fillers]
    return len(inner) <= 4 and all(t.pos_ in {"NOUN", "ADJ", "PROPN"} or t.text in lexicon.titles for t in inner)


# ---------------------------------------------------------------- dependency paths


def _paths(sent: Span, slots: list[Slot], lexicon: Lexicon) -> Iterator[Found]:
    owner = {i: n for n, s in enumerate(slots) if not s.anaphor for i in range(s.start, s.end)}
    slots = [s for s in slots if not _modifies_group(sent, s, lexicon)]
    for i, a in enumerate(slots):
        for b in slots[i + 1:]:
            if a.entity == b.entity:
                continue
            found = _pair(sent, a, b, lexicon, owner)
            if found is not None:
                yield found


def _modifies_group(sent: Span, slot: Slot, lexicon: Lexicon) -> bool:
    """ "six Mexican cartels": the state only describes the group, which is the argument of the verb."""
    root = sent.doc[slot.start:slot.end].root
    return bool(root.dep_ in {"amod", "compound"} and lexicon.group_nouns.get(root.head.lemma_.lower()) == "located")


def _pair(sent: Span, a: Slot, b: Slot, lexicon: Lexicon, owner: dict[int, int]) -> Found | None:
    doc = sent.doc
    root_a, root_b = slot_root(doc, a), slot_root(doc, b)
    path = dep_path(root_a, root_b)
    if path is None or len(path) > _MAX_PATH:
        return None
    inside = set(range(a.start, a.end)) | set(range(b.start, b.end))
    words = [t for t in path if t.i not in inside]
    if any(t.i in owner and t.i not in {root_a.i, root_b.i} for t in words):
        return None  # the path runs through a third entity: the relation is that entity's
    if any(t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"} and t.head in path
           and (_has_subject(t) or not _shared_subject(t.head, (root_a, root_b))) for t in path):
        return None  # "Russia condemned it, and the Kremlin warned": two clauses, two statements
    if any(t.lower_ in lexicon.grammar.negations for w in words for t in w.children if t.dep_ == "neg"):
        return None
    if _other_clause(path, root_a, root_b, lexicon):
        return None
    lemmas = _lemmas(words)
    venue = _venue(a, b, lemmas, lexicon)
    if venue is not None:
        return venue
    for rtype in EXTRACTION_ORDER:
        spec = lexicon.relations[rtype]
        hit = lemmas & spec.triggers
        if not hit and len(path) <= 3:
            hit = lemmas & spec.near_triggers
        if not hit or len(path) > spec.max_path:
            continue
        if rtype is RelationType.AFFILIATED_WITH and (root_a.i >= a.end or root_a.i < a.start
                                                       or root_b.i >= b.end or root_b.i < b.start):
            continue  # an affiliation belongs to one person, not to a whole coordination
        oriented = _orient(a, b, spec, doc)
        if oriented is not None:
            source, target = oriented
            confidence = spec.confidence * (lexicon.factor("path with an anaphor") if a.anaphor or b.anaphor else 1.0)
            return Found(source.entity, rtype, target.entity, f"path:{sorted(hit)[0]}", round(confidence, 3))
    return _person_at_event(a, b, path, lexicon)




def _shared_subject(verb: Token, ends: tuple[Token, Token]) -> bool:
    """One end is what both coordinated verbs say something about: the first verb's subject, or the noun it
    describes ("the Roundtable, held in X and co-hosted by Y"); not an argument of the first verb alone."""
    subjects = {c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}}
    described = verb.head if verb.dep_ in {"acl", "relcl"} else None
    return any(end in subjects or end == described for end in ends)


def _has_subject(verb: Token) -> bool:
    """A verb with a subject of its own heads a clause; "held in X and co-hosted by Y" shares one."""
    return any(child.dep_ in {"nsubj", "nsubjpass", "expl"} for child in verb.children)


def _other_clause(path: list[Token], root_a: Token, root_b: Token, lexicon: Lexicon) -> bool:
    """The two names belong to different statements.

    "X announced sanctions, while China criticised the move": China is the subject of a clause that
    does not contain X. "sanctions on Russia over Ukraine": Ukraine is the topic, not a party.
    """
    for token in path:
        if token.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
            subject_side = [r for r in (root_a, root_b) if token.i != r.i and token in r.ancestors
                            and any(c.dep_ in {"nsubj", "nsubjpass"} and (c == r or c in r.ancestors)
                                    for c in token.children)]
            if subject_side and any(token not in r.ancestors and r != token for r in (root_a, root_b)):
                return True
    return any(r.dep_ == "pobj" and r.head.lower_ in lexicon.grammar.topic_prepositions for r in (root_a, root_b))


def _venue(a: Slot, b: Slot, lemmas: set[str], lexicon: Lexicon) -> Found | None:
    """A city or venue that "hosts" an event is where the event is held."""
    places = [s for s in (a, b) if s.label is EntityLabel.PLACE]
    events = [s for s in (a, b) if s.label in ACTIVITIES]
    if places and events and lemmas & lexicon.relations[RelationType.HOSTS].triggers:
        return found_by_rule(lexicon, events[0].entity, RelationType.LOCATED_IN, places[0].entity, "path:venue-hosts")
    return None


def _person_at_event(a: Slot, b: Slot, path: list[Token], lexicon: Lexicon) -> Found | None:
    """A person closely tied to an event in one clause (speaking at it, describing it) takes part in it."""
    people = [s for s in (a, b) if s.label is EntityLabel.PERSON and not s.anaphor]
    events = [s for s in (a, b) if s.label in ACTIVITIES]
    if people and events and len(path) <= 4:
        return found_by_rule(lexicon, people[0].entity, RelationType.PARTICIPATES_IN, events[0].entity,
                             "path:person-event")
    return None


def _lemmas(words: list[Token]) -> set[str]:
    lemmas = set()
    for token in words:
        lemmas.add(token.lemma_.lower())
        lemmas.add(token.lower_)
        if token.pos_ in {"VERB", "AUX"}:  # phrasal verbs: "take part in", "hosted by"
            lemmas.update(child.lower_ for child in token.children if child.dep_ in {"prt", "prep", "agent"})
        if token.pos_ == "NOUN":  # compound nouns: "member states of"
            lemmas.update(child.lemma_.lower() for child in token.children if child.dep_ == "compound")
    return lemmas


def _orient(a: Slot, b: Slot, spec: RelationSpec, doc: object) -> tuple[Slot, Slot] | None:
    forward = a.label in spec.sources and b.label in spec.targets
    backward = b.label in spec.sources and a.label in spec.targets
    if forward and backward:
        return (b, a) if _is_agent(doc, b) else (a, b)
    if forward:
        return a, b
    if backward:
        return b, a
    return None


def _is_agent(doc: object, slot: Slot) -> bool:
    root = slot_root(doc, slot)
    return any(t.dep_ == "agent" for t in [root, *root.ancestors][:3])
