"""Atom feeds from the records (pure: records in, bytes out), with feedgen.

feedgen defaults `updated` to now() and prepends entries; both are set explicitly here so the
same records always give the same bytes: `updated` comes from the data, entries are newest first.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from feedgen.feed import FeedGenerator

from .. import __version__, urls
from ..config import Settings
from ..models import Paper
from . import periods


def timestamp(day: dt.date) -> dt.datetime:
    """A day as the feeds date it: its midnight, UTC."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def entry_id(paper: Paper) -> str:
    """Stable across site moves and renames: the paper's canonical arXiv URL."""
    return urls.arxiv_abs(paper.arxiv_id)


def new_feed(settings: Settings, *, title: str, feed_path: str, page_path: str, subtitle: str,
             newest: dt.date | None) -> FeedGenerator:
    """A feed's head, as every feed of the site has it: its URL as id, the site as author, self
    and alternate links, and `updated` from the data (`newest`), never the clock."""
    feed_url = urls.absolute(settings.site_url, feed_path)
    fg = FeedGenerator()
    fg.id(feed_url)
    fg.title(title)
    if subtitle:
        fg.subtitle(subtitle)
    fg.author({"name": settings.site_name})
    fg.link(href=feed_url, rel="self", type="application/atom+xml")
    fg.link(href=urls.absolute(settings.site_url, page_path), rel="alternate", type="text/html")
    fg.generator("Paperboy", version=__version__)
    fg.language("en")
    fg.updated(timestamp(newest or dt.date(1991, 8, 14)))
    return fg


def render_feed(
    papers: Sequence[Paper], settings: Settings, *, title: str, feed_path: str, page_path: str,
    subtitle: str = "",
) -> bytes:
    """An Atom feed of the newest `settings.feed_size` papers."""
    # Ordered without the counts: a change of upvotes alone leaves every feed's bytes as they were.
    chosen = periods.newest_first_by_id(papers)[: settings.feed_size]
    fg = new_feed(settings, title=title, feed_path=feed_path, page_path=page_path, subtitle=subtitle,
                  newest=max((p.sort_day for p in chosen), default=None))
    for paper in chosen:
        entry = fg.add_entry(order="append")
        entry.id(entry_id(paper))
        entry.title(paper.title)
        entry.link(href=urls.paper_url(settings.site_url, paper.slug), rel="alternate", type="text/html")
        entry.updated(timestamp(paper.sort_day))
        if paper.published:
            entry.published(timestamp(paper.published))
        for name in paper.authors:
            entry.author({"name": name})
        # HF's one-line AI summary is the entry's summary when there is one; the abstract, the
        # authors' own words, is then the content.
        if paper.ai_summary:
            entry.summary(f"AI summary: {paper.ai_summary}", type="text")
            if paper.abstract:
                entry.content(paper.abstract, type="text")
        elif paper.abstract:
            entry.summary(paper.abstract, type="text")
        for slug in paper.tags:
            rule = settings.tag(slug)
            entry.category(term=slug, label=rule.title, scheme=urls.absolute(settings.site_url, urls.tag_path(slug)))
    return fg.atom_str(pretty=True)


# Material for MkDocs fetches `sitemap.xml` beside every `<link rel="alternate">` of a page (it
# expects other languages there), so each feed folder gets an empty one instead of a 404.
EMPTY_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Empty on purpose: the site's sitemap is the one at its root. Material for MkDocs asks for a
     sitemap beside each rel="alternate" link, and the feeds are such links. -->
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>
"""


def render_opml(settings: Settings, tags: Sequence[str]) -> bytes:
    """An OPML subscription list of the site feed and every tag feed: one import in a reader."""
    opml = ET.Element("opml", version="2.0")
    head = ET.SubElement(opml, "head")
    ET.SubElement(head, "title").text = f"{settings.site_name}: feeds"
    body = ET.SubElement(opml, "body")
    entries = [(settings.site_name, urls.SITE_FEED, urls.HOME)]
    entries += [(f"{settings.site_name}: {settings.tag(slug).title}", urls.tag_feed_path(slug), urls.tag_path(slug)) for slug in tags]
    for title, feed, page in entries:
        ET.SubElement(body, "outline", type="rss", text=title, title=title,
                      xmlUrl=urls.absolute(settings.site_url, feed), htmlUrl=urls.absolute(settings.site_url, page))
    ET.indent(opml)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(opml, encoding="utf-8") + b"\n"


def render_feeds(papers: Sequence[Paper], settings: Settings) -> dict[str, bytes]:
    """The site feed and one feed per tag, as {path relative to docs_dir: bytes}."""
    feeds = dict.fromkeys(urls.FEED_SITEMAPS, EMPTY_SITEMAP)
    feeds[urls.SITE_FEED] = render_feed(
        papers, settings, title=settings.site_name, feed_path=urls.SITE_FEED,
        page_path=urls.HOME, subtitle=settings.site_description,
    )
    tags = sorted({tag for paper in papers for tag in paper.tags})
    feeds[urls.OPML] = render_opml(settings, tags)
    for slug in tags:
        rule = settings.tag(slug)
        feeds[urls.tag_feed_path(slug)] = render_feed(
            [p for p in papers if slug in p.tags], settings,
            title=f"{settings.site_name}: {rule.title}", feed_path=urls.tag_feed_path(slug),
            page_path=urls.tag_path(slug), subtitle=rule.description,
        )
    return feeds
