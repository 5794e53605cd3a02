"""Reading the dependency tree around a name: the token that stands for it, and paths between tokens."""

from __future__ import annotations

from spacy.tokens import Span, Token

from graphmodel.extract.rules.types import Slot

__all__ = ["dep_path", "first_conjunct", "slot_root"]


def slot_root(doc: object, slot: Slot) -> Token:
    """The token that stands for a name in the tree: its span's root, or the first conjunct of its list."""
    span: Span = doc[slot.start:slot.end]  # type: ignore[index]
    return first_conjunct(span.root)


def first_conjunct(token: Token) -> Token:
    """The first conjunct of the list ``token`` is in ("took part in A and B": A for B), else ``token``:
    conjuncts share the relations of the first one."""
    while token.head.i != token.i:
        listed = token.dep_ == "appos" and token.head.pos_ == "PROPN" and any(c.dep_ == "conj" for c in token.children)
        if token.dep_ != "conj" and not listed:  # "A, B, C and D" read as "B, C and D" in apposition to A
            break
        token = token.head
    return token


def dep_path(a: Token, b: Token) -> list[Token] | None:
    """The tokens on the dependency path between ``a`` and ``b`` (both included)."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return None
    left = up_a[: up_a.index(common) + 1]
    right = up_b[: up_b.index(common)]
    return left + list(reversed(right))
