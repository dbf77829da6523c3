"""`paperboy fetch`'s last step: what each published paper released on the Hugging Face Hub.

Runs after the topic is decided, for published papers only, and asks the Hub (generator/sources/
hub.py) three questions a paper: its models, datasets and Spaces. Which papers, in this order:

1. papers never looked up (no file in `content/releases/`): newly published, at once;
2. papers of the last `refresh_days` days, each once every `refresh_every` days (the upvotes'
   schedule): checkpoints often come in the weeks after a paper;
3. older papers once a month (30 days apart, spread over the month by their day).

At most `hub.papers_per_run` papers a run: what is left waits for the next run (new papers
first, newest first). A Hub that fails keeps the last known lists: a failed kind keeps what the
file held, a failure is a warning (never the run's failure), and after three papers in a row
that failed whole, the Hub is not asked again in this run.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from .config import Settings
from .errors import SourceError
from .models import Paper
from .releases import KINDS, Releases
from .sources import hub
from .sources.net import Http
from .storage.releases import ReleaseStore

log = logging.getLogger("paperboy")

MONTHLY = 30
"""Days between two lookups of an older paper."""
GIVE_UP_AFTER = 3
"""Papers in a row whose every lookup failed before the Hub is left alone for this run."""


@dataclass
class Looked:
    """What the lookups did."""

    papers: int = 0
    """Papers looked up."""
    lists: int = 0
    """Lists the Hub answered (a paper's models, datasets or Spaces)."""
    changed: int = 0
    """Files whose bytes changed."""
    deferred: int = 0
    """Papers due that wait for the next run (the per-run bound)."""
    warnings: list[str] = field(default_factory=list)


def due(papers: Sequence[Paper], known: set[str], today: dt.date, settings: Settings) -> tuple[list[Paper], int]:
    """The papers to look up this run, in order, and how many more were due."""
    new = sorted((p for p in papers if p.arxiv_id not in known), key=lambda p: (p.sort_day, p.arxiv_id),
                 reverse=True)
    again = []
    for paper in papers:
        if paper.arxiv_id not in known:
            continue
        age = (today - paper.sort_day).days
        if 0 < age < settings.refresh_days and age % settings.refresh_every == 0:
            again.append(paper)
        elif age >= settings.refresh_days and age % MONTHLY == 0:
            again.append(paper)
    again.sort(key=lambda p: (p.sort_day, p.arxiv_id), reverse=True)
    wanted = new + again
    bound = settings.hub.papers_per_run
    return wanted[:bound], max(0, len(wanted) - bound)


def look_up(settings: Settings, papers: Sequence[Paper], today: dt.date) -> Looked:
    """Look the due papers up and store what changed (see the module docstring)."""
    looked = Looked()
    if not settings.hub.enabled or not papers:
        return looked
    store = ReleaseStore(settings.releases_dir)
    chosen, looked.deferred = due(papers, store.known(), today, settings)
    if not chosen:
        return looked
    previous = store.load([p.arxiv_id for p in chosen]).releases
    log.info("Hub: looking up what %d papers released (%d more wait for the next run)", len(chosen), looked.deferred)
    failed_in_a_row = 0
    with Http(contact=settings.contact, policy=settings.http, min_interval=settings.hub.interval) as http:
        for paper in chosen:
            kinds = dict(previous[paper.arxiv_id].kinds) if paper.arxiv_id in previous else {}
            failures = 0
            for kind in KINDS:
                try:
                    listed = hub.fetch_kind(http, settings.hf_api, kind, paper.arxiv_id)
                except SourceError as exc:
                    failures += 1
                    looked.warnings.append(f"Hub {kind} of {paper.arxiv_id}: {exc} (the last known list stays)")
                    continue
                looked.lists += 1
                for dropped in listed.dropped:
                    looked.warnings.append(f"Hub {kind} of {paper.arxiv_id}: {dropped}")
                kinds[kind] = listed
            looked.papers += 1
            # A paper whose every lookup failed keeps its file as it was, or gets none (it then
            # stays "new" and comes first next run).
            if failures < len(KINDS) and store.save(Releases(paper.arxiv_id, kinds)):
                looked.changed += 1
            failed_in_a_row = failed_in_a_row + 1 if failures == len(KINDS) else 0
            if failed_in_a_row >= GIVE_UP_AFTER:
                looked.warnings.append(f"Hub: {GIVE_UP_AFTER} papers in a row could not be looked up: "
                                       "not asked again in this run (the last known lists stay)")
                break
    for warning in looked.warnings:
        log.warning("%s", warning)
    return looked
