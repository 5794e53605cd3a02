"""Data files read by the rule extractor: gazetteers, word lists, relation triggers and rule confidences.

- ``countries.json``, ``organizations.json``: gazetteers (lists of records); ``demonyms.json`` adds the
  demonyms the generated ``countries.json`` lacks.
- ``lexicon.json``: domain words (titles, head nouns, group nouns, table headers, ...).
- ``grammar.json``: function words and punctuation the patterns match.
- ``relations.json``: trigger lemmas, confidence and path limit per relationship type (its signature is in
  :mod:`graphmodel.schema`).
- ``rule_precision.json``: per rule, the default confidence, multipliers, and the precision
  ``scripts/measure_rules.py`` measured.

Every file other than the gazetteers is a JSON object whose ``"about"`` says what the file is for, and
each table in it is ``{"about": "what the table is for", "words": ...}`` (``"rules"`` in
rule_precision.json), so that every list carries its comment.
"""

from __future__ import annotations

__all__: list[str] = []
