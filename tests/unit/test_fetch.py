"""Fetching, in this process: the HTTP client, the day's parser and `fetch` against a real HTTP
server on 127.0.0.1 replaying recorded responses, with faults; `paperboy fetch` through
`main([...])` where what is checked is what it stores and reports. The real command, its exit
statuses and a kill mid-run: tests/cli/test_fetch.py."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator import __version__
from generator.config import HttpPolicy, load_settings
from generator.errors import SourceError
from generator.sources.hf import fetch_day
from generator.sources.net import FetchError, Http, retry_after
from generator.storage.store import loads

from tests.support.inprocess import paperboy
from tests.support.replay import Fault, Replay
from tests.support.site import FIXTURES, configure, make_site

QUICK = HttpPolicy(connect_timeout=2, read_timeout=2, attempts=4, backoff=0.01, backoff_cap=0.05)


def record_files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "content" / "papers").glob("*.md"))}


def june(archive: Path) -> list[Path]:
    return sorted(archive.glob("2025-06-*.json"))


def test_the_same_month_through_503_then_429_completes_with_the_same_records(archive, tmp_path):
    """Every URL first answers 503, then 429 with Retry-After: 1; the run still gets everything.
    (All 30 days at once: their 1 s waits overlap.)"""
    imported, fetched = make_site(tmp_path / "imported", with_papers=False), make_site(tmp_path / "fetched", with_papers=False)
    for root in (imported, fetched):
        configure(root, topic=False, backoff=0.01)
    paperboy(imported, "import", *map(str, june(archive)))
    faults = [Fault(503), Fault(429, {"Retry-After": "1"})]
    with Replay.from_files(june(archive), fail_first=faults) as server:
        result = paperboy(fetched, "fetch", "--source", "hf", "--since", "2025-06-01", "--until", "2025-06-30",
                          "--concurrency", "30", env={"PAPERBOY_HF_API": server.base})
        assert all(count == 3 for count in server.hits.values()), "each URL: 503, 429, then 200"
    assert "30 sources" in result.stderr and "0 failed" in result.stderr
    assert record_files(fetched) == record_files(imported)


def test_a_busy_day_is_fetched_over_every_page(archive):
    """120 items arrive over three pages of 50 (p = 0, 1, 2) and all of them are parsed."""
    items = [item for path in sorted(archive.glob("2025-07-*.json")) for item in json.loads(path.read_bytes())][:120]
    assert len(items) == 120
    with Replay(days={"2025-07-01": items}) as server, Http(contact="test", policy=QUICK) as http:
        parsed = fetch_day(http, server.base, dt.date(2025, 7, 1))
        pages = sorted(path for _, path, _ in server.requests)
    assert len(parsed.papers) == 120
    assert all(p.featured == dt.date(2025, 7, 1) for p in parsed.papers)
    assert [p.split("&p=")[1] for p in pages] == ["0", "1", "2"]


def test_retry_after_is_honoured_in_seconds(archive):
    waits: list[float] = []
    day = sorted(archive.glob("2025-06-16.json"))
    with Replay.from_files(day, fail_first=[Fault(429, {"Retry-After": "7"})]) as server, \
            Http(contact="test", policy=QUICK, sleep=waits.append) as http:
        parsed = fetch_day(http, server.base, dt.date(2025, 6, 16))
    assert waits == [7.0]
    assert len(parsed.papers) == len(json.loads(day[0].read_bytes()))


def test_retry_after_as_an_http_date_and_the_cap():
    now = dt.datetime(2026, 1, 1, 12, 0, 0, tzinfo=dt.timezone.utc)
    assert retry_after("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30.0
    assert retry_after("Thu, 01 Jan 2026 11:00:00 GMT", now) == 0.0
    assert retry_after("soon", now) is None
    waits: list[float] = []
    policy = HttpPolicy(attempts=2, backoff=0.01, retry_after_cap=5)
    with Replay(fail_first=[Fault(503, {"Retry-After": "3600"})]) as server, \
            Http(contact="t", policy=policy, sleep=waits.append) as http:
        http.get(server.base + "/daily_papers", {"date": "2025-01-01"})
    assert waits == [5.0], "a server asking for an hour gets the cap"


def test_a_503_burst_is_retried_with_growing_backoff_that_stays_under_its_cap():
    waits: list[float] = []
    policy = HttpPolicy(attempts=12, backoff=1, backoff_cap=3)
    with Replay(fail_first=[Fault(503)] * 11) as server, Http(contact="t", policy=policy, sleep=waits.append) as http:
        response = http.get(server.base + "/daily_papers", {"date": "2025-01-01"})
    assert response.status == 200
    assert len(waits) == 11
    for wait, ceiling in zip(waits, [1, 2] + [3] * 9):
        assert ceiling / 2 <= wait <= ceiling, "exponential, capped, jitter within the cap"
    assert len(set(waits)) == len(waits), "jittered: no two waits alike"


def test_giving_up_names_the_url_and_the_reason():
    with Replay(fail_first=[Fault(502)] * 3) as server, \
            Http(contact="t", policy=HttpPolicy(attempts=3, backoff=0.01), sleep=lambda s: None) as http:
        with pytest.raises(FetchError, match=r"daily_papers\?date=2025-01-01: HTTP 502 \(gave up after 3 tries\)"):
            http.get(server.base + "/daily_papers", {"date": "2025-01-01"})


def test_a_response_that_hangs_past_the_read_timeout_is_retried():
    policy = HttpPolicy(read_timeout=0.3, attempts=3, backoff=0.01)
    with Replay(days={"2025-01-01": []}, behaviour={"2025-01-01": "hang-once"}, hang_seconds=2) as server, \
            Http(contact="t", policy=policy) as http:
        assert fetch_day(http, server.base, dt.date(2025, 1, 1)).papers == ()
    with Replay(behaviour={"2025-01-02": "hang"}, hang_seconds=1) as server, \
            Http(contact="t", policy=policy) as http:
        with pytest.raises(FetchError, match="timed out"):
            fetch_day(http, server.base, dt.date(2025, 1, 2))


@pytest.mark.parametrize(("behaviour", "message"), [("html", "an HTML page, not JSON"), ("truncated", "not valid JSON")])
def test_a_bad_body_with_status_200_fails_the_day(behaviour, message):
    day = json.loads((FIXTURES / "hf-daily-papers-2024-05-29.json").read_bytes())
    with Replay(days={"2024-05-29": day}, behaviour={"2024-05-29": behaviour}) as server, \
            Http(contact="t", policy=QUICK) as http:
        with pytest.raises(SourceError, match=message):
            fetch_day(http, server.base, dt.date(2024, 5, 29))


def test_requests_name_the_project_and_contact():
    with Replay() as server, Http(contact="https://example.org/me", policy=QUICK) as http:
        http.get(server.base + "/daily_papers", {"date": "2025-01-01"})
        headers = server.requests[0][2]
    assert headers["User-Agent"] == f"Paperboy/{__version__} (+https://example.org/me)"


def test_min_interval_spaces_request_starts():
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    with Replay() as server, Http(contact="t", policy=QUICK, min_interval=3, sleep=sleep, clock=lambda: now[0]) as http:
        for _ in range(3):
            http.get(server.base + "/query", {"id_list": "x"})
            now[0] += 0.5  # the request itself took half a second
    assert waits == [2.5, 2.5]


def test_a_day_without_a_list_is_empty_and_another_client_error_fails_it():
    with Replay(behaviour={"2030-01-01": "missing", "2030-01-02": "forbidden"}) as server, \
            Http(contact="t", policy=QUICK) as http:
        assert fetch_day(http, server.base, dt.date(2030, 1, 1)).papers == ()
        with pytest.raises(SourceError, match="HTTP 403"):
            fetch_day(http, server.base, dt.date(2030, 1, 2))


def test_refetch_updates_counts_fills_gaps_keeps_hand_edits_and_vanished_papers(empty_site):
    configure(empty_site, topic=False)
    day = json.loads((FIXTURES / "hf-daily-papers-2024-09-16.json").read_bytes())
    with Replay(days={"2024-09-16": day}) as server:
        env = {"PAPERBOY_HF_API": server.base}
        paperboy(empty_site, "fetch", "--source", "hf", "--date", "2024-09-16", env=env)
        papers = empty_site / "content" / "papers"
        first = papers / "2409.08857.md"
        first.write_text(first.read_text().replace("tags: []", "tags:\n- editing\nnote: Lovely demo."))
        day[0]["paper"]["upvotes"] += 100
        day[1]["paper"]["githubRepo"] = "https://github.com/example/dual-gs"
        vanished = day.pop()
        result = paperboy(empty_site, "fetch", "--source", "hf", "--date", "2024-09-16", env=env)
    assert "0 new, 2 updated, 4 unchanged" in result.stderr
    record = loads(first.read_text())
    assert record.upvotes == 108 and record.tags == ("editing",) and record.note == "Lovely demo."
    assert loads((papers / "2409.08353.md").read_text()).code == "https://github.com/example/dual-gs"
    assert (papers / f"{vanished['paper']['id']}.md").exists(), "a paper gone from the list stays"


def test_fetch_with_no_dates_asks_for_the_last_three_days(empty_site):
    with Replay() as server:
        result = paperboy(empty_site, "fetch", "--source", "hf", env={"PAPERBOY_HF_API": server.base})
        asked = sorted({path.split("date=")[1].split("&")[0] for _, path, _ in server.requests})
    today = dt.datetime.now(dt.timezone.utc).date()
    assert asked[-1] in {today.isoformat(), (today - dt.timedelta(days=1)).isoformat()}  # midnight race
    recent = [day for day in asked if dt.date.fromisoformat(day) >= today - dt.timedelta(days=3)]
    assert len(recent) == 3
    assert len(asked) - 3 == 4  # and the counts of 4 older days (7, 14, 21, 28 days back)
    assert "3 days" in result.stderr and "refreshing counts of" in result.stderr


def test_bad_date_arguments_are_usage_errors(empty_site):
    """Refused at the command line (exit 2), before anything is read or fetched."""
    result = paperboy(empty_site, "fetch", "--date", "2025-02-30", check=False)
    assert result.returncode == 2 and "not a date (YYYY-MM-DD): '2025-02-30'" in result.stderr
    result = paperboy(empty_site, "fetch", "--since", "2025-02-10", "--until", "2025-02-01", check=False)
    assert result.returncode == 2 and "--until 2025-02-01 is before --since 2025-02-10" in result.stderr


def test_the_days_to_fetch():
    """A backfill is every day from --since to --until; a plain run the last `refetch_days` days."""
    from generator.fetch import day_range, recent_days

    assert day_range(dt.date(2024, 2, 28), dt.date(2024, 3, 1)) == [
        dt.date(2024, 2, 28), dt.date(2024, 2, 29), dt.date(2024, 3, 1)]
    assert day_range(dt.date(2024, 3, 1), dt.date(2024, 3, 1)) == [dt.date(2024, 3, 1)]
    assert recent_days(dt.date(2025, 1, 1), 3) == [dt.date(2024, 12, 30), dt.date(2024, 12, 31), dt.date(2025, 1, 1)]


def test_fetch_reports_what_it_stored_and_which_days_failed(empty_site, monkeypatch):
    """The fetch function itself: records stored, a failed day named in the report, not raised."""
    from generator.fetch import fetch

    configure(empty_site, topic=False, backoff=0.01)
    # In this process tqdm would start its monitor thread, which outlives the test and keeps
    # the worker processes of later tests from starting (they fork only from one thread).
    monkeypatch.setattr("tqdm.tqdm.monitor_interval", 0)
    day = json.loads((FIXTURES / "hf-daily-papers-2024-05-29.json").read_bytes())
    with Replay(days={"2024-05-29": day}, behaviour={"2024-05-30": "html"}) as server:
        monkeypatch.setenv("PAPERBOY_HF_API", server.base)
        report = fetch(load_settings(empty_site / "mkdocs.yml"), [dt.date(2024, 5, 29), dt.date(2024, 5, 30)],
                       source="hf")
    assert report.new == len(record_files(empty_site)) == 8
    assert not report.ok and len(report.failed) == 1 and report.failed[0].startswith("2024-05-30: ")

