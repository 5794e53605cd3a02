"""The browser and page fixtures every browser test shares (the test modules skip themselves without Chromium)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, OpenedPage

from graphmodel.render.page import render_html

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser: Browser, tmp_path: Path) -> Iterator[Callable[..., OpenedPage]]:
    """Render a graph, open it from a file:// URL and wait until the page says it is drawn."""
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
