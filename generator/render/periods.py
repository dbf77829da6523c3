"""Days, weeks and months: what a period is called and which papers it holds (pure)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import PaperboyError
from ..models import Paper
from ..urls import day_path, month_path, week_path


def by_rank(papers: Iterable[Paper]) -> list[Paper]:
    """Best first: most upvotes, then most comments, then the papers Hugging Face featured before
    those only arXiv listed (no votes is no verdict for them), then id (a stable tie-break)."""
    return sorted(papers, key=lambda p: (-p.upvotes, -p.comments, p.featured is None, p.arxiv_id))


def newest_first(papers: Iterable[Paper]) -> list[Paper]:
    """Newest day first; within a day the papers Hugging Face featured (most upvotes first),
    then those only arXiv listed, newest id (latest submitted) first (pages that show the counts)."""
    return sorted(papers, key=lambda p: (p.sort_day, p.featured is not None, p.upvotes, p.arxiv_id), reverse=True)


def newest_first_by_id(papers: Iterable[Paper]) -> list[Paper]:
    """Newest day first, then newest id: for what must not change when only counts change
    (the feeds, the tags index), since upvotes move every day (issue 15, item 3)."""
    return sorted(papers, key=lambda p: (p.sort_day, p.arxiv_id), reverse=True)


@dataclass(frozen=True)
class Period:
    """A day, an ISO week (Monday to Sunday) or a month: named one way on the site and in the e-mail."""

    kind: str
    """`day`, `week` or `month`."""
    start: dt.date
    end: dt.date
    """Inclusive."""

    @classmethod
    def of(cls, kind: str, day: dt.date) -> Period:
        """The period of this kind that holds `day`; PaperboyError for an unknown kind."""
        if kind == "day":
            return cls(kind, day, day)
        if kind == "week":
            start = day - dt.timedelta(days=day.isoweekday() - 1)
            return cls(kind, start, start + dt.timedelta(days=6))
        if kind == "month":
            start = day.replace(day=1)
            return cls(kind, start, (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1))
        raise PaperboyError(f"unknown period {kind!r} (day, week or month)")

    @classmethod
    def last_complete(cls, kind: str, today: dt.date) -> Period:
        """The latest period that has ended before today."""
        return cls.of(kind, cls.of(kind, today).start - dt.timedelta(days=1))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def label(self) -> str:
        """`Friday, January 31, 2025`, `Week 5, 2025 (Jan 27 – Feb 2)`, `January 2025`."""
        if self.kind == "day":
            return f"{self.start:%A, %B %-d, %Y}"
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"Week {week}, {year} ({self.start:%b %-d} – {self.end:%b %-d})"
        return f"{self.start:%B %Y}"

    @property
    def key(self) -> str:
        """A stable name (the digest's sent log, file names): `day-2025-01-31`, `week-2025-W05`, `month-2025-01`."""
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"week-{year}-W{week:02d}"
        return f"day-{self.start.isoformat()}" if self.kind == "day" else f"month-{self.start:%Y-%m}"

    @property
    def path(self) -> str:
        """Its archive page."""
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return week_path((year, week))
        return day_path(self.start) if self.kind == "day" else month_path(self.start)


@dataclass(frozen=True)
class PeriodPage:
    """One archive page: a period's papers, with its neighbours that have papers."""

    period: Period
    papers: tuple[Paper, ...]
    """Best first."""
    previous: PeriodPage | None = None
    next: PeriodPage | None = None

    @property
    def kind(self) -> str:
        return self.period.kind

    @property
    def label(self) -> str:
        return self.period.label

    @property
    def path(self) -> str:
        return self.period.path


def _pages(papers: Iterable[Paper], kind: str, also: Iterable[dt.date] = ()) -> list[PeriodPage]:
    groups: dict[Period, list[Paper]] = defaultdict(list)
    for day in also:  # periods that have a page even without papers
        groups[Period.of(kind, day)]
    for paper in papers:
        if paper.day is not None:  # a paper with no known day is in the tag pages and feeds only
            groups[Period.of(kind, paper.day)].append(paper)
    keys = sorted(groups, key=lambda period: period.start)
    plain = [PeriodPage(k, tuple(by_rank(groups[k]))) for k in keys]
    return [
        PeriodPage(page.period, page.papers, previous=plain[i - 1] if i > 0 else None,
                   next=plain[i + 1] if i + 1 < len(plain) else None)
        for i, page in enumerate(plain)
    ]


def days(papers: Iterable[Paper], also: Iterable[dt.date] = ()) -> list[PeriodPage]:
    """A page per day with papers, and per day of `also` (days that have a page without papers)."""
    return _pages(papers, "day", also)


def weeks(papers: Iterable[Paper]) -> list[PeriodPage]:
    return _pages(papers, "week")


def months(papers: Iterable[Paper]) -> list[PeriodPage]:
    return _pages(papers, "month")
