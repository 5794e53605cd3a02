"""Query result formatting (table, JSON, CSV), and the schema file that ships next to the code."""

from __future__ import annotations

import pytest

from graphmodel.cli.output import FORMATS, format_result, format_value
from graphmodel.stores import QueryResult

HEGSETH = {"_label": "Person", "key": "person:pete-hegseth", "name": "Pete Hegseth", "aliases": ["Hegseth"]}
US = {"_label": "Country", "key": "country:united-states", "name": "United States"}
AFFILIATED = {"_type": "AFFILIATED_WITH", "confidence": 0.9, "evidence_docs": ["doc1"]}
DOCUMENT = {"_label": "Document", "id": "doc1", "title": "Hegseth in Panama", "date": "2025-04-07"}

def test_table_exact_alignment() -> None:
    result = QueryResult(("name", "label", "hops"), (("Panama", "Country", 2), ("U.S. Southern Command", None, 10)))
    assert format_result(result, "table") == (
        "name                  | label   | hops\n"
        "----------------------+---------+-----\n"
        "Panama                | Country |    2\n"
        "U.S. Southern Command | null    |   10\n"
        "(2 rows)"
    )


def test_table_of_nodes_paths_and_lists() -> None:
    result = QueryResult(("n", "r", "p", "aliases", "flag"), (
        (HEGSETH, AFFILIATED, [HEGSETH, AFFILIATED, US], ["Hegseth", "Secretary Hegseth"], True),
        (DOCUMENT, None, [], [], False),
    ))
    path = '(:Person {name: "Pete Hegseth"})-[:AFFILIATED_WITH]-(:Country {name: "United States"})'
    person_text, document_text = '(:Person {name: "Pete Hegseth"})', '(:Document {title: "Hegseth in Panama"})'
    assert format_result(result, "table").splitlines() == [
        f"{'n':<40} | {'r':<18} | {'p':<86} | {'aliases':<26} | flag",
        f"{'-' * 40}-+-{'-' * 18}-+-{'-' * 86}-+-{'-' * 26}-+-{'-' * 5}",
        f"{person_text:<40} | [:AFFILIATED_WITH] | {path} | Hegseth, Secretary Hegseth | true",
        f"{document_text} | null{' ' * 14} | {' ' * 86} | {' ' * 26} | false",
        "(2 rows)",
    ]
    assert len(path) == 86


def test_table_footer_for_one_and_no_rows() -> None:
    assert format_result(QueryResult(("x",), ((1,),)), "table") == "x\n-\n1\n(1 row)"
    assert format_result(QueryResult(("name", "hops"), ()), "table") == "name | hops\n-----+-----\n(0 rows)"
    assert format_result(QueryResult((), ()), "table") == "(0 rows)"


def test_table_keeps_each_row_on_one_line() -> None:
    result = QueryResult(("sentence",), (("Hegseth met\nMulino.",),))
    assert format_result(result, "table") == "sentence\n-------------------\nHegseth met Mulino.\n(1 row)"


def test_json_is_a_list_of_objects() -> None:
    result = QueryResult(("actor", "confidence", "node"), (("Pete Hegseth", 0.9, US), ("Honduras", 0.6, None)))
    assert format_result(result, "json") == (
        '[\n'
        '  {\n'
        '    "actor": "Pete Hegseth",\n'
        '    "confidence": 0.9,\n'
        '    "node": {\n'
        '      "_label": "Country",\n'
        '      "key": "country:united-states",\n'
        '      "name": "United States"\n'
        '    }\n'
        '  },\n'
        '  {\n'
        '    "actor": "Honduras",\n'
        '    "confidence": 0.6,\n'
        '    "node": null\n'
        '  }\n'
        ']'
    )
    assert format_result(QueryResult(("x",), ()), "json") == "[]"


def test_csv_quotes_and_writes_structures_as_json() -> None:
    result = QueryResult(("name", "aliases", "node", "n", "ok"), (
        ("U.S. Southern Command, Miami", ["SOUTHCOM"], {"_type": "HOSTS"}, None, False),
        ('Say "hi"', [], US, 3, True),
    ))
    assert format_result(result, "csv") == (
        'name,aliases,node,n,ok\n'
        '"U.S. Southern Command, Miami","[""SOUTHCOM""]","{""_type"": ""HOSTS""}",,false\n'
        '"Say ""hi""",[],"{""_label"": ""Country"", ""key"": ""country:united-states"", '
        '""name"": ""United States""}",3,true'
    )


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'; use one of table, json, csv"):
        format_result(QueryResult((), ()), "xml")
    assert FORMATS == ("table", "json", "csv")


@pytest.mark.parametrize(("value", "text"), [
    (HEGSETH, '(:Person {name: "Pete Hegseth"})'),
    ({"_label": "Person", "key": "person:x"}, '(:Person {key: "person:x"})'),
    ({"_label": "Scratch"}, "(:Scratch)"),
    (AFFILIATED, "[:AFFILIATED_WITH]"),
    ({"a": 1, "b": [1, 2]}, "{a: 1, b: 1, 2}"),
    ([HEGSETH, US], '(:Person {name: "Pete Hegseth"}), (:Country {name: "United States"})'),
    (0.25, "0.25"),
    (False, "false"),
])
def test_format_value(value: object, text: str) -> None:
    assert format_value(value) == text
