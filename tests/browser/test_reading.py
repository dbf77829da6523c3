"""The reader's view, in headless Chromium: the test site and the dense one (three weeks of the
real archive) served on 127.0.0.1. Accessibility, sideways scrolling and console errors on every
page kind: test_accessibility.py.

Screenshots (desktop and phone) are written to screenshots/ at the repository root (or to
$PAPERBOY_SCREENSHOTS), for a person to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.browser import open_page, results_drawn
from tests.support.site import REPO

SHOTS = Path(os.environ.get("PAPERBOY_SCREENSHOTS", REPO / "screenshots"))


@pytest.fixture(scope="module")
def site_url(served) -> str:
    return served["test"]


@pytest.fixture(scope="module")
def sample_url(served) -> str:
    return served["dense"]


@pytest.fixture
def page(browser):
    page = open_page(browser)
    yield page
    page.context.close()


def test_home_shows_the_latest_days_cards_best_first(page, site_url):
    page.goto(site_url)
    cards = page.locator(".pb-card")
    assert cards.count() >= 1
    first = cards.first
    assert first.locator(".pb-card__title").inner_text().startswith("Small Edits, Big Consequences")
    # The test records were featured with no upvotes: a card then shows no "▲ 0" (issue 21).
    assert first.locator(".pb-votes").count() == 0 and "▲" not in first.inner_text()
    assert first.locator("a", has_text="arXiv").get_attribute("href") == "https://arxiv.org/abs/2507.15868"
    assert page.locator(".pb-card .pb-tag").count() >= 1, "cards show their tags"
    assert page.get_by_role("heading", name="Trending this week").is_visible()
    assert page.locator("link[rel=alternate][type='application/atom+xml']").count() == 1
    assert page.errors == []


def test_a_tag_on_a_paper_page_leads_to_the_tag_page_listing_the_paper(page, site_url):
    page.goto(site_url + "papers/2305.02301/")
    page.locator(".pb-tags a", has_text="Distillation").click()
    page.wait_for_url("**/tags/distillation/")
    titles = page.locator(".pb-card__title").all_inner_texts()
    assert any(t.startswith("Distilling Step-by-Step!") for t in titles)
    feeds = page.locator("link[rel=alternate][type='application/atom+xml']")
    assert feeds.count() == 2, "the site feed and this tag's feed"
    assert page.errors == []


@pytest.mark.parametrize(("query", "expected"), [
    ("Eldan", "TinyStories"),                 # an author's surname
    ("Orca", "Orca 2"),                       # a title word
    ("rationales", "Distilling Step-by-Step"),  # an abstract word
])
def test_search_finds_papers_by_author_title_and_abstract(page, site_url, query, expected):
    page.goto(site_url + "search/")
    page.locator(".pagefind-ui__search-input").fill(query)
    results_drawn(page)
    titles = page.locator(".pagefind-ui__result-title").all_inner_texts()
    assert any(expected in t for t in titles), titles
    assert page.errors == []


def test_search_results_are_papers_not_navigation(page, site_url):
    page.goto(site_url + "search/?q=language")
    results_drawn(page)
    links = page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert links and all("/papers/" in href for href in links), links


def test_screenshots_of_the_home_a_paper_and_a_tag_page_on_a_desktop_and_a_phone(browser, site_url):
    """The screenshots for a person to look at, taken without a console error. (Every page kind's
    sideways scrolling and console errors, on both sites: test_accessibility.py.)"""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, (width, height) in (("desktop", (1280, 900)), ("phone", (390, 844))):
        page = open_page(browser, width, height, device_scale_factor=1)
        for path, shot in (("", "home"), ("papers/2305.02301/", "paper"), ("tags/distillation/", "tag")):
            page.goto(site_url + path, wait_until="load")
            page.screenshot(path=str(SHOTS / f"{shot}-{name}.png"), full_page=False)
        page.context.close()
        assert page.errors == [], page.errors
    assert (SHOTS / "home-phone.png").stat().st_size > 10_000


def test_dark_palette_follows_the_system(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.screenshot(path=str(SHOTS / "home-dark.png"))
    context.close()


def test_keyboard_reaches_content_first(page, site_url):
    page.goto(site_url)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused.lower().startswith("skip to content")
    page.keyboard.press("Enter")
    for _ in range(30):  # tab on until a paper link has focus: every card is reachable
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.pb-card__title') !== null"):
            break
    else:
        pytest.fail("no card title reachable by keyboard")


# --- a site as busy as Hugging Face's: three weeks of the real archive (issue 15) ---------------

def _votes(cards) -> list[int]:
    return [int(text.split()[-1]) for text in cards.locator(".pb-votes").all_inner_texts()]


def test_home_shows_at_least_20_cards_by_day_each_day_best_first(page, sample_url):
    page.goto(sample_url)
    days = page.locator("article h2 + .pb-cards:not(.pb-cards--compact)")
    assert page.locator(".pb-cards:not(.pb-cards--compact) .pb-card").count() >= 20
    assert days.count() >= 2, "the latest day in full, then earlier days up to 20 cards"
    for i in range(days.count()):
        votes = _votes(days.nth(i))
        assert votes == sorted(votes, reverse=True) and votes
    headings = page.locator("article h2").all_inner_texts()
    assert headings[0].startswith("Friday, October 24, 2025") and "Trending this week" in headings
    trending = page.locator(".pb-cards--compact .pb-card")
    assert trending.count() == 10
    votes = _votes(page.locator(".pb-cards--compact"))
    assert votes == sorted(votes, reverse=True)
    assert page.errors == []


def test_a_card_shows_the_ai_summary_and_the_organization(page, sample_url):
    page.goto(sample_url)
    card = page.locator(".pb-card", has=page.locator(".pb-card__title", has_text="NeuroAda"))
    summary = card.locator(".pb-card__summary")
    assert summary.locator(".pb-ai").inner_text().strip().lower() == "ai summary"
    assert "bypass connections" in summary.inner_text()
    org = card.locator("a.pb-org")
    assert org.inner_text() == "University of Amsterdam"
    assert org.get_attribute("href").startswith("https://huggingface.co/")
    page.goto(sample_url + "papers/2510.18940/")
    assert "bypass connections" in page.locator(".pb-ai-summary").inner_text()
    assert page.locator(".pb-meta a", has_text="University of Amsterdam").count() == 1
    assert page.locator(".pb-links a", has_text="Code").get_attribute("href") == "https://github.com/FightingFighting/NeuroAda.git"


def test_the_tag_filter_lists_the_tags_and_narrows_the_results(page, sample_url):
    page.goto(sample_url + "search/?q=reasoning")
    page.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
    message = page.locator(".pagefind-ui__message")
    everything = int(message.inner_text().split()[0])
    labels = page.locator(".pagefind-ui__filter-label")
    assert labels.count() >= 5 and labels.first.is_visible()
    page.locator(".pagefind-ui__filter-label", has_text="Distillation").click()
    page.wait_for_function(f"!document.querySelector('.pagefind-ui__message').textContent.startsWith('{everything} ')")
    narrowed = int(message.inner_text().split()[0])
    assert 0 < narrowed < everything
    # A result is drawn as a placeholder first, then filled in with its title and metadata.
    first = page.locator(".pagefind-ui__result", has_text="Authors: ").first
    first.wait_for(timeout=15000)
    assert "AI summary: " in first.inner_text()
    assert page.errors == []
