"""The Neo4j → embedded Cypher rewrite: each rule with its exact output, and the example queries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphmodel.stores.embedded import dialect
from graphmodel.stores.embedded.dialect import to_embedded
from graphmodel.stores.text import code_only, return_columns

CYPHER = Path(__file__).resolve().parents[2] / "cypher"


@pytest.mark.parametrize(("query", "expected"), [
    # labels(x)[0] -> label(x); labels(x) -> [label(x)]
    ("RETURN labels(n)[0] AS label", "RETURN label(n) AS label"),
    ("RETURN LABELS( n ) [ 0 ]", "RETURN label(n)"),
    ("WHERE 'Person' IN labels(n)", "WHERE 'Person' IN [label(n)]"),
    ("RETURN n.labels, mylabels(n)", "RETURN n.labels, mylabels(n)"),
    # type(r) -> label(r)
    ("RETURN type(r) AS type, r.type", "RETURN label(r) AS type, r.type"),
    # conversions
    ("RETURN toString(1), toInteger('2'), toFloat('1.5'), toBoolean('true')",
     "RETURN to_string(1), to_int64('2'), to_double('1.5'), to_bool('true')"),
    ("RETURN toLower(n.name), toUpper(n.name)", "RETURN toLower(n.name), toUpper(n.name)"),
    # shortestPath
    ("MATCH p = shortestPath((a)-[:HOSTS|OPPOSES*..6]-(b)) RETURN p",
     "MATCH p = (a)-[:HOSTS|OPPOSES* SHORTEST 1..6]-(b) RETURN p"),
    ("MATCH p = shortestPath((a)-[*]->(b)) RETURN p", "MATCH p = (a)-[* SHORTEST]->(b) RETURN p"),
    ("MATCH p = shortestPath((a)-[r*0..3]-(b)) RETURN p", "MATCH p = (a)-[r* SHORTEST 1..3]-(b) RETURN p"),
    ("MATCH p = allShortestPaths((a)-[*..4]-(b)) RETURN p", "MATCH p = (a)-[* ALL SHORTEST 1..4]-(b) RETURN p"),
    ("MATCH p = shortestPath((a)-[:HOSTS]-(b)) RETURN p", "MATCH p = (a)-[:HOSTS* SHORTEST 1..1]-(b) RETURN p"),
    # variable length -> TRAIL
    ("MATCH (p)-[:HOSTS|OPPOSES*1..2]-(n) RETURN n", "MATCH (p)-[:HOSTS|OPPOSES* TRAIL 1..2]-(n) RETURN n"),
    ("MATCH (p)-[*]->(n) RETURN n", "MATCH (p)-[* TRAIL]->(n) RETURN n"),
    ("MATCH (p)<-[r*..3]-(n) RETURN n", "MATCH (p)<-[r* TRAIL ..3]-(n) RETURN n"),
    ("MATCH (p)-[r:HOSTS]->(n) RETURN n", "MATCH (p)-[r:HOSTS]->(n) RETURN n"),
    # ANY / NONE over an equality: no lambda
    ("WHERE ANY(alias IN n.aliases WHERE toLower(alias) = toLower($name))",
     "WHERE (size(n.aliases) > 0 AND ('\\u001f' + lower(list_to_string('\\u001f', n.aliases)) + '\\u001f') "
     "CONTAINS ('\\u001f' + toLower($name) + '\\u001f'))"),
    ("WHERE NONE(a IN n.aliases WHERE 'X' = toUpper(a))",
     "WHERE NOT (size(n.aliases) > 0 AND ('\\u001f' + upper(list_to_string('\\u001f', n.aliases)) + '\\u001f') "
     "CONTAINS ('\\u001f' + 'X' + '\\u001f'))"),
    ("WHERE none(a IN n.aliases WHERE $name = a)", "WHERE NOT list_contains(n.aliases, $name)"),
    ("WHERE ANY(a IN n.aliases WHERE a = 'x')", "WHERE list_contains(n.aliases, 'x')"),
    ("WHERE ANY(a IN n.aliases WHERE size(a) = $n)", "WHERE ($n IN list_transform(n.aliases, a -> size(a)))"),
    ("WHERE ANY(a IN n.aliases WHERE size(a) = 3)", "WHERE ANY(a IN n.aliases WHERE size(a) = 3)"),
    ("WHERE ANY(a IN n.aliases WHERE a = $x OR a = $y)", "WHERE ANY(a IN n.aliases WHERE a = $x OR a = $y)"),
    ("WHERE all(a IN n.aliases WHERE a = $x)", "WHERE all(a IN n.aliases WHERE a = $x)"),
    # list comprehensions
    ("RETURN [n IN nodes(p) | n.name] AS names", "RETURN list_transform(nodes(p), n -> n.name) AS names"),
    ("RETURN [a IN n.aliases WHERE a <> 'x'] AS rest", "RETURN list_filter(n.aliases, a -> a <> 'x') AS rest"),
    ("RETURN [a IN n.aliases WHERE size(a) > 2 | toLower(a)]",
     "RETURN list_transform(list_filter(n.aliases, a -> size(a) > 2), a -> toLower(a))"),
    ("RETURN [x IN [y IN l | y * 2] | [x, x]]", "RETURN list_transform(list_transform(l, y -> y * 2), x -> [x, x])"),
    ("RETURN [r IN relationships(p) | type(r)]", "RETURN list_transform(relationships(p), r -> label(r))"),
    # subscripts: 0-based -> 1-based, slices end-inclusive
    ("RETURN r.evidence_docs[i] AS doc", "RETURN r.evidence_docs[i + 1] AS doc"),
    ("RETURN r.evidence_docs[0], l[-1], l[size(l) - 2]", "RETURN r.evidence_docs[1], l[-1], l[(size(l) - 2) + 1]"),
    ("RETURN l[1..3], l[..2], l[2..], l[-2..], l[0..-1]", "RETURN l[2..3], l[..2], l[3..], l[-2..], l[1..-2]"),
    ("RETURN collect(n.name)[0], m['key']", "RETURN collect(n.name)[1], m['key']"),
    ("RETURN l[l2[0]]", "RETURN l[(l2[1]) + 1]"),
    ("WHERE x IN [1, 2] RETURN [1][0]", "WHERE x IN [1, 2] RETURN [1][1]"),
    # label predicates
    ("MATCH (n) WHERE n:Person RETURN n", "MATCH (n) WHERE label(n) = 'Person' RETURN n"),
    ("MATCH (n) WHERE n.x = 1 AND NOT n:Country|Place RETURN n",
     "MATCH (n) WHERE n.x = 1 AND NOT label(n) IN ['Country', 'Place'] RETURN n"),
    ("MATCH (n:Person {a: 1}) RETURN {b: 2}", "MATCH (n:Person {a: 1}) RETURN {b: 2}"),
])
def test_rule(query: str, expected: str) -> None:
    assert to_embedded(query) == expected


def test_strings_and_comments_are_never_rewritten() -> None:
    query = "MATCH (n) WHERE n.name = \"labels(x)[0]\" RETURN type(r) AS `type(r)` // labels(n)[0]\n/* x[0] */"
    assert to_embedded(query) == ("MATCH (n) WHERE n.name = \"labels(x)[0]\" RETURN label(r) AS `type(r)` "
                                  "// labels(n)[0]\n/* x[0] */")


def test_rules_run_in_the_documented_order() -> None:
    assert [rule.__name__ for rule in dialect.RULES] == [
        "planner_hints", "labels_first", "labels_list", "type_function", "conversions", "shortest_path", "trail",
        "quantifier_equalities", "comprehensions", "subscripts", "label_predicates"]


def test_shortest_path_example_rewrites_to_the_engine_syntax() -> None:
    query = (CYPHER / "shortest_path.cypher").read_text(encoding="utf-8")
    rewritten = to_embedded(query)
    assert "shortestPath" not in rewritten
    assert "* SHORTEST 1..6]-(b)" in rewritten
    assert ("RETURN list_transform(nodes(p), n -> n.name) AS names, "
            "list_transform(relationships(p), r -> label(r)) AS types") in rewritten


# schema.cypher creates Neo4j constraints; the embedded database builds its own schema.
EXAMPLES = [path for path in sorted(CYPHER.glob("*.cypher")) if path.name != "schema.cypher"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_queries_keep_no_neo4j_only_construct(path: Path) -> None:
    code = code_only(to_embedded(path.read_text(encoding="utf-8")))
    assert not re.search(r"\b(labels|type|shortestPath|allShortestPaths)\s*\(|\[\s*\w+\s+IN\s", code, re.I)


@pytest.mark.parametrize(("query", "expected"), [
    ("MATCH (n) RETURN n.name, labels(n)[0] AS `the label` ORDER BY n.name LIMIT 3", ("n.name", "the label")),
    ("MATCH (n) RETURN DISTINCT count(*) AS n, collect(n.name)", ("n", "collect(n.name)")),
    ("MATCH (n) WITH n RETURN n.name AS name // the name\nORDER BY name", ("name",)),
    ("MATCH (n) RETURN n.a AS x UNION MATCH (m) RETURN m.b AS x", ("x",)),
    ("MATCH (n) WHERE EXISTS { MATCH (n)-->() RETURN 1 } RETURN n.name", ("n.name",)),
    ("MATCH (n) RETURN {a: 1, b: 2} AS m, [1, 2]", ("m", "[1, 2]")),
    ("MATCH (n) RETURN *", None),
    ("CREATE (n:X)", None),
])
def test_return_columns(query: str, expected: tuple[str, ...] | None) -> None:
    assert return_columns(query) == expected
