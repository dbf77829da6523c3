"""From a source's records to the store: filter to the topic, tag, merge. One path for all.

`paperboy import` (recorded files) and `paperboy fetch` (the live API) both end here, so a
fetched day and an imported recording of that day give identical records.
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
from .sources import Parsed, Skipped
from .sources.hf import decode_json, parse_daily_papers
from .sources.seed import is_seed, parse_seed
from .storage.store import Store
from .topic.rules import on_topic, with_tags

log = logging.getLogger("paperboy")

_DAY_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")


@dataclass
class Report:
    """What a run did, for the closing summary line."""

    sources: int = 0
    items: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    off_topic: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    """Whole files or responses that could not be read, each with its reason."""
    problems: list[str] = field(default_factory=list)
    """Stored records that could not be read and were left alone."""

    def summary(self) -> str:
        return (
            f"{self.sources} sources, {self.items} items: {self.new} new, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.off_topic} off-topic, {len(self.skipped)} skipped, "
            f"{len(self.failed)} failed"
        )

    @property
    def ok(self) -> bool:
        return not self.failed and not self.problems


def ingest(
    parsed: Parsed, origin: str, settings: Settings, store: Store, report: Report, *, curated: bool = False
) -> list[str]:
    """Filter (unless the listing is curated by hand), tag and upsert one source's papers.

    Returns the ids of the papers kept.
    """
    report.sources += 1
    report.items += len(parsed.papers) + len(parsed.skipped)
    for skipped in parsed.skipped:
        log.warning("skipped %s", skipped)
    for dropped in parsed.dropped:
        log.warning("dropped a value of a kept paper: %s", dropped)
    report.skipped.extend(parsed.skipped)
    kept, off_topic = [], []
    for paper in parsed.papers:
        if curated or on_topic(paper, settings.topic):
            kept.append(with_tags(paper, settings))
        else:
            off_topic.append(paper.arxiv_id)
    if off_topic:
        log.info("%s: %d off-topic, not kept: %s", origin, len(off_topic), ", ".join(off_topic))
    report.off_topic += len(off_topic)
    counts = store.upsert(kept)
    report.new += counts.new
    report.updated += counts.updated
    report.unchanged += counts.unchanged
    for problem in counts.problems:
        log.error("%s", problem)
    report.problems.extend(counts.problems)
    return [paper.arxiv_id for paper in kept]


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
    report = Report()
    for path in paths:
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
            continue
        except SourceError as exc:
            log.error("failed %s", exc)
            report.failed.append(str(exc))
            continue
        ingest(parsed, origin, settings, store, report, curated=curated)
    return report
