"""The site as the page kinds see it: one record, gathered once in generate, read by every kind.

Everything here is derived from the records and settings before any page is rendered
(Pelican's rule: gather first, so a tag page or an archive page sees all of the content).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ..config import Settings
from ..models import Paper
from ..releases import Releases
from ..topic.considered import Considered
from ..topic.explain import Shown, Why
from . import periods
from .cards import Cards, RenderMemo
from .parts import Parts
from .status import DayLine, StreamSaid, day_lines
from .shelf import card_mark
from .templating import Templates


@dataclass(frozen=True)
class Site:
    """What every page kind renders from."""

    settings: Settings
    papers: Sequence[Paper]
    """Every published paper (readable records)."""
    templates: Templates
    memo: RenderMemo
    """HTML of single papers rendered by an earlier run, and by this one."""
    cards: Cards
    parts: Parts
    releases: Mapping[str, Releases]
    """What the papers released on the Hub, by id."""
    digests: Mapping[str, dict]
    """The e-mail digests' sent log (generator/publish/digest.py)."""
    related: Callable[[], Mapping[str, tuple[str, ...]]]
    """Each paper's related papers, by id (worked out beside the other pages: called last)."""
    days: Sequence[periods.PeriodPage] = ()
    """The day pages that have papers (the home page, the archive's bars)."""
    weeks: Sequence[periods.PeriodPage] = ()
    months: Sequence[periods.PeriodPage] = ()
    tag_counts: Counter[str] = field(default_factory=Counter)
    tags: tuple[str, ...] = ()
    """Tags with papers, most papers first."""
    whys: Mapping[str, Why] = field(default_factory=dict)
    """Why each paper is on the site, by id (generator/topic/explain.py)."""
    considered: Mapping[dt.date, Considered] = field(default_factory=dict)
    """What the topic stage considered each day: counts and near-misses (generator/topic/considered.py)."""
    lines: Mapping[dt.date, DayLine] = field(default_factory=dict)
    """Each day's status line: every day with a paper, a candidate or a stream's answer."""
    day_pages: Sequence[periods.PeriodPage] = ()
    """The day pages: `days`, and the days a stream answered for (or failed) without a paper."""

    @classmethod
    def gather(
        cls, papers: Sequence[Paper], settings: Settings, *, templates: Templates | None = None,
        memo: RenderMemo | None = None, releases: Mapping[str, Releases] | None = None,
        digests: Mapping[str, dict] | None = None,
        related: Callable[[], Mapping[str, tuple[str, ...]]] | None = None, shown: Shown | None = None,
        said: Mapping[dt.date, Mapping[str, StreamSaid]] | None = None,
    ) -> Site:
        templates = templates or Templates(settings)
        memo = memo or RenderMemo()
        releases = releases or {}
        if related is None:
            from .related import related_papers
            related = lambda: related_papers(papers)  # noqa: E731
        marks = {p.arxiv_id: card_mark(releases.get(p.arxiv_id)) for p in papers}
        counts = Counter(tag for paper in papers for tag in paper.tags)
        said = said or {}
        considered = shown.days if shown else {}
        # One pass gives every day page; the days with papers are those of them that have some.
        day_pages = periods.days(papers, also=set(said))
        days = [page for page in day_pages if page.papers]
        lines = day_lines(considered, said, {page.period.start: len(page.papers) for page in days},
                          settings.arxiv.categories)
        with_page = {page.period.start for page in day_pages}
        return cls(
            settings, papers, templates, memo, Cards(templates, memo, {key: mark for key, mark in marks.items() if mark}),
            Parts(templates, settings, {day: line.note for day, line in lines.items() if day in with_page}),
            releases, digests or {}, related,
            days, periods.weeks(papers), periods.months(papers),
            counts, tuple(sorted(counts, key=lambda t: (-counts[t], t))),
            shown.whys if shown else {}, considered, lines, day_pages,
        )

    def page(self, template: str, here: str, meta: dict, **context: object) -> str:
        """A Markdown page of the site (`Templates.page`), with the cards and shared parts."""
        return self.templates.page(template, here, meta, cards=self.cards.listing,
                                   **self.parts.context(), **context)
