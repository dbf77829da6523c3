"""Hostile input end to end, in Chromium: every page of the hostile site (tests/support/hostile.py,
built once a run) opened, and searched: no dialog, no console error."""

from __future__ import annotations

from tests.support.browser import serve
from tests.support.hostile import HostileSite


def test_no_dialog_and_no_console_error_in_chromium(hostile: HostileSite, browser):
    """Every page built from the corpus, opened in headless Chromium: nothing fires."""
    pages = sorted(p.relative_to(hostile.site).as_posix() for p in hostile.site.rglob("*.html"))
    dialogs: list[str] = []
    errors: list[str] = []
    with serve(hostile.site) as base:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
        page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
        for path in pages:
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(20)
        # Search results show titles and excerpts of hostile papers: still inert.
        for query in ("alert", "script", "onerror", "javascript"):
            page.goto(base + f"search/?q={query}", wait_until="load")
            page.wait_for_selector(".pagefind-ui__result", timeout=15000)
            page.wait_for_timeout(300)
        page.close()
    assert dialogs == []
    assert errors == []
