"""Typing a name by what is done to it, when nothing else types it.

Exercises and operations are often named without a type word ("Cobra Gold", "Sea Breeze 2024"), and the
NER model calls them products, works of art, places or people. What states take part in, join, host or
conduct is an initiative (``activity_verbs`` in lexicon.json). "Attended" is not enough: people attend
schools and funerals too. A year at the end of such a name is an edition's, and a type noun after it
("the Freedom Shield drills") types it even where the parser reads the noun as a verb.
"""

from __future__ import annotations

import calendar
import re

from spacy.tokens import Span, Token

from graphmodel.extract.rules.lexicon import Lexicon, norm
from graphmodel.extract.rules.places import city_population
from graphmodel.extract.rules.tree import first_conjunct
from graphmodel.schema import EntityLabel

__all__ = ["activity_label", "edition_label", "noun_read_as_verb", "taken_part_in", "without_edition_year"]

_RELATIVES = {"which", "that"}
_YEAR = re.compile(r"(?:19|20)\d\d")
_MONTHS = {m for m in (*calendar.month_name, *calendar.month_abbr) if m}


def edition_label(span: Span, lexicon: Lexicon) -> EntityLabel | None:
    """A name that ends in an edition's year and names nothing known before it is an initiative: an
    exercise or programme of that year ("Cobra Gold 2025", "Pacific Vanguard 2024"), not the place, work of
    art or person the NER model may take it for. A city's or state's year ("Paris 2024"), a month and a
    citation ("(Smith 2021)", "as Smith 2021 argues") are left alone.
    """
    if len(span) < 2 or not _YEAR.fullmatch(span[-1].text):
        return None
    name, doc = span[:-1], span.doc
    if (any(not t.text[:1].isupper() or t.ent_type_ == "DATE" or t.text in _MONTHS for t in name)  # "May 2024"
            or (len(name) == 1 and name[0].ent_type_ == "PERSON")
            or norm(name.text) in lexicon.not_entities or lexicon.lookup(name.text)
            or city_population(name.text) or all(lexicon.lookup(t.text) for t in name)):
        return None
    cited = (span.start > 0 and doc[span.start - 1].text == "("
             and span.end < len(doc) and doc[span.end].text in {")", ";", ","})
    return None if cited else EntityLabel.INITIATIVE


def without_edition_year(name: str) -> str | None:
    """The name before an edition's year at its end, else None.

    >>> without_edition_year("Talisman Sabre 2025"), without_edition_year("Talisman Sabre")
    ('Talisman Sabre', None)
    """
    parts = name.rsplit(None, 1)
    return parts[0] if len(parts) == 2 and _YEAR.fullmatch(parts[1]) else None


def activity_label(span: Span, lexicon: Lexicon) -> EntityLabel | None:
    """The label the verb acting on ``span`` gives it.

    The verb is the one ``span`` is the object or passive subject of ("joined X", "X was hosted by"), the
    one before "in" ("participated in X", "took part in X"), a relative clause's ("X, which 30 nations
    joined") or a participle before the name ("the co-hosted X"). Proper names only: a span with a
    lower-case word or a date in it is a phrase, not a name.
    """
    if (any(t.is_lower or (t.ent_type_ in {"DATE", "TIME"} and not t.like_num) for t in span)
            or not any(t.pos_ == "PROPN" for t in span)):
        return None
    root = first_conjunct(span.root)
    children = [*span.root.children, *(root.children if root != span.root else ())]
    verbs = [c for c in children if c.dep_ == "amod" or (c.dep_ == "relcl" and any(
        g.dep_ == "dobj" and g.lower_ in _RELATIVES for g in c.children))]
    if root.dep_ in {"dobj", "nsubjpass"}:
        verbs.append(root.head)
    elif taken_part_in(span):
        return lexicon.activity_verbs.get("participate")
    for verb in verbs:
        lemma = verb.lemma_.lower()
        label = lexicon.activity_verbs.get(lemma) or lexicon.activity_verbs.get(lemma.rsplit("-", 1)[-1])
        if label is not None:
            return label
    return None


def taken_part_in(span: Span) -> bool:
    """Whether ``span`` is what someone "participated in" or "took part in": never a person or a place."""
    root = first_conjunct(span.root)
    if root.dep_ != "pobj" or root.head.lower_ != "in":
        return False
    verb = root.head.head
    return verb.lemma_.lower() == "participate" or (
        verb.lemma_.lower() == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children))


def noun_read_as_verb(span: Span, token: Token) -> bool:
    """ "the Freedom Shield drills on Monday": a plural noun right after "the" and a name, which the parser took
    for the name's verb ("drills", VBZ), though no object follows it."""
    doc = span.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (token.i == span.end and token.tag_ == "VBZ" and span.start > 0 and doc[span.start - 1].lower_ == "the"
            and (after is None or after.pos_ not in {"NOUN", "PROPN", "DET", "PRON", "NUM", "ADJ"}))

