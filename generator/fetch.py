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


def day_range(since: dt.date, until: dt.date) -> list[dt.date]:
    return [since + dt.timedelta(days=n) for n in range((until - since).days + 1)]


def recent_days(today: dt.date, count: int) -> list[dt.date]:
    """The `count` days ending today: a day's list keeps growing after it first appears."""
    return day_range(today - dt.timedelta(days=count - 1), today)


def _fetch_hf(settings: Settings, store: Store, days: list[dt.date], report: FetchReport, concurrency: int) -> list[str]:
    """Every day's papers into the candidates, then the topic decided again; returns the ids
    this run named that the site publishes."""
    candidates = Candidates(settings.candidates_dir)
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
            ingest(parsed, f"{day}", settings, store, candidates, report)
            log.info("%s: %d items", day, len(parsed.papers) + len(parsed.skipped))
    settle(settings, store, report)
    published = {paper.arxiv_id for paper in store.load_all().papers}
    return [key for key in dict.fromkeys(report.seen) if key in published]


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


def fetch(settings: Settings, days: list[dt.date], *, source: str = "all", concurrency: int | None = None) -> FetchReport:
    store = Store(settings.papers_dir)
    store.clean_interrupted_writes()
    report = FetchReport()
    kept: list[str] = []
    if source in ("hf", "all"):
        kept = _fetch_hf(settings, store, days, report, concurrency or settings.fetch_concurrency)
    if source in ("arxiv", "all"):
        stored = store.load_all().papers
        window = set(days)
        # This run's papers, the window's, and (a bounded catch-up) any never looked up yet.
        ids = kept + [p.arxiv_id for p in stored if p.day in window]
        ids += [p.arxiv_id for p in stored if p.version is None][:MAX_CATCH_UP]
        _enrich(settings, store, list(dict.fromkeys(ids)), report)
    return report
