"""A month as a calendar (Monday first), each day with papers a link to its day page: the way
to jump to a day from the archive and from a month's page. Pure: counts in, HTML out.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping

from markupsafe import Markup

from .. import urls
from ..config import Settings

_WEEK = calendar.Calendar(firstweekday=calendar.MONDAY)


def month_calendar(month: dt.date, per_day: Mapping[dt.date, int], here: str, settings: Settings) -> Markup:
    """The calendar of `month` (any day in it) on the page built from `here`; `per_day` gives
    the papers of each day (a day that is not there has none, and is no link)."""
    from .pages import html_environment  # the one environment for HTML outside MkDocs

    first = month.replace(day=1)
    weeks = [[{
        "day": day.day, "iso": day.isoformat(), "count": per_day.get(day, 0),
        "url": urls.href(here, urls.day_path(day)) if per_day.get(day) else "",
        "label": f"{day:%A, %B %-d}",
    } if day.month == first.month else None for day in week] for week in _WEEK.monthdatescalendar(first.year, first.month)]
    html = html_environment(settings).get_template("calendar.html.j2").render(
        caption=f"{first:%B %Y}", weeks=weeks, names=[(calendar.day_name[i], calendar.day_abbr[i][:2]) for i in range(7)])
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))
