"""The daily "Papers to review" issue: whether to open one today, its title and its text
(`paperboy review-issue`, run by Publish's review job, which then only hands them to `gh`).

It lists the day's papers the model is least sure about (generator/curator/review.py) and, under
"Flagged by readers", the papers readers reported (generator/curator/reports.py) with the
state each is in now. Nothing is opened when there is nothing to list, or when the bot's issue
for the day exists already (only the bot's own issues count: anyone can open an issue with that
title).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..config import Settings
from ..sources.github import Issue
from ..storage.corpus import Corpus
from ..render.curator import review_markdown
from ..topic_stage import Decided
from .comments import REVIEW_AUTHOR, REVIEW_TITLE
from .reports import Report, flagged
from .review import review


@dataclass(frozen=True)
class FlaggedPaper:
    """A paper readers reported, as the review issue shows it."""

    paper: str
    state: str
    """Where the paper stands now: "published", "not published", "labelled off", ..."""
    reasons: tuple[str, ...]
    """The reports' short reasons (hostile: shown as code only), those given."""
    issues: tuple[int, ...]
    """The reports' issue numbers, oldest first."""
    wrong_topic: int
    belongs_here: int


@dataclass(frozen=True)
class DailyIssue:
    """What the review job opens today."""

    title: str
    body: str
    """The issue's text; empty: nothing is opened (`why_not` says why)."""
    why_not: str = ""


def title_for(day: dt.date) -> str:
    return f"{REVIEW_TITLE}: {day.isoformat()}"


def _state(decided: Decided, paper: str) -> str:
    label = decided.labels.get(paper)
    if label is not None:
        return f"labelled {label.verdict}"
    decision = decided.decisions.get(paper)
    if decision is None:
        return "not a candidate here"
    return "published" if decision.kept else "not published"


def flagged_papers(decided: Decided, reports: Iterable[Report]) -> tuple[FlaggedPaper, ...]:
    """The reported papers with where each stands now."""
    return tuple(
        FlaggedPaper(item.paper, _state(decided, item.paper),
                     tuple(report.reason for report in item.reports if report.reason),
                     tuple(report.issue for report in item.reports),
                     item.count("wrong-topic"), item.count("belongs-here"))
        for item in flagged(reports))


def daily_issue(settings: Settings, corpus: Corpus, *, today: dt.date, existing: Iterable[Issue],
                reports: Iterable[Report], days: int, limit: int) -> DailyIssue:
    """Today's review issue, or why none is opened."""
    title = title_for(today)
    if any(issue.title == title and issue.author == REVIEW_AUTHOR for issue in existing):
        return DailyIssue(title, "", f'"{title}" exists already: not opened again')
    listed = review(settings, corpus, days=days, limit=limit)
    flags = flagged_papers(listed.decided, reports)
    if not listed.has_model and not flags:
        return DailyIssue(title, "", f"nothing to review: {listed.model_note}")
    body = review_markdown(listed.items, threshold=settings.topic.threshold, model_note=listed.model_note,
                           flags=flags)
    return DailyIssue(title, body, "" if body else f"nothing to review in the last {days} days")
