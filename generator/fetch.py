"""`paperboy fetch`: days from Hugging Face Daily Papers, then arXiv metadata for what we keep.

Days are independent: each is fetched whole (every page) and stored through the same path as
`paperboy import`; a day that fails is named and the others are still stored. arXiv enrichment
comes after and can only add to records: when arXiv is down, the day's papers are already safe.
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field


from .config import Settings
from .errors import SourceError
from .ingest import Report, ingest, settle
from .progress import progress
from .sources import arxiv, hf
from .sources.net import Http
from .storage.candidates import Candidates
from .storage.store import Store

log = logging.getLogger("paperboy")

MAX_CATCH_UP = 500


@dataclass
class FetchReport(Report):
    warnings: list[str] = field(default_factory=list)
    """Problems that did not cost a record (arXiv enrichment that failed, say)."""
    enriched: int = 0
    refreshed: int = 0
    """Older days asked for again for their counts."""


def day_range(since: dt.date, until: dt.date) -> list[dt.date]:
    return [since + dt.timedelta(days=n) for n in range((until - since).days + 1)]


def recent_days(today: dt.date, count: int) -> list[dt.date]:
    """The `count` days ending today: a day's list keeps growing after it first appears."""
    return day_range(today - dt.timedelta(days=count - 1), today)


def refresh_days(today: dt.date, settings: Settings) -> list[dt.date]:
    """The older days whose counts this run refreshes: of the days after the last
    `refetch_days` and up to `refresh_days` back, those a multiple of `refresh_every` days old
    (by default 7, 14, 21 and 28 days back). So each day comes round once every `refresh_every`
    days, a run asks for a handful, and week and month rankings follow HF's rising upvotes
    cheaply, with nothing remembered between runs."""
    every = settings.refresh_every
    older = (today - dt.timedelta(days=n) for n in range(settings.refresh_days - 1, settings.refetch_days - 1, -1))
    return [day for day in older if day.toordinal() % every == today.toordinal() % every]


def _fetch_hf(settings: Settings, store: Store, days: list[dt.date], report: FetchReport, concurrency: int) -> list[str]:
    """Every day's papers into the candidates (and the records they refresh); returns the ids
    these days named, in order. The topic is decided after (`settle`)."""
    candidates = Candidates(settings.candidates_dir)
    seen: list[str] = []
    with Http(contact=settings.contact, policy=settings.http) as http, \
            ThreadPoolExecutor(max_workers=concurrency) as pool, progress("fetch", len(days), "day") as bar:
        futures = [pool.submit(hf.fetch_day, http, settings.hf_api, day) for day in days]
        # Results are stored in day order, whatever order they arrive in: runs are repeatable.
        for day, future in zip(days, futures):
            bar.update()
            try:
                parsed = future.result()
            except SourceError as exc:
                message = f"{day}: {exc}"
                log.error("failed %s", message)
                report.failed.append(message)
                continue
            seen += ingest(parsed, f"{day}", settings, store, candidates, report)
            log.info("%s: %d items", day, len(parsed.papers) + len(parsed.skipped))
    return list(dict.fromkeys(seen))


def _enrich(settings: Settings, store: Store, ids: list[str], report: FetchReport) -> None:
    if not ids:
        return
    log.info("arXiv: looking up %d papers (one request per %d ids, %.0f s apart)", len(ids), arxiv.BATCH, arxiv.MIN_INTERVAL)
    with Http(contact=settings.contact, policy=settings.http, min_interval=arxiv.MIN_INTERVAL) as http, \
            progress("arXiv", len(ids), "paper") as bar:
        parsed, failed = arxiv.fetch_papers(http, settings.arxiv_api, ids, on_batch=bar.update)
    for message in failed:
        log.warning("arXiv lookup failed, records left as they are: %s", message)
    report.warnings.extend(failed)
    for skipped in parsed.skipped:
        log.warning("skipped %s", skipped)
    wanted = set(ids)
    counts = store.upsert([p for p in parsed.papers if p.arxiv_id in wanted], create=False)
    report.enriched += counts.updated
    report.problems.extend(counts.problems)


def fetch(
    settings: Settings, days: list[dt.date], *, source: str = "all", concurrency: int | None = None,
    refresh: list[dt.date] | None = None,
) -> FetchReport:
    """Fetch `days` (then look their papers up on arXiv), and `refresh` (older days, for their
    counts: stored through the same path, but not looked up on arXiv again)."""
    store = Store(settings.papers_dir)
    store.clean_interrupted_writes()
    report = FetchReport()
    kept: list[str] = []
    if source in ("hf", "all"):
        concurrency = concurrency or settings.fetch_concurrency
        if refresh:
            _fetch_hf(settings, store, sorted(set(refresh) - set(days)), report, concurrency)
            report.refreshed = len(refresh)
        named = _fetch_hf(settings, store, days, report, concurrency)
        settle(settings, store, report)  # the topic decided again, once, over everything fetched
        published = {paper.arxiv_id for paper in store.load_all().papers}
        kept = [key for key in named if key in published]
    if source in ("arxiv", "all"):
        stored = store.load_all().papers
        window = set(days)
        # This run's papers, the window's, and (a bounded catch-up) any never looked up yet.
        ids = kept + [p.arxiv_id for p in stored if p.day in window]
        ids += [p.arxiv_id for p in stored if p.version is None][:MAX_CATCH_UP]
        _enrich(settings, store, list(dict.fromkeys(ids)), report)
    return report
