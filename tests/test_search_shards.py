"""Search in shards: each Pagefind bundle holds whole arXiv months, the search page merges them,
and a rebuild indexes again only the shards whose papers' text changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build import build
from generator.config import load_settings
from generator.publish.searchindex import BUNDLE, month_of, plan_shards

from .browser import chromium_path, launch, serve
from .conftest import make_site, set_config


def test_shards_hold_whole_months_oldest_first():
    folders = ["2401.00001", "2401.00002", "2402.00001", "2403.00001", "2403.00002", "2403.00003",
               "hep-th_9901001", "2410.00001"]
    assert month_of("2401.00001") == "2401." and month_of("hep-th_9901001") == "hep-th_"
    shards = plan_shards(folders, 3)
    assert [s.prefixes for s in shards] == [("hep-th_", "2401."), ("2402.",), ("2403.",), ("2410.",)]
    assert [s.bundle for s in shards] == [BUNDLE, "pagefind-2402", "pagefind-2403", "pagefind-2410"]
    assert sum(s.pages for s in shards) == len(folders)
    assert [s.pages for s in plan_shards(folders, 100)] == [len(folders)], "a small site has one index"


def shards_made(root: Path) -> tuple[int, int]:
    """Build the site in `root`: (search shards indexed anew, shards)."""
    report = build(load_settings(root / "mkdocs.yml"))
    assert report.ok and report.search is not None
    return report.search.made, report.search.shards


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled site, built with at most 8 papers a search shard."""
    root = make_site(tmp_path_factory.mktemp("sharded") / "src")
    set_config(root, {("extra", "paperboy", "search_shard_size"): 8})
    made, total = shards_made(root)
    assert made == total > 3
    return root


def test_every_paper_is_in_exactly_one_shard(sharded: Path):
    site = sharded / "site"
    bundles = sorted(p.name for p in site.glob("pagefind*") if p.is_dir())
    fragments = sum(len(list((site / b / "fragment").iterdir())) for b in bundles)
    assert fragments == len(list((site / "papers").glob("*/index.html"))) == 31
    script = (site / BUNDLE / "paperboy-shards.js").read_text()
    assert sorted(re.findall(r'"\.\./(pagefind-\d+)/"', script)) == [b for b in bundles if b != BUNDLE]


@pytest.mark.skipif(chromium_path() is None, reason="no Chromium")
@pytest.mark.parametrize(("query", "expected"), [
    ("Eldan", "TinyStories"),          # 2305: an older shard
    ("LightReasoner", "LightReasoner"),  # 2510: the newest shard
    ("Compressing", "Compressing Pre-trained Models of Code"),  # 2208: the first bundle
])
def test_the_search_page_searches_every_shard(sharded: Path, query: str, expected: str):
    with serve(sharded / "site") as base, launch() as browser:
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


def test_a_rebuild_indexes_only_the_shards_whose_papers_changed(sharded: Path):
    assert shards_made(sharded)[0] == 0, "nothing changed: no shard made"
    record = sharded / "content" / "papers" / "2510.07962.md"  # LightReasoner, in the newest shard
    record.write_text(record.read_text().replace("LightReasoner:", "LightReasoner (edited):", 1))
    made, total = shards_made(sharded)
    assert made == 1 < total


@pytest.mark.skipif(chromium_path() is None, reason="no Chromium")
def test_a_site_without_papers_builds_and_its_search_page_says_why_it_cannot_search(tmp_path: Path):
    root = make_site(tmp_path / "src", with_papers=False)
    assert shards_made(root) == (0, 0)
    with serve(root / "site") as base, launch() as browser:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "search/")
        assert "Search is not available yet" in page.locator("#pb-search").inner_text()
        assert errors == []
