"""arXiv's listing, day by day (generator/sources/arxiv_listing.py), against the stand-in on
127.0.0.1 that answers from the two real listing days (tests/support/arxiv_standin.py), faults included."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from generator.config import HttpPolicy
from generator.sources.arxiv import parse_arxiv_page
from generator.sources.arxiv_listing import fetch_day, query
from generator.sources.net import Http

from tests.support.arxiv_standin import DAYS, ERROR_FEED, ArxivStandIn, Fault, atom_feed, load_listing

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


def test_query_names_the_category_and_the_day_in_utc_minutes():
    """One query a category and day, as arXiv documents it: the submission day from 00:00 to 23:59."""
    assert query("cs.CL", DAY) == "cat:cs.CL AND submittedDate:[202603070000 TO 202603072359]"


def test_a_day_is_read_whole_across_pages_and_categories_each_paper_once():
    """Every page of every category is asked for (start/max_results); a paper cross-listed in
    several categories is named by each query and kept once."""
    expected = _expected(DAY)
    per_category = {c: len(_expected(DAY, (c,))) for c in CATEGORIES}
    with ArxivStandIn.from_days() as standin, _http() as http:
        listing = fetch_day(http, standin.base, CATEGORIES, DAY, page_size=20)
        asked = [path for path, _ in standin.requests]
    ids = [p.arxiv_id for p in listing.parsed.papers]
    assert len(expected) == 87 and sorted(ids) == expected and len(set(ids)) == len(ids)
    assert sum(per_category.values()) > 87, "cross-lists: the categories' queries overlap"
    assert listing.total == sum(per_category.values()) and listing.failed == ()
    assert listing.requests == sum(math.ceil(n / 20) for n in per_category.values()) == len(asked)
    assert all("sortBy=submittedDate" in path and "max_results=20" in path for path in asked)


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
    """A day arXiv has nothing for: totalResults 0, one request a category, nothing failed."""
    with ArxivStandIn.from_days() as standin, _http() as http:
        listing = fetch_day(http, standin.base, CATEGORIES, dt.date(2026, 3, 10), page_size=50)
    assert listing.total == 0 and listing.requests == 3 and listing.failed == () and listing.parsed.papers == ()


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
        listing = fetch_day(http, standin.base, ("cs.AI",), DAY, page_size=20)
    assert len(listing.failed) == 1 and reason in listing.failed[0] and "start=40" in listing.failed[0]
    in_order = [item.fields["id"] for item in sorted(
        (i for path in sorted(DAYS.glob("*.jsonl")) for i in load_listing(path)
         if i.submitted.date() == DAY and "cs.AI" in i.fields["categories"]),
        key=lambda i: (i.submitted, i.fields["id"]))]
    assert len(in_order) > 60
    assert sorted(p.arxiv_id for p in listing.parsed.papers) == sorted(in_order[:40] + in_order[60:])


def test_when_a_querys_first_page_fails_it_is_named_and_the_other_categories_are_read():
    """Without its first page a query's size is unknown: it is named, not paged; the next
    category's query still gives its papers."""
    with ArxivStandIn.from_days(faults={1: Fault(400, ERROR_FEED)}) as standin, _http() as http:
        listing = fetch_day(http, standin.base, ("cs.CL", "cs.AI"), DAY, page_size=200)
    assert len(listing.failed) == 1 and "cat%3Acs.CL" in listing.failed[0] and "arXiv says" in listing.failed[0]
    assert listing.requests == 2 and sorted(p.arxiv_id for p in listing.parsed.papers) == _expected(DAY, ("cs.AI",))
    with ArxivStandIn.from_days(faults={1: Fault(400, ERROR_FEED)}) as standin, _http() as http:
        alone = fetch_day(http, standin.base, ("cs.CL",), DAY, page_size=200)
    assert alone.total is None and alone.parsed.papers == ()


@pytest.mark.parametrize("status", [429, 503])
def test_429_and_503_are_waited_out_as_retry_after_says(status):
    """A busy answer with Retry-After is retried after that many seconds; nothing is lost."""
    sleeps: list[float] = []
    busy = Fault(status, b"slow down", {"Retry-After": "7"}, "text/plain")
    with ArxivStandIn.from_days(page_faults={(str(DAY), 20): busy}, once=True) as standin, _http(sleeps) as http:
        listing = fetch_day(http, standin.base, CATEGORIES, DAY, page_size=20)
    assert listing.failed == () and sorted(p.arxiv_id for p in listing.parsed.papers) == _expected(DAY)
    assert sleeps.count(7.0) == 1, "one busy answer, one wait, then the page"


def test_a_page_that_repeats_items_adds_only_new_papers():
    """arXiv's paging is no snapshot: a page sliding back repeats papers; each is kept once."""
    with ArxivStandIn.from_days(repeat_pages={(str(DAY), 40): 5}) as standin, _http() as http:
        listing = fetch_day(http, standin.base, ("cs.AI",), DAY, page_size=20)
    ids = [p.arxiv_id for p in listing.parsed.papers]
    expected = _expected(DAY, ("cs.AI",))
    assert len(ids) == len(set(ids)) and set(ids) <= set(expected) and len(ids) == len(expected) - 5


def test_a_server_that_ignores_start_cannot_loop_the_fetch():
    """The same page again and again (a server ignoring `start`, claiming 214,881 results): the
    day stops at the first page of nothing new, and says so."""
    with ArxivStandIn.from_days(ignore_start=True, claim_total=214_881) as standin, _http() as http:
        listing = fetch_day(http, standin.base, ("cs.CL",), DAY, page_size=10)
    assert listing.requests == 2 and len(listing.parsed.papers) == 10
    assert "repeats earlier pages only" in listing.failed[0]


def test_the_stand_ins_answer_parses_like_arxivs_own_recording():
    """The stand-in writes the API's layout: the same parser reads its head and entries."""
    items = load_listing(DAYS / "2025-10-22.jsonl")[:3]
    parsed, total = parse_arxiv_page(atom_feed("q", 0, 3, 216, items), origin="x")
    assert total == 216 and [p.arxiv_id for p in parsed.papers] == [i.fields["id"] for i in items]
