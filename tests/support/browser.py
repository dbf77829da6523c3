"""Headless Chromium (Debian's, or any Chromium/Chrome found), driven by Playwright.

Playwright's own browser download is never used: the binary comes from the system. Without
one the browser tests are skipped, except where PAPERBOY_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str | None:
    configured = os.environ.get("PAPERBOY_CHROMIUM")
    if configured:
        return configured
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    path = chromium_path()
    if path is None:
        message = "no Chromium found (install Debian's chromium, or set PAPERBOY_CHROMIUM)"
        if os.environ.get("PAPERBOY_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path, path: str = "paperboy/") -> Iterator[str]:
    """Serve a built site on 127.0.0.1 under `path` (site_url's path, as on GitHub Pages).

    Yields the site's base URL. MkDocs' 404 page uses absolute links, so the path matters.
    """
    with tempfile.TemporaryDirectory() as root:
        (Path(root) / path.strip("/")).symlink_to(directory.resolve())
        handler = functools.partial(_QuietHandler, directory=root)
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/{path}"
        finally:
            server.shutdown()
            server.server_close()


@contextmanager
def launch() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    path = require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, width: int = 1280, height: int = 900, **options: object):
    """A page of its own (in a context of its own, at this viewport) that keeps its console errors
    and uncaught exceptions, each with the page's address, in `page.errors`. Close its context
    (`page.context.close()`) when done."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(f"{page.url}: {e}"))
    return page


def sideways_scroll(page) -> float:
    """How far the page scrolls sideways, in CSS pixels (0 or less: it fits its viewport)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def with_axe(context) -> None:
    """axe-core (the copy axe-playwright-python bundles) in every page `context` opens, from the
    page's start: injected once a page by the browser, instead of sent and compiled again by
    each `Axe.run` (its `page.evaluate` of the 570 kB script)."""
    from axe_playwright_python.base import AXE_SCRIPT

    context.add_init_script(script=AXE_SCRIPT)


SERIOUS = ("serious", "critical")


def serious_violations(page) -> list[str]:
    """axe-core run on the page as it is now, with its default rules and axe-playwright-python's
    default options (violations only), as `Axe.run` does; its serious and critical violations,
    one line each: rule, help, how many elements and the first three of them (their selectors).
    The page's context needs `with_axe`."""
    violations = page.evaluate("""axe.run({resultTypes: ['violations']}).then(results =>
        results.violations.map(v => [v.impact, v.id, v.help, v.nodes.map(n => n.target.join(' '))]))""")
    return [f"{rule}: {help} ({len(nodes)}: {', '.join(nodes[:3])})"
            for impact, rule, help, nodes in violations if impact in SERIOUS]


def results_drawn(page) -> None:
    """Wait until the search results are drawn: Pagefind draws each as a placeholder first and
    fills it in later, one by one (reading them before then finds no title or link)."""
    page.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
    page.wait_for_function("document.querySelector('.pagefind-ui__result') !== null && "
                           "document.querySelector('.pagefind-ui__result .pagefind-ui__loading') === null", timeout=15000)
