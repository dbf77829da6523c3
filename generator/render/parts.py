"""Parts that several page kinds share: pagers, month calendars, the newsletter form and a
listing's own description. Pure: values in, Markup or text out."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence

import jinja2
from markupsafe import Markup

from .. import urls
from ..config import Settings
from ..models import Paper
from . import periods
from .calendar import DAY_NAMES, month_weeks
from .status import DayLine
from .templating import Templates
from .words import plural, snippet


class Parts:
    """The shared parts, for Python (`pager_html`, `month_calendar`) and for the Markdown
    templates (`pager`, `tag_pager`, `month_calendar_of`: they read the page's `here`)."""

    def __init__(self, templates: Templates, settings: Settings, notes: Mapping[dt.date, str] | None = None) -> None:
        self._templates = templates
        self._settings = settings
        self._notes = notes or {}
        """For each day that has a page: a few words for its calendar cell."""

    def pager_html(self, here: str, older: tuple[str, str] | None, newer: tuple[str, str] | None, what: str,
                   up: tuple[str, str] | None = None) -> Markup:
        """Older / newer links, each (label, docs path), as one raw block of the page."""
        def target(pair: tuple[str, str] | None) -> dict | None:
            return {"label": pair[0], "url": urls.href(here, pair[1])} if pair else None
        return self._templates.html_block("pager.html.j2", older=target(older), newer=target(newer), up=target(up),
                                          what=what)

    @jinja2.pass_context
    def pager(self, context, older: periods.PeriodPage | None, newer: periods.PeriodPage | None, kind: str) -> Markup:
        pair = lambda page: (page.label, page.path) if page else None  # noqa: E731
        return self.pager_html(context["here"], pair(older), pair(newer), f"Older and newer {kind}s",
                               up=("Archive", urls.ARCHIVE_INDEX))

    @jinja2.pass_context
    def tag_pager(self, context, older: tuple | None, newer: tuple | None, slug: str) -> Markup:
        pair = lambda month: (month[0].strftime("%B %Y"), month[1]) if month else None  # noqa: E731
        return self.pager_html(context["here"], pair(older), pair(newer), "Older and newer months of this tag",
                               up=(self._settings.tag(slug).title, urls.tag_path(slug)))

    def month_calendar(self, month: dt.date, per_day: Mapping[dt.date, int], here: str) -> Markup:
        """The calendar of `month` on the page built from `here`, as one raw block; `per_day`: the
        papers of each day (generator/render/calendar.py)."""
        return self._templates.html_block("calendar.html.j2", caption=f"{month:%B %Y}",
                                          weeks=month_weeks(month, per_day, here, self._notes), names=DAY_NAMES)

    @jinja2.pass_context
    def month_calendar_of(self, context, period: periods.PeriodPage) -> Markup:
        per_day = Counter(p.day for p in period.papers if p.day)
        return self.month_calendar(period.period.start, per_day, context["here"])

    def newsletter_form(self, place: str) -> Markup | None:
        """The e-mail sign-up form of the configured newsletter service (None without one);
        `place` keeps the field's id unique on its page."""
        if self._settings.newsletter is None:
            return None
        return self._templates.html_block("newsletter.html.j2", newsletter=self._settings.newsletter, id=place)

    def status(self, line: DayLine, heading: str = "", heading_url: str = "") -> Markup | None:
        """A day's status line as a raw block (None when nothing is known of the day)."""
        if not line.sentences:
            return None
        return self._templates.html_block("day_status.html.j2", line=line, heading=heading, heading_url=heading_url)

    def context(self) -> dict[str, object]:
        """What the Markdown templates call."""
        return {"pager": self.pager, "tag_pager": self.tag_pager, "month_calendar": self.month_calendar_of}


def listing_description(label: str, papers: Sequence[Paper]) -> str:
    """A listing page's own description (its link preview): how many papers, the first titles."""
    head = f"{plural(len(papers), 'paper')}{' of ' + label if label else ''}"
    return snippet(f"{head}: " + "; ".join(p.title for p in papers[:3]), 280)
