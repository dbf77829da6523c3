"""Golden files rendered without MkDocs: one tag page and one feed, byte for byte, from the test
records (tests/site/golden/; the paper page, which MkDocs builds: tests/site/test_golden.py).

After an intended change of output, rewrite them with `make golden` and review the diff.
"""

from __future__ import annotations

import pytest

from generator.render.feeds import render_feeds
from generator.storage.store import Store

from tests.support.rendered import compare_golden, render_pages


@pytest.fixture
def papers(settings):
    return Store(settings.papers_dir).load_all().papers


def test_tag_page(papers, settings):
    compare_golden("tag-distillation.md", render_pages(papers, settings)["tags/distillation.md"].encode())


def test_tag_feed(papers, settings):
    compare_golden("feed-distillation.atom.xml", render_feeds(papers, settings)["feeds/tags/distillation.atom.xml"])
