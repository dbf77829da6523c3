"""arXiv's listing, day by day (generator/sources/arxiv_listing.py), against the stand-in on
127.0.0.1 that answers from the two real listing days (tests/arxiv_standin.py), faults included."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from generator.config import HttpPolicy
from generator.sources.arxiv import parse_arxiv_page
from generator.sources.arxiv_listing import fetch_day, query
from generator.sources.net import Http

from .arxiv_standin import DAYS, ERROR_FEED, ArxivStandIn, Fault, atom_feed, load_listing

CATEGORIES = ("cs.CL", "cs.LG", "cs.AI")
DAY = dt.date(2026, 3, 7)
"""A Saturday of submissions in the 2026-03-10 listing: 87 papers in cs.CL/cs.LG/cs.AI."""


def _expected(day: dt.date, categories=CATEGORIES) -> list[str]:
    """The day's ids read straight from the listing files, not through the stand-in."""
    rows = [json.loads(line) for path in sorted(DAYS.glob("*.jsonl")) for line in path.read_text().splitlines()]
    by_id = {row["id"]: row for row in rows}
    listed = [item for path in sorted(DAYS.glob("*.jsonl")) for item in load_listing(path)]
    return sorted(i.fields["id"] for i in listed
                  if i.submitted.date() == day and set(categories) & set(by_id[i.fields["id"]]["categories"]))


def _http(sleeps: list[float] | None = None) -> Http:
    record = sleeps if sleeps is not None else []
    return Http(contact="https://example.org/tests", policy=HttpPolicy(attempts=3, backoff=0.01, backoff_cap=0.02),
                sleep=record.append)


def test_query_names_every_category_and_the_day_in_utc_minutes():
    """One query a day: the categories ORed, the submission day from 00:00 to 23:59."""
    assert query(CATEGORIES, DAY) == "(cat:cs.CL OR cat:cs.LG OR cat:cs.AI) AND submittedDate:[202603070000 TO 202603072359]"


def test_a_day_is_read_whole_across_pages_each_paper_once():
    """Every page is asked for (start/max_results); cross-listed papers come once."""
    expected = _expected(DAY)
    with ArxivStandIn.from_days() as standin, _http() as http:
        listing = fetch_day(http, standin.base, CATEGORIES, DAY, page_size=20)
        asked = [path for path, _ in standin.requests]
    ids = [p.arxiv_id for p in listing.parsed.papers]
    assert len(expected) == 87 and sorted(ids) == expected and len(set(ids)) == len(ids)
    assert listing.total == 87 and listing.requests == math.ceil(87 / 20) == len(asked) and listing.failed == ()
    assert all("sortBy=submittedDate" in path for path in asked) and "start=80" in asked[-1]
    crossed = [p for p in listing.parsed.papers if len(set(p.categories) & set(CATEGORIES)) > 1]
    assert crossed, "the day has papers in two of the categories; each is one paper"


def test_papers_carry_arxiv_metadata_and_their_latex_titles_as_written():
    """A listed paper has its version, categories (primary first), comment and submission day;
    a title with LaTeX keeps it as the authors wrote it (the page renders it)."""
    with ArxivStandIn.from_days() as standin, _http() as http:
        listing = fetch_day(http, standin.base, CATEGORIES, DAY, page_size=200)
    by_id = {p.arxiv_id: p for p in listing.parsed.papers}
    latex = by_id["2603.07197"]
    assert latex.title.startswith("$\\textbf{Re}^{2}$: Unlocking LLM Reasoning")
    assert latex.version == 1 and latex.published == DAY and latex.featured is None and latex.upvotes == 0
    assert all(p.categories and p.published == DAY for p in by_id.values())


def test_msc_and_acm_classes_among_the_categories_do_not_cost_the_paper():
    """arXiv lists MSC/ACM classes (`68T50`, `I.2.7`) as categories: they are left out, the paper kept."""
    day = dt.date(2025, 10, 21)
    with ArxivStandIn.from_days() as standin, _http() as http:
        listing = fetch_day(http, standin.base, CATEGORIES, day, page_size=200)
    assert listing.parsed.skipped == () and len(listing.parsed.papers) == len(_expected(day)) == 109
    assert all("." in c for p in listing.parsed.papers for c in p.categories)


def test_a_withdrawn_paper_is_marked_withdrawn():
    """A second version whose comment says it was withdrawn: `withdrawn` is set, version 2."""
    with ArxivStandIn.from_days(withdrawn=frozenset({"2603.07017"})) as standin, _http() as http:
        listing = fetch_day(http, standin.base, CATEGORIES, DAY, page_size=200)
    paper = next(p for p in listing.parsed.papers if p.arxiv_id == "2603.07017")
    assert paper.withdrawn and paper.version == 2
    assert sum(p.withdrawn for p in listing.parsed.papers) == 1


def test_an_empty_day_is_not_an_error():
    """A day arXiv has nothing for: totalResults 0, one request, nothing failed."""
    with ArxivStandIn.from_days() as standin, _http() as http:
        listing = fetch_day(http, standin.base, CATEGORIES, dt.date(2026, 3, 10), page_size=50)
    assert listing.total == 0 and listing.requests == 1 and listing.failed == () and listing.parsed.papers == ()


@pytest.mark.parametrize(("fault", "reason"), [
    (Fault(400, ERROR_FEED), "arXiv says: incorrect id format for abc"),
    (Fault(200, b"<!DOCTYPE html><html><head><meta charset=utf-8></head><body><p>Rate exceeded.<br></body></html>", content_type="text/html"),
     "not valid XML"),
    (Fault(200, b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry><id>http://arxiv.org/abs/2603"),
     "not valid XML"),
    (Fault(200, b"<html><body>Service Unavailable</body></html>", content_type="text/html"), "not an Atom feed"),
    (Fault(503, b"busy", {"Retry-After": "0"}), "HTTP 503 (gave up after 3 tries)"),
])
def test_a_page_that_fails_is_named_and_the_other_pages_are_read(fault, reason):
    """The API's error feed, an HTML page, truncated XML, a 503 that stays: that page is named
    with its URL and why; the day's other pages still give their papers."""
    with ArxivStandIn.from_days(page_faults={(str(DAY), 40): fault}) as standin, _http() as http:
        listing = fetch_day(http, standin.base, CATEGORIES, DAY, page_size=20)
    assert len(listing.failed) == 1 and reason in listing.failed[0] and "start=40" in listing.failed[0]
    expected = _expected(DAY)
    assert sorted(p.arxiv_id for p in listing.parsed.papers) == expected[:40] + expected[60:]


def test_when_the_first_page_fails_the_day_is_named():
    """Without its first page the day's size is unknown: one failure, nothing read, no paging on."""
    with ArxivStandIn.from_days(page_faults={(str(DAY), 0): Fault(400, ERROR_FEED)}) as standin, _http() as http:
        listing = fetch_day(http, standin.base, CATEGORIES, DAY, page_size=20)
    assert listing.total is None and listing.requests == 1 and listing.parsed.papers == ()
    assert "submittedDate" in listing.failed[0] and "arXiv says" in listing.failed[0]


@pytest.mark.parametrize("status", [429, 503])
def test_429_and_503_are_waited_out_as_retry_after_says(status):
    """A busy answer with Retry-After is retried after that many seconds; nothing is lost."""
    sleeps: list[float] = []
    busy = Fault(status, b"slow down", {"Retry-After": "7"}, "text/plain")
    with ArxivStandIn.from_days(page_faults={(str(DAY), 20): busy}, once=True) as standin, _http(sleeps) as http:
        listing = fetch_day(http, standin.base, CATEGORIES, DAY, page_size=20)
    assert listing.failed == () and sorted(p.arxiv_id for p in listing.parsed.papers) == _expected(DAY)
    assert 7.0 in sleeps and listing.requests == 5


def test_a_page_that_repeats_items_adds_only_new_papers():
    """arXiv's paging is no snapshot: a page sliding back repeats papers; each is kept once."""
    with ArxivStandIn.from_days(repeat_pages={(str(DAY), 40): 5}) as standin, _http() as http:
        listing = fetch_day(http, standin.base, CATEGORIES, DAY, page_size=20)
    ids = [p.arxiv_id for p in listing.parsed.papers]
    assert len(ids) == len(set(ids)) and set(ids) <= set(_expected(DAY)) and len(ids) == 87 - 5


def test_a_server_that_ignores_start_cannot_loop_the_fetch():
    """The same page again and again (a server ignoring `start`, claiming 214,881 results): the
    day stops at the first page of nothing new, and says so."""
    with ArxivStandIn.from_days(ignore_start=True, claim_total=214_881) as standin, _http() as http:
        listing = fetch_day(http, standin.base, CATEGORIES, DAY, page_size=10)
    assert listing.requests == 2 and len(listing.parsed.papers) == 10
    assert "repeats earlier pages only" in listing.failed[0]


def test_the_stand_ins_answer_parses_like_arxivs_own_recording():
    """The stand-in writes the API's layout: the same parser reads its head and entries."""
    items = load_listing(DAYS / "2025-10-22.jsonl")[:3]
    parsed, total = parse_arxiv_page(atom_feed("q", 0, 3, 216, items), origin="x")
    assert total == 216 and [p.arxiv_id for p in parsed.papers] == [i.fields["id"] for i in items]
