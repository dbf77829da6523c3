"""Days, ISO weeks and months (generator/render/periods.py): one name for each, site and e-mail."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.errors import PaperboyError
from generator.models import make_paper
from generator.render.periods import Period, by_rank, days, months, weeks


def paper(arxiv_id: str, day: str, upvotes: int = 0):
    return make_paper(arxiv_id=arxiv_id, title=f"Paper {arxiv_id}", featured=day, upvotes=upvotes)


def test_a_week_runs_monday_to_sunday_and_is_named_as_iso_counts_it():
    """2025-01-01 is a Wednesday in ISO week 1 of 2025, which began on 2024-12-30."""
    week = Period.of("week", dt.date(2025, 1, 1))
    assert (week.start, week.end) == (dt.date(2024, 12, 30), dt.date(2025, 1, 5))
    assert week.label == "Week 1, 2025 (Dec 30 – Jan 5)"
    assert week.key == "week-2025-W01"
    assert week.path == "archive/weeks/2025-W01.md"
    assert dt.date(2025, 1, 5) in week and dt.date(2025, 1, 6) not in week


def test_days_and_months_have_their_labels_keys_and_pages():
    day = Period.of("day", dt.date(2024, 2, 29))
    assert (day.label, day.key, day.path) == ("Thursday, February 29, 2024", "day-2024-02-29", "archive/2024/02/29.md")
    month = Period.of("month", dt.date(2024, 2, 29))
    assert (month.start, month.end) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert (month.label, month.key, month.path) == ("February 2024", "month-2024-02", "archive/2024/02/index.md")


def test_the_last_complete_period_ended_before_today():
    assert Period.last_complete("week", dt.date(2025, 1, 6)) == Period.of("week", dt.date(2025, 1, 5))
    assert Period.last_complete("month", dt.date(2025, 1, 31)).label == "December 2024"
    with pytest.raises(PaperboyError, match="unknown period 'year'"):
        Period.of("year", dt.date(2025, 1, 1))


def test_archive_pages_hold_their_papers_best_first_and_link_their_neighbours():
    papers = [paper("2501.00001", "2024-12-31", 1), paper("2501.00002", "2025-01-02", 5),
              paper("2501.00003", "2025-01-02", 9), paper("2501.00004", "2025-01-20")]
    found = weeks(papers)
    assert [page.label for page in found] == ["Week 1, 2025 (Dec 30 – Jan 5)", "Week 4, 2025 (Jan 20 – Jan 26)"]
    assert [p.arxiv_id for p in found[0].papers] == ["2501.00003", "2501.00002", "2501.00001"]
    assert found[0].next is not None and found[0].next.path == found[1].path and found[1].previous.path == found[0].path
    assert [page.path for page in months(papers)] == ["archive/2024/12/index.md", "archive/2025/01/index.md"]
    assert len(days(papers)) == 3
    assert by_rank(papers)[0].arxiv_id == "2501.00003"


def test_within_a_day_featured_papers_come_before_arxiv_only_ones():
    """Upvotes first; at equal counts a paper Hugging Face featured before one only arXiv listed;
    arXiv-only papers in arXiv's order (by id)."""
    day = dt.date(2026, 3, 9)
    papers = [
        make_paper(arxiv_id="2603.00003", title="arXiv only, later", published=day),
        make_paper(arxiv_id="2603.00001", title="arXiv only, earlier", published=day),
        make_paper(arxiv_id="2603.00009", title="featured, no votes yet", featured=day),
        make_paper(arxiv_id="2603.00002", title="featured, voted", featured=day, upvotes=4),
    ]
    [page] = days(papers)
    assert [p.arxiv_id for p in page.papers] == ["2603.00002", "2603.00009", "2603.00001", "2603.00003"]
