"""A tag of more than TAG_NEWEST papers: its page shows the newest, and each month has a page
(built from real days: tests/site/test_tag_month_pages.py)."""

from __future__ import annotations

import datetime as dt
import re

from generator.models import make_paper
from generator.render.kinds.tags import TAG_NEWEST
from tests.support.rendered import render_pages



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
