"""Cleaning and typing a candidate span: boundaries, titles, possessives, label from head nouns and context."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from graphmodel.extract.rules.activity import activity_label, edition_label, noun_read_as_verb, taken_part_in
from graphmodel.extract.rules.lexicon import Lexicon, norm
from graphmodel.extract.rules.places import LARGE_CITY, city_population, known_city, placed_unknown
from graphmodel.extract.rules.titles import dashed_person, person_mentions, portfolio, split_title, titled
from graphmodel.extract.rules.tree import first_conjunct
from graphmodel.extract.rules.types import Mention
from graphmodel.schema import EntityLabel

__all__ = ["ORDINAL", "classify_span", "context_label", "head_word", "unit_of_body"]

def classify_span(span: Span, lexicon: Lexicon, source: str, ner_label: EntityLabel | None) -> list[Mention]:
    """Clean ``span`` and return the mentions it holds (zero, one, or several after a split)."""
    span = _trim(span, lexicon)
    if not len(span):
        return []
    bodies = unit_of_body(span, lexicon)
    if bodies is not None:
        return classify_span(bodies[0], lexicon, source, None) + classify_span(bodies[1], lexicon, source, ner_label)
    for i, token in enumerate(span):  # "Panama's Ministry of Public Security"
        if token.text in lexicon.grammar.possessives and 0 < i < len(span) - 1 and _owner(span[:i], lexicon):
            return (classify_span(span[:i], lexicon, source, None)
                    + classify_span(span[i + 1:], lexicon, source, ner_label))
    entry = lexicon.lookup(span.text)
    if entry is not None:
        return [Mention(span.start, span.end, span.text, entry.label, entry.name, entry.kind, "gazetteer")]
    parts = [p for p in span.text.replace("–", "-").split("-") if p]
    if len(parts) > 1 and all(lexicon.lookup(p) for p in parts):
        return []  # "U.S.-Mexico collaborations": states as a modifier, not a name
    for token in span[1:-1]:  # "Rear Admiral Kazushi Yokota of the Japan Maritime Self-Defense Force"
        splits = token.lower_ in lexicon.grammar.title_splitters
        if splits and split_title(span.doc[span.start:token.i], lexicon) is not None:
            return (classify_span(span.doc[span.start:token.i], lexicon, source, None)
                    + classify_span(span.doc[token.i + 1:span.end], lexicon, source, None))
    titled = split_title(span, lexicon)
    if titled is not None:
        prefix, name = titled
        return classify_span(prefix, lexicon, source, None) + person_mentions(name, lexicon)
    label = _reconsider(span, lexicon, _label(span, lexicon, ner_label), ner_label)
    numbered = span.start > 0 and ORDINAL.fullmatch(span.doc[span.start - 1].text) is not None
    if (numbered and len(span) <= 3 and span[0].text.isupper() and len(span[0].text) > 1
            and span[-1].text not in lexicon.heads):
        label = EntityLabel.EVENT  # "the 11th ADMM-Plus", "the 29th COP": an acronym's edition is a meeting
    if label is None or not _plausible(span, lexicon, label, source):
        return []
    if label is EntityLabel.PERSON:
        return person_mentions(span, lexicon)
    strong = label is not ner_label or _label(span, lexicon, None) is not None
    if numbered and label is EntityLabel.ORGANIZATION and span[-1].text in lexicon.grammar.session_heads:
        label = EntityLabel.EVENT  # "the 4th Joint Defence Committee will be held": a numbered session
    if label is EntityLabel.EVENT and numbered:
        span = span.doc[span.start - 1:span.end]  # "the 12th Harbour Dialogue": the edition, its ordinal kept
    return [Mention(span.start, span.end, span.text, label, None, "name", source, strong)]


def _trim(span: Span, lexicon: Lexicon) -> Span:
    start, end = span.start, span.end
    doc = span.doc
    for token in span[1:]:  # a name ends at a parenthesis ("Safety Initiative (BCMSI)": the acronym is a
        if token.text == "(" or (token.is_space and "\n" in token.text):  # mention of its own) or a line break
            end = token.i
            break
    grammar = lexicon.grammar
    while start < end and (doc[start].lower_ in grammar.leading_words and not _opens_a_name(doc, start, end, lexicon)
                           or doc[start].is_punct or doc[start].is_space or ORDINAL.fullmatch(doc[start].text)):
        start += 1  # "the 11th Baltic Harbor Dialogue" is typed by its name; an event takes its ordinal back
    while end > start and (doc[end - 1].text in grammar.possessives or doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].lower_ in grammar.trailing_words):
        end -= 1
    return doc[start:end]


ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")  # an edition's ordinal: "12th", "3rd"


def _opens_a_name(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """A capitalised leading word that begins a gazetteer name: "New" of "New Zealand Defence Force"."""
    ends = range(start + 2, min(end, start + 4) + 1)
    return (doc[start].text[:1].isupper() and doc[start].pos_ != "DET"
            and any(lexicon.lookup(doc[start:k].text) for k in ends))


def _owner(span: Span, lexicon: Lexicon) -> bool:
    """The words before a possessive name an owner of their own: a state, a person, one name ("Rubio's"), a
    state's body ("the Finnish Navy's").

    "Tanzania People's Defence Force" and "Defence Ministers' Meeting" are one name: "Tanzania People"
    and "Defence Ministers" own nothing.
    """
    return (lexicon.lookup(span.text) is not None or len(span) == 1
            or all(token.ent_type_ == "PERSON" for token in span)
            or lexicon.governs(head_word([t.text for t in span], lexicon)))


def unit_of_body(span: Span, lexicon: Lexicon) -> tuple[Span, Span] | None:
    """A state body's unit named with the body it belongs to, split in two: "Eastern Theater Command of the
    People's Liberation Army", "Southern Command of the Indian Army" (but not "Department of the Navy").

    The unit has two or more capitalised words ending in a government head word; the body ends in a head
    word or is a known name.
    """
    for token in span[2:-2]:
        if token.lower_ == "of" and token.nbor(1).lower_ == "the":
            unit, body = span.doc[span.start:token.i], span.doc[token.i + 2:span.end]
            if (len(unit) >= 2 and all(t.text[:1].isupper() for t in unit) and lexicon.governs(unit[-1].text)
                    and (body[-1].text in lexicon.heads or lexicon.lookup(body.text))):
                return unit, body
            return None
    return None


def _reconsider(span: Span, lexicon: Lexicon, label: EntityLabel | None,
                ner_label: EntityLabel | None) -> EntityLabel | None:
    """Correct the NER model where the context is clear.

    A "person" in a locative phrase or in apposition to a place is a place ("off the coast of Laoag City
    in Ilocos Norte"); an "organization" that looks like a personal name right after a title or a state's
    possessive is a person ("Japan's Iwaya Takeshi", "deputy head Oleksandr Poklad"); a "person" right
    after "the" is a place, or a group when plural ("the Sahel", "the Houthis").
    """
    if label is not ner_label or label is None:
        return label
    if taken_part_in(span) and not city_population(span.text):  # "took part in Pitch Black and RIMPAC":
        return activity_label(span, lexicon) or label  # no person, body or place is taken part in
    root = span.root
    if placed_unknown(span, lexicon, label) or (label is EntityLabel.PERSON and root.dep_ == "appos" and (
            root.head.ent_type_ in {"FAC", "GPE", "LOC"} or lexicon.heads.get(root.head.text) is EntityLabel.PLACE)):
        return EntityLabel.PLACE
    if known_city(span, lexicon, label):
        return EntityLabel.PLACE
    before = span.doc[span.start - 1] if span.start > 0 else None
    if label is EntityLabel.PERSON and before is not None and before.lower_ in lexicon.grammar.definite_determiners:
        # "the Sahel", "the Houthis": people take no article; a plural name is a group
        return EntityLabel.ORGANIZATION if span[-1].text.endswith("s") else EntityLabel.PLACE
    if label in {EntityLabel.ORGANIZATION, EntityLabel.PLACE} and _personal_name(span, lexicon):
        before = span.doc[span.start - 1] if span.start > 0 else None
        if before is not None and (before.lower_ in {t.lower() for t in lexicon.titles}
                                   or before.text in lexicon.grammar.possessive_s):
            return EntityLabel.PERSON
    return label


def _personal_name(span: Span, lexicon: Lexicon) -> bool:
    words = [t for t in span]
    return 2 <= len(words) <= 3 and all(
        t.pos_ == "PROPN" and t.text.istitle() and t.text not in lexicon.heads and lexicon.lookup(t.text) is None
        for t in words)


def _serves_in(span: Span, words: list[str], lexicon: Lexicon) -> bool:
    """A body's head word, then the place it serves in: "U.S. Forces Korea"."""
    return span[-1].ent_type_ == "GPE" and lexicon.heads.get(words[-2]) is EntityLabel.ORGANIZATION


def _label(span: Span, lexicon: Lexicon, ner_label: EntityLabel | None) -> EntityLabel | None:
    words = [t.text for t in span if not t.like_num]
    if not words:
        return None
    if words[0] in lexicon.first_words:
        return lexicon.first_words[words[0]]
    head = head_word(words, lexicon)
    if head not in lexicon.heads and len(words) > 1 and (words[-1].isupper() or _serves_in(span, words, lexicon)):
        head = head_word(words[:-1], lexicon)  # "Combined Task Force RIMPAC", "U.S. Forces Korea"
    if head in lexicon.heads and not (len(words) == 1 and ner_label is None):
        return lexicon.heads[head]
    return context_label(span, lexicon) or edition_label(span, lexicon) or ner_label or activity_label(span, lexicon)


def head_word(words: list[str], lexicon: Lexicon) -> str:
    """The head of a name: the word before its first "of"/"for"/"in", else its last word.

    >>> from graphmodel.extract.rules.lexicon import load_lexicon
    >>> head_word(["Western", "Hemisphere", "Institute", "for", "Security", "Cooperation"], load_lexicon())
    'Institute'
    >>> head_word(["Central", "American", "Security", "Conference"], load_lexicon())
    'Conference'
    >>> head_word(["Ministerial", "Meeting", "-", "Plus"], load_lexicon())
    'Meeting'
    >>> head_word(["Republic", "of", "Korea", "Navy"], load_lexicon())
    'Navy'
    >>> head_word(["Republic", "of", "Fiji", "Military", "Forces"], load_lexicon())
    'Forces'
    """
    for i, word in enumerate(words[1:], start=1):
        if word.lower() in lexicon.grammar.head_connectors:
            if words[-1] in lexicon.heads and any(lexicon.lookup(" ".join(words[:j])) is not None
                                                  for j in range(i + 2, len(words))):
                return words[-1]  # "Republic of Korea Navy", "Republic of Fiji Military Forces": a state, then the head
            return words[i - 1]
    if len(words) > 2 and words[-2] in lexicon.grammar.hyphens and words[-1] not in lexicon.heads:
        return words[-3]  # "Meeting-Plus": a suffix after the head
    for n in (1, 2):  # "U.S. Forces Korea", "Joint Forces New Zealand": a body, then where it serves
        if len(words) > n + 1 and words[-n - 1] in lexicon.heads and lexicon.lookup(" ".join(words[-n:])) is not None:
            return words[-n - 1]
    return words[-1]


def context_label(span: Span, lexicon: Lexicon) -> EntityLabel | None:
    """A label from the common noun a name modifies or is an example of.

    "the Balikatan military exercise" and "exercises like Panamax" both make an Initiative.
    """
    doc = span.doc
    for token in doc[span.end:min(span.end + 3, len(doc))]:
        if (token.pos_ == "NOUN" or noun_read_as_verb(span, token)) and token.lemma_.lower() in lexicon.anaphora:
            if any(t.is_lower for t in span):
                break  # "Chile on Pacific Shield joint projects": the noun types a name, not a phrase
            if all(t.pos_ in {"ADJ", "NOUN", "PROPN"} for t in doc[span.end:token.i]):
                if city_population(span.text) >= LARGE_CITY:
                    return EntityLabel.PLACE  # "the Jeddah security talks": where they are held
                return lexicon.anaphora[token.lemma_.lower()]
            break
    example_of = _example_of(span, lexicon)
    lemma = example_of.lemma_.lower() if example_of is not None else ""  # type: ignore[attr-defined]
    after = example_of is not None and example_of.i > span.end  # type: ignore[attr-defined]
    if (after and lemma in lexicon.grammar.person_nouns) or dashed_person(span, lexicon) or titled(span, lexicon):
        return EntityLabel.PERSON  # "X, a Somali national", "X — Brazilian national;", "the Minister, X"
    return lexicon.anaphora.get(lemma)



def _example_of(span: Span, lexicon: Lexicon) -> object | None:
    """The noun in "exercises like X" / "programs such as X and Y" / "X, a programme" that ``span`` exemplifies."""
    root = first_conjunct(span.root)
    if root.dep_ == "pobj" and root.head.lower_ in lexicon.grammar.example_prepositions:
        prep = root.head
        head = prep.head.head if prep.head.lower_ == "such" else prep.head
        return head if head.pos_ == "NOUN" else None
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        return root.head
    described = next((c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
    if described is not None:  # "the Baltic Shore Training Package, a new programme"
        return described
    if root.dep_ == "attr" and root.head.lemma_ == "be":  # "The targeted cartels are A, B and C"
        return next((c for c in root.head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "NOUN"), None)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":  # "X is the largest exercise in Asia"
        return next((c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
    verb = root.head
    if root.dep_ in {"oprd", "dobj"} and verb.lemma_.lower() in lexicon.grammar.naming_verbs:
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":  # "the exercise, dubbed X"
            return verb.head
        # "the operation codenamed X": the verb's subject
        return next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    return None


def _plausible(span: Span, lexicon: Lexicon, label: EntityLabel, source: str) -> bool:
    key = norm(span.text)
    if not key or key in lexicon.not_entities or len(key) < 2:
        return False
    words = [t.text for t in span if any(c.isalpha() for c in t.text)]
    if not words or re.search(r"-[a-z]+$", span[-1].text):
        return False  # "U.S.-led", "Panama-based": adjectives, not names
    if all(w in lexicon.generic_words or w in lexicon.titles or lexicon.lookup(w) for w in words):
        return False  # "Australian Defence Industry" is a title, not a body
    head_alone = len(words) == 1 and lexicon.heads.get(words[0], EntityLabel.PLACE) is not EntityLabel.PLACE
    if head_alone and words[0].istitle():
        return False  # "the Summit decided": a head noun alone refers back, it names nothing (a place can)
    if all(lexicon.is_role(w) or lexicon.is_role(w.removesuffix("s")) for w in words):
        return False  # "the Ministers", "Commanding General": titles without a name
    if len(words) > 1 and words[0] in lexicon.first_words and all(lexicon.is_role(w) for w in words[1:]):
        return False  # "Operation Commander": a role in an operation
    if len(words) > 1 and words[-1].lower() in lexicon.office_words:
        return False  # "Research Fellow", "Divisional Manager": a post, not a name
    if portfolio(span, lexicon):
        return False  # "Minister of Defence and National Service": the post's portfolio, not a body
    if any("/" in t.text for t in span):
        return False  # a photo credit or byline: "Name/AP"
    if len(span) == 1 and span[0].pos_ not in {"PROPN", "NOUN", "ADJ"} and not span.text.isupper():
        return False
    first = span[0]
    starts = first.is_sent_start or (first.i > 0 and first.nbor(-1).text == ":")  # "Facilitate ..." after a label
    if len(span) == 1 and starts and source == "chunk" and first.dep_ not in {"nsubj", "nsubjpass"}:
        return False  # a capitalised first word is no evidence of a name
    return not (label is EntityLabel.PLACE and span.text.isupper() and len(span) == 1 and len(span.text) > 4)
