"""Atom feeds: valid against RFC 4287's schema, read cleanly by feedparser, deterministic."""

from __future__ import annotations

import datetime as dt

import feedparser
import pytest
from lxml import etree

from generator.render.feeds import render_feed, render_feeds
from generator.models import clean_text, make_paper
from generator.storage.store import Store

from tests.support.hostile import HOSTILE_STRINGS

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def papers(settings):
    return Store(settings.papers_dir).load_all().papers


def assert_valid(data: bytes, schema) -> feedparser.FeedParserDict:
    doc = etree.fromstring(data)
    assert schema.validate(doc), schema.error_log
    # The schema's Schematron rules are not checked by RELAX NG: every entry needs an author
    # (or the feed one) and a link rel=alternate (or content).
    assert doc.find(f"{ATOM}author") is not None
    for entry in doc.iter(f"{ATOM}entry"):
        links = entry.findall(f"{ATOM}link")
        assert any(link.get("rel", "alternate") == "alternate" for link in links)  # no rel = alternate
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_site_feed_is_valid_and_newest_first(papers, settings, atom_schema):
    feeds = render_feeds(papers, settings)
    parsed = assert_valid(feeds["feeds/all.atom.xml"], atom_schema)
    assert len(parsed.entries) == 31
    updated = [e.updated_parsed for e in parsed.entries]
    assert updated == sorted(updated, reverse=True)
    # LightReasoner has no listing date: it is filed under its arXiv id's month, 2025-10.
    assert parsed.entries[0].link == "https://example.github.io/paperboy/papers/2510.07962/"
    assert parsed.entries[0].id == "https://arxiv.org/abs/2510.07962"
    assert parsed.entries[1].id == "https://arxiv.org/abs/2507.15868"
    assert parsed.feed.updated == "2025-10-01T00:00:00+00:00", "feed updated is the newest entry's day, not now"


def test_every_tag_has_a_valid_feed_with_only_its_papers(papers, settings, atom_schema):
    feeds = render_feeds(papers, settings)
    tags = {tag for p in papers for tag in p.tags}
    atom = {path for path in feeds if path.endswith(".atom.xml")}
    assert {f"feeds/tags/{t}.atom.xml" for t in tags} | {"feeds/all.atom.xml"} == atom
    parsed = assert_valid(feeds["feeds/tags/distillation.atom.xml"], atom_schema)
    expected = {f"https://arxiv.org/abs/{p.arxiv_id}" for p in papers if "distillation" in p.tags}
    assert {e.id for e in parsed.entries} == expected
    assert all(any(t.term == "distillation" for t in e.tags) for e in parsed.entries)


def test_feeds_are_byte_identical_for_the_same_records(papers, settings):
    assert render_feeds(papers, settings) == render_feeds(list(reversed(papers)), settings)


def test_feed_carries_at_most_feed_size_entries(papers, settings):
    small = settings.__class__(**{**settings.__dict__, "feed_size": 5})
    data = render_feed(papers, small, title="t", feed_path="feeds/all.atom.xml", page_path="")
    assert len(feedparser.parse(data).entries) == 5


def test_hostile_text_is_plain_text_in_the_feed(settings, atom_schema):
    """Every hostile string is carried as text: valid XML, no markup, same text read back."""
    papers = [
        make_paper(arxiv_id=f"2401.{i:05d}", title=clean_text(s) or "x", abstract=clean_text(s),
                   authors=[clean_text(s) or "x"], featured=dt.date(2024, 1, 1 + i))
        for i, s in enumerate(HOSTILE_STRINGS)
    ]
    parsed = assert_valid(render_feeds(papers, settings)["feeds/all.atom.xml"], atom_schema)
    by_id = {e.id: e for e in parsed.entries}
    for paper in papers:
        entry = by_id[f"https://arxiv.org/abs/{paper.arxiv_id}"]
        assert entry.title_detail.type == "text/plain"
        assert entry.title == paper.title
        assert entry.summary == paper.abstract


def test_the_ai_summary_is_the_entry_summary_and_the_abstract_its_content(settings, atom_schema):
    paper = make_paper(arxiv_id="2401.00001", title="T", abstract="The authors' own words.", featured="2024-01-02",
                       ai_summary="One line by a model.", ai_summary_model="Qwen/Qwen2.5-Coder-32B-Instruct")
    plain = make_paper(arxiv_id="2401.00002", title="U", abstract="Only an abstract.", featured="2024-01-02")
    data = render_feed([paper, plain], settings, title="t", feed_path="feeds/all.atom.xml", page_path="index.md")
    entries = {e.id: e for e in assert_valid(data, atom_schema).entries}
    ours = entries["https://arxiv.org/abs/2401.00001"]
    assert ours.summary == "AI summary: One line by a model."
    assert ours.content[0].value == "The authors' own words."
    assert entries["https://arxiv.org/abs/2401.00002"].summary == "Only an abstract."


def test_a_change_of_counts_alone_leaves_the_feed_bytes_alone(papers, settings):
    """Upvotes move every day; the feeds neither show them nor order by them."""
    before = render_feeds(papers, settings)
    shuffled = [p.replace(upvotes=(i * 7919) % 101, comments=i % 5) for i, p in enumerate(papers)]
    assert render_feeds(shuffled, settings) == before
