"""Which older days a fetch asks for again, for their counts (the refresh itself, run for real:
tests/cli/test_refresh.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from generator.fetch import refresh_days


def test_each_older_day_comes_round_once_a_week_a_handful_a_run(settings):
    """By default a run asks again for the days 7, 14, 21 and 28 days back: each day of the
    last 30 is refreshed once a week after its first 3 days, 4 requests a run."""
    today = dt.date(2026, 8, 21)
    assert refresh_days(today, settings) == [today - dt.timedelta(days=n) for n in (28, 21, 14, 7)]
    every_day = dataclasses.replace(settings, refresh_every=1, refresh_days=5)
    assert refresh_days(today, every_day) == [today - dt.timedelta(days=n) for n in (4, 3)]
