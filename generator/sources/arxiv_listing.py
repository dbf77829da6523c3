"""arXiv's new papers, a day at a time: the API's search by category and submission date.

`search_query=cat:cs.CL AND submittedDate:[YYYYMMDD0000 TO YYYYMMDD2359]`, one query per
category, each paged with `start`/`max_results` and sorted by submission date, so the pages of
one query are a stable sequence. A paper cross-listed in several categories is named by each of
their queries and kept once. (One query per category, not one ORing them: it is the form arXiv
documents and every mirror understands, and a category that fails does not cost the others.)
arXiv's dates are UTC and `submittedDate` is the first version's: a paper's day on this stream is
the day (UTC) its first version was submitted, which is also its `published` date.

What goes wrong, and what this module does about it:
- a page that fails (an error feed, an HTML error page, truncated XML, a 5xx or 429 after every
  retry of generator/sources/net.py) is named in `failed`; the query's other pages are still
  read; when its first page fails, the query's size is unknown and it is named as a whole (the
  other categories are still asked);
- a page that repeats papers of an earlier page (arXiv's paging is not a snapshot) adds only
  the papers not seen yet; a page of nothing but repeats ends that query, named (a server that
  ignores `start`);
- a page that comes back empty before the end (arXiv sometimes answers so under load) is named;
- an empty day is not an error: arXiv says `totalResults` 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import SourceError
from ..models import Paper
from . import Parsed, Skipped
from .arxiv import parse_arxiv_page
from .net import Http

MAX_PAGES = 50
"""A day is never asked for in more pages than this (10,000 papers at 200 a page): a server that
claims an endless total cannot keep a run going."""


@dataclass(frozen=True)
class DayListing:
    """What arXiv listed for one submission day."""

    day: dt.date
    parsed: Parsed
    """Every paper read (each once, in arXiv's order) and the entries that could not be read."""
    total: int | None
    """How many results arXiv said the day's queries have, a cross-listed paper counted in each
    of its categories (None: the first page of every query failed)."""
    requests: int
    """How many pages were asked for."""
    failed: tuple[str, ...]
    """Each page that failed, named by its URL and reason."""


def query(category: str, day: dt.date) -> str:
    """The search for one day's new papers in `category` (dates are UTC, minutes inclusive)."""
    return f"cat:{category} AND submittedDate:[{day:%Y%m%d}0000 TO {day:%Y%m%d}2359]"


def fetch_day(http: Http, base: str, categories: Sequence[str], day: dt.date, *, page_size: int) -> DayListing:
    """Every page of one day's listing in each category, each paper once (the first category
    that names it gives it); a page that fails is named and the next is still asked."""
    parts = [_fetch_query(http, base, query(category, day), day, page_size) for category in categories]
    papers: dict[str, Paper] = {}
    for part in parts:
        for paper in part.parsed.papers:
            papers.setdefault(paper.arxiv_id, paper)
    totals = [part.total for part in parts if part.total is not None]
    return DayListing(
        day,
        Parsed(tuple(papers.values()), tuple(s for part in parts for s in part.parsed.skipped),
               tuple(d for part in parts for d in part.parsed.dropped)),
        sum(totals) if totals else None,
        sum(part.requests for part in parts),
        tuple(f for part in parts for f in part.failed),
    )


def _fetch_query(http: Http, base: str, search: str, day: dt.date, page_size: int) -> DayListing:
    """Every page of one query, each paper once."""
    papers: dict[str, Paper] = {}
    skipped: list[Skipped] = []
    dropped: list[Skipped] = []
    failed: list[str] = []
    total: int | None = None
    start = requests = 0
    while requests < MAX_PAGES and (total is None or start < total):
        params = {"search_query": search, "start": start, "max_results": page_size,
                  "sortBy": "submittedDate", "sortOrder": "ascending"}
        requests += 1
        try:
            response = http.get(base, params)
            parsed, said = parse_arxiv_page(response.content, origin=response.url)
            if response.status >= 400:
                raise SourceError(f"{response.url}: HTTP {response.status}")
        except SourceError as exc:
            failed.append(str(exc))
            if total is None:
                break  # the query's size is unknown: nothing to page through
            start += page_size
            continue
        count = len(parsed.papers) + len(parsed.skipped)
        if said is not None:
            total = said if total is None else total
        elif total is None or start + count >= total:
            # No total given: a full page means there may be more, a short one is the end.
            total = start + count + (1 if count >= page_size else 0)
        if not count and start < total:
            failed.append(f"{response.url}: an empty page at {start} of {total} results")
        new = [paper for paper in parsed.papers if paper.arxiv_id not in papers]
        if parsed.papers and not new:
            # Nothing but papers already read: a server that ignores `start` cannot loop us.
            failed.append(f"{response.url}: the page repeats earlier pages only; this query stops here")
            break
        for paper in new:
            papers[paper.arxiv_id] = paper
        skipped += parsed.skipped
        dropped += parsed.dropped
        start += page_size
    return DayListing(day, Parsed(tuple(papers.values()), tuple(skipped), tuple(dropped)), total, requests, tuple(failed))
