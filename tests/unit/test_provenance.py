"""Where a document was published and when: its url and date from HTML metadata, header lines and the URL's path,
and the first and last dates of each node and edge."""

from __future__ import annotations

import pytest

from graphmodel.documents.header import url_date
from graphmodel.documents.read import parse_document
from graphmodel.graph.core import add_entity, add_relation, document_row, merge_graphs, new_graph, to_networkx
from graphmodel.models import Document, Entity, Evidence, Extraction, Relation
from graphmodel.schema import EntityLabel, RelationType

BODY = "Defense Secretary Pete Hegseth visited Panama City on Tuesday."


def read(text: str, fmt: str = "txt") -> Document:
    return parse_document(text.encode(), f"doc.{fmt}", fmt)


@pytest.mark.parametrize(("header", "url", "date"), [
    ("Source: https://www.defense.gov/News/2025/04/09/hegseth/", "https://www.defense.gov/News/2025/04/09/hegseth/",
     "2025-04-09"),
    ("URL: <https://apnews.com/article/panama-1a2b3c>", "https://apnews.com/article/panama-1a2b3c", None),
    ("Source: [AP](https://apnews.com/2025-04-08/panama)", "https://apnews.com/2025-04-08/panama", "2025-04-08"),
    ("Link: https://example.org/news/20250410/talks.", "https://example.org/news/20250410/talks", "2025-04-10"),
    ("Source: Reuters", None, None),
])  # fmt: skip
def test_a_source_or_url_header_line_gives_the_url_and_its_date(header: str, url: str | None,
                                                                  date: str | None) -> None:
    for fmt in ("txt", "md"):
        document = read(f"{header}\n\n{BODY}\n", fmt)
        assert (document.url, document.date) == (url, date)
        assert [block.text for block in document.blocks] == [BODY]  # the header line is metadata, not text


@pytest.mark.parametrize("line", ["Date: April 9, 2025", "Published: 2025-04-09", "Published on 9 April 2025"])
def test_a_date_header_line_gives_the_date(line: str) -> None:
    assert read(f"Source: https://example.org/story\n{line}\n\n{BODY}\n").date == "2025-04-09"


def test_a_date_header_line_wins_over_the_date_in_the_url() -> None:
    document = read(f"Source: https://example.org/2025/04/01/story\nPublished: April 9, 2025\n\n{BODY}\n")
    assert (document.url, document.date) == ("https://example.org/2025/04/01/story", "2025-04-09")


def test_html_metadata_gives_the_url_and_the_date() -> None:
    document = read(
        '<html><head><meta property="og:url" content="https://example.org/world/panama-talks">'
        '<meta property="article:published_time" content="2025-04-09T14:03:00Z"></head>'
        f"<body><p>{BODY}</p></body></html>", "html")
    assert (document.url, document.date) == ("https://example.org/world/panama-talks", "2025-04-09")


def test_a_canonical_link_and_a_time_element_stand_in_for_missing_meta_tags() -> None:
    document = read('<link rel="canonical" href="https://example.org/a"><article>'
                    f'<time datetime="2025-04-10">Thursday</time><p>{BODY}</p></article>', "html")
    assert (document.url, document.date) == ("https://example.org/a", "2025-04-10")


def test_html_metadata_wins_over_header_lines_which_win_over_the_url_path() -> None:
    head = ('<head><link rel="canonical" href="https://example.org/2025/01/01/canonical">'
            '<meta property="og:url" content="https://example.org/2025/02/02/og">{}</head>')
    body = "<body><p>Source: https://example.org/2025/03/03/header</p><p>{}</p><p>" + BODY + "</p></body>"
    published = '<meta property="article:published_time" content="2025-04-04">'
    cases = [
        (head.format(published) + body.format("Published: May 5, 2025"), "2025-04-04"),  # meta tag
        (head.format("") + body.format("Published: May 5, 2025"), "2025-05-05"),  # header line
        (head.format("") + body.format(""), "2025-02-02"),  # the path of og:url
    ]
    for markup, date in cases:
        assert (read(markup, "html").url, read(markup, "html").date) == ("https://example.org/2025/02/02/og", date)
    assert read(body.format(""), "html").url == "https://example.org/2025/03/03/header"


@pytest.mark.parametrize(("url", "date"), [
    ("https://example.org/2025/04/07/hegseth-panama", "2025-04-07"),
    ("https://example.org/news/2025/4/7/", "2025-04-07"),
    ("https://example.org/2025-04-07/hegseth-panama", "2025-04-07"),
    ("https://example.org/world/hegseth-panama-2025-04-07.html", "2025-04-07"),
    ("https://example.org/20250407/hegseth-panama", "2025-04-07"),
    ("https://example.org/2025/04/hegseth-panama", "2025-04"),
    ("https://example.org/news/2025/04/", "2025-04"),
])  # fmt: skip
def test_a_date_in_the_url_path_keeps_its_precision(url: str, date: str) -> None:
    assert url_date(url) == date


@pytest.mark.parametrize("url", [
    "https://example.org/article/12345678",  # an id: year 1234
    "https://example.org/article/20251399",  # month 13
    "https://example.org/article/2025040712",  # ten digits: an id, not a day
    "https://example.org/p/x20250407",  # digits inside a word
    "https://example.org/2025/02/30/story",  # no such day
    "https://example.org/2025/13/story",  # no such month
    "https://example.org/3025/04/07/story",  # no such year in the news
    "https://example.org/2025/story",  # a year alone is no date
    "https://example.org/story?date=2025-04-07",  # the query string holds ids and filters
    "https://2025-04-07.example.org/story",  # a host name is not a path
    "https://example.org/story/0412/2025",
    None,
])  # fmt: skip
def test_numbers_in_a_url_that_are_no_plausible_date_are_ignored(url: str | None) -> None:
    assert url_date(url) is None


def dated(doc: str, date: str | None) -> Document:
    return Document(doc, f"{doc}.txt", "", date=date, url=f"https://example.org/{doc}")


def test_nodes_and_edges_carry_the_first_and_last_dates_of_their_documents() -> None:
    docs = [dated("d1", "2025-04-09"), dated("d2", "2025-03"), dated("d3", None), dated("d4", "2025-04-11")]
    hegseth = Entity("person:pete-hegseth", "Pete Hegseth", EntityLabel.PERSON)
    panama = Entity("country:panama", "Panama", EntityLabel.COUNTRY)

    def extraction(doc: Document, with_relation: bool) -> Extraction:
        evidence = (Evidence(doc.id, "Hegseth visited Panama.", 0, 23, "test"),)
        relation = Relation(hegseth.key, panama.key, RelationType.VISITS, evidence, 0.5)
        entities = (Entity(hegseth.key, hegseth.name, hegseth.label, (), 1, (doc.id,)),)
        if with_relation:
            entities += (Entity(panama.key, panama.name, panama.label, (), 1, (doc.id,)),)
        return Extraction(doc, entities, (relation,) if with_relation else ())

    extractions = [extraction(docs[0], True), extraction(docs[1], False), extraction(docs[2], True),
                   extraction(docs[3], False)]
    graph = to_networkx(extractions)
    assert {key: (data["first_seen"], data["last_seen"]) for key, data in graph.nodes(data=True)} == {
        hegseth.key: ("2025-03", "2025-04-11"), panama.key: ("2025-04-09", "2025-04-09")}
    edge = graph.edges[hegseth.key, panama.key, "VISITS"]
    assert (edge["first_seen"], edge["last_seen"]) == ("2025-04-09", "2025-04-09")
    assert graph.graph["documents"]["d1"]["url"] == "https://example.org/d1"
    undated = to_networkx([extraction(docs[2], True)])
    assert {data["first_seen"] for _, data in undated.nodes(data=True)} == {None}
    assert merge_graphs([to_networkx(extractions[:2]), to_networkx(extractions[2:])]).nodes(data=True)[
        hegseth.key] == graph.nodes[hegseth.key]


def test_adding_evidence_one_by_one_moves_the_dates() -> None:
    graph = new_graph()
    for doc in (dated("d1", "2025-04-09"), dated("d2", "2025-04-02")):
        graph.graph["documents"][doc.id] = document_row(doc)
    add_entity(graph, Entity("person:a", "A", EntityLabel.PERSON, (), 1, ("d1",)))
    add_relation(graph, Relation("person:a", "country:b", RelationType.VISITS,
                                 (Evidence("d1", "A visited B.", 0, 12, "test"),)))
    add_entity(graph, Entity("person:a", "A", EntityLabel.PERSON, (), 1, ("d2",)))
    add_relation(graph, Relation("person:a", "country:b", RelationType.VISITS,
                                 (Evidence("d2", "A went to B.", 0, 12, "test"),)))
    assert (graph.nodes["person:a"]["first_seen"], graph.nodes["person:a"]["last_seen"]) == ("2025-04-02", "2025-04-09")
    edge = graph.edges["person:a", "country:b", "VISITS"]
    assert (edge["first_seen"], edge["last_seen"]) == ("2025-04-02", "2025-04-09")
