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

As a stream (generator/sources/streams.py): `ask` a submission day, get a DayAnswer. arXiv
announces a day's submissions on its next announcement (`announced`), so a submission day's
answer is final only when asked after that (`complete`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from ..config import Settings
from ..errors import SourceError
from ..models import Paper
from . import DayAnswer, Parsed, Skipped
from .arxiv import parse_arxiv_page
from .net import Http

MAX_PAGES = 50
"""A day is never asked for in more pages than this (10,000 papers at 200 a page): a server that
claims an endless total cannot keep a run going."""


def query(category: str, day: dt.date) -> str:
    """The search for one day's new papers in `category` (dates are UTC, minutes inclusive)."""
    return f"cat:{category} AND submittedDate:[{day:%Y%m%d}0000 TO {day:%Y%m%d}2359]"


def fetch_day(http: Http, base: str, categories: Sequence[str], day: dt.date, *, page_size: int) -> DayAnswer:
    """Every page of one day's listing in each category, each paper once (the first category
    that names it gives it); a page that fails is named and the next is still asked."""
    parts = [_fetch_query(http, base, query(category, day), day, page_size) for category in categories]
    papers: dict[str, Paper] = {}
    for part in parts:
        for paper in part.parsed.papers:
            papers.setdefault(paper.arxiv_id, paper)
    totals = [part.total for part in parts if part.total is not None]
    return DayAnswer(
        "arxiv", day,
        Parsed(tuple(papers.values()), tuple(s for part in parts for s in part.parsed.skipped),
               tuple(d for part in parts for d in part.parsed.dropped)),
        failed=tuple(f for part in parts for f in part.failed),
        requests=sum(part.requests for part in parts),
        total=sum(totals) if totals else None,
    )


def _fetch_query(http: Http, base: str, search: str, day: dt.date, page_size: int) -> DayAnswer:
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
    return DayAnswer("arxiv", day, Parsed(tuple(papers.values()), tuple(skipped), tuple(dropped)),
                     failed=tuple(failed), requests=requests, total=total)


# --- the stream's face (generator/sources/streams.py) ---------------------------------------

CANDIDATE_BATCH = 7
"""Submission days whose papers are written to the candidates together (~500 papers a day)."""
NEW_YORK = ZoneInfo("America/New_York")
CUTOFF = dt.time(14, 0)
"""arXiv's daily submission deadline, US Eastern (Monday to Friday)."""
ANNOUNCEMENT = dt.time(20, 0)
"""When arXiv announces, US Eastern (Sunday to Thursday)."""


def client(settings: Settings) -> Http:
    """One client for every arXiv request of a run (the listing and the lookups by id), so its
    spacing (3 s: arXiv's rule) holds across them."""
    return Http(contact=settings.contact, policy=settings.http, min_interval=settings.arxiv.interval)


def workers(settings: Settings, asked: int | None) -> int:
    """One day at a time: requests are 3 s apart anyway."""
    return 1


def submission_days(days: Sequence[dt.date], lookback: int) -> list[dt.date]:
    """The submission days the arXiv stream asks for a window: each day of it and the `lookback`
    days before it, once each, oldest first."""
    wanted = {day - dt.timedelta(days=n) for day in days for n in range(lookback + 1)}
    return sorted(wanted)


def window(days: Sequence[dt.date], settings: Settings) -> list[dt.date]:
    return submission_days(days, settings.arxiv.lookback_days)


def announce(days: Sequence[dt.date], settings: Settings) -> str | None:
    return (f"{len(days)} submission days of {', '.join(settings.arxiv.categories)} "
            f"(requests {settings.arxiv.interval:g} s apart)")


def ask(http: Http, settings: Settings, day: dt.date) -> DayAnswer:
    """One submission day in every configured category."""
    return fetch_day(http, settings.arxiv_api, settings.arxiv.categories, day, page_size=settings.arxiv.page_size)


def said(answer: DayAnswer) -> str:
    """The day's log line: the papers read, of the results arXiv said the queries have."""
    return f"{len(answer.papers)} papers of {'?' if answer.total is None else answer.total}"


def announced(day: dt.date) -> dt.datetime:
    """When arXiv announces the last of submission day `day`'s papers (UTC).

    A submission day is a UTC day; arXiv's deadline is 14:00 US Eastern, Monday to Friday, and
    what came in before a deadline is announced at 20:00 Eastern on the deadline's day, except a
    Friday deadline, whose papers are announced on Sunday: so Monday 14:00 to Tuesday 14:00 is
    announced on Tuesday evening, Thursday 14:00 to Friday 14:00 on Sunday evening, and Friday
    14:00 to Monday 14:00 on Monday evening. A UTC day ends in the evening, Eastern, after that
    day's deadline: a Thursday's submissions are all announced on Sunday, a Friday's, Saturday's
    or Sunday's on Monday. arXiv's holidays (a few days a year when it announces nothing) are not
    modelled: such a day is called complete a day or two before it is.
    """
    last = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0), dt.timezone.utc).astimezone(NEW_YORK)
    deadline = last.date() if last.time() <= CUTOFF else last.date() + dt.timedelta(days=1)
    while deadline.weekday() >= 5:  # no deadline on Saturday or Sunday
        deadline += dt.timedelta(days=1)
    announcement = deadline + dt.timedelta(days=2) if deadline.weekday() == 4 else deadline
    return dt.datetime.combine(announcement, ANNOUNCEMENT, NEW_YORK).astimezone(dt.timezone.utc)


def complete(day: dt.date, asked: dt.datetime) -> bool:
    """Whether arXiv had announced all of submission day `day` when it was `asked`."""
    return asked >= announced(day)


def settles(day: dt.date, settings: Settings) -> dt.datetime:
    return announced(day)


def settled(day: dt.date, asked: dt.datetime, settings: Settings) -> bool:
    return complete(day, asked)
