"""Search in shards, built: each Pagefind bundle holds whole arXiv months, and a rebuild indexes
again only the shards whose papers' text changed. The plan: tests/unit/test_search_plan.py; the
search page in Chromium: tests/browser/test_search_shards.py."""

from __future__ import annotations

import re
from pathlib import Path

from generator.build import build
from generator.config import load_settings
from generator.publish.searchindex import BUNDLE

from tests.support.site import set_config


def shards_made(root: Path) -> tuple[int, int]:
    """Build the site in `root`: (search shards indexed anew, shards)."""
    report = build(load_settings(root / "mkdocs.yml"))
    assert report.ok and report.search is not None
    return report.search.made, report.search.shards


def test_every_paper_is_in_exactly_one_shard(sharded_site: Path):
    bundles = sorted(p.name for p in sharded_site.glob("pagefind*") if p.is_dir())
    assert len(bundles) > 3
    fragments = sum(len(list((sharded_site / b / "fragment").iterdir())) for b in bundles)
    assert fragments == len(list((sharded_site / "papers").glob("*/index.html"))) == 31
    script = (sharded_site / BUNDLE / "paperboy-shards.js").read_text()
    assert sorted(re.findall(r'"\.\./(pagefind-\d+)/"', script)) == [b for b in bundles if b != BUNDLE]


def test_a_rebuild_indexes_only_the_shards_whose_papers_changed(site: Path):
    set_config(site, {("extra", "paperboy", "search_shard_size"): 8})
    made, total = shards_made(site)
    assert made == total > 3
    assert shards_made(site)[0] == 0, "nothing changed: no shard made"
    record = site / "content" / "papers" / "2510.07962.md"  # LightReasoner, in the newest shard
    record.write_text(record.read_text().replace("LightReasoner:", "LightReasoner (edited):", 1))
    made, total = shards_made(site)
    assert made == 1 < total
