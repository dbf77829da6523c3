"""The home page: the newest days in full, what is trending, and the way into the archive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from markupsafe import Markup

from ... import urls
from ..periods import Period, PeriodPage, by_rank
from ..gathered import Site
from .output import Output

TRENDING_COUNT = 10
EARLIER_DAYS = 14
HOME_CARDS = 20
"""The home page shows whole days, newest first, until it shows at least this many cards."""
HOME_FIRST = 8
"""Cards before the trending list on a phone: the rest of the newest days follow it (beside it
on a desktop, they simply continue the list)."""


def home_days(days: Sequence[PeriodPage], here: str, cards: Callable[..., Markup], *, head: bool) -> list[dict]:
    """The home page's newest days, split in two at HOME_FIRST cards: the `head` (before the
    trending list on a phone) or the rest. A day split in two keeps its heading in the head."""
    parts, seen = [], 0
    for day in days:
        start, end = (seen, min(seen + len(day.papers), HOME_FIRST)) if head else (max(seen, HOME_FIRST), seen + len(day.papers))
        chosen = day.papers[start - seen:end - seen] if end > start else ()
        if chosen:
            parts.append({"label": day.label, "url": urls.href(here, day.path), "count": len(day.papers),
                          "heading": head or seen >= HOME_FIRST,
                          "cards": cards(chosen, here, kind="pb-cards--list")})
        seen += len(day.papers)
    return parts


def newest_status(site: Site, here: str) -> Markup | None:
    """The newest day's status line (a day a stream answered for, papers or not), linked to its page."""
    if not site.day_pages:
        return None
    newest = site.day_pages[-1]
    line = site.lines.get(newest.period.start)
    if line is None:
        return None
    return site.parts.status(line, heading=newest.label, heading_url=urls.href(here, newest.path))


def render(site: Site) -> Output:
    settings, here = site.settings, urls.HOME
    day_periods = site.days
    latest = day_periods[-1] if day_periods else None
    shown_days: list[PeriodPage] = []  # the latest day in full, and earlier days up to HOME_CARDS cards
    for period in reversed(day_periods):
        if sum(len(d.papers) for d in shown_days) >= HOME_CARDS:
            break
        shown_days.append(period)
    layout = None
    if latest is not None:
        newest_day = latest.papers[0].day
        start = newest_day - dt.timedelta(days=settings.trending_days - 1)
        trending = by_rank(p for p in site.papers if p.day and p.day >= start)[:TRENDING_COUNT]
        cards = site.cards.html
        layout = site.templates.html_block(
            "home.html.j2",
            # "Updated": the newest day the records hold, not the clock, so the same records
            # give the same page (a fetch that finds nothing new changes nothing).
            site_name=settings.site_name, updated=newest_day, total=len(site.papers), topic=settings.topic.name,
            switch={"day": urls.href(here, latest.path),
                    "week": urls.href(here, Period.of("week", newest_day).path),
                    "month": urls.href(here, Period.of("month", newest_day).path)},
            first=home_days(shown_days, here, cards, head=True),
            more=home_days(shown_days, here, cards, head=False),
            trending=cards(trending, here, compact=True) if trending else None,
            trending_title="Trending this week" if settings.trending_days == 7 else f"Trending in the last {settings.trending_days} days",
            newsletter=site.parts.newsletter_form("home"), subscribe=urls.href(here, urls.SUBSCRIBE),
            status=newest_status(site, here),
        )
    return Output({here: site.page(
        # No title: Material then shows just the site name; the layout holds the page's h1.
        "home.md.j2", here, {"description": settings.site_description, "hide": ["navigation", "toc"]},
        layout=layout, earlier=day_periods[::-1][len(shown_days):len(shown_days) + EARLIER_DAYS],
    )})
