"""Finding entity mentions in a parsed block: gazetteer matches, spaCy NER and proper-name chunks.

Candidates from the three sources are cleaned (titles, determiners and possessives stripped;
coordinations split), typed from gazetteers, head nouns and context, and reduced to a set of
non-overlapping mentions, longest first.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from graphmodel.extract.rules.coordination import listed_words_end, one_body, split_coordination
from graphmodel.extract.rules.credits import credit_spans
from graphmodel.extract.rules.labels import classify_span
from graphmodel.extract.rules.lexicon import Lexicon
from graphmodel.extract.rules.spelled import spelled_out
from graphmodel.extract.rules.types import Mention
from graphmodel.extract.rules.vessels import vessel_tokens
from graphmodel.schema import EntityLabel

__all__ = ["find_mentions"]

_NER_LABELS = {
    "PERSON": EntityLabel.PERSON, "ORG": EntityLabel.ORGANIZATION, "GPE": EntityLabel.PLACE,
    "LOC": EntityLabel.PLACE, "FAC": EntityLabel.PLACE, "EVENT": EntityLabel.EVENT, "LAW": EntityLabel.INITIATIVE,
}
_PRIORITY = {"gazetteer": 0, "person": 0, "compound": 0, "chunk": 1, "ner": 2}


def find_mentions(doc: Doc, lexicon: Lexicon) -> list[Mention]:
    """All entity mentions of a parsed block, non-overlapping, in text order."""
    gazetteer = _gazetteer_mentions(doc, lexicon)
    loud = _loud_tokens(doc)
    candidates = gazetteer + _compound_events(doc, gazetteer, lexicon) + _ner_mentions(doc, lexicon, loud)
    candidates += _chunk_mentions(doc, lexicon, loud)
    chosen: list[Mention] = []
    credits = [doc.char_span(a, b, alignment_mode="expand") for a, b in credit_spans(doc.text, lexicon.grammar)]
    taken = {t.i for span in credits if span is not None for t in span}  # no entity in a credit or byline,
    taken |= vessel_tokens(doc, lexicon)  # nor a ship's or aircraft's name
    for mention in sorted(candidates, key=lambda m: (-(m.end - m.start), _PRIORITY[m.source], m.start)):
        if taken.isdisjoint(range(mention.start, mention.end)):
            chosen.append(mention)
            taken.update(range(mention.start, mention.end))
    return spelled_out(doc, sorted(chosen, key=lambda m: m.start))


_MATCHERS: dict[int, PhraseMatcher] = {}


def _matcher(doc: Doc, lexicon: Lexicon) -> PhraseMatcher:
    """A phrase matcher over every gazetteer surface form, built once per vocabulary."""
    key = id(doc.vocab)
    if key not in _MATCHERS:
        from spacy.lang.en import English

        make_doc = English(vocab=doc.vocab).make_doc
        matcher = PhraseMatcher(doc.vocab, attr="LOWER")
        surfaces = sorted({s for forms in lexicon.surfaces.values() for s in forms})
        matcher.add("GAZETTEER", [make_doc(s) for s in surfaces])
        _MATCHERS[key] = matcher
    return _MATCHERS[key]


def _gazetteer_mentions(doc: Doc, lexicon: Lexicon) -> list[Mention]:
    found = []
    for _, start, end in _matcher(doc, lexicon)(doc):
        span = doc[start:end]
        entry = lexicon.lookup(span.text)
        if entry is None or not _case_ok(span.text, entry.kind, lexicon):
            continue
        found.append(Mention(start, end, span.text, entry.label, entry.name, entry.kind, "gazetteer"))
    return found


def _compound_events(doc: Doc, gazetteer: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """ "Russia-Ukraine talks", "US-China summit": two states joined by a hyphen before an event noun."""
    states = {m.start: m for m in gazetteer if m.label is EntityLabel.COUNTRY}
    found = []
    for first in states.values():
        second = states.get(first.end + 1)
        if second is None or doc[first.end].text not in lexicon.grammar.hyphens:
            continue
        j = second.end
        while j < len(doc) and j < second.end + 3 and doc[j].pos_ in {"ADJ", "NOUN"} and doc[j].text.islower():
            if lexicon.anaphora.get(doc[j].lemma_.lower()) is EntityLabel.EVENT:
                span = doc[first.start:j + 1]
                found.append(Mention(span.start, span.end, span.text, EntityLabel.EVENT, None, "name", "compound"))
                break
            j += 1
    return found


def _case_ok(text: str, kind: str, lexicon: Lexicon) -> bool:
    """Acronyms must match case exactly; other names may be lower-cased unless they are common words."""
    letters = re.sub(r"[^A-Za-z]", "", text)
    if len(letters) <= 4 and text.lower() != text:
        return any(c.isupper() for c in text) and (text.isupper() or "." in text or text[0].isupper())
    if text[0].isupper():
        return True
    return kind in {"name", "demonym"} and len(letters) >= 5 and text.lower() not in lexicon.ambiguous


def _ner_mentions(doc: Doc, lexicon: Lexicon, loud: list[bool]) -> list[Mention]:
    found = []
    for ent in doc.ents:
        if ent.label_ not in _NER_LABELS or loud[ent.start]:
            continue  # demonyms come from the gazetteer; dates and numbers are no entities
        for part in split_coordination(ent, lexicon):
            joined = _join_hyphens(part, lexicon, person=ent.label_ == "PERSON")
            found.extend(_typed(joined, lexicon, "ner", _NER_LABELS.get(ent.label_)))
    return found


def _join_hyphens(span: Span, lexicon: Lexicon, *, person: bool = False) -> Span:
    """Extend a name over words glued to it by a hyphen: "Baek Hyun-woo", "Pennington-Shaw", "Nordic-Ukrainian".

    A person's name (or a word the NER tags as one) takes any word ("Hyun-woo"); other names only
    capitalised ones ("U.S.-led" stays out). A state on either side is left alone: "Russia-Ukraine
    talks" names two parties.
    """
    doc, start, end = span.doc, span.start, span.end

    def glued(i: int, word: int) -> bool:
        if not (0 <= word < len(doc)) or doc[i].text not in lexicon.grammar.hyphens:
            return False
        if doc[i - 1].whitespace_ or doc[i].whitespace_ or not doc[word].is_alpha:
            return False
        if not (person or doc[i - 1].ent_type_ == "PERSON" or doc[word].text[:1].isupper()):
            return False
        return not (_is_state(doc[word].text, lexicon) or _is_state(doc[i - 1].text, lexicon))

    while end + 1 < len(doc) and glued(end, end + 1):
        end += 2
    while start >= 2 and glued(start - 1, start - 2):
        start -= 2
    return doc[start:end]


def _is_state(text: str, lexicon: Lexicon) -> bool:
    entry = lexicon.lookup(text)
    return entry is not None and entry.label is EntityLabel.COUNTRY


def _shouting(text: str) -> bool:
    """Captions and credits in capitals ("IMAGE CREDIT: STAFF SGT. ...") give no reliable names.

    >>> _shouting("IMAGE CREDIT: STAFF SGT. JOHN DOE"), _shouting("Talks began in Oslo on Monday.")
    (True, False)
    """
    letters = "".join(filter(str.isalpha, text))
    return len(letters) > 12 and sum(map(str.isupper, letters)) > 0.7 * len(letters)


def _loud_tokens(doc: Doc) -> list[bool]:
    """For each token, whether its sentence is shouted (:func:`_shouting`)."""
    loud: list[bool] = []
    for sent in doc.sents:
        loud += [_shouting(sent.text)] * len(sent)
    return loud


def _chunk_mentions(doc: Doc, lexicon: Lexicon, loud: list[bool]) -> list[Mention]:
    found = []
    i = 0
    while i < len(doc):
        if not _chunk_start(doc[i], lexicon):
            i += 1
            continue
        if loud[i]:
            i += 1
            continue
        j = _chunk_end(doc, i + 1, lexicon)
        listed = listed_words_end(doc, i, j)  # "Foreign, Commonwealth and ..."
        if listed + 1 < len(doc) and doc[listed].lower_ == "and" and doc[listed + 1].text[:1].isupper():
            k = _chunk_end(doc, listed + 1, lexicon)
            if one_body(doc[i:k], lexicon):  # "Institute for Maritime and Ocean Affairs"
                j = k
        span = _join_hyphens(doc[i:j], lexicon)
        typed = _typed(span, lexicon, "chunk", None)
        if not typed and span != doc[i:j]:  # "... Ministerial Meeting-Plus": the head is before the hyphen
            span = doc[i:j]
            typed = _typed(span, lexicon, "chunk", None)
        found.extend(typed)
        i = max(j, span.end)
    return found


def _chunk_end(doc: Doc, j: int, lexicon: Lexicon) -> int:
    """Where a run of capitalised words and connectors that reaches ``j`` ends."""
    while j < len(doc) and (_chunk_token(doc[j], lexicon) or _bridge(doc, j, lexicon) or _bridge_in(doc, j, lexicon)):
        j += 1
    return j


def _chunk_start(token: Any, lexicon: Lexicon) -> bool:
    if not token.text[:1].isupper() or token.is_punct or (token.pos_ == "ADP" and not token.is_upper):
        return False  # "Under the Copenhagen Agreement": a preposition starts no name
    return token.pos_ in {"PROPN", "NOUN", "ADJ", "NUM"} or token.text.isupper() or token.text in lexicon.titles


_ELIDED = re.compile(r"[a-z]{1,2}['’][A-Z]")  # an elided article glued to a capitalised word: "d'Ivoire"


def _chunk_token(token: Any, lexicon: Lexicon) -> bool:
    if token.text in lexicon.grammar.chunk_breaks:
        return False
    return bool(token.text[:1].isupper() or _ELIDED.match(token.text)  # "Côte d'Ivoire"
                or (token.like_num and token.i > 0 and token.nbor(-1).text[:1].isupper()))


def _bridge(doc: Doc, j: int, lexicon: Lexicon) -> bool:
    """A lower-case connector ("of", "for", "and") inside a name, followed by a capitalised word."""
    token = doc[j]
    if token.text == "-" and j + 1 < len(doc) and doc[j + 1].like_num:
        return True  # "MS-13"
    if (token.text in lexicon.grammar.hyphens and not token.whitespace_ and not doc[j - 1].whitespace_
            and j + 1 < len(doc) and doc[j + 1].text[:1].isupper()):
        return True  # "South Africa–Mozambique Maritime Arrangement": a dash glued on both sides
    if token.text in lexicon.grammar.possessives and j + 1 < len(doc) and not doc[j - 1].whitespace_:
        plural = token.text not in lexicon.grammar.possessive_s
        if (not plural or doc[j - 1].lower_.endswith("s")) and doc[j + 1].text[:1].isupper():
            return True  # "Defence Ministers' Meeting", "People's Liberation Army"; an owner is split off later
    if token.text in lexicon.name_particles:
        k = j + 1
        while k < len(doc) and doc[k].text in lexicon.name_particles:
            k += 1
        return k < len(doc) and doc[k].text[:1].isupper()  # "Ursula von der Leyen", "Mohammed bin Salman"
    if token.lower_ not in lexicon.grammar.name_connectors or token.lower_ == "and" or j + 1 >= len(doc):
        return False
    after = doc[j + 2] if doc[j + 1].lower_ == "the" and j + 2 < len(doc) else doc[j + 1]  # "of the Pacific"
    return bool(after.text[:1].isupper()) and after.ent_type_ not in {"DATE", "TIME"}  # not "... 2025 on Monday"


def _bridge_in(doc: Doc, j: int, lexicon: Lexicon) -> bool:
    """ "Embassy in Panama": an office named after the place it is in."""
    return (doc[j].lower_ == "in" and j > 0 and doc[j - 1].text in lexicon.bridge_in_heads
            and j + 1 < len(doc) and doc[j + 1].text[:1].isupper())


def _typed(span: Span, lexicon: Lexicon, source: str, ner_label: EntityLabel | None) -> list[Mention]:
    """Clean a candidate span and give it a label, or nothing when it is not an entity."""
    return classify_span(span, lexicon, source, ner_label)
