"""`paperboy fetch`'s last step: what each published paper released on the Hugging Face Hub.

Runs after the topic is decided, for published papers only. `plan` (pure) orders what is due:

1. papers never looked up (no entry in `content/releases/`), newest first;
2. kinds that failed on an earlier run (a 429 that outlasted its retries, a truncated answer):
   asked again on the next run, never saved as if complete;
3. recent papers (the last `refresh_days` days), each once every `refresh_every` days, by the
   day it was last looked up (so a paper a full run could not take is taken the next day);
4. the monthly rotation: every older paper once a lap of LAP_DAYS days, newest first from where
   the last run stopped; each run takes what is left of the lap divided by the days left in it,
   so a run that was full, or a day without a run, is caught up within the lap. A lap covers
   the papers that were older when it began; one that grows older meanwhile is the first of the
   next (so it waits at most a lap and a day or two after its last weekly refresh: under 30 days).

A run asks at most `hub.budget` requests (one listing a kind, generator/sources/hub/api.py:
`cost`), spaced by `hub.interval` under the Hub's published limit; what does not fit waits,
in order. `after_run` (pure) is what the schedule becomes. `look_up` does the asking and
storing. A Hub that fails keeps the last known lists: a failure is a warning (never the run's
failure), and after three papers in a row that failed whole the Hub is not asked again in
this run.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from .config import Settings
from .errors import SourceError
from .models import Paper
from .releases import KINDS, Listed, Releases, Repo, Schedule, keep, whose_namespaces
from .sources.hub import api
from .sources.hub.parse import with_base_counts
from .sources.net import Http
from .storage.hub import ReleaseStore

log = logging.getLogger("paperboy")

LAP_DAYS = 21
"""Days of one lap of the rotation: with a weekly refresh before it, no paper goes more than
30 days (a lap and a day or two, after 7 days since its last weekly refresh) without a lookup."""
GIVE_UP_AFTER = 3
"""Papers in a row whose every lookup failed before the Hub is left alone for this run."""
SAVE_EVERY = 50
"""Papers looked up between two writes of the files (a run cut short keeps what it did)."""


@dataclass(frozen=True)
class Task:
    """One paper to look up this run."""

    arxiv_id: str
    kinds: tuple[str, ...]
    why: str
    """`new`, `retry`, `recent` or `rotation`."""
    cost: int
    """Requests it is expected to take (from the last known counts)."""


@dataclass(frozen=True)
class Plan:
    """What is due this run, in order, and where the rotation stands."""

    tasks: list[Task]
    cursor: str
    """The rotation's place before this run."""
    lap_started: dt.date
    lap_end: str


@dataclass(frozen=True)
class Done:
    """What one task did."""

    task: Task
    failed: tuple[str, ...]
    """Kinds whose lookup failed."""


@dataclass
class Looked:
    """What the lookups did."""

    papers: int = 0
    """Papers looked up."""
    lists: int = 0
    """Lists the Hub answered (a paper's models, datasets or Spaces)."""
    requests: int = 0
    changed: int = 0
    """Papers whose stored entry changed."""
    deferred: int = 0
    """Papers due that wait for the next run (the budget)."""
    warnings: list[str] = field(default_factory=list)


def _cost(stored: Releases | None, kinds: Iterable[str]) -> int:
    if stored is None:
        return sum(1 for _ in kinds)
    return sum(api.cost(stored.of(k).count, stored.of(k).more) for k in kinds)


def plan(papers: Mapping[str, dt.date], stored: Mapping[str, Releases], schedule: Schedule, today: dt.date, *,
         refresh_days: int, refresh_every: int) -> Plan:
    """What is due this run, in order (see the module docstring); `papers` are the published
    papers' days by id."""
    def task(arxiv_id: str, kinds: tuple[str, ...], why: str) -> Task:
        return Task(arxiv_id, kinds, why, _cost(stored.get(arxiv_id), kinds))

    newest_first = sorted(papers, key=lambda i: (papers[i], i), reverse=True)
    tasks = [task(i, KINDS, "new") for i in newest_first if i not in stored]
    taken = {t.arxiv_id for t in tasks}
    tasks += [task(i, schedule.retry[i], "retry") for i in sorted(schedule.retry)
              if i in papers and i not in taken and schedule.retry[i]]
    taken |= {t.arxiv_id for t in tasks}
    recent = [i for i in newest_first if i in stored and (today - papers[i]).days < refresh_days]
    for arxiv_id in recent:
        last = schedule.looked.get(arxiv_id)
        if arxiv_id not in taken and (last is None or (today - last).days >= refresh_every):
            tasks.append(task(arxiv_id, KINDS, "recent"))
    older = sorted((_place(i, papers), i) for i in papers if i in stored and (today - papers[i]).days >= refresh_days)
    older.reverse()  # the newest first: a paper that has just grown older waits at most one lap
    cursor, started, end = schedule.cursor, schedule.lap_started, schedule.lap_end
    if started is None or not any(_ahead(place, cursor, end) for place, _ in older):
        cursor, started, end = "", today, older[-1][0] if older else ""  # a new lap: the papers older now
    remaining = [i for place, i in older if _ahead(place, cursor, end)]
    days_left = max(1, LAP_DAYS - (today - started).days)
    quota = math.ceil(len(remaining) / days_left)
    tasks += [task(i, KINDS, "rotation") for i in remaining[:quota] if i not in taken]
    return Plan(tasks, cursor, started, end)


def _place(arxiv_id: str, papers: Mapping[str, dt.date]) -> str:
    """A paper's place in the rotation: `<day> <id>`, which sorts by day."""
    return f"{papers[arxiv_id].isoformat()} {arxiv_id}"


def _ahead(place: str, cursor: str, end: str) -> bool:
    """Whether a paper is still to come in the lap: below the cursor (going down), not past its end."""
    return (not cursor or place < cursor) and place >= end


def after_run(schedule: Schedule, planned: Plan, papers: Mapping[str, dt.date], done: Sequence[Done],
              today: dt.date, *, refresh_days: int) -> Schedule:
    """The schedule after a run that did `done` (in the order planned)."""
    cursor = planned.cursor
    looked = {i: day for i, day in schedule.looked.items() if i in papers and (today - papers[i]).days < refresh_days}
    retry = {i: kinds for i, kinds in schedule.retry.items() if i in papers}
    for item in done:
        arxiv_id, failed = item.task.arxiv_id, item.failed
        whole = set(failed) == set(item.task.kinds)
        if item.task.why == "rotation":
            place = _place(arxiv_id, papers)
            cursor = place if not cursor else min(cursor, place)
        if item.task.why == "new" and whole:
            continue  # nothing stored: still new, first again next run
        if (today - papers[arxiv_id]).days < refresh_days and not whole:
            looked[arxiv_id] = today
        left = tuple(k for k in KINDS if k in failed or (k in retry.get(arxiv_id, ()) and k not in item.task.kinds))
        if left:
            retry[arxiv_id] = left
        else:
            retry.pop(arxiv_id, None)
    return Schedule(cursor=cursor, lap_started=planned.lap_started, lap_end=planned.lap_end, looked=looked, retry=retry)


def merged(arxiv_id: str, found: Mapping[str, api.Found], previous: Releases | None, paper: Paper,
           settings: Settings) -> Releases:
    """One paper's releases from what this lookup found, and for each kind that failed, what
    was stored: whose namespaces are the authors' (`whose_namespaces`) and what is kept."""
    repos: dict[str, list[Repo]] = {k: list(f.repos) for k, f in found.items()}
    for kind in KINDS:
        if kind not in repos and previous is not None and kind in previous.kinds:
            repos[kind] = list(previous.of(kind).kept)
    if "models" in repos:
        repos["models"] = with_base_counts(repos["models"])
    authors = whose_namespaces(paper.organization, settings.hub.aliases_of(paper.organization),
                               [r for kind in repos.values() for r in kind], paper.organization_fullname)
    kinds = {}
    for kind in KINDS:
        before = [r.repo_id for r in previous.of(kind).kept] if previous is not None else []
        if kind in found:
            kinds[kind] = Listed(found[kind].count, found[kind].more, keep(repos[kind], authors, kept_before=before))
        elif previous is not None and kind in previous.kinds:
            kinds[kind] = replace(previous.of(kind), kept=keep(repos[kind], authors, kept_before=before))
    return Releases(arxiv_id, kinds, authors)


def look_up(settings: Settings, papers: Sequence[Paper], today: dt.date) -> Looked:
    """Look the due papers up and store what changed (see the module docstring)."""
    looked = Looked()
    if not settings.hub.enabled or not papers:
        return looked
    store = ReleaseStore(settings.releases_dir)
    loaded = store.load(today=today)
    stored = loaded.releases
    by_id = {p.arxiv_id: p for p in papers}
    days = {p.arxiv_id: p.sort_day for p in papers}
    schedule = store.load_schedule()
    planned = plan(days, stored, schedule, today, refresh_days=settings.refresh_days,
                   refresh_every=settings.refresh_every)
    tasks = planned.tasks
    if not tasks:
        return looked
    budget = settings.hub.budget
    log.info("Hub: %d papers due (%d new), at most %d requests", len(tasks),
             sum(t.why == "new" for t in tasks), budget)
    done: list[Done] = []
    pending: list[Releases] = []
    failed_in_a_row = 0
    with Http(contact=settings.contact, policy=settings.http, min_interval=settings.hub.interval) as http:
        for number, task in enumerate(tasks):
            if task.cost > budget - looked.requests:
                looked.deferred = len(tasks) - number
                break
            found: dict[str, api.Found] = {}
            failed = []
            for kind in task.kinds:
                try:
                    result = api.fetch_kind(http, settings.hf_api, kind, task.arxiv_id, today=today,
                                            token=settings.hub.token)
                except SourceError as exc:
                    looked.requests += settings.http.attempts  # every try was a request
                    failed.append(kind)
                    looked.warnings.append(f"Hub {kind} of {task.arxiv_id}: {exc} (asked again next run; "
                                           "the last known list stays)")
                    continue
                looked.requests += result.requests
                looked.lists += 1
                looked.warnings += [f"Hub {kind} of {task.arxiv_id}: {line}" for line in result.warnings]
                found[kind] = result
            looked.papers += 1
            done.append(Done(task, tuple(failed)))
            if found:
                pending.append(merged(task.arxiv_id, found, stored.get(task.arxiv_id), by_id[task.arxiv_id], settings))
            if len(pending) >= SAVE_EVERY:
                looked.changed += store.save(pending, stored, today)
                pending = []
            failed_in_a_row = failed_in_a_row + 1 if len(failed) == len(task.kinds) else 0
            if failed_in_a_row >= GIVE_UP_AFTER:
                looked.deferred = len(tasks) - number - 1
                looked.warnings.append(f"Hub: {GIVE_UP_AFTER} papers in a row could not be looked up: "
                                       "not asked again in this run (the last known lists stay)")
                break
    if pending:
        looked.changed += store.save(pending, stored, today)
    store.save_schedule(after_run(schedule, planned, days, done, today, refresh_days=settings.refresh_days))
    for warning in looked.warnings:
        log.warning("%s", warning)
    return looked
