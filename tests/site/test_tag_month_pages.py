"""A tag's month pages, built from real days (the dense sample site: three weeks of the archive,
topic filter off, built once a run): each links back to its tag and on to its papers, and the
tag's page links to each. What goes on which page: tests/unit/test_tag_months.py."""

from __future__ import annotations

from pathlib import Path

from lxml import html


def test_month_pages_of_real_days_build_strictly_and_link_both_ways(sample_site: Path):
    site = sample_site
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
