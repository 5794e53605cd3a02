"""XML text for the GraphML and GEXF writers: values cleaned of what XML 1.0 forbids, escaped, and tags.

The writers build their documents as lines of text rather than element trees, which is several
times faster for big graphs; everything they put between quotes or tags goes through here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["DECLARATION", "Scalar", "clean", "element", "escape_attribute", "escape_text", "scalar", "start_tag"]

Scalar = str | int | float
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(value: Any) -> str:
    """A string without the characters XML 1.0 forbids; None becomes "".

    >>> clean("a\\x0bb"), clean(None)
    ('ab', '')
    """
    return "" if value is None else _FORBIDDEN.sub("", str(value))


def scalar(value: Scalar) -> str:
    """A value as XML text: floats as their shortest exact ``repr``.

    >>> scalar(0.1), scalar(3), scalar("x")
    ('0.1', '3', 'x')
    """
    return repr(value) if isinstance(value, float) else str(value)


def escape_text(text: str) -> str:
    """Element text: markup escaped, and carriage returns too, which a parser would read as line feeds.

    >>> escape_text("a < b & c\\r\\n")
    'a &lt; b &amp; c&#13;\\n'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def escape_attribute(text: str) -> str:
    """An attribute value between double quotes: markup and quotes escaped, and the whitespace a parser
    would turn into spaces.

    >>> escape_attribute('say "hi"\\tnow\\n')
    'say &quot;hi&quot;&#9;now&#10;'
    """
    return (escape_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


def start_tag(name: str, attributes: Mapping[str, str], *, empty: bool = False) -> str:
    """``<name a="…">``, or ``<name a="…" />`` when ``empty``.

    >>> start_tag("node", {"id": 'a"b'}, empty=True)
    '<node id="a&quot;b" />'
    """
    text = "".join(f' {key}="{escape_attribute(value)}"' for key, value in attributes.items())
    return f"<{name}{text}{' />' if empty else '>'}"


def element(name: str, attributes: Mapping[str, str], text: str) -> str:
    """``<name a="…">text</name>`` with ``text`` escaped.

    >>> element("data", {"key": "name"}, "A & B")
    '<data key="name">A &amp; B</data>'
    """
    return f"{start_tag(name, attributes)}{escape_text(text)}</{name}>"
