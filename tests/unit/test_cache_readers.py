"""The cache's readers (generator/storage/cache.py): a value of the wrong type reads as nothing
cached, and records come back exactly as parsed. Whole builds over a spoilt cache:
tests/site/test_cache.py."""

from __future__ import annotations

import json
from pathlib import Path

from generator.config import load_settings
from generator.storage.cache import RECORDS, RENDERS, SEARCH, SITE, STATE, Cache
from generator.storage.store import Store


def test_each_reader_rejects_what_it_cannot_trust(tmp_path: Path):
    """Each file read back as nothing cached when a value has the wrong type."""
    cache = Cache(tmp_path)
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / STATE).write_text(json.dumps({"fingerprint": "f", "outputs": {}, "records": "31", "problems": [],
                                              "newest": None}))
    assert cache.unchanged("f", {}) is None
    (tmp_path / STATE).write_text(json.dumps({"fingerprint": "f", "outputs": {}, "records": 31, "problems": [],
                                              "newest": None}))
    assert cache.unchanged("f", {}).records == 31
    (tmp_path / RECORDS).write_text(json.dumps({"2305.07759.md": [[1, 2], {"arxiv_id": "2305.07759", "title": ""}]}))
    assert cache.load_records() == {}, "a record without a title is not a record"
    (tmp_path / RENDERS).write_text(json.dumps({"fingerprint": "f", "renders": {"card:x": 3}}))
    assert cache.load_renders("f") == {}
    (tmp_path / SITE).write_text(json.dumps({"fingerprint": "f", "site_dir": "/s", "files": {"index.md": ["h", [1]]}}))
    assert cache.load_site_manifest() is None
    (tmp_path / SEARCH).write_text(json.dumps({"made_by": [], "shards": {}, "pages": {"2305.07759": [1, 2]}}))
    assert cache.load_search_manifest() is None


def test_records_come_back_from_the_cache_exactly_as_parsed(site: Path):
    """JSON in, the same records out: a warm run renders what a cold one does."""
    store = Store(load_settings(site / "mkdocs.yml").papers_dir)
    cache = Cache(site / ".paperboy-cache")
    parsed = store.load_all(cache)
    assert parsed.papers and not parsed.problems
    assert {name: paper for name, (_, paper) in cache.load_records().items()} == {
        paper.slug + ".md": paper for paper in parsed.papers
    }
    assert store.load_all(cache) == parsed
