"""Chromium for the page tests: where it is, how to launch it, and a page that records what it does."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "OpenedPage"]

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; Playwright's own browser download is not used
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass
class OpenedPage:
    """A rendered page open in the browser, with everything it tried to do since navigation."""

    page: Page
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def screen_point(self, canvas_point_js: str, arg: Any = None) -> tuple[float, float]:
        """Page coordinates of a point given in network (canvas) coordinates by a JS function."""
        point = self.js(f"(arg) => graphmodel.network.canvasToDOM(({canvas_point_js})(arg))", arg)
        box = self.page.locator("#network canvas").bounding_box()
        assert box is not None
        return box["x"] + point["x"], box["y"] + point["y"]
