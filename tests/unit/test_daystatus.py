"""What each stream said for each day, kept in git (content/status/): recorded by `fetch` from
recorded responses through the stand-in servers, a failed day included; nothing written when
nothing changed; arXiv's announcement schedule; hostile status files named and skipped."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from generator import urls
from generator.config import load_settings
from generator.fetch import fetch
from generator.sources import arxiv_listing, hf
from generator.storage.daystatus import DayStatus, StreamDay
from generator.storage.store import Store

from tests.support.arxiv_standin import ArxivStandIn
from tests.support.site import FIXTURES, REPO, _ConfigLoader, configure, make_site
from tests.support.replay import Replay

UTC = dt.timezone.utc


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def clock_at(text: str):
    return lambda: at(text)


def recorded(day: str) -> list:
    return json.loads((FIXTURES / f"hf-daily-papers-{day}.json").read_bytes())


@pytest.fixture
def quiet(monkeypatch):
    # No tqdm monitor thread in this process: later tests fork workers from one thread.
    monkeypatch.setattr("tqdm.tqdm.monitor_interval", 0)
    return monkeypatch


def test_a_day_that_fails_on_every_try_is_stored_as_failed_and_the_other_days_are_kept(empty_site, quiet):
    """Hugging Face answers 503 on every try for one day: its status line says failed, with the
    reason and no URL; the days around it are stored, each with how many papers it listed."""
    configure(empty_site, topic=False, backoff=0.01, attempts=2)
    days = {"2024-05-29": recorded("2024-05-29"), "2024-05-31": recorded("2024-09-16")}
    with Replay(days=days, behaviour={"2024-05-30": "unavailable"}) as server:
        quiet.setenv("PAPERBOY_HF_API", server.base)
        settings = load_settings(empty_site / "mkdocs.yml")
        report = fetch(settings, [dt.date(2024, 5, 29), dt.date(2024, 5, 30), dt.date(2024, 5, 31)], source="hf",
                       clock=clock_at("2024-06-01T06:07:59"))
    assert not report.ok and report.failed[0].startswith("2024-05-30: ")
    assert len(Store(settings.papers_dir).load_all().papers) == 8 + 7
    lines = (settings.status_dir / "2024-05.jsonl").read_text().splitlines()
    assert lines == [
        '{"day":"2024-05-29","stream":"hf","asked":"2024-06-01T06:07Z","ok":true,"listed":8}',
        '{"day":"2024-05-30","stream":"hf","asked":"2024-06-01T06:07Z","ok":false,"listed":null,'
        '"error":"HTTP 503 (gave up after 2 tries)"}',
        '{"day":"2024-05-31","stream":"hf","asked":"2024-06-01T06:07Z","ok":true,"listed":7}',
    ]
    status = DayStatus.load(settings.status_dir)
    failed = status[(dt.date(2024, 5, 30), "hf")]
    assert (failed.ok, failed.listed, failed.asked) == (False, None, at("2024-06-01T06:07"))


def test_a_later_failure_keeps_what_the_stream_listed_and_a_later_answer_replaces_it(empty_site, quiet):
    """Answered, then failed on the next run: failed with the earlier count; answered again:
    ok, with the time of that answer."""
    configure(empty_site, topic=False, backoff=0.01, attempts=2)
    day = dt.date(2024, 5, 29)
    settings = None
    for behaviour, when in ((None, "2024-05-29T10:00"), ("unavailable", "2024-05-30T10:00"), (None, "2024-05-31T10:00")):
        with Replay(days={"2024-05-29": recorded("2024-05-29")},
                    behaviour={"2024-05-29": behaviour} if behaviour else {}) as server:
            quiet.setenv("PAPERBOY_HF_API", server.base)
            settings = load_settings(empty_site / "mkdocs.yml")
            fetch(settings, [day], source="hf", clock=clock_at(when))
        line = DayStatus.load(settings.status_dir)[(day, "hf")]
        if behaviour:
            assert (line.ok, line.listed, line.error, line.asked) == (False, 8, "HTTP 503 (gave up after 2 tries)", at(when))
        else:
            assert (line.ok, line.listed, line.error, line.asked) == (True, 8, "", at(when))


def test_a_second_identical_run_writes_no_byte(empty_site, quiet):
    """The same answers an hour later: the status file is not written at all (same bytes, same
    modification time), and its lines keep the time of the first answer."""
    configure(empty_site, topic=False, backoff=0.01, attempts=2)
    days = {"2024-05-29": recorded("2024-05-29")}
    with Replay(days=days, behaviour={"2024-05-30": "unavailable"}) as server:
        quiet.setenv("PAPERBOY_HF_API", server.base)
        settings = load_settings(empty_site / "mkdocs.yml")
        asked = [dt.date(2024, 5, 29), dt.date(2024, 5, 30)]
        fetch(settings, asked, source="hf", clock=clock_at("2024-05-30T08:00"))
        status = settings.status_dir / "2024-05.jsonl"
        before = status.read_bytes(), status.stat().st_mtime_ns
        fetch(settings, asked, source="hf", clock=clock_at("2024-05-30T09:00"))
        assert (status.read_bytes(), status.stat().st_mtime_ns) == before
    assert sorted(p.name for p in settings.status_dir.iterdir()) == ["2024-05.jsonl"], "no temp file left"
    assert "2024-05-30T08:00Z" in before[0].decode() and "09:00" not in before[0].decode()


def test_refreshed_older_days_are_recorded_too(empty_site, quiet):
    """The older days a plain fetch asks again for their counts get their status lines."""
    configure(empty_site, topic=False)
    with Replay(days={"2024-05-29": recorded("2024-05-29")}) as server:
        quiet.setenv("PAPERBOY_HF_API", server.base)
        settings = load_settings(empty_site / "mkdocs.yml")
        fetch(settings, [dt.date(2024, 6, 5)], source="hf", refresh=[dt.date(2024, 5, 29)],
              clock=clock_at("2024-06-05T06:00"))
    status = DayStatus.load(settings.status_dir)
    assert status[(dt.date(2024, 5, 29), "hf")].listed == 8 and status[(dt.date(2024, 6, 5), "hf")].listed == 0


# --- arXiv: a submission day is complete once it is announced --------------------------------

@pytest.mark.parametrize(("day", "asked", "complete"), [
    # Friday 2026-03-06: its last papers come in Monday's announcement (20:00 New York; summer
    # time began on Sunday 03-08, so 20:00 EDT is 00:00 UTC on Tuesday).
    ("2026-03-06", "2026-03-07T12:00", False),  # Saturday
    ("2026-03-06", "2026-03-09T01:00", False),  # Sunday evening in New York, after Sunday's announcement
    ("2026-03-06", "2026-03-09T23:59", False),  # Monday 19:59 EDT
    ("2026-03-06", "2026-03-10T00:00", True),   # Monday 20:00 EDT
    # Thursday 2026-01-08: all of it is announced on Sunday 20:00 EST (01:00 UTC Monday).
    ("2026-01-08", "2026-01-11T00:59", False),
    ("2026-01-08", "2026-01-12T01:00", True),
    # Tuesday 2026-01-06: the papers after Tuesday's 14:00 deadline come on Wednesday evening.
    ("2026-01-06", "2026-01-07T00:30", False),
    ("2026-01-06", "2026-01-08T01:00", True),
])
def test_an_arxiv_submission_day_is_complete_after_the_announcement_that_covers_it(day, asked, complete):
    assert arxiv_listing.complete(dt.date.fromisoformat(day), at(asked)) is complete


def test_the_announcements_of_a_week():
    """Monday to Sunday's submission days, and when the last of each is announced (New York)."""
    new_york = arxiv_listing.NEW_YORK
    week = [dt.date(2026, 1, 5) + dt.timedelta(days=n) for n in range(7)]
    shown = [arxiv_listing.announced(day).astimezone(new_york).strftime("%a %H:%M") for day in week]
    assert shown == ["Tue 20:00", "Wed 20:00", "Thu 20:00", "Sun 20:00", "Mon 20:00", "Mon 20:00", "Mon 20:00"]


def test_a_hugging_face_day_grows_for_refetch_days():
    day = dt.date(2026, 3, 6)
    assert hf.growing(day, at("2026-03-08T23:59"), 3) and not hf.growing(day, at("2026-03-09T00:00"), 3)


def test_a_friday_asked_saturday_then_after_mondays_announcement_takes_the_later_time_once(tmp_path, quiet):
    """Through arXiv's stand-in: the Friday asked on Saturday is recorded with Saturday's time
    (not complete); asked again after Monday's announcement with the same answer, the line takes
    that time (complete); asked once more, nothing is written."""
    quiet.setenv("PAPERBOY_ARXIV_INTERVAL", "0")
    root = make_site(tmp_path / "src", with_papers=False)
    friday = dt.date(2026, 3, 6)
    with ArxivStandIn.from_days() as standin:
        for name, value in standin.env().items():
            quiet.setenv(name, value)
        settings = load_settings(root / "mkdocs.yml")
        settings = dataclasses.replace(settings, arxiv=dataclasses.replace(settings.arxiv, lookback_days=0))
        status = settings.status_dir / "2026-03.jsonl"
        fetch(settings, [friday], source="arxiv", clock=clock_at("2026-03-07T12:00"))
        first = DayStatus.load(settings.status_dir)[(friday, "arxiv")]
        fetch(settings, [friday], source="arxiv", clock=clock_at("2026-03-10T00:30"))
        second = DayStatus.load(settings.status_dir)[(friday, "arxiv")]
        written = status.read_bytes(), status.stat().st_mtime_ns
        fetch(settings, [friday], source="arxiv", clock=clock_at("2026-03-11T00:30"))
    assert first.ok and first.listed and first.listed > 0 and not arxiv_listing.complete(friday, first.asked)
    assert second.listed == first.listed and second.asked == at("2026-03-10T00:30")
    assert arxiv_listing.complete(friday, second.asked)
    assert (status.read_bytes(), status.stat().st_mtime_ns) == written


# --- the file: hostile lines -----------------------------------------------------------------

GOOD = '{"day":"2026-03-06","stream":"arxiv","asked":"2026-03-07T12:00Z","ok":true,"listed":87}'
HOSTILE = [
    ("not json {", "not JSON"),
    ('["a list"]', "expected an object"),
    ('{"day":"2026-04-01","stream":"hf","asked":"2026-04-02T00:00Z","ok":true,"listed":1}', "not of this file's month"),
    ('{"day":"2026-03-32","stream":"hf","asked":"2026-04-02T00:00Z","ok":true,"listed":1}', "day: expected YYYY-MM-DD"),
    ('{"day":"2026-03-06","stream":"../../etc","asked":"2026-03-07T12:00Z","ok":true,"listed":1}', "stream: expected"),
    ('{"day":"2026-03-06","stream":"hf","asked":"yesterday","ok":true,"listed":1}', "asked: expected"),
    ('{"day":"2026-03-06","stream":"hf","asked":"2026-03-07T12:00Z","ok":"yes","listed":1}', "ok: expected true or false"),
    ('{"day":"2026-03-06","stream":"hf","asked":"2026-03-07T12:00Z","ok":true,"listed":true}', "listed: expected"),
    ('{"day":"2026-03-06","stream":"hf","asked":"2026-03-07T12:00Z","ok":true,"listed":-3}', "listed: expected"),
    ('{"day":"2026-03-06","stream":"hf","asked":"2026-03-07T12:00Z","ok":true,"listed":1,"run":"rm -rf /"}',
     "unknown field 'run'"),
    (GOOD, "a second line for 2026-03-06 arxiv"),
    ('{"day":"2026-03-06","stream":"hf","asked":"2026-03-07T12:00Z","ok":false,"listed":null,"error":'
     + json.dumps("x" * 5000) + "}", "longer than 4000 bytes"),
]


def test_hostile_lines_in_a_status_file_are_named_and_skipped(tmp_path: Path):
    """Each bad line is named by file and line and left out; the good lines are read; an error
    text loses its control characters; a file not named for a month is named and left out."""
    folder = tmp_path / "status"
    folder.mkdir()
    error = '{"day":"2026-03-07","stream":"hf","asked":"2026-03-08T00:00Z","ok":false,"listed":4,"error":"HTTP 503\\u001b[31m\\n<script>"}'
    (folder / "2026-03.jsonl").write_text("\n".join([GOOD, *(line for line, _ in HOSTILE), error]) + "\n")
    (folder / "notes.jsonl").write_text(GOOD + "\n")
    problems: list[str] = []
    status = DayStatus.load(folder, problems)
    assert list(status) == [(dt.date(2026, 3, 6), "arxiv"), (dt.date(2026, 3, 7), "hf")]
    assert status[(dt.date(2026, 3, 6), "arxiv")] == StreamDay(dt.date(2026, 3, 6), "arxiv", at("2026-03-07T12:00"), True, 87)
    assert status[(dt.date(2026, 3, 7), "hf")].error == "HTTP 503[31m <script>"
    assert len(problems) == len(HOSTILE) + 1
    for number, (_, reason) in enumerate(HOSTILE, start=2):
        assert any(problem.startswith(f"{folder / '2026-03.jsonl'}:{number}: ") and reason in problem
                   for problem in problems), (number, reason, problems)
    assert any("notes.jsonl: not a month's status file" in problem for problem in problems)


def test_a_month_with_a_bad_line_is_left_alone_and_the_others_are_written(tmp_path: Path):
    """Rewriting it would lose the line: the file stays as it was, named; other months are written."""
    folder = tmp_path / "status"
    folder.mkdir()
    bad = folder / "2026-03.jsonl"
    bad.write_text(GOOD + "\nnot json {\n")
    items = [StreamDay(dt.date(2026, 3, 9), "hf", at("2026-03-10T06:00:30"), True, 12),
             StreamDay(dt.date(2026, 4, 1), "hf", at("2026-04-02T06:00"), True, 3)]
    done = DayStatus.record(folder, items)
    assert bad.read_text() == GOOD + "\nnot json {\n"
    assert done.written == (folder / "2026-04.jsonl",) and "2026-03.jsonl: not updated" in done.problems[0]
    assert (folder / "2026-04.jsonl").read_text() == (
        '{"day":"2026-04-01","stream":"hf","asked":"2026-04-02T06:00Z","ok":true,"listed":3}\n')


def test_lines_are_sorted_by_day_then_stream_and_asked_is_kept_to_the_minute(tmp_path: Path):
    items = [StreamDay(dt.date(2026, 3, 9), "hf", at("2026-03-10T06:00:59"), True, 12),
             StreamDay(dt.date(2026, 3, 8), "hf", at("2026-03-10T06:00"), False, None, "HTTP 503"),
             StreamDay(dt.date(2026, 3, 8), "arxiv", at("2026-03-10T06:00"), True, 40)]
    DayStatus.record(tmp_path, items)
    assert [re.sub(r',"asked":"[^"]+"', "", line) for line in (tmp_path / "2026-03.jsonl").read_text().splitlines()] == [
        '{"day":"2026-03-08","stream":"arxiv","ok":true,"listed":40}',
        '{"day":"2026-03-08","stream":"hf","ok":false,"listed":null,"error":"HTTP 503"}',
        '{"day":"2026-03-09","stream":"hf","ok":true,"listed":12}',
    ]
    assert '"asked":"2026-03-10T06:00Z"' in (tmp_path / "2026-03.jsonl").read_text().splitlines()[2]


def test_the_status_folder_is_data_not_pages():
    """MkDocs leaves it out (exclude_docs), like every folder urls.UNPUBLISHED names; it is not
    among what the generator owns (written and cleaned on each build) or what git ignores."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=_ConfigLoader)  # noqa: S506 - a safe loader
    excluded = config["exclude_docs"].split()
    assert f"{urls.STATUS}/" in urls.UNPUBLISHED
    assert all(f"/{folder}" in excluded for folder in urls.UNPUBLISHED)
    assert not any(path.endswith(f"/{urls.STATUS}") for path in urls.generated_paths())
    assert "status" not in (REPO / ".gitignore").read_text()



def test_both_streams_of_a_run_share_the_file_in_day_then_stream_order(tmp_path: Path, quiet):
    """Hugging Face fails on every try for a Friday while arXiv lists it: the Friday's arXiv
    papers are kept as candidates, and each (day, stream) has its line, the failed one saying so."""
    from generator.storage.candidates import Candidates

    quiet.setenv("PAPERBOY_ARXIV_INTERVAL", "0")
    root = make_site(tmp_path / "src", with_papers=False)
    configure(root, topic=False, backoff=0.01, attempts=2)
    friday, saturday = dt.date(2026, 3, 6), dt.date(2026, 3, 7)
    with ArxivStandIn.from_days() as standin, Replay(behaviour={"2026-03-06": "unavailable"}) as hf_server:
        quiet.setenv("PAPERBOY_ARXIV_API", standin.base)
        quiet.setenv("PAPERBOY_HF_API", hf_server.base)
        settings = load_settings(root / "mkdocs.yml")
        settings = dataclasses.replace(settings, arxiv=dataclasses.replace(settings.arxiv, lookback_days=0))
        report = fetch(settings, [friday, saturday], clock=clock_at("2026-03-08T07:00"))
    assert report.failed == [f"2026-03-06: {hf_server.base}/daily_papers?date=2026-03-06&limit=50&p=0: "
                             "HTTP 503 (gave up after 2 tries)"]
    status = DayStatus.load(settings.status_dir)
    assert [(day.isoformat(), stream, line.ok) for (day, stream), line in status.items()] == [
        ("2026-03-06", "arxiv", True), ("2026-03-06", "hf", False), ("2026-03-07", "arxiv", True), ("2026-03-07", "hf", True)]
    assert status[(friday, "hf")].error == "HTTP 503 (gave up after 2 tries)"
    listed = status[(friday, "arxiv")].listed
    candidates = Candidates(settings.candidates_dir).load_all()
    fridays = [p for p in candidates.papers if p.published == friday] + [c for c in candidates.compact.values()
                                                                          if c.published == friday]
    assert listed and len(fridays) == listed
