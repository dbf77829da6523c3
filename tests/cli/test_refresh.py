"""Counts stay current: older days are asked for again for their upvotes, cheaply, and a change
of counts alone re-ranks the pages that show counts and leaves the feeds as they were."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys

from generator.config import load_settings
from generator.fetch import fetch
from generator.storage.store import Store

from tests.support.site import FIXTURES, configure, run_paperboy, snapshot
from tests.support.replay import Replay

DAY = "2025-10-15"
PLAN = ("import json; from generator.config import load_settings; from generator.publish.incremental import plan; "
        "p = plan(load_settings()); print(json.dumps([p.full, p.reason, p.stale]))")


def _week_titles(site) -> list[str]:
    page = (site / "site" / "archive" / "weeks" / "2025-W42" / "index.html").read_text(encoding="utf-8")
    return [part.split("</a>")[0].split(">")[-1] for part in page.split('class="pb-card__title"><a ')[1:]]


def test_refreshing_an_older_day_re_ranks_its_week_and_leaves_the_feeds_alone(empty_site, monkeypatch):
    """The day's least upvoted paper overtakes the rest on HF: after a refresh it leads its week
    page, while every feed's bytes stay the same and the next build leaves the feeds, the tags
    index and the archive index alone."""
    monkeypatch.setattr("tqdm.tqdm.monitor_interval", 0)  # no tqdm thread: later tests fork
    configure(empty_site, topic=False, backoff=0.01)
    items = json.loads((FIXTURES / f"hf-daily-papers-{DAY}.json").read_bytes())
    with Replay(days={DAY: items}) as server:
        run_paperboy(empty_site, "fetch", "--source", "hf", "--date", DAY, env={"PAPERBOY_HF_API": server.base})
    run_paperboy(empty_site, "build")
    before = _week_titles(empty_site)
    feeds_before = snapshot(empty_site / "content" / "feeds")

    later = copy.deepcopy(items)
    last = min(later, key=lambda item: (item["paper"]["upvotes"], item["paper"]["id"]))
    last["paper"]["upvotes"] = 10_000
    with Replay(days={DAY: later}) as server:
        monkeypatch.setenv("PAPERBOY_HF_API", server.base)
        settings = load_settings(empty_site / "mkdocs.yml")
        report = fetch(settings, [], source="hf", refresh=[dt.date.fromisoformat(DAY)])
        assert [path for _, path, _ in server.requests] and report.ok and report.updated == 1
    assert Store(settings.papers_dir).get(last["paper"]["id"]).upvotes == 10_000

    run_paperboy(empty_site, "generate")
    assert snapshot(empty_site / "content" / "feeds") == feeds_before
    # What the next build would rebuild, asked in a process like the build's own (the plan
    # fingerprints the installed packages as that process sees them).
    plan = subprocess.run([sys.executable, "-c", PLAN], cwd=empty_site, capture_output=True, text=True, check=True)
    full, reason, stale = json.loads(plan.stdout)
    assert not full, reason
    stale = set(stale)
    assert not stale & {"tags/index.md", "archive/index.md", "subscribe.md"}
    assert not any(path.startswith("feeds/") for path in stale), stale
    run_paperboy(empty_site, "build")
    after = _week_titles(empty_site)
    assert after[0] == " ".join(last["paper"]["title"].split()) != before[0]
    assert sorted(after) == sorted(before)
