"""Titles and personal names: where a title ends and a name begins ("U.S. Defense Secretary Pete Hegseth",
"Assistant Minister for the Pacific Tomas Herrera-Quispe"), and which words make a person's name."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from graphmodel.extract.rules.lexicon import Lexicon
from graphmodel.extract.rules.types import Mention, past_emphasis
from graphmodel.schema import EntityLabel

__all__ = ["dashed_person", "person_mentions", "portfolio", "split_title", "titled"]


def split_title(span: Span, lexicon: Lexicon) -> tuple[Span, Span] | None:
    """Split "U.S. Defense Secretary Pete Hegseth" into the prefix "U.S." and the name "Pete Hegseth"."""
    end = span.end
    name_start = end
    doc = span.doc
    while name_start > span.start and _name_token(doc[name_start - 1], lexicon):
        name_start -= 1
    words = _name_words(doc[name_start:end], lexicon)
    if name_start == end or words > 4:
        return None
    personal = words >= 2 and not any(t.is_upper for t in doc[name_start:end])
    portfolio = _portfolio_start(doc, name_start, lexicon) if personal else name_start  # it may begin before the span
    title_start = max(portfolio, span.start)
    while title_start > span.start and _title_word(doc, title_start - 1, span.start, lexicon):
        title_start -= 1
    if portfolio == title_start == name_start or doc[title_start].lower_ in lexicon.grammar.title_connectors:
        return None
    return doc[span.start:title_start], doc[name_start:end]


def _portfolio_start(doc: Doc, name_start: int, lexicon: Lexicon) -> int:
    """Where a title's portfolio begins, when one stands between the title and the name: "Assistant Minister
    for the Pacific Tomas Herrera-Quispe" (a title word, "for" or "of", up to four capitalised words).
    ``name_start`` when there is none."""
    i = name_start
    while i > 0 and name_start - i < 5 and (doc[i - 1].text[:1].isupper() or doc[i - 1].lower_ in {"the", "and"}):
        i -= 1
        if (i >= 2 and doc[i - 1].lower_ in lexicon.grammar.title_connectors
                and doc[i - 2].text in lexicon.titles and doc[i].lower_ != "and"):
            return i - 1
    return name_start


def _title_word(doc: object, i: int, first: int, lexicon: Lexicon) -> bool:
    token = doc[i]  # type: ignore[index]
    return bool(token.text in lexicon.titles or (token.lower_ in lexicon.grammar.title_connectors and i > first))


def _name_token(token: object, lexicon: Lexicon) -> bool:
    text = token.text  # type: ignore[attr-defined]
    if text in lexicon.name_particles and token.i > 0:  # type: ignore[attr-defined]
        return True
    if _glued_hyphen(token, lexicon):  # "Danjuma-Bello", not "Vice-Marshal"
        following = token.nbor(1)  # type: ignore[attr-defined]
        return following.text not in lexicon.titles and following.text not in lexicon.heads
    if _after_glued_hyphen(token, lexicon) and text not in lexicon.titles and text not in lexicon.heads:
        return True  # "Hyun-woo"
    if text in lexicon.person_suffixes or (text[:1].isupper() and text not in lexicon.titles
                                           and text not in lexicon.heads and not token.like_num):  # type: ignore[attr-defined]
        return lexicon.lookup(text) is None or text in lexicon.person_suffixes
    return False


def person_mentions(span: Span, lexicon: Lexicon) -> list[Mention]:
    doc = span.doc
    start = span.start
    while start < span.end and doc[start].text in lexicon.titles:
        start += 1
    span = doc[start:span.end]
    words = [t for t in span if t.text not in lexicon.person_suffixes]
    if words and words[0].text in lexicon.name_particles:
        return []
    lower = [t for t in words if not t.text[:1].isupper() and t.text not in lexicon.grammar.name_punctuation
             and not _after_glued_hyphen(t, lexicon)]  # "Baek Hyun-woo"
    if not words or _name_words(span, lexicon) > 6 or any(t.text not in lexicon.name_particles for t in lower):
        return []
    if any(t.text in lexicon.heads or lexicon.lookup(t.text) for t in words) or span.text.isupper():
        return []
    return [Mention(span.start, span.end, span.text, EntityLabel.PERSON, None, "name", "person")]


def _name_words(span: Span, lexicon: Lexicon) -> int:
    """The words of a name, a hyphenated one counting once: "Abubakar Sadiq Danjuma-Bello" has three."""
    return sum(1 for t in span if t.text not in lexicon.grammar.hyphens and not _after_glued_hyphen(t, lexicon))


def _glued_hyphen(token: Any, lexicon: Lexicon) -> bool:
    """A hyphen with no space on either side, inside a word pair."""
    return bool(token.text in lexicon.grammar.hyphens and not token.whitespace_ and token.i > 0
                and not token.nbor(-1).whitespace_ and token.i + 1 < len(token.doc))


def _after_glued_hyphen(token: Any, lexicon: Lexicon) -> bool:
    before = token.nbor(-1) if token.i > 0 else None
    return (before is not None and before.text in lexicon.grammar.hyphens and not before.whitespace_
            and before.i > 0 and not before.nbor(-1).whitespace_)


def portfolio(span: Span, lexicon: Lexicon) -> bool:
    """Words after "Minister of" or "Minister for": a portfolio, whatever its last word (a body would be the
    ministry)."""
    doc, start = span.doc, span.start
    return (start >= 2 and doc[start - 1].lower_ in lexicon.grammar.title_connectors
            and doc[start - 2].lower_ in {"minister", "ministers"})


def titled(span: Span, lexicon: Lexicon) -> bool:
    """Two to four capitalised words in apposition with a title that has an article or an owner: "the Minister
    of Defence, Ana Lopez", "Ana Lopez, Ghana's minister"."""
    if not 2 <= len(span) <= 4 or not all(t.text.istitle() and t.pos_ == "PROPN" for t in span):
        return False
    root = span.root
    other = root.head if root.dep_ == "appos" else next((t for t in root.children if t.dep_ == "appos"), None)
    return (other is not None and other.i not in range(span.start, span.end) and lexicon.is_role(other.text)
            and any(t.dep_ in {"det", "poss"} for t in other.children))  # not "Director, Fisheries Operations"


def dashed_person(span: Span, lexicon: Lexicon) -> bool:
    """A dash after the name, then up to two modifiers and a noun that describes a person ("— Brazilian
    national"), as in lists of designated people."""
    doc = span.doc
    i = past_emphasis(doc, span.end, len(doc))
    if i >= len(doc) or doc[i].text not in {"—", "–"}:
        return False
    i += 1
    if i < len(doc) and doc[i].pos_ == "DET":
        i += 1
    for _ in range(3):
        if i >= len(doc):
            return False
        if doc[i].lower_ in lexicon.grammar.person_nouns or doc[i].lemma_.lower() in lexicon.grammar.person_nouns:
            return True
        if doc[i].pos_ not in {"ADJ", "PROPN"}:
            return False
        i += 1
    return False
