"""A reader's morning (issue 21) in headless Chromium, on the test site and on a dense one (three
weeks of the real archive, topic filter off, both built once a run): the first screen, the home
cards, the 404 page, search in the address, e-mail for readers, the archive's links. No serious
accessibility violation and no sideways scrolling on any page: tests/browser/test_accessibility.py;
the built files themselves: tests/site/test_morning_pages.py; the cards: tests/unit/test_cards.py."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest

from tests.support.browser import open_page, sideways_scroll


@pytest.fixture(scope="module")
def sites(built_site: Path, sample_site: Path) -> dict[str, Path]:
    return {"test": built_site, "dense": sample_site}


@pytest.mark.parametrize("kind", ["test", "dense"])
def test_the_first_desktop_screen_shows_at_least_five_paper_titles_and_the_update_date(browser, served, kind):
    """At 1280x900 the home page shows >= 5 paper titles (newest papers and trending) and "Updated <date>"."""
    page = open_page(browser)
    page.goto(served[kind], wait_until="load")
    visible = page.evaluate("""[...document.querySelectorAll('.pb-card__title')].filter(e => {
        const r = e.getBoundingClientRect(); return r.width > 0 && r.top >= 0 && r.bottom <= innerHeight; }).length""")
    assert visible >= 5, visible
    updated = page.locator(".pb-updated time")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", updated.get_attribute("datetime"))
    assert page.locator(".pb-updated").inner_text().startswith("Updated ")
    trending = page.locator(".pb-home__side .pb-card").first.bounding_box()
    assert trending["y"] < 900 and trending["x"] > 640, "trending beside the newest papers on a desktop"
    assert page.errors == []
    page.context.close()


@pytest.mark.parametrize("kind", ["test", "dense"])
def test_on_a_phone_trending_follows_the_newest_papers_without_sideways_scrolling(browser, served, kind):
    """At 390 px the trending list comes right after the newest papers, and nothing scrolls sideways."""
    page = open_page(browser, 390, 844)
    page.goto(served[kind], wait_until="load")
    main = page.locator(".pb-home__main").bounding_box()
    side = page.locator(".pb-home__side").bounding_box()
    assert side["y"] >= main["y"] + main["height"] - 1
    assert sideways_scroll(page) <= 0
    assert page.errors == []
    page.context.close()


@pytest.mark.parametrize("kind", ["test", "dense"])
def test_most_home_cards_link_to_the_arxiv_abstract_and_the_pdf(browser, served, kind):
    """>= 80 % of the home page's cards link to arXiv's abstract page and its PDF."""
    page = open_page(browser)
    page.goto(served[kind], wait_until="load")
    counts = page.evaluate("""(() => { const cards = [...document.querySelectorAll('.pb-home .pb-card')];
        const ok = cards.filter(c => c.querySelector("a[href^='https://arxiv.org/abs/']") && c.querySelector("a[href^='https://arxiv.org/pdf/']"));
        return [ok.length, cards.length]; })()""")
    assert counts[1] and counts[0] / counts[1] >= 0.8, counts
    page.context.close()


@pytest.mark.parametrize("kind", ["test", "dense"])
def test_the_404_page_offers_search_the_newest_papers_and_the_way_home(browser, served, kind):
    """The 404 page has a search form leading to search/?q=, at least five papers and a link home."""
    page = open_page(browser)
    page.goto(served[kind] + "404.html", wait_until="load")
    assert page.locator(".pb-card__title a").count() >= 5
    page.locator(".pb-card__title a").first.click()
    page.wait_for_url("**/papers/**")
    page.goto(served[kind] + "404.html", wait_until="load")
    assert page.get_by_role("link", name="Home").count() >= 1
    page.get_by_label("Search papers by title, author, abstract or tag").fill("distillation")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=distillation")
    page.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
    assert page.errors == []
    page.context.close()


def test_search_results_show_the_date_and_the_query_and_tags_live_in_the_address(browser, served):
    """Typing a query puts ?q= in the address; results show the date, upvotes and tags; a tag
    ticked in the filter joins the address, and opening that address searches it again."""
    page = open_page(browser)
    page.goto(served["dense"] + "search/", wait_until="load")
    page.locator("#pb-search-input").fill("reasoning")
    page.wait_for_url("**/search/?q=reasoning", timeout=10000)
    first = page.locator(".pagefind-ui__result", has_text="Date: ").first
    first.wait_for(timeout=15000)
    text = first.inner_text()
    assert re.search(r"Date: 2025-10-\d\d", text) and "Tags: " in text
    page.locator(".pagefind-ui__filter-label", has_text="Distillation").click()
    page.wait_for_url(re.compile(r".*[?&]tag=Distillation.*"), timeout=10000)
    shared = page.url
    page.goto("about:blank")
    page.goto(shared, wait_until="load")
    page.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
    assert page.locator("#pb-search-input").input_value() == "reasoning"
    assert page.locator(".pagefind-ui__filter-checkbox:checked").count() == 1
    assert page.errors == []
    page.context.close()


def test_subscribe_offers_e_mail_through_the_digest_feed(browser, served, sites):
    """Without a newsletter form, Subscribe offers the digest feed for e-mail; that feed has one
    entry per week, each the digest's e-mail HTML."""
    page = open_page(browser)
    page.goto(served["dense"] + "subscribe/", wait_until="load")
    assert page.get_by_role("heading", name="By e-mail").is_visible()
    link = page.get_by_role("link", name="digest feed").first
    assert link.get_attribute("href").endswith("feeds/digests.atom.xml")
    page.context.close()
    feed = feedparser.parse((sites["dense"] / "feeds/digests.atom.xml").read_bytes())
    assert not feed.bozo
    assert [e.title for e in feed.entries] == [
        "Small Language Models Daily: top papers of Week 42, 2025 (Oct 13 – Oct 19)",
        "Small Language Models Daily: top papers of Week 41, 2025 (Oct 6 – Oct 12)",
    ], "complete weeks only: the newest week is still being filled"
    assert "top papers of Week 42" in feed.entries[0].content[0].value
    assert feed.entries[0].content[0].value.count("/papers/") >= 10


def test_the_archive_bars_and_calendars_lead_to_their_days(browser, served):
    """A bar of the archive and a day of a month's calendar are links to that day's page."""
    page = open_page(browser)
    page.goto(served["dense"] + "archive/", wait_until="load")
    assert page.locator("a.pb-bar[href$='2025/10/24/']").count() == 1
    page.get_by_role("link", name="Friday, October 24: 18 papers").first.click()
    page.wait_for_url("**/archive/2025/10/24/")
    page.goto(served["dense"] + "archive/2025/10/", wait_until="load")
    assert page.locator(".pb-cal a").count() == 15
    nav = page.get_by_role("navigation", name="Older and newer months")
    assert nav.count() == 1
    assert page.errors == []
    page.context.close()


def test_a_focused_card_link_shows_a_focus_ring(browser, served):
    """Tabbing to a card's arXiv link draws a visible outline around it."""
    page = open_page(browser)
    page.goto(served["dense"], wait_until="load")
    link = page.locator(".pb-home .pb-card__links a").first
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    style = link.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth]; }")
    assert style[0] == "solid" and float(style[1].rstrip("px")) >= 2, style
    page.context.close()
