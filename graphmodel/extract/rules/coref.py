"""Within one document: group mentions into local entities (acronyms, surnames, partial names).

Capitals become their state only in actor roles; a city named after its state ("Panama City")
stays a place. Surnames and partial names ("Southern Command") join the full name that the
document gives; acronyms join the name they are defined for ("... known as CENTSEC", "(SOUTHCOM)").
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span

from graphmodel.extract.rules.labels import ORDINAL
from graphmodel.extract.rules.lexicon import Lexicon, norm
from graphmodel.extract.rules.names import owned_as, surnames
from graphmodel.extract.rules.tree import first_conjunct
from graphmodel.extract.rules.types import ACTIVITIES, LocalEntity, Located, Mention
from graphmodel.schema import EntityLabel, RelationType

__all__ = ["group_mentions", "relabel"]

_YEAR = re.compile(r"^(?:19|20)\d\d\s+|\s+(?:19|20)?\d\d$")


@cache
def _definition(definers: tuple[str, ...]) -> re.Pattern[str]:
    """ "(ACR" or ", known as the ACR" right after a name, with ``definers`` tried in order, or ", ACR)"
    closing the bracket the name is in ("(the East African Community, EAC)").

    >>> pattern = _definition(("known as",))
    >>> [next(filter(None, pattern.match(text).groups())) for text in (" (EAC) said", ", known as the EAC", ", EAC)")]
    ['EAC', 'EAC', 'EAC']
    >>> pattern.match(", EAC and") is None
    True
    """
    acronym = r"([A-Z][A-Za-z0-9&-]{1,11})"
    return re.compile(r"^\s*(?:(?:\(\s*|,?\s*(?:" + "|".join(re.escape(d) for d in definers) + r")\s+(?:the\s+)?)"
                      + acronym + r"\b|,\s*" + acronym + r"\s*\))")


def relabel(mention: Mention, doc: Doc, lexicon: Lexicon) -> Mention:
    """Type a capital by its role: the state when it acts ("Beijing's control", "Washington said",
    "urged Beijing"), else a place ("in Beijing", "between Lagos and Accra", "Kyiv-based").

    A capital in capitals is a dateline ("BRUSSELS - ..."), the place the story was filed from.
    """
    if mention.kind != "capital":
        return mention
    place = Mention(mention.start, mention.end, mention.text, EntityLabel.PLACE, None, "name", mention.source)
    if mention.text.isupper():
        return place
    span = mention.span(doc)
    state, city = norm(mention.canonical or ""), norm(mention.text)
    if state in city and city != state:  # "Panama City", "Mexico City"
        return place
    return mention if _acts(span, lexicon) else place


def _acts(span: Span, lexicon: Lexicon) -> bool:
    """A name in an actor's role: subject, possessor, object of a verb (but not of a visit), after "by" or "for",
    or listed with one."""
    root = first_conjunct(span.root)
    if span.end < len(span.doc) and span.doc[span.end].text in lexicon.grammar.possessives:
        return True
    if root.dep_ == "dobj" and root.head.lemma_.lower() in lexicon.relations[RelationType.VISITS].triggers:
        return False  # "visited Kyiv": the city travelled to
    if root.dep_ in {"nsubj", "nsubjpass", "poss", "dobj"}:
        return True
    if root.dep_ != "pobj":
        return False
    preposition = root.head
    if preposition.lower_ in lexicon.grammar.capital_actor_prepositions:
        return True
    governor = preposition.head.lemma_.lower()  # "protested to Beijing", "ties with Moscow"
    return preposition.lower_ in {"to", "with"} and preposition.head is not preposition and any(
        governor in lexicon.relations[kind].triggers for kind in (RelationType.OPPOSES, RelationType.COOPERATES_WITH))


def group_mentions(located: list[Located], docs: list[Doc], lexicon: Lexicon) -> tuple[list[LocalEntity], list[int]]:
    """Group mentions into local entities; returns the entities and, per mention, its entity index."""
    entities: list[LocalEntity] = []
    index: dict[tuple[EntityLabel, str], int] = {}
    acronyms = _acronym_definitions(located, docs, lexicon)
    people = _full_names(located, lexicon)
    assignment = []
    for item in located:
        label, name, canonical = _identity(item, docs, acronyms, people, located)
        key = (label, norm(name))
        if key not in index:
            index[key] = len(entities)
            entities.append(LocalEntity(label, name, canonical))
        entity = entities[index[key]]
        entity.aliases.add(item.mention.text)
        entity.mentions += 1
        if not entity.canonical and _better_name(name, entity.name):
            entity.name = name
        assignment.append(index[key])
    _merge_partial_names(entities, assignment, lexicon)
    return entities, assignment


def _better_name(candidate: str, current: str) -> bool:
    return len(candidate) > len(current) and not candidate.isupper()


def _identity(item: Located, docs: list[Doc], acronyms: dict[str, Mention], people: dict[str, str],
              located: list[Located]) -> tuple[EntityLabel, str, bool]:
    mention = item.mention
    if mention.canonical:
        return mention.label, mention.canonical, True
    text = _YEAR.sub("", mention.text).strip() or mention.text
    edition, _, bare = text.partition(" ")
    if ORDINAL.fullmatch(edition) and bare in acronyms:  # "the 4th AMSMM-Plus" after "4th ... (AMSMM-Plus)"
        defined = acronyms[bare].text.split()[0]
        text = bare if defined == edition or not ORDINAL.fullmatch(defined) else text  # not the 5th edition
    if text in acronyms and acronyms[text] is not mention:
        full = acronyms[text]
        return full.label, full.canonical or full.text, bool(full.canonical)
    if mention.label is EntityLabel.PERSON or (" " not in text and text in people):
        return EntityLabel.PERSON, people.get(text, mention.text), False
    return mention.label, mention.text, False


def _full_names(located: list[Located], lexicon: Lexicon) -> dict[str, str]:
    """Map surnames (and the full names themselves) to full person names given in the document."""
    by_surname: dict[str, set[str]] = {}
    for item in located:
        mention = item.mention
        if mention.label is EntityLabel.PERSON and " " in mention.text:
            parts = [p for p in mention.text.split() if p not in lexicon.surname_suffixes]
            for part in {parts[0], *surnames(mention.text, lexicon)}:
                by_surname.setdefault(part, set()).add(mention.text)
    names = {surname: max(full, key=len) for surname, full in by_surname.items()
             if len({f.split()[-1] for f in full}) == 1}
    names.update({full: full for fulls in by_surname.values() for full in fulls})
    for item in located:
        if item.mention.label is EntityLabel.PERSON:
            names.setdefault(item.mention.text, item.mention.text)
    return names


def _acronym_definitions(located: list[Located], docs: list[Doc], lexicon: Lexicon) -> dict[str, Mention]:
    """Acronyms the text defines: "Full Name (ACR)", "Full Name, known as ACR", "Full Name, or ACR"."""
    defined: dict[str, Mention] = {}
    for item in located:
        doc = docs[item.block]
        after = doc[item.mention.end:min(item.mention.end + 5, len(doc))].text
        match = _definition(lexicon.grammar.acronym_definers).match(after)
        if match and item.mention.label is not EntityLabel.PERSON and not item.mention.text.isupper():
            acronym = match.group(1) or match.group(2)
            if _plausible_acronym(acronym, item.mention.text):
                defined[acronym] = item.mention
    defined.update(_bracketed_names(located, docs, lexicon))
    return defined


def _bracketed_names(located: list[Located], docs: list[Doc], lexicon: Lexicon) -> dict[str, Mention]:
    """Other names given in brackets: "Cártel de Golfo (Gulf Cartel)", "Cártel del Noreste (formerly Los Zetas)"."""
    defined = {}
    for item, following in zip(located, located[1:], strict=False):
        doc = docs[item.block]
        between = [t.lower_ for t in doc[item.mention.end:following.mention.start]]
        closed = following.mention.end < len(doc) and doc[following.mention.end].text == ")"
        if (following.block == item.block and closed and tuple(between) in lexicon.grammar.alternative_name_openers
                and item.mention.label not in {EntityLabel.PERSON, EntityLabel.COUNTRY}):
            defined[following.mention.text] = item.mention
    return defined


def _plausible_acronym(acronym: str, name: str) -> bool:
    """An acronym is mostly capitals and its first letter starts a word of the name.

    >>> _plausible_acronym("CENTSEC", "Central American Security Conference")
    True
    >>> _plausible_acronym("The", "Panama")
    False
    """
    capitals = sum(c.isupper() for c in acronym)
    initials = {w[0].upper() for w in re.findall(r"[A-Za-z]+", name)}
    return capitals >= 2 and acronym[0].upper() in initials


def _merge_partial_names(entities: list[LocalEntity], assignment: list[int], lexicon: Lexicon) -> None:
    """Join "Southern Command" to "U.S. Southern Command" and "Balikatan" to "Balikatan 24" (same label)."""
    for i, short in enumerate(entities):
        if short.canonical:
            continue  # a gazetteer name is an entity of its own
        target = _containing(short, entities, lexicon)
        if target is None:
            continue
        full = entities[target]
        full.aliases |= short.aliases | {short.name}
        full.mentions += short.mentions
        short.mentions = 0
        assignment[:] = [target if a == i else a for a in assignment]


def _containing(short: LocalEntity, entities: list[LocalEntity], lexicon: Lexicon) -> int | None:
    """The one longer name ``short`` is part of: same label ("Southern Command"), or an exercise's or
    event's name with a type word, edition or ordinal more, whatever the label the parser gave
    ("Iron Tide" of "Exercise Iron Tide 2025"). A person joins only such a name."""
    words = norm(short.name).split()
    if not words:
        return None
    connectors, core = lexicon.grammar.partial_name_connectors, _core(words, lexicon)

    def contains(other: LocalEntity) -> bool:
        long = norm(other.name).split()
        if other.label in ACTIVITIES and bool(core) and len(words) < len(long) and core == _core(long, lexicon):
            return True
        if other.label is EntityLabel.EVENT and long and _EDITION.match(long[0]) and not long[0].isdigit():
            long = long[1:]  # "the Summit of the Council" of the "3rd Summit of the Council of ..."
        same_label = other.label is short.label and short.label is not EntityLabel.PERSON
        plural = short.label is EntityLabel.ORGANIZATION and long == [*words[:-1], words[-1] + "s"]  # "Houthi"
        return same_label and (plural or _sublist(words, long, connectors) or owned_as(short.name, other.name, lexicon))

    hits = [j for j, other in enumerate(entities) if other is not short and other.mentions and contains(other)]
    if len(hits) > 1 and len({(entities[j].label, tuple(_core(norm(entities[j].name).split(), lexicon)))
                              for j in hits}) == 1:  # "Operation X 2025" and "Operation X": one name, written twice
        hits = [max(hits, key=lambda j: (len(entities[j].name), -j))]
    return hits[0] if len(hits) == 1 else None


_EDITION = re.compile(r"^(?:\d+|\d+(?:st|nd|rd|th))$")


def _core(words: list[str], lexicon: Lexicon) -> list[str]:
    """A name without its leading type words and ordinals and its trailing edition: "Exercise Coral
    Shield 2025", "the 11th Coral Shield" and "Coral Shield" have one core.

    >>> from graphmodel.extract.rules.lexicon import load_lexicon
    >>> _core(["exercise", "coral", "shield", "2025"], load_lexicon())
    ['coral', 'shield']
    """
    type_words = _activity_type_words(lexicon)
    start, end = 0, len(words)
    while start < end and (words[start] in type_words or _EDITION.match(words[start])):
        start += 1
    while end > start and _EDITION.match(words[end - 1]):
        end -= 1
    return words[start:end]


@cache
def _activity_type_words(lexicon: Lexicon) -> frozenset[str]:
    """The lower-cased first words that make a name an initiative or event ("exercise", "operation")."""
    return frozenset(word.lower() for word, label in lexicon.first_words.items() if label in ACTIVITIES)


def _sublist(short: list[str], long: list[str], connectors: frozenset[str]) -> bool:
    """``short`` begins or ends the longer name ``long`` ("Balikatan" / "Balikatan 24").

    It does not end it after one of ``connectors``: "Sinaloa" is not a name for "Cártel de Sinaloa".

    >>> _sublist(["southern", "command"], ["us", "southern", "command"], frozenset({"de"}))
    True
    >>> _sublist(["sinaloa"], ["cártel", "de", "sinaloa"], frozenset({"de"}))
    False
    """
    n = len(short)
    if n >= len(long):
        return False
    if long[:n] == short:  # an edition ("Balikatan 24"), or the name cut before its "of" ("Summit of the Council")
        return all(w.isdigit() for w in long[n:]) or long[n] == "of"
    return long[-n:] == short and long[-n - 1] not in connectors
