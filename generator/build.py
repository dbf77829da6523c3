"""The pipeline, stage by stage: topic -> derived pages and feeds -> MkDocs -> search index.

The topic stage (generator/topic_stage.py) decides again which candidates the site publishes and
brings the records in line; then every stage reads the records (generator/storage/corpus.py).

`build` is the only place that sequences the stages; the CLI prints the report it returns.
Everything is gathered and rendered before anything is written, so a page never sees a
half-written set of records, and a rendering error leaves the previous output in place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import __version__, urls
from .config import Settings
from .render.status import StreamSaid
from .storage.cache import Cache, code_fingerprint, file_fingerprint, folder_stats
from .storage.corpus import Corpus
from .storage.writer import WriteCounts
from .topic_stage import TopicReport, apply_topic, last_shown, topic_fingerprint

log = logging.getLogger("paperboy")

if TYPE_CHECKING:
    from .publish.mkdocs import SiteBuild
    from .publish.searchindex import Indexed


@dataclass(frozen=True)
class Generated:
    """What `generate` did."""

    records: int
    """Records read (the papers the pages show)."""
    problems: tuple[str, ...]
    """One line per record that could not be read; such a record is left out."""
    counts: WriteCounts
    newest: dt.date | None
    """The newest paper's day: the site's "build date" (sitemap lastmod), so builds repeat."""


def _inputs_fingerprint(settings: Settings, topic: str) -> str:
    records = folder_stats(settings.papers_dir, ".md")
    releases = folder_stats(settings.releases_dir, ".json")
    parts = [
        records, releases, folder_stats(settings.status_dir, ".jsonl"), file_fingerprint(settings.config_file),
        file_fingerprint(settings.digest_log), code_fingerprint(), __version__, topic,
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def streams_said(settings: Settings) -> dict[dt.date, dict[str, StreamSaid]]:
    """What each stream last said for each day (content/status/), with whether it is final yet:
    the day pages' status lines. A line that cannot be read is named in the log and left out."""
    from .sources import streams
    from .storage.daystatus import DayStatus

    said: dict[dt.date, dict[str, StreamSaid]] = {}
    for (day, name), item in DayStatus.load(settings.status_dir).items():
        said.setdefault(day, {})[name] = StreamSaid(
            name, item.asked, item.ok, item.listed, item.error, settled=streams.settled(name, day, item.asked, settings),
            settles=streams.settles(name, day, settings))
    return said


def generate(settings: Settings, corpus: Corpus) -> Generated:
    """Derived pages and feeds from every readable record of `corpus`; no network.

    When nothing that generate reads has changed since its last run, and nothing it wrote was
    touched, it does nothing at all (the daily run with nothing new).
    """
    cache = Cache.beside(settings.config_file)
    roots = {"docs": settings.docs_dir, "theme": settings.theme_dir}
    topic = topic_fingerprint(settings)
    fingerprint = _inputs_fingerprint(settings, topic)
    state = cache.unchanged(fingerprint, roots)
    if state is not None:
        unchanged = sum(len(files) for files in state.outputs.values())
        return Generated(state.records, state.problems, WriteCounts(0, unchanged, 0), state.newest)

    # Only now the heavy machinery: a day with nothing new never needs it.
    from .publish.digest import SentLog, render_digest_feed
    from .render.feeds import render_feeds
    from .render.pages import render_site
    from .render.cards import RenderMemo
    from .render.gathered import Site
    from .render.templating import Templates
    from .parallel import Workers
    from .progress import progress
    from .render.related import related_papers
    from .render.shelf import models_feed
    from .storage.hub import ReleaseStore
    from .storage.writer import write_outputs, write_theme_fragments

    digests = SentLog.load(settings.digest_log).entries
    shown = last_shown(settings, topic)
    if shown is None:
        log.warning("the topic stage's last decisions are not in the cache: pages say no why this time")
    # Cards and fragments of unchanged papers come from the last run, if it had this config and code.
    renders_fingerprint = code_fingerprint() + file_fingerprint(settings.config_file)
    memo = RenderMemo(cache.load_renders(renders_fingerprint))
    templates = Templates(settings)
    # On a large archive: parse on every core, related papers beside the pages. The bar counts
    # the steps: records read, pages, feeds, files written.
    with Workers() as workers, progress("generate", 4, "step") as bar:
        loaded = corpus.records(workers)
        papers = loaded.papers
        released = ReleaseStore(settings.releases_dir).load({p.arxiv_id for p in papers})
        for problem in released.problems:
            log.warning("%s", problem)
        releases = released.releases
        bar.update()
        related = workers.submit(len(papers), related_papers, papers)
        site = Site.gather(papers, settings, templates=templates, memo=memo, releases=releases, digests=digests,
                           related=related, shown=shown, said=streams_said(settings))
        rendered = render_site(site)
        outputs: dict[str, bytes] = {path: text.encode("utf-8") for path, text in rendered.docs.items()}
        bar.update()
        outputs.update(render_feeds(papers, settings))
        outputs[urls.DIGEST_FEED] = render_digest_feed(papers, settings, templates)
        outputs[urls.MODELS_FEED] = models_feed(papers, releases, settings)
        bar.update()
        fragments = {path: html.encode("utf-8") for path, html in rendered.theme.items()}
        if memo.used != memo.previous:
            cache.save_renders(renders_fingerprint, memo.used)
        counts = write_outputs(settings.docs_dir, outputs) + write_theme_fragments(settings.theme_dir, fragments)
        bar.update()
    newest = max((p.sort_day for p in papers), default=None)
    cache.save_state(fingerprint, roots, {"docs": sorted(outputs), "theme": sorted(fragments)},
                     records=len(papers), problems=loaded.problems, newest=newest)
    return Generated(len(papers), loaded.problems, counts, newest)


@dataclass(frozen=True)
class Prepared:
    """What the stages before MkDocs did: the topic decided again, then the pages generated."""

    topic: TopicReport
    generated: Generated
    seconds: tuple[tuple[str, float], ...] = ()


def prepare(settings: Settings) -> Prepared:
    """The topic stage, then `generate` (what `paperboy generate` and `serve` run)."""
    clock = time.monotonic()
    corpus = Corpus(settings)
    topic = apply_topic(settings, corpus)
    seconds = [("topic", time.monotonic() - clock)]
    clock = time.monotonic()
    generated = generate(settings, Corpus(settings, since=corpus))  # as the topic stage left it
    seconds.append(("generate", time.monotonic() - clock))
    return Prepared(topic, generated, tuple(seconds))


@dataclass(frozen=True)
class BuildReport:
    """What `build` did, stage by stage."""

    topic: TopicReport
    generated: Generated
    site: SiteBuild | None
    """None when the records had problems: then nothing is built."""
    search: Indexed | None = None
    seconds: tuple[tuple[str, float], ...] = ()
    """(stage, seconds) for each stage that ran: topic, generate, site, search index."""

    @property
    def ok(self) -> bool:
        return self.site is not None and self.search is not None

    def seconds_of(self, stage: str) -> float:
        return dict(self.seconds).get(stage, 0.0)


def build(settings: Settings, *, full: bool = False) -> BuildReport:
    """The topic stage and generate (`prepare`), then MkDocs (`--strict`; only stale pages
    unless `full`), then the search index.

    Records with problems stop it after generate: a site is never built without some of its papers.
    """
    from .publish.mkdocs import build_site, source_date_epoch
    from .publish.searchindex import index_search

    prepared = prepare(settings)
    generated = prepared.generated
    seconds = list(prepared.seconds)
    if generated.problems:
        return BuildReport(prepared.topic, generated, None, seconds=tuple(seconds))
    clock = time.monotonic()
    site = build_site(settings, epoch=source_date_epoch(generated.newest), full=full)
    seconds.append(("site", time.monotonic() - clock))
    clock = time.monotonic()
    search = index_search(settings.site_dir, Cache.beside(settings.config_file), settings.search_shard_size)
    seconds.append(("search index", time.monotonic() - clock))
    return BuildReport(prepared.topic, generated, site, search, tuple(seconds))
