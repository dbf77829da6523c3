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
