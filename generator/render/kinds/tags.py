"""The tags index, a page per tag (its newest papers) and, for a large tag, a page per month."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from ... import urls
from ...models import Paper
from ..periods import newest_first, newest_first_by_id
from ..parts import listing_description
from ..gathered import Site
from ..words import snippet
from .output import Output

TAG_NEWEST = 20
"""Cards on a tag's own page; a tag with more papers also gets a page per month."""


def tags_grid(site: Site) -> Markup:
    """The tags index: per tag its title, description, count, newest paper and feed."""
    here, settings = urls.TAGS_INDEX, site.settings
    newest: dict[str, Paper] = {}
    for paper in newest_first_by_id(site.papers):
        for slug in paper.tags:
            newest.setdefault(slug, paper)
    tiles = [{
        "title": settings.tag(slug).title, "description": settings.tag(slug).description,
        "url": urls.href(here, urls.tag_path(slug)), "feed": urls.href(here, urls.tag_feed_path(slug)),
        "count": site.tag_counts[slug], "newest": newest.get(slug),
        "newest_url": urls.href(here, urls.paper_path(newest[slug].slug)) if slug in newest else "",
    } for slug in site.tags]
    return site.templates.html_block("tags_grid.html.j2", tiles=tiles)


def render(site: Site) -> Output:
    settings = site.settings
    pages = {urls.TAGS_INDEX: site.page("tags_index.md.j2", urls.TAGS_INDEX, {"title": "Tags", "hide": ["navigation", "toc"]},
                                        grid=tags_grid(site) if site.tags else None)}
    for slug in site.tags:
        tagged = newest_first(p for p in site.papers if slug in p.tags)
        rule = settings.tag(slug)
        by_month: dict[dt.date, list[Paper]] = {}
        if len(tagged) > TAG_NEWEST:  # a small tag is one page
            for paper in tagged:
                by_month.setdefault(paper.sort_day.replace(day=1), []).append(paper)
        months = [(month, urls.tag_month_path(slug, month), len(found)) for month, found in by_month.items()]
        meta = {"title": rule.title, "feed": urls.tag_feed_path(slug), "hide": ["navigation", "toc"],
                "description": snippet(f"{rule.title}: {rule.description + ' ' if rule.description else ''}"
                                       + listing_description("", tagged), 280)}
        path = urls.tag_path(slug)
        pages[path] = site.page("tag.md.j2", path, meta, slug=slug, rule=rule, papers=tagged[:TAG_NEWEST],
                                total=len(tagged), months=months)
        for i, (month, path, _) in enumerate(months):  # newest first
            meta = {"title": f"{rule.title}: {month:%B %Y}", "feed": urls.tag_feed_path(slug),
                    "hide": ["navigation", "toc"], "search": {"exclude": True}}
            pages[path] = site.page("tag_month.md.j2", path, meta, slug=slug, rule=rule, label=f"{month:%B %Y}",
                                    papers=by_month[month], newer=months[i - 1] if i > 0 else None,
                                    older=months[i + 1] if i + 1 < len(months) else None)
    return Output(pages)
