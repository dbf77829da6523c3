"""A reader's morning (issue 21), on the test site and on a dense one (three weeks of the real
archive, topic filter off): the first screen, cards, counts, link previews, the 404 page,
search in the address, e-mail for readers. Headless Chromium where the check is what a reader
sees; the built HTML and feeds parsed with real parsers where it is what the files say."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from generator.config import load_settings
from generator.models import make_paper
from generator.render.kinds.paper import link_preview
from generator.render.templating import Templates
from generator.render.words import blurb, first_sentence, paper_links, plural

from .browser import launch, serve
from .conftest import make_site, run_paperboy


@pytest.fixture(scope="module")
def sites(built_site: Path, sample_site: Path) -> dict[str, Path]:
    return {"test": built_site, "dense": sample_site}


@pytest.fixture(scope="module")
def browser():
    with launch() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def served(sites):
    with serve(sites["test"]) as test, serve(sites["dense"]) as dense:
        yield {"test": test, "dense": dense}


def _page(browser, width=1280, height=900):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(f"{page.url}: {e}"))
    return context, page


class _Meta(HTMLParser):
    """The <meta> tags of a page, by property or name, and its visible-ish text."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            found = dict(attrs)
            key = found.get("property") or found.get("name")
            if key:
                self.meta.setdefault(key, found.get("content") or "")

    def handle_data(self, data):
        self.text.append(data)


def _parse(path: Path) -> _Meta:
    parser = _Meta()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("kind", ["test", "dense"])
def test_the_first_desktop_screen_shows_at_least_five_paper_titles_and_the_update_date(browser, served, kind):
    """At 1280x900 the home page shows >= 5 paper titles (newest papers and trending) and "Updated <date>"."""
    context, page = _page(browser)
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
    context.close()


@pytest.mark.parametrize("kind", ["test", "dense"])
def test_on_a_phone_trending_follows_the_newest_papers_without_sideways_scrolling(browser, served, kind):
    """At 390 px the trending list comes right after the newest papers, and nothing scrolls sideways."""
    context, page = _page(browser, 390, 844)
    page.goto(served[kind], wait_until="load")
    main = page.locator(".pb-home__main").bounding_box()
    side = page.locator(".pb-home__side").bounding_box()
    assert side["y"] >= main["y"] + main["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert page.errors == []
    context.close()


@pytest.mark.parametrize("kind", ["test", "dense"])
def test_most_home_cards_link_to_the_arxiv_abstract_and_the_pdf(browser, served, kind):
    """>= 80 % of the home page's cards link to arXiv's abstract page and its PDF."""
    context, page = _page(browser)
    page.goto(served[kind], wait_until="load")
    counts = page.evaluate("""(() => { const cards = [...document.querySelectorAll('.pb-home .pb-card')];
        const ok = cards.filter(c => c.querySelector("a[href^='https://arxiv.org/abs/']") && c.querySelector("a[href^='https://arxiv.org/pdf/']"));
        return [ok.length, cards.length]; })()""")
    assert counts[1] and counts[0] / counts[1] >= 0.8, counts
    context.close()


@pytest.mark.parametrize("kind", ["test", "dense"])
def test_no_page_says_1_papers_or_tells_the_reader_to_run_a_command(sites, kind):
    """No built page says "1 papers"; none tells the reader to run `paperboy ...`."""
    bad = []
    for path in sites[kind].rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"\b1 papers\b", text):
            bad.append(f"{path}: 1 papers")
        if re.search(r"(run|with) <code>paperboy|`paperboy \w+`", text):
            bad.append(f"{path}: a command for the reader")
    assert bad == []


@pytest.mark.parametrize("kind", ["test", "dense"])
def test_every_paper_page_has_its_own_link_preview(sites, kind):
    """Each paper page has og:title, og:description, og:url and twitter:card (and og:image when
    the record has a thumbnail); descriptions differ."""
    descriptions = {}
    for path in sorted((sites[kind] / "papers").glob("*/index.html")):
        meta = _parse(path).meta
        for key in ("og:title", "og:description", "og:url", "twitter:card", "description"):
            assert meta.get(key), f"{path}: no {key}"
        assert meta["og:url"].endswith(f"/papers/{path.parent.name}/")
        assert meta["description"] == meta["og:description"]
        if kind == "dense":  # 2025's records carry HF's thumbnail: a large preview with it
            assert meta["og:image"] == f"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{path.parent.name}.png"
            assert meta["twitter:card"] == "summary_large_image"
        else:  # the test records have none: no image, a small card
            assert "og:image" not in meta and meta["twitter:card"] == "summary"
        descriptions[path.parent.name] = meta["og:description"]
    assert len(descriptions) > 20
    assert len(set(descriptions.values())) == len(descriptions), "every paper describes itself"


def test_day_and_tag_pages_have_their_own_descriptions(sites):
    """Day and tag pages are described by their own counts and titles, not by the site's line."""
    site = sites["dense"]
    day = _parse(site / "archive/2025/10/24/index.html").meta
    tag = _parse(site / "tags/distillation/index.html").meta
    assert day["og:description"].startswith("18 papers of Friday, October 24, 2025: ")
    assert tag["og:description"].startswith("Distillation: ")
    assert day["og:description"] != tag["og:description"] != _parse(site / "index.html").meta["og:description"]


@pytest.mark.parametrize("kind", ["test", "dense"])
def test_the_404_page_offers_search_the_newest_papers_and_the_way_home(browser, served, kind):
    """The 404 page has a search form leading to search/?q=, at least five papers and a link home."""
    context, page = _page(browser)
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
    context.close()


def test_search_results_show_the_date_and_the_query_and_tags_live_in_the_address(browser, served):
    """Typing a query puts ?q= in the address; results show the date, upvotes and tags; a tag
    ticked in the filter joins the address, and opening that address searches it again."""
    context, page = _page(browser)
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
    context.close()


def test_subscribe_offers_e_mail_through_the_digest_feed(browser, served, sites):
    """Without a newsletter form, Subscribe offers the digest feed for e-mail; that feed has one
    entry per week, each the digest's e-mail HTML."""
    context, page = _page(browser)
    page.goto(served["dense"] + "subscribe/", wait_until="load")
    assert page.get_by_role("heading", name="By e-mail").is_visible()
    link = page.get_by_role("link", name="digest feed").first
    assert link.get_attribute("href").endswith("feeds/digests.atom.xml")
    context.close()
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
    context, page = _page(browser)
    page.goto(served["dense"] + "archive/", wait_until="load")
    assert page.locator("a.pb-bar[href$='2025/10/24/']").count() == 1
    page.get_by_role("link", name="Friday, October 24: 18 papers").first.click()
    page.wait_for_url("**/archive/2025/10/24/")
    page.goto(served["dense"] + "archive/2025/10/", wait_until="load")
    assert page.locator(".pb-cal a").count() == 15
    nav = page.get_by_role("navigation", name="Older and newer months")
    assert nav.count() == 1
    assert page.errors == []
    context.close()


# --- cards for papers without Hugging Face data, and thumbnails ---------------------------------

ARXIV_ONLY = dict(arxiv_id="2510.99999", title="An arXiv-only paper", authors=["A. Author"],
                  abstract="We study e.g. small models. They are small. More follows.", published="2025-10-20")


def _card(settings, paper) -> str:
    env = Templates(settings).html
    return env.get_template("card.html.j2").render(paper=paper, compact=False, url=lambda target: target)


def test_a_paper_without_hugging_face_data_has_a_whole_card(settings):
    """No upvotes, no HF links, no empty text: the abstract's first sentence, labelled."""
    paper = make_paper(**ARXIV_ONLY)
    html = _card(settings, paper)
    assert "▲" not in html and "huggingface.co" not in html
    assert ">Abstract</span> We study e.g. small models.</p>" in html
    assert 'href="https://arxiv.org/abs/2510.99999"' in html and 'href="https://arxiv.org/pdf/2510.99999"' in html
    assert [link.label for link in paper_links(paper)] == ["arXiv", "PDF"]


def test_a_featured_card_links_votes_and_comments_to_hugging_face_and_shows_one_code_link(settings):
    """Upvotes lead to the HF page, comments to its discussion; a project page equal to the code is shown once."""
    paper = make_paper(**ARXIV_ONLY, featured="2025-10-21", upvotes=7, comments=1,
                       code="https://github.com/a/b", project="https://github.com/a/b/")
    html = _card(settings, paper)
    assert '<a class="pb-votes" href="https://huggingface.co/papers/2510.99999"' in html
    assert 'href="https://huggingface.co/papers/2510.99999#community"' in html and ">1 comment</a>" in html
    assert [link.label for link in paper_links(paper)] == ["arXiv", "PDF", "Hugging Face", "Code"]


def test_words_plural_and_first_sentence():
    """Counts take the right number; a first sentence skips abbreviations and is cut when long."""
    assert (plural(1, "paper"), plural(0, "paper"), plural(2, "comment")) == ("1 paper", "0 papers", "2 comments")
    assert first_sentence("Fig. 1 shows the small model at work. Then more.") == "Fig. 1 shows the small model at work."
    assert first_sentence("x " * 400).endswith(" …") and len(first_sentence("x " * 400)) <= 302
    assert blurb(make_paper(arxiv_id="2510.99999", title="t")) is None


def test_thumbnails_go_to_link_previews_by_default_and_to_cards_when_asked(tmp_path):
    """`thumbnails: previews` puts HF's picture in og:image only; `cards` also on cards, lazy,
    sized and described; `off` nowhere."""
    root = make_site(tmp_path / "site", with_papers=False)
    paper = make_paper(**ARXIV_ONLY, thumbnail="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2510.99999.png")
    settings = load_settings(root / "mkdocs.yml")
    assert settings.thumbnails == "previews"
    assert link_preview(paper, settings)["image"] == paper.thumbnail and "<img" not in _card(settings, paper)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("thumbnails: previews", "thumbnails: cards"), encoding="utf-8")
    html = _card(load_settings(root / "mkdocs.yml"), paper)
    img = re.search(r"<img [^>]*>", html).group(0)
    for attribute in ('loading="lazy"', 'width="1200"', 'height="648"', 'alt="', f'src="{paper.thumbnail}"'):
        assert attribute in img
    (root / "mkdocs.yml").write_text(config.replace("thumbnails: previews", "thumbnails: off"), encoding="utf-8")
    assert link_preview(paper, load_settings(root / "mkdocs.yml"))["image"] == ""


def test_a_newsletter_form_appears_on_subscribe_and_home_and_a_bad_action_is_refused(tmp_path):
    """With `newsletter` set, Subscribe and the home page post the address to the service; an
    action that is not https is a config error naming the key."""
    root = make_site(tmp_path / "site")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")

    def newsletter(action: str) -> None:
        block = f"    newsletter:\n      action: {action}\n      field: email\n      name: Buttondown\n"
        (root / "mkdocs.yml").write_text(config.replace("    thumbnails: previews\n", "    thumbnails: previews\n" + block),
                                         encoding="utf-8")

    newsletter("https://buttondown.com/api/emails/embed-subscribe/example")
    run_paperboy(root, "generate")
    for page in ("subscribe.md", "index.md"):
        text = (root / "content" / page).read_text(encoding="utf-8")
        assert '<form class="pb-signup" action="https://buttondown.com/api/emails/embed-subscribe/example" method="post"' in text
        assert 'name="email"' in text and "Buttondown" in text
    newsletter("http://example.org/signup")
    result = run_paperboy(root, "generate", check=False)
    assert result.returncode != 0 and "extra.paperboy.newsletter.action" in result.stderr


NEW_PAGES = {"home": "", "404": "404.html", "subscribe": "subscribe/", "archive": "archive/",
             "month": "archive/2025/10/", "day": "archive/2025/10/24/", "digests": "digests/"}


@pytest.mark.parametrize("kind", ["test", "dense"])
def test_the_new_page_parts_have_no_serious_accessibility_violations(browser, served, sites, kind):
    """axe-core finds no serious or critical violation on the pages issue 21 changed, and none
    of them scrolls sideways on a phone."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = []
    month = "archive/2025/10/" if kind == "dense" else "archive/2024/11/"
    day = "archive/2025/10/24/" if kind == "dense" else "archive/2024/11/12/"
    for width, height in ((1280, 900), (390, 844)):
        context, page = _page(browser, width, height)
        for name, path in {**NEW_PAGES, "month": month, "day": day}.items():
            page.goto(served[kind] + path, wait_until="load")
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{width}px {name}: {overflow}px of sideways scrolling"
            if width == 1280:
                for violation in axe.run(page).response["violations"]:
                    if violation["impact"] in ("serious", "critical"):
                        found.append(f"{name}: {violation['id']}: {violation['help']} ({len(violation['nodes'])})")
        assert page.errors == []
        context.close()
    assert found == [], "\n".join(found)


def test_a_focused_card_link_shows_a_focus_ring(browser, served):
    """Tabbing to a card's arXiv link draws a visible outline around it."""
    context, page = _page(browser)
    page.goto(served["dense"], wait_until="load")
    link = page.locator(".pb-home .pb-card__links a").first
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    style = link.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth]; }")
    assert style[0] == "solid" and float(style[1].rstrip("px")) >= 2, style
    context.close()
