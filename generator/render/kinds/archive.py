"""The archive: a page per day, week and month, and the index of every month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from markupsafe import Markup

from ... import urls
from ..parts import listing_description
from ..periods import Period, PeriodPage
from ..gathered import Site
from .output import Output


def archive_chart(site: Site, month_pages: Sequence[PeriodPage]) -> Markup:
    """The archive index's months, newest first: count, a bar per day, the weeks with counts."""
    here = urls.ARCHIVE_INDEX
    per_day = {d.papers[0].day: len(d.papers) for d in site.days}
    # Days with a page but no paper (a stream failed, the day is not complete, nothing on topic).
    empty = {page.period.start: site.lines[page.period.start].note for page in site.day_pages if not page.papers}
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
            "label": month.label, "url": urls.href(here, month.path) if month.papers else "", "count": len(month.papers),
            "busiest": f"{busiest:%B %-d} ({per_day.get(busiest, 0)})",
            "days": [{"label": f"{day:%b %-d}", "count": per_day.get(day, 0),
                      "url": urls.href(here, urls.day_path(day)) if per_day.get(day) or day in empty else "",
                      "note": "" if per_day.get(day) else empty.get(day, ""),
                      "height": round(100 * per_day.get(day, 0) / top)} for day in days],
            "calendar": site.parts.month_calendar(start, per_day, here),
            "weeks": [{"label": f"{week.start:%b %-d} – {week.end:%b %-d}", "url": urls.href(here, week.path), "count": count}
                      for week, count in weeks.items()],
        })
    return site.templates.html_block("archive_months.html.j2", months=months)


def near_misses(site: Site, day: dt.date) -> Markup | None:
    """"Just below the line": the day's near-misses, each with its arXiv link and "Belongs here?"."""
    counted = site.considered.get(day)
    if counted is None or not counted.near:
        return None
    repo = site.settings.repo_url
    misses = [{"title": miss.title, "score": miss.score, "threshold": miss.threshold, "arxiv": urls.arxiv_abs(miss.arxiv_id),
               "report": urls.report_url(repo, "belongs-here", miss.arxiv_id) if repo else ""} for miss in counted.near]
    return site.templates.html_block("near_misses.html.j2", misses=misses)


def chart_months(site: Site) -> list[PeriodPage]:
    """The archive index's months, newest first: each month with papers, and each month with
    only days a stream answered for (or failed) without a paper, so those days are shown too."""
    months = {page.period: page for page in site.months}
    for day in site.day_pages:
        period = Period.of("month", day.period.start)
        months.setdefault(period, PeriodPage(period, ()))
    return [months[period] for period in sorted(months, key=lambda period: period.start, reverse=True)]


def render(site: Site) -> Output:
    pages = {}
    for period in (*site.day_pages, *site.weeks, *site.months):
        # Archive pages repeat the papers' titles: keep them out of the search index.
        line = site.lines.get(period.period.start) if period.kind == "day" else None
        description = listing_description(period.label, period.papers) if period.papers else \
            f"{period.label}: " + " ".join(line.sentences if line else ())
        meta = {"title": period.label, "description": description,
                "hide": ["navigation", "toc"], "search": {"exclude": True}}
        pages[period.path] = site.page("period.md.j2", period.path, meta, period=period,
                                       status=site.parts.status(line) if line else None,
                                       near=near_misses(site, period.period.start) if period.kind == "day" else None)
    here = urls.ARCHIVE_INDEX
    pages[here] = site.page("archive_index.md.j2", here, {"title": "Archive", "hide": ["navigation", "toc"]},
                            chart=archive_chart(site, chart_months(site)) if site.day_pages else None,
                            weeks=site.weeks[::-1])
    return Output(pages)
