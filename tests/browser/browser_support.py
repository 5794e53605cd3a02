"""Chromium for the page tests: where it is, how to launch it, and a page that records what it does."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "OpenedPage", "require_browser"]

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; Playwright's own browser download is not used
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def require_browser() -> None:
    """Skip the calling test module when Chromium or Playwright is missing; under CI, fail instead."""
    import pytest

    reason = None
    if not CHROMIUM.exists():
        reason = f"needs Chromium at {CHROMIUM} (apt-get install -y chromium)"
    elif importlib.util.find_spec("playwright") is None:
        reason = "needs the playwright Python package (pip install playwright)"
    if reason and os.environ.get("CI"):  # CI always runs them: a skipped browser suite is a failed one
        pytest.fail(f"CI needs the browser tests: {reason}", pytrace=False)
    if reason:
        pytest.skip(reason, allow_module_level=True)


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
