"""`make bench-hub`: the Hub's lookups at 10,000 papers, 90 daily runs, and the repository's growth.

A simulated Hub (no network): 10,000 published papers over three years, a third of them with
models (the authors' 1-6 checkpoints, 0-30 fine-tunes and quantizations by others, a few with
over 1,000), datasets and Spaces; 5 new papers a day. Every day downloads drift (a 30-day count
moves like a random walk, about 25 % a month), a paper gains a new repository now and then, a
repository is changed now and then, and 2 % of the listings fail after their retries. Each run
is the real schedule (generator/lookups.py: `plan`, `after_run`), the real budget and the real
merge and store (generator/storage/hub.py) writing month files into a git repository: a
commit and `git gc` a day, the packed size's growth is what a day costs.

Checked, and written to benchmarks/HUB.md: every paper looked up at least every 30 days;
requests a run at most `hub.budget`; at most 500 in any 5 minutes at `hub.interval` (the Hub's
anonymous limit; retries included); a failed kind asked again on the next run.

    python -m benchmarks.hub [--days 90] [--git-days 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace

from generator.config import HttpPolicy, HubLookups
from generator.lookups import Done, after_run, merged, plan
from generator.releases import KINDS, Repo, Schedule
from generator.sources.hub.api import PAGE, Found
from generator.storage.hub import ReleaseStore

HERE = Path(__file__).parent
PAPERS = 10_000
NEW_A_DAY = 5
START = dt.date(2026, 12, 7)
FAIL = 0.02
"""Listings that fail after every retry."""
WINDOW, LIMIT = 300, 500
"""The Hub's anonymous limit: 500 API requests a 5-minute window."""
REFRESH_DAYS, REFRESH_EVERY = 30, 7


@dataclass
class Paper:
    arxiv_id: str
    day: dt.date
    repos: dict[str, list[Repo]] = field(default_factory=dict)


def _repo(rng: random.Random, owner: str, name: str, created: dt.date, *, relation: str = "", base: str = "",
          popular: float = 1.0) -> Repo:
    size = rng.choice(["135M", "360M", "0.5B", "1.7B", "3B", "7B", "8B", "14B"])
    return Repo(f"{owner}/{name}-{size}", downloads=int(rng.lognormvariate(5, 2.5) * popular), likes=int(rng.lognormvariate(1, 1.5)),
                size=size, relation=relation, base=base, task="text-generation", license="apache-2.0",
                created=created, modified=created)


def archive(rng: random.Random) -> list[Paper]:
    """10,000 papers over the 36 months before START, a third with releases."""
    papers = []
    months = [(START.replace(day=1) - dt.timedelta(days=31 * k)).replace(day=1) for k in range(36, 0, -1)]
    per_month = PAPERS // len(months) + 1
    for month in months:
        for n in range(per_month):
            if len(papers) == PAPERS:
                break
            day = month + dt.timedelta(days=n % 28)
            papers.append(_paper(rng, f"{month:%y%m}.{n + 1:05d}", day))
    return papers


def _paper(rng: random.Random, arxiv_id: str, day: dt.date) -> Paper:
    paper = Paper(arxiv_id, day, {kind: [] for kind in KINDS})
    if rng.random() < 1 / 3:
        org = f"org{rng.randrange(400)}"
        own = [_repo(rng, org, f"model{k}", day, popular=5) for k in range(rng.randint(1, 6))]
        many = 1200 if rng.random() < 0.002 else rng.randint(0, 30)
        others = [_repo(rng, f"user{rng.randrange(10**6)}", f"ft{k}", min(day + dt.timedelta(rng.randint(1, 200)), START),
                        relation=rng.choice(["finetune", "quantized"]), base=own[0].repo_id) for k in range(many)]
        paper.repos["models"] = own + others
        paper.repos["datasets"] = [_repo(rng, org, f"data{k}", day) for k in range(rng.randint(0, 3))]
        paper.repos["spaces"] = [_repo(rng, f"user{rng.randrange(10**6)}", f"demo{k}", day) for k in range(rng.randint(0, 3))]
    return paper


def drift(rng: random.Random, paper: Paper, today: dt.date) -> None:
    """A day on the Hub: counts move, a repository is changed or added now and then."""
    for kind, repos in paper.repos.items():
        for n, repo in enumerate(repos):
            changes = {"downloads": max(0, int(repo.downloads * math.exp(rng.gauss(-0.002, 0.05))))}
            if rng.random() < 0.003:
                changes["likes"] = repo.likes + 1
            if rng.random() < 0.002:
                changes["modified"] = today
            repos[n] = replace(repo, **changes)
        if kind == "models" and repos and rng.random() < 0.003:
            repos.append(_repo(rng, f"user{rng.randrange(10**6)}", "new-ft", today, relation="finetune", base=repos[0].repo_id))


def answer(rng: random.Random, paper: Paper, kind: str) -> tuple[Found | None, int]:
    """What the Hub answers for a kind (None: failed after every retry), and requests spent."""
    repos = paper.repos[kind]
    if rng.random() < FAIL:
        return None, HttpPolicy().attempts
    pages = max(1, -(-len(repos) // PAGE))
    more = pages > 3
    shown = repos[: 3 * PAGE]
    return Found(list(shown), len(shown), more, [], min(pages, 3) + more), min(pages, 3) + more


def run_day(rng: random.Random, papers: dict[str, Paper], store: ReleaseStore, schedule: Schedule, today: dt.date,
            hub: HubLookups, looked: dict[str, list[dt.date]]) -> tuple[Schedule, dict]:
    days = {i: p.day for i, p in papers.items()}
    loaded = store.load(today=today)
    assert not loaded.problems, loaded.problems[:3]
    stored = loaded.releases
    planned = plan(days, stored, schedule, today, refresh_days=REFRESH_DAYS, refresh_every=REFRESH_EVERY)
    settings = SimpleNamespace(hub=hub)
    done, pending, spent, budgeted, times, clock, asked = [], [], 0, 0, [], 0.0, set()
    deferred = 0
    for number, task in enumerate(planned.tasks):
        if task.cost > hub.budget - budgeted:
            deferred = len(planned.tasks) - number
            break
        found, failed = {}, []
        for kind in task.kinds:
            result, requests = answer(rng, papers[task.arxiv_id], kind)
            for _ in range(requests):  # spaced by the interval; retries' backoff only adds to it
                times.append(clock)
                clock += hub.interval
            spent += requests
            budgeted += requests  # a failed listing counts every try (generator/lookups.py does too)
            if result is None:
                failed.append(kind)
            else:
                found[kind] = result
        done.append(Done(task, tuple(failed)))
        asked.add(task.arxiv_id)
        if found:
            pending.append(merged(task.arxiv_id, found, stored.get(task.arxiv_id),
                                  SimpleNamespace(organization="", organization_fullname=""), settings))
            looked.setdefault(task.arxiv_id, []).append(today)
    changed = store.save(pending, stored, today) if pending else 0
    schedule = after_run(schedule, planned, days, done, today, refresh_days=REFRESH_DAYS)
    store.save_schedule(schedule)
    window = max((_in_window(times, i) for i in range(len(times))), default=0)
    return schedule, {"asked": asked, "tasks": len(done), "deferred": deferred, "requests": spent, "budgeted": budgeted,
                      "window": window, "minutes": clock / 60, "changed": changed,
                      "failed": sum(1 for d in done if d.failed), "retried": sum(1 for d in done if d.task.why == "retry"),
                      "why": {w: sum(1 for d in done if d.task.why == w) for w in ("new", "retry", "recent", "rotation")}}


def _in_window(times: list[float], start: int) -> int:
    """Requests in the 5 minutes from the `start`-th one."""
    end = start
    while end < len(times) and times[end] < times[start] + WINDOW:
        end += 1
    return end - start


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def _pack_size(root: Path, *repack: str) -> int:
    """The packed size after `git gc` (default), or after `git repack` with `repack`'s options."""
    _git(root, *(("repack", *repack) if repack else ("gc", "--quiet")))
    return sum(p.stat().st_size for p in (root / ".git" / "objects" / "pack").glob("*.pack"))


FULL = ("-adf", "--window=50", "--depth=50")
"""A full repack, as a host does now and then (and a clone gets): deltas searched anew."""


def _pushed(root: Path) -> int:
    """Bytes a push of the day's commit sends: the thin pack against yesterday's."""
    out = subprocess.run(["git", "pack-objects", "--revs", "--thin", "--stdout"], cwd=root, check=True,
                         input=b"HEAD\n^HEAD~1\n", capture_output=True).stdout
    return len(out)


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--days", type=int, default=90)
    args.add_argument("--git-days", type=int, default=30)
    opts = args.parse_args(argv)
    rng = random.Random(34)
    hub = HubLookups()
    papers = {p.arxiv_id: p for p in archive(rng)}
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = ReleaseStore(root / "releases")
        _git(root, "init", "-q")
        _git(root, "config", "user.email", "bench@example.org")
        _git(root, "config", "user.name", "bench")
        # Day 0: every paper of the archive looked up once (what the first weeks of runs leave).
        first = START - dt.timedelta(days=1)
        store.save([merged(i, {k: Found(p.repos[k], len(p.repos[k]), False, [], 1) for k in KINDS}, None,
                           SimpleNamespace(organization="", organization_fullname=""), SimpleNamespace(hub=hub)) for i, p in papers.items()], {}, first)
        _git(root, "add", "-A")
        _git(root, "commit", "-qm", "day 0")
        full = [_pack_size(root, *FULL)]
        sizes = [_pack_size(root)]
        files = len(list((root / "releases").iterdir()))
        schedule = Schedule()
        looked: dict[str, list[dt.date]] = {i: [first] for i in papers}
        rows = []
        for n in range(opts.days):
            today = START + dt.timedelta(days=n)
            for paper in papers.values():
                drift(rng, paper, today)
            for k in range(NEW_A_DAY):
                new = _paper(rng, f"{today:%y%m}.9{n:02d}{k:02d}", today)
                papers[new.arxiv_id] = new
            before = dict(schedule.retry)
            schedule, row = run_day(rng, papers, store, schedule, today, hub, looked)
            asked = row.pop("asked")
            row["retry_asked"] = all(i in asked for i in before)
            if n < opts.git_days:
                _git(root, "add", "-A")
                status = _git(root, "status", "--porcelain")
                row["files"] = len(status.splitlines())
                _git(root, "commit", "-qm", f"day {n + 1}", "--allow-empty")
                row["pushed"] = _pushed(root)
                sizes.append(_pack_size(root))
                row["growth"] = sizes[-1] - sizes[-2]
            rows.append(row)
            if n + 1 == opts.git_days:
                full.append(_pack_size(root, *FULL))
            print(f"day {n + 1}: {row['tasks']} papers, {row['requests']} requests, window {row['window']}, "
                  f"growth {row.get('growth', '-')}", file=sys.stderr)
    gaps = []
    for arxiv_id, days in looked.items():
        points = sorted(days)
        end = START + dt.timedelta(days=opts.days - 1)
        gaps.append(max(b - a for a, b in zip(points, [*points[1:], end])).days if points else opts.days)
    report(rows, gaps, sizes, full, files, opts, time.monotonic() - started)
    return 0


def report(rows: list[dict], gaps: list[int], sizes: list[int], full: list[int], files: int, opts,
           seconds: float) -> None:
    growth = [r["growth"] for r in rows if "growth" in r]
    pushed = sorted(r["pushed"] for r in rows if "pushed" in r)
    lines = [
        "# The Hub's lookups at 10,000 papers (`make bench-hub`)", "",
        f"Simulated: {PAPERS:,} published papers and {NEW_A_DAY} new a day, {opts.days} daily runs with the default "
        f"settings (`budget` {HubLookups().budget}, `interval` {HubLookups().interval} s), {FAIL:.0%} of listings failing "
        f"after their retries; the real schedule, merge and store (benchmarks/hub.py). {seconds:.0f} s on this machine.", "",
        "| | min | median | max |", "| --- | ---: | ---: | ---: |",
    ]
    for name, key in (("papers looked up a run", "tasks"), ("requests a run (retries included)", "requests"),
                      ("requests counted against the budget", "budgeted"), ("most requests in any 5 minutes", "window"),
                      ("minutes a run (requests x interval)", "minutes"), ("papers deferred to the next run", "deferred"),
                      ("papers whose entry changed", "changed")):
        values = sorted(r[key] for r in rows)
        lines.append(f"| {name} | {values[0]:,.0f} | {values[len(values) // 2]:,.0f} | {values[-1]:,.0f} |")
    lines += [
        "", f"- Longest time between two lookups of a paper: **{max(gaps)} days** (every paper, {len(gaps):,} of them, "
        f"at least monthly: {'yes' if max(gaps) <= 30 else 'NO'}).",
        f"- Most requests in any 5 minutes: **{max(r['window'] for r in rows)}** (the Hub's anonymous limit: {LIMIT}).",
        f"- Most requests a run: {max(r['requests'] for r in rows):,} (budget {HubLookups().budget:,}).",
        f"- A kind that failed was asked again on the next run: "
        f"{'yes, every time' if all(r['retry_asked'] for r in rows) else 'NO'} "
        f"({sum(r['failed'] for r in rows):,} papers with a failed kind over the {opts.days} runs).",
        "- Lookups by reason over the runs: " + ", ".join(
            f"{w} {sum(r['why'][w] for r in rows):,}" for w in ("new", "retry", "recent", "rotation")) + ".",
        "", f"## Growth in git ({opts.git_days} days)", "",
        f"The month files ({files} files for 10,000 papers) and the schedule, a commit and `git gc` a day. "
        f"Day 0 (every paper looked up once): {full[0] / 1024:,.0f} KB packed.", "",
        f"- **Packed growth a day, fully repacked** (`git repack {' '.join(FULL)}` on day 0 and day {len(growth)}, "
        f"as a host repacks and a clone receives): **{(full[-1] - full[0]) / len(growth) / 1024:.1f} KB** "
        f"({(full[-1] - full[0]) / 1024:,.0f} KB over {len(growth)} days).",
        f"- What a push of a day's commit sends (its thin pack): median {pushed[len(pushed) // 2] / 1024:.1f} KB, "
        f"max {pushed[-1] / 1024:.1f} KB.",
        f"- Growth after a plain `git gc` each day: median {sorted(growth)[len(growth) // 2] / 1024:.1f} KB, "
        f"max {max(growth) / 1024:.1f} KB: measured, a plain gc keeps the deltas it chose before and finds poor "
        "bases for a changed month file (another month's file), until the next full repack.",
        f"- Files changed a day: median {sorted(r['files'] for r in rows if 'files' in r)[len(growth) // 2]}.",
    ]
    (HERE / "HUB.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    raise SystemExit(main())
