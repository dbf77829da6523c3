"""A month as a calendar (Monday first), each day with papers a link to its day page: the way
to jump to a day from the archive and from a month's page. Pure: counts in, cells out
(templates/calendar.html.j2 draws them).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping

from .. import urls

_WEEK = calendar.Calendar(firstweekday=calendar.MONDAY)
DAY_NAMES = tuple((calendar.day_name[i], calendar.day_abbr[i][:2]) for i in range(7))
"""(full name, two-letter name) of the weekdays, Monday first: the calendar's column heads."""


def month_weeks(month: dt.date, per_day: Mapping[dt.date, int], here: str,
                notes: Mapping[dt.date, str] | None = None) -> list[list[dict | None]]:
    """The weeks of `month` (any day in it) for the page built from `here`: per day its number,
    its count of papers (`per_day`; a day that is not there has none) and, with papers, the link
    to its page; None for the days of the neighbouring months that fill the first and last week.
    `notes`: the days that have a page without papers, each with a few words of why (a stream
    failed, the day is not complete yet), so such a day is a link too, never a blank."""
    first = month.replace(day=1)
    notes = notes or {}
    return [[{
        "day": day.day, "count": per_day.get(day, 0), "label": f"{day:%A, %B %-d}",
        "url": urls.href(here, urls.day_path(day)) if per_day.get(day) or day in notes else "",
        "note": "" if per_day.get(day) else notes.get(day, ""),
    } if day.month == first.month else None for day in week] for week in _WEEK.monthdatescalendar(first.year, first.month)]
