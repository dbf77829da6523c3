"""Search in shards, in Chromium: the search page merges every shard's results, and a site
without papers says why it cannot search."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build
from generator.config import load_settings

from tests.support.browser import serve
from tests.support.site import make_site


@pytest.mark.parametrize(("query", "expected"), [
    ("Eldan", "TinyStories"),          # 2305: an older shard
    ("LightReasoner", "LightReasoner"),  # 2510: the newest shard
    ("Compressing", "Compressing Pre-trained Models of Code"),  # 2208: the first bundle
])
def test_the_search_page_searches_every_shard(sharded_site: Path, browser, query: str, expected: str):
    with serve(sharded_site) as base:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "search/?q=" + query)
        page.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
        # A result shows dots (". . .") until its fragment has loaded: wait for real titles.
        page.wait_for_function("""() => [...document.querySelectorAll('.pagefind-ui__result-title')]
            .some(title => /[A-Za-z]/.test(title.textContent))""", timeout=15000)
        titles = page.locator(".pagefind-ui__result-title").all_inner_texts()
        assert any(expected in t for t in titles), titles
        assert errors == []
        page.close()


def test_a_site_without_papers_builds_and_its_search_page_says_why_it_cannot_search(tmp_path: Path, browser):
    root = make_site(tmp_path / "src", with_papers=False)
    report = build(load_settings(root / "mkdocs.yml"))
    assert report.ok and (report.search.made, report.search.shards) == (0, 0)
    with serve(root / "site") as base:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "search/")
        assert "Search is not available yet" in page.locator("#pb-search").inner_text()
        assert errors == []
        page.close()
