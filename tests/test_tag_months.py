"""A tag of more than TAG_NEWEST papers: its page shows the newest, and each month has a page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from lxml import html

from generator.models import make_paper
from generator.render.kinds.tags import TAG_NEWEST
from generator.render.pages import render_pages

from .conftest import configure, make_site, run_paperboy


def card_ids(text: str) -> list[str]:
    return re.findall(r'class="pb-card__title"><a href="[./]*papers/([^/]+)/"', text)


def test_a_big_tag_has_its_newest_papers_and_a_page_per_month(settings):
    days = [dt.date(2025, 1, 6) + dt.timedelta(days=3 * i) for i in range(TAG_NEWEST + 11)]
    papers = [
        make_paper(arxiv_id=f"{day:%y%m}.{i:05d}", title=f"Paper {i}", featured=day, upvotes=i % 4, tags=["reasoning"])
        for i, day in enumerate(days)
    ]
    pages = render_pages(papers, settings)
    newest_first = [p.arxiv_id for p in sorted(papers, key=lambda p: p.featured, reverse=True)]

    tag_page = pages["tags/reasoning.md"]
    assert card_ids(tag_page) == newest_first[:TAG_NEWEST]
    months = sorted({day.replace(day=1) for day in days}, reverse=True)
    links = re.findall(r"\[(\w+ \d{4})\]\((reasoning/\d{4}/\d{2}\.md)\) \((\d+)\)", tag_page)
    assert [label for label, _, _ in links] == [f"{m:%B %Y}" for m in months]

    shown = []
    for label, target, count in links:
        month_page = pages[f"tags/{target}"]
        ids = card_ids(month_page)
        assert len(ids) == int(count)
        assert f"# Reasoning: {label}" in month_page
        shown += ids
    assert shown == newest_first, "the month pages show every paper once, newest first"
    first, last = pages[f"tags/{links[0][1]}"], pages[f"tags/{links[-1][1]}"]
    assert "→" not in first.split("papers, newest first")[0], "the newest month has no newer neighbour"
    assert "←" not in last.split("papers, newest first")[0], "the oldest month has no older neighbour"


def test_month_pages_of_real_days_build_strictly_and_link_both_ways(archive, tmp_path: Path):
    root = make_site(tmp_path / "site", with_papers=False)
    configure(root, topic=False)
    days = sorted(archive.glob("2024-0[67]-*.json"))[:25]  # a few hundred real papers over two months
    run_paperboy(root, "import", *map(str, days))
    run_paperboy(root, "build")
    site = root / "site"
    month_pages = sorted((site / "tags").glob("*/*/*/index.html"))
    assert month_pages, "some tag has more than TAG_NEWEST papers"
    for page in month_pages:
        tag = page.relative_to(site / "tags").parts[0]
        doc = html.parse(str(page))
        hrefs = [a.get("href") for a in doc.iter("a")]
        assert "../../" in hrefs, f"{page}: links back to its tag page"
        assert any(h.startswith("../../../../papers/") for h in hrefs)
        tag_page = html.parse(str(site / "tags" / tag / "index.html"))
        month = "/".join(page.relative_to(site / "tags").parts[1:3])
        assert f"{month}/" in [a.get("href") for a in tag_page.iter("a")]
