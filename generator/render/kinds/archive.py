"""The archive: a page per day, week and month, and the index of every month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from markupsafe import Markup

from ... import urls
from ..parts import listing_description
from ..periods import Period, PeriodPage
from ..site import Site
from .output import Output


def archive_chart(site: Site, month_pages: Sequence[PeriodPage]) -> Markup:
    """The archive index's months, newest first: count, a bar per day, the weeks with counts."""
    here = urls.ARCHIVE_INDEX
    per_day = {d.papers[0].day: len(d.papers) for d in site.days}
    months = []
    for month in month_pages:
        start = month.period.start
        days = [start + dt.timedelta(days=n) for n in range((month.period.end - start).days + 1)]
        top = max((per_day.get(day, 0) for day in days), default=0) or 1
        busiest = max(days, key=lambda day: (per_day.get(day, 0), -day.toordinal()))
        weeks: dict[Period, int] = {}
        for day in days:
            if per_day.get(day):
                week = Period.of("week", day)
                weeks[week] = weeks.get(week, 0) + per_day[day]
        months.append({
            "label": month.label, "url": urls.href(here, month.path), "count": len(month.papers),
            "busiest": f"{busiest:%B %-d} ({per_day.get(busiest, 0)})",
            "days": [{"label": f"{day:%b %-d}", "count": per_day.get(day, 0),
                      "url": urls.href(here, urls.day_path(day)) if per_day.get(day) else "",
                      "height": round(100 * per_day.get(day, 0) / top)} for day in days],
            "calendar": site.parts.month_calendar(start, per_day, here),
            "weeks": [{"label": f"{week.start:%b %-d} – {week.end:%b %-d}", "url": urls.href(here, week.path), "count": count}
                      for week, count in weeks.items()],
        })
    return site.templates.html_block("archive_months.html.j2", months=months)


def render(site: Site) -> Output:
    pages = {}
    for period in (*site.days, *site.weeks, *site.months):
        # Archive pages repeat the papers' titles: keep them out of the search index.
        meta = {"title": period.label, "description": listing_description(period.label, period.papers),
                "hide": ["navigation", "toc"], "search": {"exclude": True}}
        pages[period.path] = site.page("period.md.j2", period.path, meta, period=period)
    here = urls.ARCHIVE_INDEX
    pages[here] = site.page("archive_index.md.j2", here, {"title": "Archive", "hide": ["navigation", "toc"]},
                            chart=archive_chart(site, site.months[::-1]) if site.months else None,
                            weeks=site.weeks[::-1])
    return Output(pages)
