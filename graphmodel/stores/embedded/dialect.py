"""Rewrite Neo4j Cypher into the dialect of the embedded engine (LadybugDB, the maintained Kùzu fork).

This is not a parser. Each rule below is a regular expression or a bracket-matching token rule,
applied in order to the query text with string literals, backtick-quoted names and comments masked,
so that nothing inside them is ever rewritten. Each rule's docstring shows one rewrite; the README
section "Dialect differences" (``docs/embedded.md``) lists them with the constructs left unsupported.

>>> to_embedded("MATCH (n) RETURN labels(n)[0] AS label, toLower(n.name) AS name")
'MATCH (n) RETURN label(n) AS label, toLower(n.name) AS name'
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graphmodel.stores.text import PLACEHOLDER, closing_bracket, each_call, mask, top_level, unmask

__all__ = ["RULES", "to_embedded"]

_IDENT = r"[A-Za-z_]\w*"
# Words after which "[" opens a list literal, not a subscript: `x IN [1, 2]`, `RETURN [a, b]`.
_NOT_SUBSCRIPTED = {"IN", "AND", "OR", "XOR", "NOT", "RETURN", "WITH", "WHEN", "THEN", "ELSE", "UNWIND",
                    "WHERE", "CONTAINS", "BY", "DISTINCT", "IS", "CASE", "SET", "ON"}


def labels_first(query: str) -> str:
    """``labels(x)[0]`` → ``label(x)``: a node has exactly one label (a table) in the embedded engine.

    >>> labels_first("RETURN labels(n)[0] AS label")
    'RETURN label(n) AS label'
    """
    return re.sub(r"(?<![\w.])labels\s*\(\s*(\w+)\s*\)\s*\[\s*0\s*\]", r"label(\1)", query, flags=re.I)


def labels_list(query: str) -> str:
    """``labels(x)`` → ``[label(x)]``: the engine's ``labels`` returns one string, not a list.

    >>> labels_list("WHERE 'Person' IN labels(n)")
    "WHERE 'Person' IN [label(n)]"
    """
    return re.sub(r"(?<![\w.])labels\s*\(\s*(\w+)\s*\)", r"[label(\1)]", query, flags=re.I)


def type_function(query: str) -> str:
    """``type(r)`` → ``label(r)``: the engine names a relationship's type its label.

    >>> type_function("RETURN type(r) AS type")
    'RETURN label(r) AS type'
    """
    return re.sub(r"(?<![\w.])type\s*\(", "label(", query, flags=re.I)


_RENAMED = {"tostring": "to_string", "tointeger": "to_int64", "tofloat": "to_double", "toboolean": "to_bool"}


def conversions(query: str) -> str:
    """``toString``, ``toInteger``, ``toFloat``, ``toBoolean`` → ``to_string``, ``to_int64``, ``to_double``,
    ``to_bool``. (``toLower``, ``toUpper``, ``size``, ``coalesce`` exist in both and stay.)

    >>> conversions("RETURN toInteger(x), toString(y)")
    'RETURN to_int64(x), to_string(y)'
    """
    pattern = r"(?<![\w.])(toString|toInteger|toFloat|toBoolean)\s*\("
    return re.sub(pattern, lambda m: _RENAMED[m.group(1).lower()] + "(", query, flags=re.I)


_STAR = re.compile(r"\*\s*(\d*)\s*(?:(\.\.)\s*(\d*))?")


def shortest_path(query: str) -> str:
    """``shortestPath((a)-[:T*..6]-(b))`` → ``(a)-[:T* SHORTEST 1..6]-(b)`` (``allShortestPaths`` → ``ALL
    SHORTEST``). The engine's lower bound must be 1; without an upper bound it stops at 30 hops.

    >>> shortest_path("MATCH p = shortestPath((a)-[:HOSTS|OPPOSES*..6]-(b)) RETURN p")
    'MATCH p = (a)-[:HOSTS|OPPOSES* SHORTEST 1..6]-(b) RETURN p'
    """
    def build(match: re.Match[str], inner: str) -> str:
        kind = "ALL SHORTEST" if match.group(1).lower() == "allshortestpaths" else "SHORTEST"
        star = _STAR.search(inner)
        if star is None:  # a single relationship, no `*`: a path of exactly one hop
            bracket = inner.find("]")
            return inner[:bracket] + f"* {kind} 1..1" + inner[bracket:] if bracket >= 0 else inner
        low, dots, high = star.groups()
        bounds = f" {max(int(low or 1), 1)}..{high}" if dots and high else f" {low}..{low}" if low else ""
        return inner[:star.start()] + f"* {kind}{bounds}" + inner[star.end():]

    return each_call(query, re.compile(r"(?<![\w.])(shortestPath|allShortestPaths)\s*\(", re.I), build)


def trail(query: str) -> str:
    """``-[:T*1..2]-`` → ``-[:T* TRAIL 1..2]-``: Neo4j never uses one relationship twice in a match, while
    the engine's default (walks) would return ``a-b-a`` over the same edge.

    >>> trail("MATCH (p)-[:HOSTS|OPPOSES*1..2]-(n) RETURN n")
    'MATCH (p)-[:HOSTS|OPPOSES* TRAIL 1..2]-(n) RETURN n'
    """
    def build(match: re.Match[str], inner: str) -> str:
        head = inner.split("{", 1)[0]
        star = _STAR.search(head)
        if star is None or re.match(r"\*\s*(ALL\s+SHORTEST|SHORTEST|TRAIL|ACYCLIC)\b", head[star.start():], re.I):
            return match.group() + inner + "]"
        bounds = head[star.start() + 1:star.end()].strip()
        return match.group() + inner[:star.start()] + "* TRAIL" + (f" {bounds}" if bounds else "") + \
            inner[star.end():] + "]"

    return each_call(query, re.compile(r"-\s*\["), build)


_EQUALS = re.compile(r"(?<![<>!=])=(?![=~])")
_BOOLEAN = re.compile(r"\b(AND|OR|XOR|NOT)\b", re.I)
_CASE = {"tolower": "lower", "lower": "lower", "toupper": "upper", "upper": "upper"}
_SEPARATOR = "'\\u001f'"  # the unit separator, which no name or alias contains


def quantifier_equalities(query: str) -> str:
    """``ANY(x IN list WHERE toLower(x) = e)`` → a test on the list joined into one string, and
    ``ANY(x IN list WHERE x = e)`` → ``list_contains(list, e)`` (``NONE`` → ``NOT ...``).

    The engine evaluates a list predicate with a lambda, which it fails on when the lambda holds a
    ``$parameter``, and which keeps the planner from filtering nodes before a path search (the example
    queries then time out on a 2,000-node graph). An equality on ``toLower(x)``/``toUpper(x)``/``x``
    needs no lambda; another equality with a parameter becomes ``e IN list_transform(list, x -> f(x))``,
    and the rest stays as it is.

    >>> print(quantifier_equalities("WHERE ANY(alias IN n.aliases WHERE toLower(alias) = toLower($name))"))
    WHERE (size(n.aliases) > 0 AND ('\\u001f' + lower(list_to_string('\\u001f', n.aliases)) + '\\u001f') \
CONTAINS ('\\u001f' + toLower($name) + '\\u001f'))
    >>> quantifier_equalities("WHERE NONE(k IN n.documents WHERE k = $doc)")
    'WHERE NOT list_contains(n.documents, $doc)'
    """
    def build(match: re.Match[str], inner: str) -> str | None:
        parts = _equality(inner)
        if parts is None:
            return None
        variable, listed, element, value = parts
        negate = "NOT " if match.group(1).lower() == "none" else ""
        if element == variable:
            return f"{negate}list_contains({listed}, {value})"
        case = re.fullmatch(rf"(\w+)\s*\(\s*{variable}\s*\)", element)
        if case and case.group(1).lower() in _CASE:
            joined = f"{_CASE[case.group(1).lower()]}(list_to_string({_SEPARATOR}, {listed}))"
            return (f"{negate}(size({listed}) > 0 AND ({_SEPARATOR} + {joined} + {_SEPARATOR}) "
                    f"CONTAINS ({_SEPARATOR} + {value} + {_SEPARATOR}))")
        if "$" in value and "$" not in element:
            return f"({negate}{value} IN list_transform({listed}, {variable} -> {element}))"
        return None

    return each_call(query, re.compile(r"(?<![\w.])(ANY|NONE)\s*\(", re.I), build)


def _equality(inner: str) -> tuple[str, str, str, str] | None:
    """Split ``x IN list WHERE f(x) = e`` into (x, list, f(x), e); None for any other predicate."""
    parts = re.fullmatch(rf"\s*({_IDENT})\s+IN\s+(.*)", inner, re.I | re.S)
    where = top_level(parts.group(2), re.compile(r"\bWHERE\b", re.I)) if parts else []
    if parts is None or not where:
        return None
    variable, listed = parts.group(1), parts.group(2)
    predicate, listed = listed[where[0].end():], listed[:where[0].start()].strip()
    equals = top_level(predicate, _EQUALS)
    if len(equals) != 1 or top_level(predicate, _BOOLEAN):
        return None
    sides = (predicate[:equals[0].start()].strip(), predicate[equals[0].end():].strip())
    uses = [re.search(rf"(?<![\w.$]){variable}\b", side) is not None for side in sides]
    if uses.count(True) != 1:
        return None
    element, value = sides if uses[0] else sides[::-1]
    return variable, listed, element, value


def comprehensions(query: str) -> str:
    """``[x IN list WHERE p | e]`` → ``list_transform(list_filter(list, x -> p), x -> e)``; without ``WHERE``
    only ``list_transform``, without ``| e`` only ``list_filter``.

    >>> comprehensions("RETURN [n IN nodes(p) | n.name] AS names, [a IN n.aliases WHERE a <> 'x'] AS rest")
    "RETURN list_transform(nodes(p), n -> n.name) AS names, list_filter(n.aliases, a -> a <> 'x') AS rest"
    """
    def build(match: re.Match[str], inner: str) -> str:
        variable, rest = match.group(1), inner
        bar = top_level(rest, re.compile(r"\|"))
        listed, expression = (rest[:bar[0].start()], rest[bar[0].end():].strip()) if bar else (rest, None)
        where = top_level(listed, re.compile(r"\bWHERE\b", re.I))
        if where:
            predicate = listed[where[0].end():].strip()
            listed = f"list_filter({listed[:where[0].start()].strip()}, {variable} -> {predicate})"
        listed = listed.strip()
        return f"list_transform({listed}, {variable} -> {expression})" if expression is not None else listed

    return each_call(query, re.compile(rf"\[\s*({_IDENT})\s+IN\s+", re.I), build)


def _plus_one(expression: str) -> str:
    expression = expression.strip()
    if re.fullmatch(r"\d+", expression):
        return str(int(expression) + 1)
    if re.fullmatch(r"-\s*\d+", expression):
        return expression  # from the end: -1 is the last element in both dialects
    return f"{expression} + 1" if re.fullmatch(r"[\w.$]+", expression) else f"({expression}) + 1"


def subscripts(query: str) -> str:
    """``list[i]`` → ``list[i + 1]`` and ``list[a..b]`` → ``list[a + 1..b]``: the engine counts from 1 and
    includes a slice's end. Literal indexes are folded; negative ones and ``map['key']`` stay.

    >>> subscripts("RETURN r.evidence_docs[i] AS doc, r.evidence_docs[0] AS first, n.aliases[1..3] AS some")
    'RETURN r.evidence_docs[i + 1] AS doc, r.evidence_docs[1] AS first, n.aliases[2..3] AS some'
    """
    out, position = [], 0
    for match in re.finditer(r"(?<=[\w)\]])\[", query):
        if match.start() < position:
            continue
        word = re.search(r"(\w+)$", query[:match.start()])
        end = closing_bracket(query, match.start())
        inner = subscripts(query[match.start() + 1:end])
        if (word and word.group(1).upper() in _NOT_SUBSCRIPTED) or PLACEHOLDER.fullmatch(inner.strip()):
            out.append(query[position:match.start() + 1] + inner)
        else:
            dots = top_level(inner, re.compile(r"\.\."))
            if dots:
                low, high = inner[:dots[0].start()].strip(), inner[dots[0].end():].strip()
                inner = f"{_plus_one(low) if low else ''}..{_exclusive_end(high)}"
            else:
                inner = _plus_one(inner)
            out.append(query[position:match.start() + 1] + inner)
        position = end
    return "".join(out) + query[position:]


def _exclusive_end(high: str) -> str:
    negative = re.fullmatch(r"-\s*(\d+)", high)
    return f"-{int(negative.group(1)) + 1}" if negative else high


def label_predicates(query: str) -> str:
    """``WHERE n:Person`` → ``WHERE label(n) = 'Person'`` and ``n:A|B`` → ``label(n) IN ['A', 'B']`` after
    ``WHERE``, ``AND``, ``OR``, ``XOR`` or ``NOT``; the engine has no label predicate.

    >>> label_predicates("MATCH (n) WHERE n:Person OR n:Country|Place RETURN n")
    "MATCH (n) WHERE label(n) = 'Person' OR label(n) IN ['Country', 'Place'] RETURN n"
    """
    def build(match: re.Match[str]) -> str:
        names = [name.strip() for name in match.group(4).split("|")]
        test = f"= '{names[0]}'" if len(names) == 1 else "IN [" + ", ".join(f"'{n}'" for n in names) + "]"
        return f"{match.group(1)}{match.group(2)}label({match.group(3)}) {test}"

    pattern = rf"\b(WHERE|AND|OR|XOR|NOT)(\s+)({_IDENT})\s*:\s*({_IDENT}(?:\s*\|\s*{_IDENT})*)(?![\w:])"
    return re.sub(pattern, build, query, flags=re.I)


def planner_hints(query: str) -> str:
    """``USING INDEX [SEEK] n:Label(prop)``, ``USING SCAN n:Label``, ``USING JOIN ON n`` → nothing: the
    engine has no planner hints (it looks a primary key up by itself).

    >>> planner_hints("MATCH (n:Name {text: $t})\\nUSING INDEX SEEK n:Name(text)\\nRETURN n")
    'MATCH (n:Name {text: $t})\\nRETURN n'
    """
    index = rf"(?:(?:TEXT|RANGE|POINT)\s+)?INDEX(?:\s+SEEK)?\s+{_IDENT}\s*:\s*{_IDENT}\s*\([^)]*\)"
    other = rf"SCAN\s+{_IDENT}\s*:\s*{_IDENT}|JOIN\s+ON\s+{_IDENT}(?:\s*,\s*{_IDENT})*"
    hint = rf"[ \t]*\bUSING\s+(?:{index}|{other})[ \t]*\n?"
    return re.sub(hint, "", query, flags=re.I)


RULES: tuple[Callable[[str], str], ...] = (
    planner_hints,
    labels_first,
    labels_list,
    type_function,
    conversions,
    shortest_path,
    trail,
    quantifier_equalities,
    comprehensions,
    subscripts,
    label_predicates,
)


def to_embedded(query: str) -> str:
    """Rewrite a Neo4j query for the embedded engine by applying :data:`RULES` in order.

    >>> to_embedded("MATCH (a)-[r]->(b) WHERE a.name = 'labels(x)[0]' RETURN type(r) // type(r)")
    "MATCH (a)-[r]->(b) WHERE a.name = 'labels(x)[0]' RETURN label(r) // type(r)"
    """
    text, saved = mask(query)
    for rule in RULES:
        text = rule(text)
    return unmask(text, saved)
