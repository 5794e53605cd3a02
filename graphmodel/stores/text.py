"""Read Cypher text without parsing it: mask literals and comments, match brackets, name result columns.

:mod:`graphmodel.stores.embedded.dialect` rewrites queries with these; the embedded store uses them to check
query text and to name columns as Neo4j does.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["PLACEHOLDER", "closing_bracket", "code_only", "each_call", "mask", "return_columns", "top_level",
           "unmask"]

_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
PLACEHOLDER = re.compile("\x00(\\d+)\x00")
_OPEN = {"(": ")", "[": "]", "{": "}"}


def mask(query: str) -> tuple[str, list[str]]:
    """Replace string literals, quoted names and comments by numbered placeholders.

    >>> mask("RETURN 'a(' AS `x` // c")
    ('RETURN \\x000\\x00 AS \\x001\\x00 \\x002\\x00', ["'a('", '`x`', '// c'])
    """
    saved: list[str] = []

    def keep(match: re.Match[str]) -> str:
        saved.append(match.group())
        return f"\x00{len(saved) - 1}\x00"

    return _QUOTED.sub(keep, query), saved


def unmask(text: str, saved: list[str]) -> str:
    """Put back what :func:`mask` took out.

    >>> unmask(*mask("RETURN 'a(' AS `x` // c"))
    "RETURN 'a(' AS `x` // c"
    """
    return PLACEHOLDER.sub(lambda m: saved[int(m.group(1))], text)


def closing_bracket(text: str, start: int) -> int:
    """The index of the bracket that closes the one at ``start`` (or len(text) if unbalanced)."""
    stack = [_OPEN[text[start]]]
    for index in range(start + 1, len(text)):
        char = text[index]
        if char in _OPEN:
            stack.append(_OPEN[char])
        elif stack and char == stack[-1]:
            stack.pop()
            if not stack:
                return index
    return len(text)


def top_level(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """The matches of ``pattern`` that are not inside brackets."""
    depth, depths = 0, []
    for char in text:
        depths.append(depth)
        depth += 1 if char in _OPEN else -1 if char in ")]}" else 0
    return [m for m in pattern.finditer(text) if depths[m.start()] == 0]


def each_call(text: str, opener: re.Pattern[str], build: Callable[[re.Match[str], str], str | None]) -> str:
    """Rewrite every ``opener`` match followed by a bracketed part; ``build`` gets the match and the inside."""
    out, position = [], 0
    while match := opener.search(text, position):
        end = closing_bracket(text, match.start() + max(match.group().rfind(bracket) for bracket in _OPEN))
        inner = each_call(text[match.end():end], opener, build)
        replacement = build(match, inner)
        if replacement is None:
            out.append(text[position:match.end()] + inner + text[end:end + 1])
        else:
            out.append(text[position:match.start()] + replacement)
        position = end + 1
    return "".join(out) + text[position:]


def code_only(query: str, *, keep_strings: bool = False) -> str:
    """The query with comments blanked, and string literals and quoted names too unless ``keep_strings``.

    >>> code_only("MATCH (n {name: 'x;y'}) RETURN n // done;")
    'MATCH (n {name:  }) RETURN n  '
    """
    text, saved = mask(query)

    def blank(match: re.Match[str]) -> str:
        item = saved[int(match.group(1))]
        return item if keep_strings and item[:2] not in ("//", "/*") else " "

    return PLACEHOLDER.sub(blank, text)


def return_columns(query: str) -> tuple[str, ...] | None:
    """The column names Neo4j gives a query's result: each ``AS`` alias, else the expression as written.

    The embedded engine names unaliased columns after its own rewritten expression (``LABEL(n._ID, ...)``),
    so the store uses these instead. None for ``RETURN *`` or no ``RETURN``.

    >>> return_columns("MATCH (n) RETURN DISTINCT n.name, labels(n)[0] AS `the label` ORDER BY n.name LIMIT 3")
    ('n.name', 'the label')
    """
    text, saved = mask(query)
    text = PLACEHOLDER.sub(lambda m: " " if saved[int(m.group(1))][:2] in ("//", "/*") else m.group(), text)
    union = top_level(text, re.compile(r"\bUNION\b", re.I))
    first = text[:union[0].start()] if union else text
    returns = top_level(first, re.compile(r"\bRETURN\b", re.I))
    if not returns:
        return None
    items = first[returns[-1].end():]
    stop = top_level(items, re.compile(r"\b(ORDER\s+BY|SKIP|LIMIT)\b|;", re.I))
    items = re.sub(r"^\s*DISTINCT\b", "", items[:stop[0].start()] if stop else items, flags=re.I)
    if items.strip() == "*":
        return None
    bounds = [-1, *(m.start() for m in top_level(items, re.compile(","))), len(items)]
    names = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        item = items[start + 1:end]
        alias = top_level(item, re.compile(r"\bAS\s+(\S+)\s*$", re.I))
        name = unmask(alias[-1].group(1) if alias else item.strip(), saved)
        names.append(name[1:-1] if name.startswith("`") and name.endswith("`") else name)
    return tuple(names)
