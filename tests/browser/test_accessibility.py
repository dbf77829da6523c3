"""Every page kind of both built sites (the test site, and the dense one: three weeks of the
real archive) in headless Chromium: no serious or critical accessibility violation (axe-core,
once a page), no sideways scrolling on a desktop or a phone, and no console error.

One pass a site for what test_reading.py and test_morning.py checked each on its own pages
before (issue 36): axe-core ran the same pages several times, and the dense month page alone
costs it 15 s or more.
"""

from __future__ import annotations

import pytest

from tests.support.browser import open_page, results_drawn, serious_violations, sideways_scroll, with_axe

PAGES = {
    "test": {
        "home": "", "paper": "papers/2305.02301/", "tags": "tags/", "tag": "tags/distillation/",
        "archive": "archive/", "month": "archive/2024/11/", "week": "archive/weeks/2024-W46/",
        "day": "archive/2024/11/12/", "digests": "digests/", "search": "search/", "subscribe": "subscribe/",
        "404": "404.html",
    },
    "dense": {
        "home": "", "day": "archive/2025/10/23/", "busiest day": "archive/2025/10/24/",
        "week": "archive/weeks/2025-W43/", "month": "archive/2025/10/", "archive": "archive/", "tags": "tags/",
        "tag": "tags/distillation/", "paper": "papers/2510.18940/", "digests": "digests/",
        "search": "search/?q=reasoning", "subscribe": "subscribe/", "404": "404.html",
    },
}
"""The pages checked on each site, by kind (the home page, the 404 page and the archive's pages
changed for a reader's morning, issue 21; every other kind a reader meets)."""


def _open(page, url: str) -> None:
    page.goto(url, wait_until="load")
    if "search/?q=" in url:  # the results, drawn by Pagefind's script, are part of the page
        results_drawn(page)


@pytest.mark.parametrize("kind", ["test", "dense"])
def test_no_serious_accessibility_violation_and_no_sideways_scrolling_on_any_page_kind(browser, served, kind):
    """At 1280x900 axe-core finds no serious or critical violation on any page kind; at 1280 px
    and at 390 px no page scrolls sideways; no page logs a console error."""
    found, overflowing = [], []
    for width, height in ((1280, 900), (390, 844)):
        page = open_page(browser, width, height)
        desktop = width > 1000
        if desktop:
            with_axe(page.context)
        for name, path in PAGES[kind].items():
            _open(page, served[kind] + path)
            if (overflow := sideways_scroll(page)) > 0:
                overflowing.append(f"{width}px {name}: {overflow}px of sideways scrolling")
            if desktop:
                found.extend(f"{name}: {line}" for line in serious_violations(page))
        assert page.errors == []
        page.context.close()
    assert overflowing == []
    assert found == [], "\n".join(found)
