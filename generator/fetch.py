"""`paperboy fetch`: the days' papers from both streams, the topic decided once, then arXiv
metadata for the kept papers that lack it.

The two streams are Hugging Face Daily Papers (the days' featured papers, with upvotes) and
arXiv's own listing (every new paper of the configured categories, by submission day, from the
`lookback_days` before the window on: a paper is announced a day or a weekend after it was
submitted). Both end in the same path as `paperboy import` (generator/ingest.py): every paper
becomes or refreshes a candidate, and one record per paper, whichever stream saw it first.

Days are independent: each is fetched whole (every page) and stored; a day or page that fails
is named and the others are still stored. arXiv enrichment comes after and can only add to
records: when arXiv is down, the day's papers are already safe.
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field


from . import lookups
from .config import Settings
from .errors import SourceError
from .ingest import Report, ingest, settle
from .progress import progress
from .sources import arxiv, arxiv_listing, hf
from .sources.net import Http
from .storage.candidates import Batched, Candidates
from .storage.corpus import Corpus
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
    arxiv_days: int = 0
    """Submission days asked of arXiv's listing."""
    arxiv_requests: int = 0
    """Requests made to arXiv's listing (one page each, 3 seconds apart)."""
    arxiv_papers: int = 0
    """Papers arXiv's listing named (each once a day)."""
    hub_papers: int = 0
    """Published papers whose releases were looked up on the Hub."""
    hub_changed: int = 0
    """Of those, the papers whose stored releases changed."""
    hub_deferred: int = 0
    """Papers due for a lookup that wait for the next run (`hub.papers_per_run`)."""


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


def arxiv_days(days: list[dt.date], lookback: int) -> list[dt.date]:
    """The submission days the arXiv stream asks for a window: each day of it and the `lookback`
    days before it, once each, oldest first."""
    wanted = {day - dt.timedelta(days=n) for day in days for n in range(lookback + 1)}
    return sorted(wanted)


def _arxiv_http(settings: Settings) -> Http:
    """One client for every arXiv request of a run, so its spacing (3 s: arXiv's rule) holds
    across the parts."""
    return Http(contact=settings.contact, policy=settings.http, min_interval=settings.arxiv.interval)


def _fetch_arxiv(settings: Settings, http: Http, store: Store, days: list[dt.date], report: FetchReport) -> list[str]:
    """Every day's new papers from arXiv's listing into the candidates; returns their ids."""
    candidates = Batched(Candidates(settings.candidates_dir), every=7)
    stream = settings.arxiv
    seen: list[str] = []
    log.info("arXiv: %d submission days of %s (requests %.0f s apart)", len(days), ", ".join(stream.categories),
             settings.arxiv.interval)
    with progress("arXiv", len(days), "day") as bar:
        for day in days:
            listing = arxiv_listing.fetch_day(http, settings.arxiv_api, stream.categories, day,
                                              page_size=stream.page_size)
            bar.update()
            report.arxiv_days += 1
            report.arxiv_requests += listing.requests
            report.arxiv_papers += len(listing.parsed.papers)
            for message in listing.failed:
                log.error("failed arXiv %s: %s", day, message)
                report.failed.append(f"arXiv {day}: {message}")
            seen += ingest(listing.parsed, f"arXiv {day}", settings, store, candidates, report)
            log.info("arXiv %s: %d papers of %s", day, len(listing.parsed.papers),
                     "?" if listing.total is None else listing.total)
    for problem in candidates.flush().problems:
        log.error("%s", problem)
        report.problems.append(problem)
    return list(dict.fromkeys(seen))


def _revive(settings: Settings, http: Http, corpus: Corpus, report: FetchReport) -> Corpus:
    """Compact candidates that a person has labelled since: looked up on arXiv by id, so the
    topic stage has their text again (a label `on` needs a title and an abstract to publish).
    Returns the corpus with them (`corpus` itself when there were none)."""
    labels = corpus.labels()
    ids = [key for key in corpus.candidates().compact if key in labels]
    if not ids:
        return corpus
    log.info("arXiv: looking up %d labelled compact candidates again", len(ids))
    parsed, failed = arxiv.fetch_papers(http, settings.arxiv_api, ids)
    for message in failed:
        log.warning("arXiv lookup failed, candidates left compact: %s", message)
    report.warnings.extend(failed)
    wanted = set(ids)
    counts = Candidates(settings.candidates_dir).upsert([p for p in parsed.papers if p.arxiv_id in wanted])
    report.problems.extend(counts.problems)
    return Corpus(settings, since=corpus)


def _enrich(settings: Settings, http: Http, store: Store, ids: list[str], report: FetchReport) -> bool:
    """arXiv's metadata for the records `ids`; True when some record changed."""
    if not ids:
        return False
    log.info("arXiv: looking up %d papers (one request per %d ids, %.0f s apart)", len(ids), arxiv.BATCH,
             settings.arxiv.interval)
    with progress("arXiv", len(ids), "paper") as bar:
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
    return counts.updated > 0


def fetch(
    settings: Settings, days: list[dt.date], *, source: str = "all", concurrency: int | None = None,
    refresh: list[dt.date] | None = None,
) -> FetchReport:
    """Fetch `days` from the streams `source` names (`hf`, `arxiv` or `all`), decide the topic
    once, then look the kept papers that lack arXiv metadata up by id; and `refresh` older days
    of Hugging Face for their counts (stored through the same path, not looked up again)."""
    store = Store(settings.papers_dir)
    store.clean_interrupted_writes()
    report = FetchReport()
    named: list[str] = []
    if source in ("hf", "all"):
        concurrency = concurrency or settings.fetch_concurrency
        if refresh:
            _fetch_hf(settings, store, sorted(set(refresh) - set(days)), report, concurrency)
            report.refreshed = len(refresh)
        named = _fetch_hf(settings, store, days, report, concurrency)
    if source not in ("arxiv", "all"):
        after = settle(settings, Corpus(settings), report)  # the topic decided again, once, over everything fetched
        _look_up_releases(settings, after, report)
        return report
    with _arxiv_http(settings) as http:
        listed = set(_fetch_arxiv(settings, http, store, arxiv_days(days, settings.arxiv.lookback_days), report))
        corpus = _revive(settings, http, Corpus(settings), report)
        after = settle(settings, corpus, report)  # the topic decided again, once, over everything fetched
        stored = after.records().papers
        published = {paper.arxiv_id for paper in stored}
        window = set(days)
        # This run's kept papers, the window's, and (a bounded catch-up) any never looked up yet;
        # not those arXiv's listing has just described.
        ids = [key for key in named if key in published] + [p.arxiv_id for p in stored if p.day in window]
        ids += [p.arxiv_id for p in stored if p.version is None][:MAX_CATCH_UP]
        if _enrich(settings, http, store, [key for key in dict.fromkeys(ids) if key not in listed], report):
            after = Corpus(settings, since=after)
    _look_up_releases(settings, after, report)
    return report


def _look_up_releases(settings: Settings, corpus: Corpus, report: FetchReport) -> None:
    """What the published papers released on the Hub: last, when every record is stored; its
    failures are warnings (a Hub outage never fails the run; the last known lists stay)."""
    today = dt.datetime.now(dt.timezone.utc).date()
    looked = lookups.look_up(settings, corpus.records().papers, today)
    report.hub_papers, report.hub_changed, report.hub_deferred = looked.papers, looked.changed, looked.deferred
    report.warnings.extend(looked.warnings)
