"""A workflow's `schedule:` cron evaluated offline: at which minutes (UTC) it fires. POSIX cron's
five fields with numbers, `*`, ranges, steps and lists, as GitHub reads them; when both the day of
the month and the day of the week are restricted, either one matching is enough (cron's rule).
croniter would do it, but it is not in the test environment, and this is all the tests need."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

FIELDS = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
"""Each field's range: minute, hour, day of the month, month, day of the week (0 and 7 are Sunday)."""


def _values(text: str, low: int, high: int) -> set[int]:
    values: set[int] = set()
    for part in text.split(","):
        span, _, step = part.partition("/")
        if span == "*":
            first, last = low, high
        elif "-" in span:
            first, last = map(int, span.split("-"))
        else:
            first = last = int(span)
            if step:
                last = high
        if not (low <= first <= last <= high) or (step and int(step) < 1):
            raise ValueError(f"cron field {text!r} is out of {low}-{high}")
        values.update(range(first, last + 1, int(step or 1)))
    return values


def firings(cron: str, start: dt.datetime, end: dt.datetime) -> Iterator[dt.datetime]:
    """Every minute from `start` (inclusive) to `end` (exclusive) at which `cron` fires."""
    fields = cron.split()
    if len(fields) != 5:
        raise ValueError(f"a cron has five fields, not {len(fields)}: {cron!r}")
    minutes, hours, days, months, weekdays = (_values(f, *r) for f, r in zip(fields, FIELDS))
    weekdays = {d % 7 for d in weekdays}
    day_any, weekday_any = fields[2].startswith("*"), fields[4].startswith("*")  # cron's own test for "any"
    day_start = start.replace(hour=0, minute=0, second=0, microsecond=0)
    while day_start < end:
        day = day_start.day in days
        weekday = (day_start.isoweekday() % 7) in weekdays
        on_day = (day and weekday) if day_any or weekday_any else (day or weekday)
        if day_start.month in months and on_day:
            for hour in sorted(hours):
                for minute in sorted(minutes):
                    moment = day_start.replace(hour=hour, minute=minute)
                    if start <= moment < end:
                        yield moment
        day_start += dt.timedelta(days=1)
