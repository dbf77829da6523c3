"""`paperboy fetch`: the days' papers from each stream, the topic decided once, then arXiv
metadata for the kept papers that lack it.

The streams are registered in generator/sources/streams.py: Hugging Face Daily Papers (the
days' featured papers, with upvotes) and arXiv's own listing (every new paper of the configured
categories, by submission day, from the `lookback_days` before the window on: a paper is
announced a day or a weekend after it was submitted). `fetch` asks each for its days the same
way, and all end in the same path as `paperboy import` (generator/ingest.py): every paper
becomes or refreshes a candidate, and one record per paper, whichever stream saw it first.

Days are independent: each is fetched whole (every page) and stored; a day or page that fails
is named and the others are still stored. What each stream said for each day is recorded in
`content/status/` (generator/storage/daystatus.py), a failed day too. arXiv enrichment comes
after and can only add to records: when arXiv is down, the day's papers are already safe.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field

from . import lookups
from .config import Settings
from .ingest import Report, ingest, settle
from .progress import progress
from .sources import DayAnswer, arxiv
from .sources.net import Http
from .sources.streams import Stream, chosen, reason, settled
from .storage.candidates import Batched, Candidates
from .storage.corpus import Corpus
from .storage.daystatus import DayStatus, StreamDay
from .storage.store import Store

log = logging.getLogger("paperboy")

MAX_CATCH_UP = 500


@dataclass(frozen=True)
class Asked:
    """What a run asked of one stream."""

    days: int = 0
    """Days asked for."""
    requests: int = 0
    """Requests made (pages)."""
    papers: int = 0
    """Papers the stream named (each once a day)."""


@dataclass
class FetchReport(Report):
    warnings: list[str] = field(default_factory=list)
    """Problems that did not cost a record (arXiv enrichment that failed, say)."""
    enriched: int = 0
    refreshed: int = 0
    """Older days asked for again for their counts."""
    asked: dict[str, Asked] = field(default_factory=dict)
    """What was asked of each stream, by its name."""
    hub_papers: int = 0
    """Published papers whose releases were looked up on the Hub."""
    hub_changed: int = 0
    """Of those, the papers whose stored releases changed."""
    hub_deferred: int = 0
    """Papers due for a lookup that wait for the next run (`hub.budget`)."""

    @property
    def arxiv_days(self) -> int:
        """Submission days asked of arXiv's listing."""
        return self.asked.get("arxiv", Asked()).days

    @property
    def arxiv_requests(self) -> int:
        """Requests made to arXiv's listing (one page each, 3 seconds apart)."""
        return self.asked.get("arxiv", Asked()).requests

    @property
    def arxiv_papers(self) -> int:
        """Papers arXiv's listing named (each once a day)."""
        return self.asked.get("arxiv", Asked()).papers


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


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _answers(stream: Stream, http: Http, settings: Settings, days: list[dt.date], workers: int) -> Iterator[DayAnswer]:
    """Each day's answer, in day order whatever order they arrive in (runs are repeatable);
    `workers` days asked at once. Days not asked yet are dropped when the caller stops early."""
    face = stream.face
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        futures = [pool.submit(face.ask, http, settings, day) for day in days]
        for future in futures:
            yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _fetch_stream(
    stream: Stream, http: Http, settings: Settings, store: Store, days: list[dt.date], report: FetchReport,
    clock: Callable[[], dt.datetime], workers: int,
) -> tuple[dict[dt.date, list[str]], list[StreamDay]]:
    """Every day's papers of one stream into the candidates (and the records they refresh).
    Returns the ids each day named, and what the stream said for each day. The topic is
    decided after, once (`settle`)."""
    face = stream.face
    candidates = Batched(Candidates(settings.candidates_dir), every=face.CANDIDATE_BATCH)
    named: dict[dt.date, list[str]] = {}
    said: list[StreamDay] = []
    asked = Asked()
    if (line := face.announce(days, settings)) is not None:
        log.info("%s: %s", stream.label or stream.title, line)
    with progress(stream.progress, len(days), "day") as bar:
        for answer in _answers(stream, http, settings, days, workers):
            bar.update()
            origin = stream.origin(answer.day)
            asked = Asked(asked.days + 1, asked.requests + answer.requests, asked.papers + len(answer.papers))
            said.append(StreamDay(answer.day, stream.name, clock(), answer.ok,
                                  len(answer.papers) if answer.ok else None, reason(answer.failed)))
            for message in answer.failed:
                log.error("failed %s: %s", origin, message)
                report.failed.append(f"{origin}: {message}")
            if answer.parsed is None:
                continue  # failed whole: nothing to store
            named[answer.day] = ingest(answer.parsed, origin, settings, store, candidates, report)
            log.info("%s: %s", origin, face.said(answer))
    for problem in candidates.flush().problems:
        log.error("%s", problem)
        report.problems.append(problem)
    report.asked[stream.name] = asked
    return named, said


def _record_status(settings: Settings, said: list[StreamDay], report: FetchReport) -> None:
    """What each stream said for each day it was asked, into content/status/ (a line rewritten
    only when what the stream said changed, or became final)."""
    recorded = DayStatus.record(settings.status_dir, said,
                                settled=lambda item: settled(item.stream, item.day, item.asked, settings))
    report.problems.extend(recorded.problems)


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
    refresh: list[dt.date] | None = None, clock: Callable[[], dt.datetime] = utc_now,
) -> FetchReport:
    """Fetch `days` from the streams `source` names (a stream's name or `all`), decide the topic
    once, then look the kept papers that lack arXiv metadata up by id; and `refresh` older days
    of a stream that refreshes (Hugging Face) for their counts (stored through the same path,
    not looked up again). What each stream said for each day goes to content/status/, with the
    time `clock` gives (UTC) when the answer came."""
    store = Store(settings.papers_dir)
    store.clean_interrupted_writes()
    report = FetchReport()
    window = set(days)
    named: list[str] = []  # the window's papers, each once, for the lookups by id
    listed: set[str] = set()  # papers a stream with arXiv's own metadata just described
    with ExitStack() as clients:
        lookups: Http | None = None
        for stream in chosen(source):
            http = clients.enter_context(stream.face.client(settings))
            asked = stream.face.window(days, settings)
            if stream.refreshes and refresh:
                asked = sorted(set(refresh) - window) + asked
                report.refreshed = len(refresh)
            ids, said = _fetch_stream(stream, http, settings, store, asked, report, clock,
                                      stream.face.workers(settings, concurrency))
            _record_status(settings, said, report)
            if stream.lookups:
                lookups = http
                listed.update(key for found in ids.values() for key in found)
            else:
                named += [key for day, found in ids.items() if day in window for key in found]
        corpus = Corpus(settings) if lookups is None else _revive(settings, lookups, Corpus(settings), report)
        after = settle(settings, corpus, report)  # the topic decided again, once, over everything fetched
        if lookups is not None:
            after = _enrich_kept(settings, lookups, store, after, list(dict.fromkeys(named)), listed, window, report)
    _look_up_releases(settings, after, report)
    return report


def _enrich_kept(settings: Settings, http: Http, store: Store, after: Corpus, named: list[str], listed: set[str],
                 window: set[dt.date], report: FetchReport) -> Corpus:
    """arXiv's metadata for this run's kept papers, the window's, and (a bounded catch-up) any
    never looked up yet; not those arXiv's listing has just described. Returns the corpus as it
    is after."""
    stored = after.records().papers
    published = {paper.arxiv_id for paper in stored}
    ids = [key for key in named if key in published] + [p.arxiv_id for p in stored if p.day in window]
    ids += [p.arxiv_id for p in stored if p.version is None][:MAX_CATCH_UP]
    if _enrich(settings, http, store, [key for key in dict.fromkeys(ids) if key not in listed], report):
        return Corpus(settings, since=after)
    return after


def _look_up_releases(settings: Settings, corpus: Corpus, report: FetchReport) -> None:
    """What the published papers released on the Hub: last, when every record is stored; its
    failures are warnings (a Hub outage never fails the run; the last known lists stay)."""
    today = dt.datetime.now(dt.timezone.utc).date()
    looked = lookups.look_up(settings, corpus.records().papers, today)
    report.hub_papers, report.hub_changed, report.hub_deferred = looked.papers, looked.changed, looked.deferred
    report.warnings.extend(looked.warnings)
