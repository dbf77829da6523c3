"""`paperboy fetch` as a process, against a real HTTP server on 127.0.0.1 replaying recorded
responses: the month that must equal its import, exit statuses, the site's lock between two runs,
and a kill at any moment. The client, the parser and the rest of fetch, in this process:
tests/unit/test_fetch.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from generator.config import load_settings
from generator.storage.lock import site_lock
from generator.storage.store import Store

from tests.support.inprocess import paperboy
from tests.support.replay import Replay
from tests.support.site import FIXTURES, configure, make_site, run_paperboy


def record_files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "content" / "papers").glob("*.md"))}


def june(archive: Path) -> list[Path]:
    return sorted(archive.glob("2025-06-*.json"))


def test_fetching_a_month_stores_exactly_what_importing_it_stores(archive, tmp_path):
    """The issue's acceptance run: fetch 2025-06-01..30 from a replay == import of those days."""
    imported, fetched = make_site(tmp_path / "imported", with_papers=False), make_site(tmp_path / "fetched", with_papers=False)
    for root in (imported, fetched):
        configure(root, topic=False, backoff=0.01)
    paperboy(imported, "import", *map(str, june(archive)))
    with Replay.from_files(june(archive)) as server:
        result = run_paperboy(fetched, "fetch", "--source", "hf", "--since", "2025-06-01", "--until", "2025-06-30",
                              env={"PAPERBOY_HF_API": server.base})
    assert "30 sources" in result.stderr and "0 failed" in result.stderr
    records = record_files(fetched)
    assert len(records) > 250
    assert records == record_files(imported)


def test_failed_days_are_named_and_the_other_days_are_stored(empty_site):
    configure(empty_site, topic=False, backoff=0.01)
    settings_days = {
        "2024-05-29": json.loads((FIXTURES / "hf-daily-papers-2024-05-29.json").read_bytes()),
        "2024-05-31": json.loads((FIXTURES / "hf-daily-papers-2024-09-16.json").read_bytes()),
    }
    with Replay(days=settings_days, behaviour={"2024-05-30": "html"}) as server:
        result = run_paperboy(empty_site, "fetch", "--source", "hf", "--since", "2024-05-29", "--until", "2024-05-31",
                              env={"PAPERBOY_HF_API": server.base}, check=False)
    assert result.returncode == 1
    assert "failed 2024-05-30: " in result.stderr and "an HTML page, not JSON" in result.stderr
    assert len(record_files(empty_site)) == 8 + 7


def test_an_empty_day_is_fine_and_exits_0(empty_site):
    with Replay() as server:
        result = run_paperboy(empty_site, "fetch", "--source", "hf", "--date", "2025-01-04",
                              env={"PAPERBOY_HF_API": server.base})
    assert "1 sources, 0 items" in result.stderr


def test_a_second_run_refuses_while_one_is_going(site):
    settings = load_settings(site / "mkdocs.yml")
    with site_lock(settings.config_file):
        result = run_paperboy(site, "import", str(FIXTURES / "hf-daily-papers-2024-05-29.json"), check=False)
        assert paperboy(site, "check").returncode == 0, "check only reads: no lock needed"
    assert result.returncode == 1
    assert "another paperboy run is working on this site" in result.stderr


def test_a_kill_at_any_moment_leaves_every_record_whole(archive, empty_site):
    """SIGKILL a slow fetch mid-run, a few times: every record parses, and a rerun completes."""
    configure(empty_site, topic=False, backoff=0.01)
    days = june(archive)[:6]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with Replay.from_files(days, delay=0.05) as server:
        env["PAPERBOY_HF_API"] = server.base
        command = [sys.executable, "-m", "generator", "fetch", "--source", "hf", "--since", "2025-06-02", "--until", "2025-06-09"]
        papers = empty_site / "content" / "papers"
        for kill_at in (1, 30, 80):  # records on disk when the kill comes: mid-run, not before or after
            process = subprocess.Popen(command, cwd=empty_site, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 60
            while len(list(papers.glob("*.md"))) < kill_at and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            assert process.poll() is None, "the run ended before it could be killed"
            process.send_signal(signal.SIGKILL)
            process.wait()
            loaded = Store(empty_site / "content" / "papers").load_all()
            assert loaded.problems == (), loaded.problems
        final = paperboy(empty_site, "fetch", "--source", "hf", "--since", "2025-06-02", "--until", "2025-06-09",
                         env={"PAPERBOY_HF_API": server.base})
    assert "0 failed" in final.stderr
    expected = sum(len({i["paper"]["id"] for i in json.loads(p.read_bytes())}) for p in days)
    assert len(record_files(empty_site)) == expected
