"""Hugging Face Daily Papers: `GET /api/daily_papers?date=YYYY-MM-DD` responses to Papers.

The same parser serves live responses and recorded ones, so a fetched day and an imported
recording of it give identical records. Field history: tests/fixtures/real/SOURCES.md.

As a stream (generator/sources/streams.py): `ask` a day, get a DayAnswer; a day's list keeps
growing for a few days after it first appears (`growing`), so a fetch asks for the last
`refetch_days` again, and a day's answer counts once all of it has come.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from typing import Any

from ..config import Settings
from ..errors import InvalidRecord, PaperboyError, SourceError
from ..models import Paper, clean_hf_name, clean_url, make_paper
from . import DayAnswer, Parsed, Skipped
from .net import Http

log = logging.getLogger("paperboy")


def decode_json(data: bytes, origin: str) -> Any:
    """JSON from bytes, or SourceError naming what the bytes were instead."""
    try:
        return json.loads(data)
    except UnicodeDecodeError:
        raise SourceError(f"{origin}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        start = data[:40].lstrip().lower()
        if start.startswith((b"<!doctype", b"<html")):
            raise SourceError(f"{origin}: an HTML page, not JSON") from None
        raise SourceError(f"{origin}: not valid JSON ({exc.msg} at line {exc.lineno})") from None


def _featured_day(item: dict, paper: dict, day: dt.date | None) -> object:
    if day is not None:
        return day
    # No day was asked for (a recording without a date in its name): the day HF listed it.
    return paper.get("submittedOnDailyAt") or item.get("publishedAt")


def _names(authors: object) -> list[object] | object:
    if not isinstance(authors, list):
        return authors  # make_paper names the wrong type
    return [a.get("name") if isinstance(a, dict) else a for a in authors]


def _optional_url(value: object, field: str, dropped: list[str]) -> str | None:
    """A link is optional: one that is not a valid http(s) URL is left out, not fatal."""
    try:
        return clean_url(value, field)
    except InvalidRecord as exc:
        dropped.append(f"left out {exc}")
        return None


def _who(value: object, field: str, dropped: list[str]) -> tuple[object, object]:
    """(name, fullname) of an HF organization or user object. Optional: one whose name is not a
    Hugging Face name (it becomes a link) is left out and noted, not fatal to the paper."""
    if not isinstance(value, dict):
        return None, None
    name = value.get("name") if value.get("name") is not None else value.get("user")
    try:
        clean_hf_name(name, field)
    except InvalidRecord as exc:
        dropped.append(f"left out {exc}")
        return None, None
    return name, value.get("fullname")


def paper_from_item(item: Any, day: dt.date | None, dropped: list[str] | None = None) -> Paper:
    """One `daily_papers` item to a Paper; raises InvalidRecord or PaperboyError.

    Optional links that are not http(s) are left out, each noted in `dropped`.
    """
    dropped = [] if dropped is None else dropped
    if not isinstance(item, dict):
        raise InvalidRecord("item", f"expected an object, got {type(item).__name__}")
    paper = item.get("paper")
    if not isinstance(paper, dict):
        raise InvalidRecord("paper", "missing or not an object")
    # The item's `organization` repeats the paper's in every recording that has both.
    organization, organization_fullname = _who(paper.get("organization") or item.get("organization"), "organization", dropped)
    submitter, submitter_fullname = _who(paper.get("submittedOnDailyBy"), "submitted_by", dropped)
    return make_paper(
        arxiv_id=paper.get("id"),
        title=paper.get("title") if paper.get("title") is not None else item.get("title"),
        authors=_names(paper.get("authors")),
        abstract=paper.get("summary"),
        published=paper.get("publishedAt"),
        featured=_featured_day(item, paper, day),
        upvotes=paper.get("upvotes"),
        comments=item.get("numComments"),
        code=_optional_url(paper.get("githubRepo"), "code", dropped),
        stars=paper.get("githubStars"),
        project=_optional_url(paper.get("projectPage"), "project", dropped),
        keywords=paper.get("ai_keywords"),
        ai_summary=paper.get("ai_summary"),
        ai_summary_model=paper.get("ai_summary_model"),
        organization=organization, organization_fullname=organization_fullname,
        submitted_by=submitter, submitted_by_fullname=submitter_fullname,
        thumbnail=_optional_url(item.get("thumbnail") or paper.get("thumbnail"), "thumbnail", dropped),
    )


def _label(index: int, item: Any) -> str:
    paper = item.get("paper") if isinstance(item, dict) else None
    paper_id = paper.get("id") if isinstance(paper, dict) else None
    if isinstance(paper_id, str) and len(paper_id) <= 40 and paper_id.isprintable():
        return f"item {index} ({paper_id})"
    return f"item {index}"


def parse_daily_papers(items: Any, *, day: dt.date | None, origin: str) -> Parsed:
    """Parse one decoded response; the wrong shape raises SourceError, a bad item is skipped."""
    if not isinstance(items, list):
        kind = "an object" if isinstance(items, dict) else type(items).__name__
        raise SourceError(f"{origin}: expected a list of papers, got {kind}")
    if items and not any(isinstance(item, dict) for item in items):
        kind = type(items[0]).__name__
        raise SourceError(f"{origin}: expected a list of paper objects, got a list of {kind}")
    papers, skipped, dropped = [], [], []
    for index, item in enumerate(items, start=1):
        notes: list[str] = []
        try:
            papers.append(paper_from_item(item, day, notes))
        except PaperboyError as exc:
            skipped.append(Skipped(origin, _label(index, item), str(exc)))
            continue
        dropped.extend(Skipped(origin, _label(index, item), note) for note in notes)
    return Parsed(tuple(papers), tuple(skipped), tuple(dropped))


def _item_key(item: Any) -> object:
    paper = item.get("paper") if isinstance(item, dict) else None
    key = paper.get("id") if isinstance(paper, dict) else None
    return key if isinstance(key, str) else json.dumps(item, sort_keys=True, default=str)


def fetch_day(http: Http, base: str, day: dt.date, *, page_size: int = 50, max_pages: int = 40,
              pages: list[str] | None = None) -> Parsed:
    """One day's list, every page of it, parsed exactly as a recording of that day would be.

    The API pages at `limit` items (`p` counts from 0). A page shorter than `limit` is the last;
    so is a page that brings nothing new (a server that ignores `p` cannot loop us). Each page
    asked for is appended to `pages` (its URL), when given.
    """
    url = f"{base.rstrip('/')}/daily_papers"
    origin = f"{url}?date={day.isoformat()}"
    items: list[Any] = []
    seen: set[object] = set()
    for page in range(max_pages):
        if pages is not None:
            pages.append(f"{origin}&p={page}")
        response = http.get(url, {"date": day.isoformat(), "limit": page_size, "p": page})
        if response.status == 404 and page == 0:
            # No list for that day (yet): the same as an empty day, not a failure of the run.
            log.info("%s: no list for this day (HTTP 404)", origin)
            break
        if response.status != 200:
            raise SourceError(f"{response.url}: HTTP {response.status}")
        batch = decode_json(response.content, response.url)
        if not isinstance(batch, list):
            parse_daily_papers(batch, day=day, origin=response.url)  # raises, naming the shape
        new = [item for item in batch if _item_key(item) not in seen]
        seen.update(_item_key(item) for item in new)
        items.extend(new)
        if len(batch) < page_size or not new:
            break
    else:
        log.warning("%s: stopped after %d pages of %d", origin, max_pages, page_size)
    return parse_daily_papers(items, day=day, origin=origin)


# --- the stream's face (generator/sources/streams.py) ---------------------------------------

CANDIDATE_BATCH = 1
"""Days whose papers are written to the candidates together: each day at once (a run killed
mid-way keeps every day it got)."""


def client(settings: Settings) -> Http:
    """One client for the run's requests to Hugging Face, shared by the days fetched at once."""
    return Http(contact=settings.contact, policy=settings.http)


def workers(settings: Settings, asked: int | None) -> int:
    """Days asked at once: `--concurrency`, else `fetch_concurrency`."""
    return asked or settings.fetch_concurrency


def window(days: Sequence[dt.date], settings: Settings) -> list[dt.date]:
    """The featured days a fetch window asks for: its own."""
    return list(days)


def announce(days: Sequence[dt.date], settings: Settings) -> str | None:
    """Nothing to say before the days: the progress bar and each day's line say it."""
    return None


def ask(http: Http, settings: Settings, day: dt.date) -> DayAnswer:
    """One featured day, whole, as a DayAnswer; a failure is in `failed` (the day is all or
    nothing: a list that failed half-way is not stored)."""
    pages: list[str] = []
    try:
        parsed = fetch_day(http, settings.hf_api, day, pages=pages)
    except SourceError as exc:
        return DayAnswer("hf", day, None, failed=(str(exc),), requests=len(pages))
    return DayAnswer("hf", day, parsed, requests=len(pages))


def said(answer: DayAnswer) -> str:
    """The day's log line, after its day: every item read, kept or skipped."""
    return f"{len(answer.papers) + (len(answer.parsed.skipped) if answer.parsed else 0)} items"


def growing(day: dt.date, asked: dt.datetime, refetch_days: int) -> bool:
    """Whether a day's list could still grow when it was `asked` (UTC): Hugging Face adds papers
    to a day for a few days, and a fetch asks the last `refetch_days` days again for that, so
    an answer within them may not be the last word."""
    return (asked.astimezone(dt.timezone.utc).date() - day).days < refetch_days


def settles(day: dt.date, settings: Settings) -> dt.datetime:
    """From when a day's list is the last word: once a fetch no longer asks for it again."""
    return dt.datetime.combine(day + dt.timedelta(days=settings.refetch_days), dt.time(), dt.timezone.utc)


def settled(day: dt.date, asked: dt.datetime, settings: Settings) -> bool:
    """Whether what the stream said for `day` when `asked` is final: the list stopped growing."""
    return not growing(day, asked, settings.refetch_days)
