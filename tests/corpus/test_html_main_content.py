"""An HTML news page: the graph reads its article, never its menus, sidebars or footer."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli
from graphmodel.documents.html import parse_html
from graphmodel.graph import graphfile

pytestmark = pytest.mark.corpus

PAGE = """<!doctype html><html><head><title>Kenya hosts summit | Example News</title>
<meta property="og:url" content="https://news.example.org/2025/05/12/kenya-summit">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li>Politics</li></ul></nav></header>
<div class="sidebar"><h3>Most read</h3><ul><li>China opposes the United States at the United Nations</li>
<li>France visits Germany for talks on energy</li></ul></div>
<article>
<h1>Kenya hosts East African security summit</h1>
<p>Kenya hosted the East African security summit in Nairobi on Monday, where defence ministers of Uganda
and Tanzania discussed joint patrols along Lake Victoria.</p>
<p>Uganda and Tanzania agreed to share intelligence on smuggling networks, officials said after the
meeting, and will meet again in Kampala in August.</p>
</article>
<footer><p>Russia opposes NATO, according to our partners.</p><p>Copyright 2025 Example News.</p></footer>
</body></html>"""
BOILERPLATE = ("Most read", "China opposes", "France visits", "Russia opposes", "Copyright", "Politics")


def test_the_blocks_are_the_article_and_its_headline() -> None:
    _, blocks, meta = parse_html(PAGE)
    texts = [block.text for block in blocks]
    assert texts[0] == "Kenya hosts East African security summit"
    assert len(texts) == 3
    assert not [text for text in texts if any(word in text for word in BOILERPLATE)]
    assert meta.url == "https://news.example.org/2025/05/12/kenya-summit"


def test_no_evidence_comes_from_a_menu_sidebar_or_footer(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "kenya.html").write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "docs"), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    graph = graphfile.read(tmp_path / "out" / "graph.json")
    sentences = {e["sentence"] for *_, evidence in graph.edges(data="evidence") for e in evidence}
    assert sentences
    assert not [s for s in sentences if any(word in s for word in BOILERPLATE)]
    names = {name for _, name in graph.nodes(data="name")}
    assert {"Kenya", "Uganda", "Tanzania"} <= names
    assert not names & {"Russia", "NATO", "France", "Germany", "China"}
    (document,) = graph.graph["documents"].values()
    assert (document["url"], document["date"]) == ("https://news.example.org/2025/05/12/kenya-summit", "2025-05-12")


def test_a_folder_of_every_format_gives_each_document_its_url_and_date(tmp_path: Path) -> None:
    """A PDF, a Word file, the news page and a text file with a ``Source:`` line, built together."""
    from office_files import write_docx, write_pdf

    docs = tmp_path / "docs"
    docs.mkdir()
    write_pdf(docs / "brief.pdf", url="https://reports.example.org/kestrel-brief")
    write_docx(docs / "wave.docx", url="https://www.example.org/2025/05/01/phishing-wave")
    (docs / "kenya.html").write_text(PAGE, encoding="utf-8")
    (docs / "notes.txt").write_text("Source: https://www.example.org/news/2025/06/03/visit\n\n"
                                    "Defense Secretary Pete Hegseth visited Panama on Tuesday.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(docs), "-o", str(tmp_path / "out"), "-q", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    graph = graphfile.read(tmp_path / "out" / "graph.json")
    documents = {Path(d["path"]).name: (d["url"], d["date"]) for d in graph.graph["documents"].values()}
    assert documents == {
        "brief.pdf": ("https://reports.example.org/kestrel-brief", "2025-04-08"),
        "wave.docx": ("https://www.example.org/2025/05/01/phishing-wave", "2025-05-01"),
        "kenya.html": ("https://news.example.org/2025/05/12/kenya-summit", "2025-05-12"),
        "notes.txt": ("https://www.example.org/news/2025/06/03/visit", "2025-06-03"),
    }
    sentences = {e["sentence"] for *_, evidence in graph.edges(data="evidence") for e in evidence}
    assert {"brief.pdf", "wave.docx", "kenya.html"} <= {
        Path(graph.graph["documents"][e["doc"]]["path"]).name for *_, evidence in graph.edges(data="evidence")
        for e in evidence}
    assert not [s for s in sentences if any(word in s for word in BOILERPLATE)]
