"""A stand-in for arXiv's API on 127.0.0.1, answering searches from real listing days.

The listing days are tests/fixtures/arxiv-days/*.jsonl (arXiv's own metadata of two announced
days; not in the API's format). This module gives each paper the submission time arXiv's
schedule implies and answers `search_query=cat:A AND submittedDate:[F TO T]` (or
`(cat:A OR cat:B) AND ...`) the way export.arxiv.org does: Atom in the API's current (2025-) layout, sorted by submission,
paged with `start`/`max_results`, `opensearch:totalResults` first, an error feed with HTTP 400
for a query it cannot read, and `id_list=` lookups of the papers it knows. `/api/daily_papers`
answers the items of `hf_days`, else an empty day (Hugging Face featured nothing). Faults are
injected per request number or per page: see `ArxivStandIn.faults` and `page_faults`.

Submission times: a listing day L (Tuesday to Friday) holds what was submitted from 14:00
New York time two days before to 14:00 the day before; a Monday holds Thursday 14:00 to Friday
14:00; a Tuesday holds Friday 14:00 to Monday 14:00. Papers of the month are spread over that
window in id order (ids are given in order of submission); an older paper in the listing
(a cross-list of an old paper) keeps a date in its id's month, so a date search does not find
it, as on arXiv.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from .replay import QuietHandler, Serving
from .site import DATA, FIXTURES

ATOM_NS = "http://www.w3.org/2005/Atom"
ARXIV_NS = "http://arxiv.org/schemas/atom"
OPENSEARCH_NS = "http://a9.com/-/spec/opensearch/1.1/"
NEW_YORK = ZoneInfo("America/New_York")
DAYS = DATA / "arxiv-days"

ET.register_namespace("", ATOM_NS)
ET.register_namespace("arxiv", ARXIV_NS)
ET.register_namespace("opensearch", OPENSEARCH_NS)

_QUERY = re.compile(r"\(?(?P<cats>cat:[^)]*?)\)? AND submittedDate:\[(?P<since>\d{12}) TO (?P<until>\d{12})\]")


def _cutoff(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(14, 0), NEW_YORK).astimezone(dt.timezone.utc)


def submission_window(listing: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """When the papers of listing day `listing` were submitted (UTC), by arXiv's weekly schedule."""
    weekday = listing.weekday()  # Monday 0
    end = listing - dt.timedelta(days=3 if weekday == 0 else 1)
    start = end - dt.timedelta(days=3 if weekday == 1 else 1)
    return _cutoff(start), _cutoff(end)


@dataclass(frozen=True)
class Listed:
    """One paper of a listing day with its submission time."""

    fields: dict
    submitted: dt.datetime


def load_listing(path: Path) -> list[Listed]:
    """A listing day's papers, each with the submission time the schedule implies."""
    listing = dt.date.fromisoformat(path.stem)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    month = f"{listing - dt.timedelta(days=1):%y%m}"
    fresh = sorted((r for r in rows if r["id"].startswith(month + ".")), key=lambda r: r["id"])
    start, end = submission_window(listing)
    step = (end - start) / max(len(fresh), 1)
    out = [Listed(r, (start + step * n).replace(microsecond=0)) for n, r in enumerate(fresh)]
    for row in rows:
        if not row["id"].startswith(month + "."):
            yymm = row["id"].split(".")[0]
            out.append(Listed(row, dt.datetime(2000 + int(yymm[:2]), int(yymm[2:]), 15, 12, tzinfo=dt.timezone.utc)))
    return out


def as_one_day(items: list[Listed], day: dt.date) -> list[Listed]:
    """The same papers, all submitted on `day` (UTC), spread over it in id order: a busy day of
    several categories for the daily-run benchmark (benchmarks/daily.py)."""
    ordered = sorted(items, key=lambda item: item.fields["id"])
    start = dt.datetime.combine(day, dt.time(0, 0), dt.timezone.utc)
    step = dt.timedelta(days=1) / max(len(ordered), 1)
    return [Listed(item.fields, (start + step * n).replace(microsecond=0)) for n, item in enumerate(ordered)]


def _stamp(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def atom_entry(feed: ET.Element, item: Listed, *, version: int = 1, comment: str | None = None) -> None:
    """One paper as the API's current layout writes it (element order as in a real answer)."""
    row = item.fields
    entry = _sub(feed, f"{{{ATOM_NS}}}entry")
    _sub(entry, f"{{{ATOM_NS}}}id", f"http://arxiv.org/abs/{row['id']}v{version}")
    _sub(entry, f"{{{ATOM_NS}}}title", row["title"])
    _sub(entry, f"{{{ATOM_NS}}}updated", _stamp(item.submitted))
    _sub(entry, f"{{{ATOM_NS}}}link", href=f"https://arxiv.org/abs/{row['id']}v{version}", rel="alternate", type="text/html")
    _sub(entry, f"{{{ATOM_NS}}}link", href=f"https://arxiv.org/pdf/{row['id']}v{version}", rel="related",
         type="application/pdf", title="pdf")
    _sub(entry, f"{{{ATOM_NS}}}summary", row["abstract"])
    for category in row["categories"]:
        _sub(entry, f"{{{ATOM_NS}}}category", term=category, scheme="http://arxiv.org/schemas/atom")
    _sub(entry, f"{{{ATOM_NS}}}published", _stamp(item.submitted))
    comment = comment if comment is not None else row.get("comment")
    if comment:
        _sub(entry, f"{{{ARXIV_NS}}}comment", comment)
    _sub(entry, f"{{{ARXIV_NS}}}primary_category", term=row["categories"][0])
    for name in row["authors"]:
        author = _sub(entry, f"{{{ATOM_NS}}}author")
        _sub(author, f"{{{ATOM_NS}}}name", name)


def atom_feed(query: str, start: int, size: int, total: int, items: list[Listed],
              *, withdrawn: frozenset[str] = frozenset()) -> bytes:
    """A whole answer: the feed's head (with `opensearch:` counts) and its entries."""
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, f"{{{ATOM_NS}}}id", "https://arxiv.org/api/standin")
    _sub(feed, f"{{{ATOM_NS}}}title", f"arXiv Query: search_query={query}&id_list=&start={start}&max_results={size}")
    _sub(feed, f"{{{ATOM_NS}}}updated", "2026-12-01T00:00:00Z")
    _sub(feed, f"{{{OPENSEARCH_NS}}}itemsPerPage", str(size))
    _sub(feed, f"{{{OPENSEARCH_NS}}}totalResults", str(total))
    _sub(feed, f"{{{OPENSEARCH_NS}}}startIndex", str(start))
    for item in items:
        if item.fields["id"] in withdrawn:
            atom_entry(feed, item, version=2, comment="This paper has been withdrawn by the authors")
        else:
            atom_entry(feed, item)
    ET.indent(feed, space="  ")
    return ET.tostring(feed, encoding="UTF-8", xml_declaration=True) + b"\n"


ERROR_FEED = (FIXTURES / "arxiv-query-2026-error-http400-bad-id.xml").read_bytes()


@dataclass
class Fault:
    """A canned answer in place of the real one."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/atom+xml; charset=utf-8"


def _parse(search: str) -> tuple[set[str], dt.datetime, dt.datetime] | None:
    match = _QUERY.fullmatch(search.strip())
    if not match:
        return None
    cats = {term.strip()[4:] for term in match.group("cats").split(" OR ") if term.strip().startswith("cat:")}
    since = dt.datetime.strptime(match.group("since"), "%Y%m%d%H%M").replace(tzinfo=dt.timezone.utc)
    until = dt.datetime.strptime(match.group("until"), "%Y%m%d%H%M").replace(tzinfo=dt.timezone.utc)
    return cats, since, until + dt.timedelta(seconds=59)


class _Handler(QuietHandler):

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        standin = self.server.owner
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        with standin.lock:
            standin.count += 1
            number = standin.count
            standin.requests.append((self.path, dict(self.headers)))
            standin.times.append(time.monotonic())
        if parts.path.endswith("/daily_papers"):
            items = standin.hf_days.get(query.get("date", ""), [])
            limit, page = int(query.get("limit", 50)), int(query.get("p", 0))
            self._send(200, json.dumps(items[page * limit:(page + 1) * limit]).encode(), "application/json")
            return
        if not parts.path.endswith("/query"):
            self._send(404, b"not found", "text/plain")
            return
        if query.get("id_list"):
            wanted = set(query["id_list"].split(","))
            known = [item for item in standin.papers if item.fields["id"] in wanted]
            body = atom_feed("", 0, len(wanted), len(known), known, withdrawn=standin.withdrawn)
            self._send(200, body, "application/atom+xml; charset=utf-8")
            return
        search, start = query.get("search_query", ""), int(query.get("start", 0))
        size = int(query.get("max_results", 10))
        parsed = _parse(search)
        day = parsed[1].date().isoformat() if parsed else ""
        key = (day, start)
        fault = standin.faults.get(number)
        if fault is None and key in standin.page_faults:
            fault = standin.page_faults.pop(key) if standin.once else standin.page_faults[key]
        if fault is not None:
            self._send(fault.status, fault.body, fault.content_type, fault.headers)
            return
        if parsed is None:
            self._send(400, ERROR_FEED, "application/atom+xml; charset=utf-8")
            return
        cats, since, until = parsed
        found = [item for item in standin.papers
                 if since <= item.submitted <= until and cats & set(item.fields["categories"])]
        found.sort(key=lambda item: (item.submitted, item.fields["id"]))
        # arXiv's paging is no snapshot: a page may slide back and repeat the end of the one before.
        first = 0 if standin.ignore_start else max(0, start - standin.repeat_pages.get(key, 0))
        page = found[first:first + size]
        total = standin.claim_total if standin.claim_total is not None else len(found)
        body = atom_feed(search, start, size, total, page, withdrawn=standin.withdrawn)
        self._send(200, body, "application/atom+xml; charset=utf-8")


@dataclass
class ArxivStandIn(Serving):
    """The server; `papers` are the listing days it knows."""

    handler: ClassVar[type[QuietHandler]] = _Handler

    papers: list[Listed] = field(default_factory=list)
    faults: dict[int, Fault] = field(default_factory=dict)
    """Answers in place of the real one, by request number (1 = the first request)."""
    page_faults: dict[tuple[str, int], Fault] = field(default_factory=dict)
    """Answers in place of the real one, by (first day of the query, start)."""
    once: bool = False
    """Whether a page fault answers only once (a retry then gets the real page)."""
    repeat_pages: dict[tuple[str, int], int] = field(default_factory=dict)
    """Pages that slide back by this many papers, repeating the end of the page before."""
    withdrawn: frozenset[str] = frozenset()
    """Papers served as a withdrawn second version."""
    ignore_start: bool = False
    """Answer every page as if `start` were 0 (a broken mirror)."""
    claim_total: int | None = None
    """A `totalResults` to claim instead of the real one."""
    hf_days: dict[str, list] = field(default_factory=dict)
    """Hugging Face's `daily_papers` items by day (`/api/daily_papers?date=`); other days are empty."""
    count: int = 0
    requests: list = field(default_factory=list)
    """Each request's path and headers, in order."""
    times: list[float] = field(default_factory=list)
    """When each request arrived (time.monotonic), in order."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_days(cls, paths: list[Path] | None = None, **kwargs: object) -> ArxivStandIn:
        paths = paths if paths is not None else sorted(DAYS.glob("*.jsonl"))
        return cls(papers=[item for path in paths for item in load_listing(path)], **kwargs)

    @property
    def base(self) -> str:
        return self.url("/api/query")

    @property
    def hf_base(self) -> str:
        return self.url("/api")

    def env(self) -> dict[str, str]:
        """The variables that point paperboy's two streams at this stand-in."""
        return {"PAPERBOY_ARXIV_API": self.base, "PAPERBOY_HF_API": self.hf_base}


if __name__ == "__main__":  # serve until interrupted: `python -m tests.support.arxiv_standin`
    with ArxivStandIn.from_days() as server:
        print(" ".join(f"{name}={value}" for name, value in server.env().items()), flush=True)
        while True:
            time.sleep(3600)
