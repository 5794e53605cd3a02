"""Coordination inside and between names: "A, B and C" is three names, "Foreign, Commonwealth and Development
Office" and "Institute for Maritime and Ocean Affairs" are one."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from graphmodel.extract.rules.lexicon import Lexicon

__all__ = ["listed_words_end", "one_body", "split_coordination"]


def split_coordination(span: Span, lexicon: Lexicon) -> list[Span]:
    """Split "A, B and C" spans that NER glued together (but not names such as "Trinidad and Tobago", nor
    a body's name that coordinates inside it: "Office on Drugs and Crime", "Foreign, Commonwealth and
    Development Office")."""
    if one_body(span, lexicon):
        return [span]
    parts, start = [], span.start
    for token in span:
        following = token.nbor(1) if token.i + 1 < len(token.doc) else token
        if token.text in lexicon.grammar.list_separators or (token.lower_ == "and" and _capitalised(following)
                                        and _is_full_chunk(span.doc[start:token.i])):
            parts.append(span.doc[start:token.i])
            start = token.i + 1
    parts.append(span.doc[start:span.end])
    return [p for p in parts if len(p)]


def one_body(span: Span, lexicon: Lexicon) -> bool:
    """Whether the coordination in ``span`` is inside one body's name.

    Either the name has a type word and connector before its "and" and none after it ("Bureau of Fisheries
    and Aquatic Resources"), or it ends in a type word and what comes before its "and" names no body:
    single words ("Foreign, Commonwealth and Development Office"), or words without a type word ("Search
    and Rescue Accord").
    """
    words = [t.text for t in (span[1:] if span[0].pos_ == "DET" else span)]  # "the Foreign, ..." as "Foreign, ..."
    ands = [i for i, w in enumerate(words) if w.lower() == "and"]
    if not ands or lexicon.lookup(span.text) is not None:
        return False
    connectors = lexicon.grammar.head_connectors
    before, after = words[:ands[0]], words[ands[0] + 1:]
    headed = any(w in lexicon.heads and nxt.lower() in connectors for w, nxt in zip(before, before[1:], strict=False))
    named_after = (bool(after) and after[-1] in lexicon.heads) or any(w.isupper() and len(w) > 1 for w in after)
    # "... and the Navy Command", "... and CENTAM Guardian" name a second body; "... and Ocean Affairs" does not
    if headed and not named_after and not lexicon.lookup(" ".join(after)):
        return "," not in words
    leading = [p.strip() for p in " ".join(words[:ands[-1]]).split(",")]
    if words[-1] not in lexicon.heads or len(after) < 2 or any(lexicon.lookup(p) for p in leading):
        return False
    return (all(len(p.split()) == 1 for p in leading)  # "Foreign, Commonwealth and Development Office"
            or not any(w in lexicon.heads for w in before))  # "Ports and Free Zones Authority": no body before "and"


def _is_full_chunk(span: Span) -> bool:
    return len(span) > 0 and span[-1].text[:1].isupper() and span[-1].pos_ in {"PROPN", "NOUN"}


def _capitalised(token: Any) -> bool:
    return bool(token.text[:1].isupper())


def listed_words_end(doc: Doc, i: int, j: int) -> int:
    """Past "Foreign, Commonwealth" when the chunk at ``i`` is one word and single capitalised words follow
    it, each after a comma, up to an "and" (whether it is one body's name is asked next)."""
    if j != i + 1:
        return j
    k = j
    while k + 2 < len(doc) and doc[k].text == "," and _capitalised(doc[k + 1]) and not doc[k + 1].is_punct:
        k += 2
    return k if k > j and k < len(doc) and doc[k].lower_ == "and" else j
