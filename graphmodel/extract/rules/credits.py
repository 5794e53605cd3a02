"""Credits and bylines: "Reporting by X; Editing by Y", "Photo: X/AFP via Getty Images", "By X and Y".

The people and bodies they name are the article's makers, not its subject (GUIDELINES: no byline or
publisher is an entity), so no mention is taken from them. A credit runs from its cue ("Reporting by",
"Photo:", "Image credit:") to the end of its clause (a semicolon, parenthesis or line break); a byline
is a whole short block that opens with "By".
"""

from __future__ import annotations

import re
from functools import cache

from graphmodel.extract.rules.grammar import Grammar

__all__ = ["BYLINE_WORDS", "credit_spans"]

BYLINE_WORDS = 12  # a block this long or shorter, opening with "By", is a byline
_CLAUSE = re.compile(r"[^;()\[\]\n]+")


@cache
def _cue(words: frozenset[str], opening: bool) -> re.Pattern[str]:
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    start = r"^\s*" if opening else r"\b"
    return re.compile(rf"{start}(?P<cue>{alternatives})\b(?:\s+(?:credits?|courtesy))?\s*(?:\bby\b|\bof\b|:)",
                      re.IGNORECASE)


def credit_spans(text: str, grammar: Grammar) -> list[tuple[int, int]]:
    """Character spans of ``text`` that are credits or a byline.

    >>> from graphmodel.extract.rules.grammar import load_grammar
    >>> text = "Talks ended. (Reporting by Jane Doe in Oslo; Editing by John Roe)"
    >>> [text[a:b] for a, b in credit_spans(text, load_grammar())]
    ['Reporting by Jane Doe in Oslo', 'Editing by John Roe']
    >>> credit_spans("By Jane Doe and John Roe", load_grammar())
    [(0, 24)]
    >>> credit_spans("A report compiled by the UN Office on Drugs and Crime says so.", load_grammar())
    []
    """
    words = text.split()
    if words and words[0] in grammar.byline_openers and len(words) <= BYLINE_WORDS and "." not in text.rstrip(". "):
        return [(0, len(text))]
    spans = []
    for clause in _CLAUSE.finditer(text):
        found = (_cue(grammar.credit_openers, True).search(clause.group())
                 or _cue(grammar.credit_cues, False).search(clause.group()))
        if found is not None:
            spans.append((clause.start() + found.start("cue"), clause.end()))
    return spans
