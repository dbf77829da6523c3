"""Readers' reports: "Wrong topic" and "Belongs here" issues, opened with the repository's issue
forms (.github/ISSUE_TEMPLATE/wrong-topic.yml, belongs-here.yml), read as suggestions.

A report decides nothing. The daily review issue lists the reported papers under "Flagged by
readers" (`flagged`), and a person with write access decides there or on the report itself with
the curator's commands (generator/curator/comments.py), which then replies on the report and
closes it. Everything in a report is hostile: its id must be an arXiv id (else the report is
left out, and named in the log), its reason is cut short and shown as code only.

How GitHub writes an issue form's answers into the issue's text: each field as a `### <label>`
heading, then the answer, and `_No response_` for an optional field left empty.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import InvalidRecord
from ..models import clean_text, parse_arxiv_id
from ..sources.github import Issue

log = logging.getLogger("paperboy")

REPORT_LABEL = "reader-report"
"""The label both issue forms give a report (what the review and the Curator workflow look for)."""
DIRECTIONS = {"wrong-topic": "Wrong topic", "belongs-here": "Belongs here"}
"""Each form's label, and how its title starts (`Wrong topic: <id>`)."""
PAPER_FIELD = "arXiv id"
REASON_FIELD = "Why, in a few words"
"""The forms' field labels: the headings of the issue's text."""
MAX_REASON = 120
"""A reason is cut to this many characters wherever it is shown."""
_NO_RESPONSE = "_No response_"
_HEADING = re.compile(r"^### (.+?)\s*$", re.M)
_ABS_URL = re.compile(r"https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/(.+?)(?:\.pdf)?/?")


@dataclass(frozen=True)
class Report:
    """One reader's report about one paper."""

    issue: int
    """The report's issue number."""
    paper: str
    """The arXiv id reported (checked, without version)."""
    direction: str
    """`wrong-topic` or `belongs-here`."""
    reason: str
    """The reader's reason, one line, at most MAX_REASON characters (empty: none given)."""


def _sections(body: str) -> dict[str, str]:
    """An issue form's answers by field label (the first of each label), as GitHub writes them."""
    sections: dict[str, str] = {}
    marks = list(_HEADING.finditer(body))
    for mark, following in zip(marks, [*marks[1:], None]):
        text = body[mark.end():following.start() if following else len(body)].strip()
        sections.setdefault(mark.group(1), "" if text == _NO_RESPONSE else text)
    return sections


def short(text: str, limit: int = MAX_REASON) -> str:
    """Hostile text as one clean line of at most `limit` characters."""
    text = clean_text(text.replace("\r", " ").replace("\n", " "))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def read_report(issue: Issue) -> Report | str:
    """The report an issue holds, or why it is not one (a line for the log)."""
    if REPORT_LABEL not in issue.labels:
        return f"issue {issue.number} has no {REPORT_LABEL} label"
    direction = next((name for name in DIRECTIONS if name in issue.labels), "")
    if not direction:
        direction = next((name for name, title in DIRECTIONS.items() if issue.title.startswith(title + ":")), "")
    if not direction:
        return f"issue {issue.number}: neither wrong-topic nor belongs-here"
    sections = _sections(issue.body)
    raw = sections.get(PAPER_FIELD) or issue.title.partition(":")[2]
    raw = raw.strip().removeprefix("arXiv:").removeprefix("arxiv:")
    match = _ABS_URL.fullmatch(raw)
    try:
        paper = parse_arxiv_id(match.group(1) if match else raw)[0]
    except InvalidRecord:
        return f"issue {issue.number}: {short(raw, 40)!r} is not an arXiv id"
    return Report(issue.number, paper, direction, short(sections.get(REASON_FIELD, "")))


def read_reports(issues: Iterable[Issue]) -> tuple[Report, ...]:
    """The open reports among `issues`, oldest first; each issue that is not one is named in the log."""
    reports = []
    for issue in issues:
        if not issue.open:
            continue
        report = read_report(issue)
        if isinstance(report, str):
            log.warning("reader's report ignored: %s", report)
        else:
            reports.append(report)
    return tuple(sorted(reports, key=lambda report: report.issue))


@dataclass(frozen=True)
class Flagged:
    """A paper readers reported, with every open report about it."""

    paper: str
    reports: tuple[Report, ...]
    """Oldest first."""

    def count(self, direction: str) -> int:
        return sum(report.direction == direction for report in self.reports)


def flagged(reports: Iterable[Report]) -> tuple[Flagged, ...]:
    """The reported papers, the most reported first (then the oldest report)."""
    by_paper: dict[str, list[Report]] = {}
    for report in sorted(reports, key=lambda report: report.issue):
        by_paper.setdefault(report.paper, []).append(report)
    ordered = sorted(by_paper.items(), key=lambda item: (-len(item[1]), item[1][0].issue))
    return tuple(Flagged(paper, tuple(items)) for paper, items in ordered)
