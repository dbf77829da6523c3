"""Golden files: one paper page, one tag page, one feed, byte for byte.

After an intended change of output, rewrite them with `make golden` and review the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.render.feeds import render_feeds
from generator.render.pages import render_pages
from generator.storage.store import Store

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PAPERBOY_UPDATE_GOLDEN") == "1"


def compare(name: str, actual: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_bytes(actual)
    assert path.exists(), f"{path} is missing: run `make golden`"
    assert actual == path.read_bytes(), f"{name} differs from its golden file: run `make golden` if intended"


@pytest.fixture
def papers(settings):
    return Store(settings.papers_dir).load_all().papers


def test_tag_page(papers, settings):
    compare("tag-distillation.md", render_pages(papers, settings)["tags/distillation.md"].encode())


def test_tag_feed(papers, settings):
    compare("feed-distillation.atom.xml", render_feeds(papers, settings)["feeds/tags/distillation.atom.xml"])


def test_paper_page(built_site: Path):
    text = (built_site / "papers" / "2305.02301" / "index.html").read_text()
    # The paper's article (what search indexes), then its BibTeX and related papers.
    article = re.search(r'<article class="pb-paper"[^>]*>.*?</article>.*?<section class="pb-related".*?</section>', text, re.S)
    assert article
    compare("paper-2305.02301.html", article.group(0).encode() + b"\n")
