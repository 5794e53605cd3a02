"""Parameter expressions the embedded store computes before the query runs: ``toLower($p)``.

The engine finds a node through its primary-key index only when the key is compared with a literal
or a parameter, not with an expression of one: ``(:Name {text: toLower($name)})`` would scan every
``Name``. The store therefore lowers the value in Python, as the build lowered the texts
(:func:`graphmodel.schema.name_texts`), and passes it as a parameter of its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from graphmodel.stores.text import mask, unmask

__all__ = ["lowered_parameters"]

_LOWERED = re.compile(r"(?<![\w.])toLower\s*\(\s*\$(\w+)\s*\)", re.I)


def lowered_parameters(query: str, params: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """Replace each ``toLower($p)`` whose ``p`` is a string by ``$p__lower``, a parameter of ``p``'s value lowered.

    >>> lowered_parameters("MATCH (:Name {text: toLower($name)}) RETURN toLower($n)", {"name": "HEGSETH", "n": 1})
    ('MATCH (:Name {text: $name__lower}) RETURN toLower($n)', {'name': 'HEGSETH', 'n': 1, 'name__lower': 'hegseth'})
    >>> lowered_parameters("RETURN 'toLower($name)' // toLower($name)", {"name": "A"})[0]
    "RETURN 'toLower($name)' // toLower($name)"
    """
    values = dict(params)
    text, saved = mask(query)

    def lower(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if not isinstance(value, str):  # left to the engine, which reports a missing or wrong parameter
            return match.group()
        values[f"{match.group(1)}__lower"] = value.lower()
        return f"${match.group(1)}__lower"

    return unmask(_LOWERED.sub(lower, text), saved), values
