"""Ships and aircraft: "USS Carl Vinson", "the frigate Cristobal Colon", "a P-8 Poseidon".

The schema has no label for a vessel (GUIDELINES: ship names are not entities), yet the NER model
reads most of them as people or organizations. The words of such a name are kept from every mention.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graphmodel.extract.rules.lexicon import Lexicon

__all__ = ["vessel_tokens"]

MAX_NAME_WORDS = 4
_DESIGNATION = re.compile(r"[A-Z][A-Za-z]{0,3}-\d{1,3}[A-Z]?")  # "P-8", "MQ-9", "Su-35": a model, then its name


def vessel_tokens(doc: Doc, lexicon: Lexicon) -> set[int]:
    """The indices of the tokens of ``doc`` that name a ship or an aircraft.

    >>> from graphmodel.extract.rules.lexicon import load_lexicon
    >>> from spacy.lang.en import English
    >>> doc = English()("USS Carl Vinson met the frigate Almirante Grau near Japan.")
    >>> sorted(doc[i].text for i in vessel_tokens(doc, load_lexicon()))
    ['Almirante', 'Carl', 'Grau', 'USS', 'Vinson']
    """
    found: set[int] = set()
    for token in doc:
        prefix = token.text in lexicon.ship_prefixes or _DESIGNATION.fullmatch(token.text) is not None
        vessel_noun = token.lower_ in lexicon.vessel_nouns and token.text.islower()
        if not (prefix or vessel_noun):
            continue
        name = _name_after(doc, token.i + 1, lexicon)
        if name:
            found |= set(name) | ({token.i} if prefix else set())
    return found


def _name_after(doc: Doc, start: int, lexicon: Lexicon) -> list[int]:
    """The capitalised words from ``start`` on (a few), unless they begin with a state's or body's name."""
    end = start
    while end < len(doc) and end - start < MAX_NAME_WORDS and doc[end].text[:1].isupper() and doc[end].is_alpha:
        end += 1
    if end == start or lexicon.lookup(doc[start].text) is not None or doc[start].text in lexicon.heads:
        return []
    return list(range(start, end))
