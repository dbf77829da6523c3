"""End to end: `paperboy build` of the bundled records, checked in the built site/."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree, html

SITE_URL = "https://example.github.io/paperboy/"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


def test_one_page_per_paper(built_site: Path):
    papers = sorted(p.parent.name for p in (built_site / "papers").glob("*/index.html"))
    assert len(papers) == 31
    assert "2305.07759" in papers


def test_paper_page_shows_its_metadata(built_site: Path):
    doc = html.parse(str(built_site / "papers" / "2305.02301" / "index.html"))
    article = doc.find(".//article[@class='pb-paper']")
    assert article is not None
    assert article.findtext("h1").startswith("Distilling Step-by-Step!")
    assert "Cheng-Yu Hsieh" in article.find(".//p[@class='pb-authors']").text_content()
    hrefs = {a.text_content().strip(): a.get("href") for a in article.iter("a")}
    assert hrefs["arXiv"] == "https://arxiv.org/abs/2305.02301"
    assert hrefs["PDF"] == "https://arxiv.org/pdf/2305.02301"
    assert hrefs["Hugging Face"] == "https://huggingface.co/papers/2305.02301"
    assert hrefs["Code"] == "https://github.com/google-research/distilling-step-by-step"
    assert hrefs["Distillation"] == "../../tags/distillation/"
    assert hrefs["2023-05-03"] == "../../archive/2023/05/03/"
    assert "Deploying large language models" in article.find(".//div[@class='pb-abstract']").text_content()
    assert doc.findtext(".//title").startswith("Distilling Step-by-Step!")


def test_tag_pages_list_their_papers_and_link_their_feed(built_site: Path):
    index = html.parse(str(built_site / "tags" / "index.html")).getroot().text_content()
    assert re.search(r"Distillation\s+Teaching a small model with a large one\.\s*\d+ papers", index)
    doc = html.parse(str(built_site / "tags" / "distillation" / "index.html"))
    links = [a.get("href") for a in doc.iter("a")]
    assert "../../papers/2305.02301/" in links
    assert "../../feeds/tags/distillation.atom.xml" in links
    feeds = [l.get("href") for l in doc.iter("link") if l.get("type") == "application/atom+xml"]
    assert feeds == ["../../feeds/all.atom.xml", "../../feeds/tags/distillation.atom.xml"]


def test_archives_have_day_week_and_month_pages_with_neighbours(built_site: Path):
    day = built_site / "archive" / "2024" / "11" / "12" / "index.html"
    week = built_site / "archive" / "weeks" / "2024-W46" / "index.html"
    month = built_site / "archive" / "2024" / "11" / "index.html"
    for page in (day, week, month):
        assert page.is_file(), page
    text = html.parse(str(day)).getroot().text_content()
    assert "Learning with Less" in text
    assert "Sunday, November 3, 2024" in text, "previous day with papers"
    assert "Tuesday, November 26, 2024" in text, "next day with papers"
    index = html.parse(str(built_site / "archive" / "index.html")).getroot().text_content()
    assert re.search(r"November 2024\s+4 papers", index)
    november = [s for s in html.parse(str(built_site / "archive" / "index.html")).iter("section")
                if "November 2024" in s.findtext("h3/a")]
    assert len(november[0].xpath(".//*[@class='pb-bar']")) == 30, "a bar per day of the month"
    assert len(november[0].xpath(".//a[@class='pb-bar']")) == 4, "a day with papers is a link to it"


def test_home_page_shows_the_latest_day_and_trending(built_site: Path):
    doc = html.parse(str(built_site / "index.html"))
    text = doc.getroot().text_content()
    headings = [h.text_content().strip() for h in doc.iter("h2")]
    assert headings[0] == "Monday, July 14, 2025 1 paper"
    assert len(doc.xpath("//div[contains(@class, 'pb-cards--list')]/div[@class='pb-card']")) >= 20
    assert "Small Edits, Big Consequences" in text
    assert "Trending this week" in text
    assert "Earlier days" in text


def test_every_page_has_feed_autodiscovery(built_site: Path):
    for page in pages(built_site):
        doc = html.parse(str(page))
        feeds = [l for l in doc.iter("link") if l.get("rel") == "alternate" and l.get("type") == "application/atom+xml"]
        assert feeds, page
        target = urljoin(f"file://{page}", feeds[0].get("href"))
        assert Path(urlsplit(target).path) == built_site / "feeds" / "all.atom.xml", page


def test_every_internal_link_resolves(built_site: Path):
    """No page links to a file the build did not write."""
    broken = []
    for page in pages(built_site):
        for element in html.parse(str(page)).iter("a", "link", "script", "img"):
            ref = element.get("href") or element.get("src")
            if not ref or urlsplit(ref).scheme or ref.startswith(("#", "//", "mailto:")):
                continue
            path = Path(urlsplit(urljoin(f"file://{page}", ref)).path)
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{page.relative_to(built_site)} -> {ref}")
    assert not broken, broken[:10]


def test_built_feeds_validate_and_link_to_built_pages(built_site: Path, atom_schema):
    for feed in sorted((built_site / "feeds").rglob("*.atom.xml")):
        assert atom_schema.validate(etree.parse(str(feed))), (feed, atom_schema.error_log)
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, feed
        for entry in parsed.entries:
            # The digest feed's entries are weeks (the week's archive page); the others papers.
            kind = "archive/weeks/" if feed.name == "digests.atom.xml" else "papers/"
            assert entry.link.startswith(SITE_URL + kind)
            assert (built_site / entry.link[len(SITE_URL):] / "index.html").is_file()
    assert len(list((built_site / "feeds" / "tags").glob("*.atom.xml"))) >= 8


def test_papers_stay_out_of_the_navigation(built_site: Path):
    """Material renders the nav on every page: papers in it would make the build quadratic."""
    nav = html.parse(str(built_site / "index.html")).find(".//nav[@aria-label='Navigation']")
    assert nav is not None
    assert not [a for a in nav.iter("a") if "papers/" in (a.get("href") or "")]


def pagefind_unstable(path: str) -> bool:
    """The one documented exception: Pagefind's filter and metadata indexes (and the entry file
    naming them) are not byte-stable between runs (Pagefind issue #638); its fragments are."""
    return path.startswith("pagefind/") and (
        path == "pagefind/pagefind-entry.json" or path.startswith("pagefind/filter/") or path.endswith(".pf_meta")
    )


def test_two_builds_of_the_same_records_are_byte_identical(site: Path):
    """Reproducible: the sitemap's date comes from the data (SOURCE_DATE_EPOCH), not the clock."""
    from tests.support.site import run_paperboy

    def tree(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
                if p.is_file() and not pagefind_unstable(p.relative_to(root).as_posix())}

    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    run_paperboy(site, "build", env=env)
    first = tree(site / "site")
    # Newer records, same bytes: dated well after every file of the first build, whatever the
    # file system's timestamp granularity.
    later = max(p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()) + 5_000_000_000
    for record in (site / "content" / "papers").glob("*.md"):
        os.utime(record, ns=(later, later))
    run_paperboy(site, "build", env=env)
    assert tree(site / "site") == first
    assert any(path.startswith("pagefind/fragment/") for path in first), "the search fragments are compared"
    sitemap = (site / "site" / "sitemap.xml").read_text()
    assert "<lastmod>2025-10-01</lastmod>" in sitemap, "the newest record's day"


def test_the_pipeline_reports_each_stage_and_stops_before_mkdocs_on_a_bad_record(site: Path):
    """`build` returns what it did; a record it cannot read stops it after generate, site untouched."""
    from generator.build import build
    from generator.config import load_settings

    settings = load_settings(site / "mkdocs.yml")
    report = build(settings)
    assert report.ok and report.generated.records == 31 and not report.generated.problems
    assert report.site is not None and report.site.full and report.site.rebuilt == report.site.files
    assert report.search is not None and (report.search.made, report.search.shards) == (1, 1)
    assert [stage for stage, _ in report.seconds] == ["topic", "generate", "site", "search index"]
    again = build(settings)
    assert again.generated.counts.written == 0 and again.site is not None and again.site.rebuilt == 0
    assert again.search is not None and again.search.made == 0

    (site / "content" / "papers" / "2401.99999.md").write_text("---\narxiv_id: '2401.99999'\n---\n")
    before = {p: p.stat().st_mtime_ns for p in (site / "site").rglob("*")}
    stopped = build(settings)
    assert not stopped.ok and stopped.site is None and stopped.search is None
    assert stopped.generated.problems and "2401.99999.md" in stopped.generated.problems[0]
    assert [stage for stage, _ in stopped.seconds] == ["topic", "generate"]
    assert {p: p.stat().st_mtime_ns for p in (site / "site").rglob("*")} == before
