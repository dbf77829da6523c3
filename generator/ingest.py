"""From a source's papers to the candidates and the records. One path for import and fetch.

`paperboy import` (recorded files) and `paperboy fetch` (the live API) both end here, so a
fetched day and an imported recording of that day give identical records:

1. every paper a source names becomes (or refreshes) a candidate (generator/storage/candidates.py);
2. a paper that already has a record gets its record refreshed (counts, links, first day);
3. once every source is in, the topic stage (generator/topic_stage.py) decides again which papers
   the site publishes, adding records for new ones and removal pages for dropped ones.

A seed listing is curated by hand: its papers are labelled on topic (unless a label says otherwise).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .errors import SourceError
from .progress import progress
from .sources import Parsed, Skipped
from .sources.hf import decode_json, parse_daily_papers
from .sources.seed import is_seed, parse_seed
from .storage.candidates import Batched, Candidates
from .storage.corpus import Corpus
from .storage.labels import read_labels, record_labels
from .storage.store import Store
from .topic.labels import Label
from .topic_stage import TopicReport, apply_topic

log = logging.getLogger("paperboy")

BATCH = 31
"""Sources whose papers are written to the candidates together (a month of days, about)."""
_DAY_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")


@dataclass
class Report:
    """What a run did, for the closing summary line."""

    sources: int = 0
    items: int = 0
    new: int = 0
    """Records added (the topic keeps these papers and they had no record)."""
    updated: int = 0
    unchanged: int = 0
    off_topic: int = 0
    """Papers this run's sources named that the site does not publish."""
    removed: int = 0
    """Records that became removal pages (the topic no longer keeps them)."""
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    """Whole files or responses that could not be read, each with its reason."""
    problems: list[str] = field(default_factory=list)
    """Stored records or candidates that could not be read and were left alone."""
    seen: list[str] = field(default_factory=list)
    """Every paper id this run's sources named, in order."""
    topic: TopicReport | None = None

    def summary(self) -> str:
        return (
            f"{self.sources} sources, {self.items} items: {self.new} new, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.off_topic} off-topic, {self.removed} removed, "
            f"{len(self.skipped)} skipped, {len(self.failed)} failed"
        )

    @property
    def ok(self) -> bool:
        return not self.failed and not self.problems


def ingest(
    parsed: Parsed, origin: str, settings: Settings, store: Store, candidates: Candidates | Batched, report: Report,
    *, curated: bool = False,
) -> list[str]:
    """Store one source's papers as candidates and refresh the records they already have.

    Returns the ids of the papers the source named. What the site publishes is decided after
    every source is in (`settle`).
    """
    report.sources += 1
    report.items += len(parsed.papers) + len(parsed.skipped)
    for skipped in parsed.skipped:
        log.warning("skipped %s", skipped)
    for dropped in parsed.dropped:
        log.warning("dropped a value of a paper: %s", dropped)
    report.skipped.extend(parsed.skipped)
    _log_problems(candidates.upsert(parsed.papers).problems, report)
    counts = store.upsert(parsed.papers, create=False)
    report.updated += counts.updated
    report.unchanged += counts.unchanged
    for problem in counts.problems:
        log.error("%s", problem)
    report.problems.extend(counts.problems)
    if curated:
        _label_curated(settings, [paper.arxiv_id for paper in parsed.papers], origin)
    ids = [paper.arxiv_id for paper in parsed.papers]
    report.seen.extend(ids)
    return ids


def _log_problems(problems: list[str], report: Report) -> None:
    for problem in problems:
        log.error("%s", problem)
    report.problems.extend(problems)


def _label_curated(settings: Settings, ids: list[str], origin: str) -> None:
    """A hand-curated listing's papers are on topic, unless a person labelled them already:
    recorded through the one label writer, like `paperboy label` and a curator's comment."""
    labels = read_labels(settings.labels_file)
    fresh = [Label(key, "on", "seed listing") for key in dict.fromkeys(ids) if key not in labels]
    if fresh:
        record_labels(settings.labels_file, fresh)
        log.info("%s: %d papers labelled on topic (a listing curated by hand)", origin, len(fresh))


def settle(settings: Settings, corpus: Corpus, report: Report) -> Corpus:
    """After every source is in (`corpus`): decide the topic again, and count what this run
    changed. Returns the corpus as the topic stage left it."""
    topic = apply_topic(settings, corpus)
    report.topic = topic
    report.new += len(topic.added)
    report.removed += len(topic.removed)
    report.problems.extend(topic.problems)
    after = Corpus(settings, since=corpus)
    published = {paper.arxiv_id for paper in after.records().papers}
    off_topic = [key for key in dict.fromkeys(report.seen) if key not in published]
    report.off_topic += len(off_topic)
    if off_topic:
        # arXiv's listing names hundreds a day: the first few are enough to follow a run.
        more = f" and {len(off_topic) - 20} more" if len(off_topic) > 200 else ""
        log.info("%d off-topic, not kept: %s%s", len(off_topic), ", ".join(off_topic[:200]), more)
    return after


def day_from_name(path: Path) -> dt.date | None:
    """The day a recording is of, when its file name says (`2025-06-16.json`)."""
    match = _DAY_IN_NAME.search(path.name)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def import_files(paths: Iterable[Path], settings: Settings) -> Report:
    """Import recorded `daily_papers` responses (or the seed listing); a bad file is named and skipped."""
    store = Store(settings.papers_dir)
    store.clean_interrupted_writes()
    candidates = Batched(Candidates(settings.candidates_dir), every=BATCH)
    report = Report()
    paths = list(paths)
    with progress("import", len(paths), "file") as bar:
        for path in paths:
            _import_file(path, settings, store, candidates, report)
            bar.update()
    _log_problems(candidates.flush().problems, report)
    settle(settings, Corpus(settings), report)
    return report


def _import_file(path: Path, settings: Settings, store: Store, candidates: Batched, report: Report) -> None:
    """One recording (or the seed listing) into the candidates; a file that cannot be read or
    parsed is named in the report."""
    origin = str(path)
    try:
        document = decode_json(path.read_bytes(), origin)
        if is_seed(document):
            parsed, curated = parse_seed(document, origin=origin), True
        else:
            parsed = parse_daily_papers(document, day=day_from_name(path), origin=origin)
            curated = False
    except OSError as exc:
        message = f"{origin}: cannot read ({exc.strerror or exc})"
        log.error("failed %s", message)
        report.failed.append(message)
        return
    except SourceError as exc:
        log.error("failed %s", exc)
        report.failed.append(str(exc))
        return
    ingest(parsed, origin, settings, store, candidates, report, curated=curated)
