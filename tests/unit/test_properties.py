"""Properties, for any input hypothesis can think of: cleaning, escaping, round trips, feeds."""

from __future__ import annotations

import re

import datetime as dt
import unicodedata

import feedparser
import markdown
from hypothesis import HealthCheck, Phase, example, given, settings, strategies as st
from lxml import etree
from lxml import html as lxml_html

from generator.config import load_settings
from generator.escape import html_text, md_text, md_unescape
from generator.render.feeds import render_feeds
from generator.render.mathtext import math_html
from generator.models import _clean, clean_text, make_paper
from generator.render.kinds.tags import TAG_NEWEST
from tests.support.rendered import render_pages
from generator.storage.store import dumps, loads

from tests.support.site import ATOM_RNG, REPO

SITE = load_settings(REPO / "mkdocs.yml")
SCHEMA = etree.RelaxNG(etree.parse(str(ATOM_RNG)))
SYNTAX = list("<>&\"'[]()*_`\\#!{}|-+.:=~^$%/\n\t ") + ["\u202e", "\u200b", "\ufeff", "\x00", "\x1b", "\u0301"]
PHRASES = ["--8<-- ", "{{ x }}", "{% raw %}", "---", "javascript:", "<script>", "](", "&lt;", "1. ", "# "]
TEXT = st.lists(
    st.one_of(st.text(alphabet=st.one_of(st.characters(), st.sampled_from(SYNTAX)), max_size=20), st.sampled_from(PHRASES)),
    max_size=8,
).map("".join)
CLEAN = TEXT.map(clean_text)
BIDI_AND_INVISIBLE = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200b", "\ufeff", "\u200e", "\u200f"}


@given(TEXT)
def test_clean_text_is_idempotent_one_line_nfc_and_free_of_controls(raw):
    text = clean_text(raw)
    assert clean_text(text) == text
    assert text == unicodedata.normalize("NFC", text)
    assert text == text.strip() and "  " not in text
    assert not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text)
    assert not BIDI_AND_INVISIBLE & set(text)


@given(st.one_of(TEXT, CLEAN, st.text(alphabet=" \u00a0\u3000\u200b\u200dae\u0301\u00e9\ud800\U000e0001\x85")))
@example("cafe\u0301")  # printable, one line, but not NFC
@example("a\u00a0b")  # a no-break space
@example("x\u200dy")  # a joiner: kept, but not printable
def test_clean_text_shortcut_gives_what_full_cleaning_gives(raw):
    # Already clean text is returned as it is, without the character-by-character pass.
    assert clean_text(raw) == _clean(raw)


@given(CLEAN)
def test_markdown_renders_any_text_as_exactly_that_text(text):
    rendered = markdown.markdown(md_text(text), extensions=["toc"])
    if not text:
        assert rendered == ""
        return
    tree = lxml_html.fragment_fromstring(rendered, create_parent="div")
    assert [child.tag for child in tree] == ["p"] and len(tree[0]) == 0
    assert tree[0].text_content() == text
    assert md_unescape(md_text(text)) == text


@given(CLEAN)
def test_html_text_is_inert_as_content_and_attribute(text):
    doc = lxml_html.fromstring(f'<div><p title="{html_text(text)}">{html_text(text)}</p></div>')
    p = doc.find("p")
    assert len(p) == 0 and list(p.attrib) == ["title"]
    assert (p.text or "") == text and p.get("title") == text


@given(title=CLEAN.filter(bool), abstract=CLEAN, author=CLEAN.filter(bool), note=CLEAN, keyword=CLEAN.filter(bool))
def test_any_record_survives_the_store_round_trip(title, abstract, author, note, keyword):
    paper = make_paper(arxiv_id="2305.07759", title=title, abstract=abstract, authors=[author],
                       note=note, keywords=[keyword], featured="2024-01-02", upvotes=1)
    assert loads(dumps(paper)) == paper


records = st.lists(
    st.builds(
        lambda n, title, abstract, author, day, votes: make_paper(
            arxiv_id=f"2401.{n:05d}", title=title, abstract=abstract, authors=[author] if author else [],
            featured=day, upvotes=votes, tags=["small-models"],
        ),
        st.integers(1, 99999), CLEAN.filter(bool), CLEAN, CLEAN,
        st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))), st.integers(0, 10**6),
    ),
    max_size=8, unique_by=lambda p: p.arxiv_id,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records)
def test_any_records_give_valid_feeds_that_read_back(papers):
    for path, data in render_feeds(papers, SITE).items():
        if not path.endswith(".atom.xml"):
            continue
        assert SCHEMA.validate(etree.fromstring(data)), SCHEMA.error_log
        parsed = feedparser.parse(data)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert len(parsed.entries) == len(papers)
        # Exact text through a strict XML parser (feedparser "repairs" text that looks like
        # mojibake, e.g. 'Â¡' reads back as '¡', so it cannot judge exactness).
        atom = "{http://www.w3.org/2005/Atom}"
        titles = {e.findtext(f"{atom}id"): e.findtext(f"{atom}title") for e in etree.fromstring(data).iter(f"{atom}entry")}
        for paper in papers:
            assert titles[f"https://arxiv.org/abs/{paper.arxiv_id}"] == paper.title


MATHML_TAGS = {"math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msub", "msup", "msubsup", "munder",
               "mover", "munderover", "mfrac", "msqrt", "mroot", "mstyle", "mpadded", "mphantom", "menclose",
               "mtable", "mtr", "mtd", "mfenced", "semantics", "annotation"}
ALLOWED_TAGS = {"section", "div", "h1", "h2", "h3", "p", "a", "ul", "ol", "li", "strong", "em", "code", "span", "time",
                "nav", "aside", "table", "caption", "thead", "tbody", "tr", "th", "td", "abbr"} | MATHML_TAGS
ALLOWED_ATTRIBUTES = {"href", "id", "class", "title", "rel", "role", "aria-label", "style", "datetime", "scope",
                      "tabindex", "aria-hidden", "aria-labelledby", "display", "xmlns", "mathvariant", "stretchy",
                      "fence", "separator", "lspace", "rspace", "accent", "movablelimits", "form", "symmetric",
                      "largeop", "linethickness", "width", "minsize", "maxsize", "columnalign", "displaystyle",
                      "data-pagefind-ignore"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink])
@given(records)
def test_any_records_give_pages_with_only_our_markup(papers):
    # A title is shown as text, its $...$ formulas as MathML (whose text differs).
    shown = [lxml_html.fragment_fromstring(str(math_html(p.title)), create_parent="div").text_content() for p in papers]
    on_month_pages: list[str] = []
    on_tag_page: list[str] = []
    for path, text in render_pages(papers, SITE).items():
        body = text.split("---\n", 2)[-1] if text.startswith("---\n") else text
        tree = lxml_html.fragment_fromstring(markdown.markdown(body, extensions=["toc"]), create_parent="div")
        for element in tree.iter():
            assert element.tag in ALLOWED_TAGS, f"{path}: <{element.tag}>"
            assert set(element.attrib) <= ALLOWED_ATTRIBUTES, f"{path}: {element.attrib}"
            assert re.fullmatch(r"height: \d+%", element.get("style", "height: 0%")), "only the bars' own heights"
            href = element.get("href")
            if href is not None:
                assert href.split(":", 1)[0].lower() not in ("javascript", "data", "vbscript"), href
        if path.startswith("tags/") and path != "tags/index.md":
            titles = [a.text_content() for a in tree.iter("a") if "pb-card__title" in (a.getparent().get("class") or "")]
            assert set(titles) <= set(shown), "every card title is a paper's title"
            if path.count("/") == 3:  # tags/<tag>/<year>/<month>.md
                on_month_pages += titles
            else:
                on_tag_page += titles
    # Every paper is tagged small-models here: a small tag's page shows each paper once, a
    # large tag's month pages do (and its own page only the newest).
    assert sorted(on_month_pages or on_tag_page) == sorted(shown)
    assert len(on_tag_page) == min(len(papers), TAG_NEWEST)
