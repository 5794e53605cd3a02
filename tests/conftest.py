"""Shared fixtures: the CLI runner, a small sample graph, the evaluation sets beside the checkout, and a real
Neo4j server for `neo4j`-marked tests.

Integration tests take their server from the environment: GRAPHMODEL_NEO4J_URI, GRAPHMODEL_NEO4J_PASSWORD
(and optionally GRAPHMODEL_NEO4J_USER, GRAPHMODEL_NEO4J_DATABASE). They delete graphmodel's nodes
in that database before every test, so never point them at a database you want to keep.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pytest
from click.testing import CliRunner

from graphmodel.graph import graphfile
from graphmodel.graph.core import add_entity, add_relation, document_row, new_graph
from graphmodel.models import Document, Entity, Evidence, Relation
from graphmodel.schema import EntityLabel, RelationType
from graphmodel.stores.neo4j.store import Neo4jStore, connect

if TYPE_CHECKING:
    from browser_support import OpenedPage
    from playwright.sync_api import Browser, Page

NEO4J_LABELS_USED_BY_TESTS = ("Scratch",)  # labels that tests create by hand; cleared like graphmodel's own


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("GRAPHMODEL_NEO4J_URI"):
        return
    if os.environ.get("CI"):  # CI always runs them: a skipped integration suite is a failed one
        raise pytest.UsageError("CI needs GRAPHMODEL_NEO4J_URI: start Neo4j before pytest")
    skip = pytest.mark.skip(reason="set GRAPHMODEL_NEO4J_URI (scripts/neo4j-server start)")
    for item in items:
        if "neo4j" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# --- the evaluation sets: third-party news excerpts kept outside the repository, in ../shared/eval ---

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"  # dev-gold/, dev2/{docs,gold}/, dev3/{docs,gold}/, score.py


def missing_reason(path: Path) -> str:
    return f"{path} is not on this machine (the evaluation sets live in ../shared/eval, beside the checkout)"


def shared_eval(*parts: str) -> Path:
    """The path ``../shared/eval/<parts>``; skips the calling test or fixture when it is absent."""
    path = SHARED_EVAL.joinpath(*parts)
    if not path.exists():
        pytest.skip(missing_reason(path))
    return path


def shared_eval_files(folder: str, pattern: str = "*") -> list[Any]:
    """``pytest.param`` per file of ``../shared/eval/<folder>`` matching ``pattern``, for ``parametrize``;
    one skipped parameter when the folder is absent, so that the skip shows in the report."""
    path = SHARED_EVAL / folder
    if not path.is_dir():
        return [pytest.param(path, id=f"{folder}-absent", marks=pytest.mark.skip(reason=missing_reason(path)))]
    return [pytest.param(file, id=file.name) for file in sorted(path.glob(pattern))]


# --- the sample graph: the one place that defines it, so that it can be swapped for a real build ---

DOC1 = Document("doc1", "data/docs/000_hegseth_panama.txt", "",
                title="Hegseth attends Central American Security Conference", date="2025-04-07", author="Jane Doe",
                url="https://www.defense.gov/News/Releases/2025/04/07/hegseth-centsec/")
DOC2 = Document("doc2", "data/docs/001_secure_border.md", "", title="Operation Secure Border expands",
                date="2025-05-02")

HEGSETH = "person:pete-hegseth"
US = "country:united-states"
PANAMA = "country:panama"
CHINA = "country:china"
HONDURAS = "country:honduras"
CENTSEC = "event:central-american-security-conference"
SECURE_BORDER = "initiative:operation-secure-border"
SOUTHCOM = "organization:us-southern-command"

SAMPLE_ENTITIES = (
    Entity(HEGSETH, "Pete Hegseth", EntityLabel.PERSON, ("Hegseth",), 3, ("doc1",)),
    Entity(US, "United States", EntityLabel.COUNTRY, ("U.S.", "Washington"), 4, ("doc1", "doc2")),
    Entity(PANAMA, "Panama", EntityLabel.COUNTRY, (), 2, ("doc1",)),
    Entity(CHINA, "China", EntityLabel.COUNTRY, ("Beijing",), 1, ("doc1",)),
    Entity(HONDURAS, "Honduras", EntityLabel.COUNTRY, (), 1, ("doc2",)),
    Entity(CENTSEC, "Central American Security Conference", EntityLabel.EVENT, ("CENTSEC",), 2, ("doc1",)),
    Entity(SECURE_BORDER, "Operation Secure Border", EntityLabel.INITIATIVE, (), 2, ("doc2",)),
    Entity(SOUTHCOM, "U.S. Southern Command", EntityLabel.ORGANIZATION, ("SOUTHCOM",), 1, ("doc1",)),
)


def _evidence(doc: str, sentence: str, start: int, rule: str) -> tuple[Evidence, ...]:
    return (Evidence(doc, sentence, start, start + len(sentence), rule),)


SAMPLE_RELATIONS = (
    Relation(HEGSETH, CENTSEC, RelationType.PARTICIPATES_IN, _evidence(
        "doc1", "Hegseth attended the Central American Security Conference in Panama City.", 120, "participates"), 0.9),
    Relation(SOUTHCOM, CENTSEC, RelationType.HOSTS, _evidence(
        "doc1", "The conference was hosted by U.S. Southern Command.", 200, "hosts"), 0.8),
    Relation(US, CHINA, RelationType.OPPOSES, _evidence(
        "doc1", "Washington is countering China's growing influence in the region.", 300, "opposes"), 0.7),
    Relation(US, PANAMA, RelationType.COOPERATES_WITH, _evidence(
        "doc1", "The United States and Panama agreed to deepen security cooperation.", 400, "cooperates"), 0.8),
    Relation(HONDURAS, SECURE_BORDER, RelationType.PARTICIPATES_IN, _evidence(
        "doc2", "| Honduras | Operation Secure Border |", 50, "table_row"), 0.6),
    Relation(US, SECURE_BORDER, RelationType.PARTICIPATES_IN, _evidence(
        "doc2", "| United States | Operation Secure Border |", 90, "table_row"), 0.6),
    Relation(US, SECURE_BORDER, RelationType.PARTICIPATES_IN, _evidence(
        "doc2", "The United States leads Operation Secure Border.", 10, "participates"), 0.5),
    Relation(HEGSETH, US, RelationType.AFFILIATED_WITH, _evidence(
        "doc1", "U.S. Defense Secretary Pete Hegseth spoke in Panama City.", 0, "title"), 0.9),
)


def build_graph(documents: tuple[Document, ...], entities: tuple[Entity, ...],
                relations: tuple[Relation, ...]) -> nx.MultiDiGraph:
    """A graph built with graphmodel.graph.core's own functions, as `graphmodel build` would."""
    graph = new_graph()
    for document in documents:
        graph.graph["documents"][document.id] = document_row(document)
    for entity in entities:
        add_entity(graph, entity)
    for relation in relations:
        add_relation(graph, relation)
    return graph


@pytest.fixture
def sample_graph() -> nx.MultiDiGraph:
    """Eight entities, two documents and seven relationships (US -PARTICIPATES_IN-> Secure Border has two
    pieces of evidence); see the constants above."""
    return build_graph((DOC1, DOC2), SAMPLE_ENTITIES, SAMPLE_RELATIONS)


@pytest.fixture
def sample_graph_file(sample_graph: nx.MultiDiGraph, tmp_path: Path) -> Path:
    return graphfile.write(sample_graph, tmp_path / "graph.json")


@pytest.fixture(scope="session")
def sample_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample graph as an embedded database, written once per session: read it, or copy it to change it."""
    from graphmodel.stores.embedded.build import write_database

    graph = build_graph((DOC1, DOC2), SAMPLE_ENTITIES, SAMPLE_RELATIONS)
    return write_database(graph, tmp_path_factory.mktemp("embedded") / "graph.lbug")


# --- a real Neo4j server ---

@pytest.fixture(scope="session")
def neo4j_uri() -> str:
    return os.environ["GRAPHMODEL_NEO4J_URI"]


@pytest.fixture(scope="session")
def neo4j_auth() -> tuple[str, str] | None:
    password = os.environ.get("GRAPHMODEL_NEO4J_PASSWORD")
    return (os.environ.get("GRAPHMODEL_NEO4J_USER", "neo4j"), password) if password else None


@pytest.fixture(scope="session")
def neo4j_database() -> str:
    return os.environ.get("GRAPHMODEL_NEO4J_DATABASE", "neo4j")


@pytest.fixture(scope="session")
def _neo4j_connection(
    neo4j_uri: str, neo4j_auth: tuple[str, str] | None, neo4j_database: str
) -> Iterator[Neo4jStore]:
    with connect(neo4j_uri, neo4j_auth, database=neo4j_database) as store:
        yield store


@pytest.fixture
def neo4j_store(_neo4j_connection: Neo4jStore) -> Neo4jStore:
    """The store on the test server, with graphmodel's data (and the tests' scratch labels) deleted."""
    _neo4j_connection.clear()
    for label in NEO4J_LABELS_USED_BY_TESTS:
        _neo4j_connection.run(f"MATCH (n:`{label}`) DETACH DELETE n", write=True)
    return _neo4j_connection


# --- reading an embedded database in tests ---

def rows(store: Any, query: str, **params: Any) -> list[tuple[Any, ...]]:
    """The rows a query returns, as tuples."""
    return list(store.run(query, params).rows)


def names(store: Any, label: str) -> list[str]:
    """The names of a label's nodes, sorted."""
    return [name for (name,) in rows(store, f"MATCH (n:{label}) RETURN n.name AS name ORDER BY name")]


# The browser and page fixtures every browser test shares (tests/browser; its modules skip without Chromium).
@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from browser_support import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser: Browser, tmp_path: Path) -> Iterator[Callable[..., OpenedPage]]:
    """Render a graph, open it from a file:// URL and wait until the page says it is drawn."""
    from browser_support import OpenedPage

    from graphmodel.render.page import render_html

    pages: list[Page] = []

    def open_(graph: nx.MultiDiGraph, fragment: str = "", **options: Any) -> OpenedPage:
        path = render_html(graph, tmp_path / f"graph{len(pages)}.html", **options)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        pages.append(page)
        opened = OpenedPage(page, path.as_uri())
        page.on("request", lambda request: opened.requests.append(request.url))
        page.on("console", lambda message: opened.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: opened.errors.append(str(error)))
        page.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(opened.url + fragment)
        # A selector, not wait_for_function: the page's CSP forbids the eval that polling a function needs.
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)
        return opened

    yield open_
    for page in pages:
        page.close()
