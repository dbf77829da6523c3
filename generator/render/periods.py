"""Day, week and month groupings of papers, for the archive pages (pure)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..models import Paper
from ..urls import day_path, month_path, week_path


def by_rank(papers: Iterable[Paper]) -> list[Paper]:
    """Best first: most upvotes, then most comments, then newest id (a stable tie-break)."""
    return sorted(papers, key=lambda p: (-p.upvotes, -p.comments, p.arxiv_id))


def newest_first(papers: Iterable[Paper]) -> list[Paper]:
    return sorted(papers, key=lambda p: (p.sort_day, p.upvotes, p.arxiv_id), reverse=True)


def week_key(day: dt.date) -> tuple[int, int]:
    year, week, _ = day.isocalendar()
    return year, week


def week_label(key: tuple[int, int]) -> str:
    monday = dt.date.fromisocalendar(key[0], key[1], 1)
    return f"Week {key[1]}, {key[0]} ({monday:%b %-d} – {monday + dt.timedelta(days=6):%b %-d})"


@dataclass(frozen=True)
class Period:
    """One archive page: a day, a week or a month, with its neighbours that have papers."""

    kind: str
    """`day`, `week` or `month`."""
    label: str
    path: str
    papers: tuple[Paper, ...]
    """Best first."""
    previous: Period | None = None
    next: Period | None = None


def _periods(papers: Iterable[Paper], kind: str, key: Callable, path: Callable, label: Callable) -> list[Period]:
    groups: dict = defaultdict(list)
    for paper in papers:
        if paper.day is not None:  # a paper with no known day is in the tag pages and feeds only
            groups[key(paper.day)].append(paper)
    keys = sorted(groups)
    plain = [Period(kind, label(k), path(k), tuple(by_rank(groups[k]))) for k in keys]
    linked = []
    for i, period in enumerate(plain):
        linked.append(
            Period(
                kind, period.label, period.path, period.papers,
                previous=plain[i - 1] if i > 0 else None,
                next=plain[i + 1] if i + 1 < len(plain) else None,
            )
        )
    return linked


def days(papers: Iterable[Paper]) -> list[Period]:
    return _periods(papers, "day", lambda d: d, day_path, lambda d: f"{d:%A, %B %-d, %Y}")


def weeks(papers: Iterable[Paper]) -> list[Period]:
    return _periods(papers, "week", week_key, week_path, week_label)


def months(papers: Iterable[Paper]) -> list[Period]:
    return _periods(
        papers, "month", lambda d: d.replace(day=1), month_path, lambda d: f"{d:%B %Y}"
    )
