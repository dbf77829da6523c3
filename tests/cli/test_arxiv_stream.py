"""Both streams end to end: `paperboy fetch` against the arXiv stand-in on 127.0.0.1 (real listing
days, tests/arxiv_standin.py) with Hugging Face days, then `paperboy build`; one record per paper
whichever stream saw it first; compact candidates."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import shutil
from contextlib import contextmanager
from pathlib import Path

import feedparser
import pytest

from generator.config import load_settings
from generator.fetch import fetch
from generator.sources.arxiv_listing import submission_days
from generator.storage.candidates import Candidates
from generator.storage.store import Store

from tests.support.arxiv_standin import ArxivStandIn
from tests.support.site import FIXTURES, QUICK_ARXIV, REPO, make_site, run_paperboy, set_config

HF_ITEM = json.loads((FIXTURES / "hf-daily-papers-2025-10-15.json").read_text())[0]


def hf_item(arxiv_id: str, title: str, day: str, upvotes: int, published: str = "2026-03-07") -> dict:
    """A real Daily Papers item (recorded 2025-10-15) made to name another paper."""
    item = copy.deepcopy(HF_ITEM)
    item["paper"].update(id=arxiv_id, title=title, upvotes=upvotes, submittedOnDailyAt=f"{day}T00:25:14.164Z",
                         publishedAt=f"{published}T12:00:00.000Z")
    item.update(title=title, publishedAt=f"{day}T00:25:14.164Z")
    return item


def test_arxiv_days_reach_back_for_the_announcement_delay():
    """A window of days asks arXiv for its days and the `lookback` days before, once each."""
    days = [dt.date(2026, 3, 9), dt.date(2026, 3, 10)]
    assert submission_days(days, 2) == [dt.date(2026, 3, 7), dt.date(2026, 3, 8), dt.date(2026, 3, 9), dt.date(2026, 3, 10)]
    assert submission_days(days, 0) == days


@pytest.fixture(scope="module")
def fetched(tmp_path_factory: pytest.TempPathFactory):
    """This repository's site (records, candidates, labels: the model it really has), fetched
    for the listing days 2025-10-21..22 from the stand-in, Hugging Face empty, then built."""
    root = tmp_path_factory.mktemp("streams") / "src"
    make_site(root)
    shutil.rmtree(root / "content")
    shutil.copytree(REPO / "content", root / "content", ignore=shutil.ignore_patterns("generated"))
    # The bundled papers run to 2026: a feed as long as the site, so 2025's new papers are in it.
    set_config(root, {("extra", "paperboy", "feed_size"): 1000})
    with ArxivStandIn.from_days() as standin:
        env = {**standin.env(), **QUICK_ARXIV}
        before = {p.name for p in (root / "content" / "papers").glob("*.md")}
        result = run_paperboy(root, "fetch", "--since", "2025-10-21", "--until", "2025-10-22", env=env)
        run_paperboy(root, "build", env=env)
    added = sorted(p.stem for p in (root / "content" / "papers").glob("*.md") if p.name not in before)
    return root, added, result.stderr, None


def test_fetch_then_build_publishes_the_days_small_lm_papers(fetched):
    """arXiv-only papers the model keeps get records like any other: no featured day, no upvotes,
    their arXiv metadata, their submission day."""
    root, added, log, _ = fetched
    assert "fetch: " in log and ", 0 failed;" in log
    store = {p.arxiv_id: p for p in Store(root / "content" / "papers").load_all().papers}
    assert len(added) >= 4, added
    for key in added:
        paper = store[key]
        assert paper.featured is None and paper.upvotes == 0 and paper.version == 1
        assert paper.categories and paper.published in (dt.date(2025, 10, 20), dt.date(2025, 10, 21))
        assert "2510.18383" in added, "MENTOR (small models) is among them"


def test_day_pages_tags_and_feeds_hold_the_arxiv_only_papers(fetched):
    """The day page, the week and month pages, the tag pages, the site feed and the tag feeds list each new
    paper; each has its page."""
    root, added, _, _ = fetched
    site = root / "site"
    store = {p.arxiv_id: p for p in Store(root / "content" / "papers").load_all().papers}
    feed = feedparser.parse((site / "feeds" / "all.atom.xml").read_bytes())
    links = [entry.link for entry in feed.entries]
    for key in added:
        day = store[key].published
        assert f"/papers/{key}/" in (site / "archive" / f"{day:%Y/%m/%d}" / "index.html").read_text()
        assert f"/papers/{key}/" in (site / "archive" / f"{day:%Y/%m}" / "index.html").read_text()
        year, week, _ = day.isocalendar()
        assert f"/papers/{key}/" in (site / "archive" / "weeks" / f"{year}-W{week:02d}" / "index.html").read_text()
        assert (site / "papers" / key / "index.html").is_file()
        assert sum(link.endswith(f"/papers/{key}/") for link in links) == 1
        for tag in store[key].tags:  # a tag's pages are split by month
            assert f"/papers/{key}/" in (site / "tags" / tag / f"{day:%Y/%m}" / "index.html").read_text()
            tag_feed = feedparser.parse((site / "feeds" / "tags" / f"{tag}.atom.xml").read_bytes())
            assert f"https://arxiv.org/abs/{key}" in [entry.id for entry in tag_feed.entries]
    assert not feed.bozo


def test_far_off_topic_candidates_are_compact_and_labelled_ones_whole(fetched):
    """Most of the listing is stored as short lines; a labelled candidate keeps its text."""
    root, _, _, _ = fetched
    loaded = Candidates(root / "content" / "candidates").load_all()
    assert len(loaded.compact) > 100 and loaded.problems == ()
    lines = [line for line in (root / "content" / "candidates" / "2025-10.jsonl").read_text().splitlines()
             if '"score"' in line and '"title"' not in line]
    assert len(lines) == sum(1 for key in loaded.compact if key.startswith("2510."))
    assert max(len(line.encode()) for line in lines) < 140
    entry = next(iter(loaded.compact.values()))
    assert entry.score < 0.1 and len(entry.model) == 8 and entry.categories and entry.published
    labels = (root / "content" / "topic" / "labels.yml").read_text()
    assert not [key for key in loaded.compact if f"'{key}'" in labels]
    result = run_paperboy(root, "check")
    assert "compact)" in result.stderr and "0 problems" in result.stderr


def test_arxiv_is_asked_politely(tmp_path: Path):
    """Every request to arXiv (listing pages and lookups by id) starts at least the configured
    interval after the one before, and names Paperboy and its contact in the User-Agent.

    Half a second here, allowed for a stand-in (PAPERBOY_ARXIV_API not arXiv's): the same spacing
    code as arXiv's own 3 s, without 15 s of waiting. That the interval is 3 s for arXiv's own
    API, unconfigured, and cannot be set lower for it: test_a_shorter_interval_is_for_a_stand_in_only_...
    """
    interval = 0.5
    root = make_site(tmp_path / "src", with_papers=False)
    set_config(root, {("extra", "paperboy", "arxiv", "categories"): ["cs.CL"],
                      ("extra", "paperboy", "arxiv", "page_size"): 10,
                      ("extra", "paperboy", "arxiv", "lookback_days"): 0})
    with ArxivStandIn.from_days() as standin:
        env = {**standin.env(), "PAPERBOY_ARXIV_INTERVAL": str(interval)}
        run_paperboy(root, "fetch", "--source", "arxiv", "--date", "2025-10-21", env=env)
        arxiv = [(when, headers) for when, (path, headers) in zip(standin.times, standin.requests) if "/query" in path]
    gaps = [later - earlier for (earlier, _), (later, _) in zip(arxiv, arxiv[1:])]
    # The stand-in stamps a request when it has read it: a few ms of jitter either way.
    assert len(arxiv) >= 3 and min(gaps) >= interval - 0.02, gaps
    assert all(headers["User-Agent"].startswith("Paperboy/") and "(+https://" in headers["User-Agent"]
               for _, headers in arxiv)


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch):
    """A site with no records whose labels say two listed papers are on topic (no model needed);
    arXiv's 3 s spacing is off here (it is checked on the real command above)."""
    monkeypatch.setenv("PAPERBOY_ARXIV_INTERVAL", "0")
    root = make_site(tmp_path / "src", with_papers=False)
    (root / "content" / "topic").mkdir(parents=True)
    (root / "content" / "topic" / "labels.yml").write_text(
        "- {id: '2603.07017', label: 'on', why: small language models}\n"
        "- {id: '2603.06836', label: 'on', why: a small language model}\n")
    return root


@contextmanager
def streams(root: Path, monkeypatch, hf_days: dict[str, list] | None = None):
    """The two streams' stand-in (the real listing days, these Hugging Face days), paperboy pointed
    at it: the stand-in and the site's settings."""
    with ArxivStandIn.from_days(hf_days=hf_days or {}) as standin:
        for name, value in standin.env().items():
            monkeypatch.setenv(name, value)
        yield standin, load_settings(root / "mkdocs.yml")


def _one_record_one_page_one_entry(root: Path, key: str) -> None:
    run_paperboy(root, "build")
    assert len(list((root / "content" / "papers").glob(f"{key}*"))) == 1
    assert (root / "site" / "papers" / key / "index.html").is_file()
    assert f"papers/{key}/" in (root / "site" / "index.html").read_text(), "the home page shows it"
    feed = feedparser.parse((root / "site" / "feeds" / "all.atom.xml").read_bytes())
    assert [entry.id for entry in feed.entries].count(f"https://arxiv.org/abs/{key}") == 1


def test_a_paper_listed_first_and_featured_later_gains_what_hugging_face_knows(tiny, monkeypatch):
    """arXiv first, Hugging Face three days later: the same record gains upvotes and the featured
    day (its day on the site from then on), keeps its arXiv metadata; one page, one feed entry."""
    key, title = "2603.07017", "Can Safety Emerge from Weak Supervision?"
    with streams(tiny, monkeypatch, {"2026-03-10": [hf_item(key, title, "2026-03-10", 21)]}) as (_, settings):
        fetch(settings, [dt.date(2026, 3, 7)], source="arxiv")
        first = Store(settings.papers_dir).load_all().papers
        assert [p.arxiv_id for p in first] == ["2603.06836", key] and first[1].featured is None
        page_before = (tiny / "content" / "papers" / f"{key}.md").read_text()
        fetch(settings, [dt.date(2026, 3, 10)], source="hf")
    paper = next(p for p in Store(settings.papers_dir).load_all().papers if p.arxiv_id == key)
    assert paper.featured == dt.date(2026, 3, 10) and paper.upvotes == 21 and paper.day == dt.date(2026, 3, 10)
    assert paper.version == 1 and paper.categories[0] == "cs.CL" and paper.published == dt.date(2026, 3, 7)
    assert paper.submitted_by and paper.title.startswith("Can Safety Emerge from Weak Supervision? A Systematic")
    assert page_before != (tiny / "content" / "papers" / f"{key}.md").read_text()
    _one_record_one_page_one_entry(tiny, key)


def test_a_paper_featured_first_and_listed_later_gains_what_arxiv_knows(tiny, monkeypatch):
    """Hugging Face first, arXiv's listing after: the record gains categories, comment and version,
    keeps its upvotes and featured day; one page, one feed entry."""
    key, title = "2603.06836", "Validation of a Small Language Model for DSM-5 Substance Category Classification"
    with streams(tiny, monkeypatch, {"2026-03-09": [hf_item(key, title, "2026-03-09", 5)]}) as (_, settings):
        fetch(settings, [dt.date(2026, 3, 9)], source="hf")
        before = next(p for p in Store(settings.papers_dir).load_all().papers if p.arxiv_id == key)
        assert before.version is None and before.upvotes == 5
        fetch(settings, [dt.date(2026, 3, 7)], source="arxiv")
    paper = next(p for p in Store(settings.papers_dir).load_all().papers if p.arxiv_id == key)
    assert paper.upvotes == 5 and paper.featured == dt.date(2026, 3, 9) and paper.title == title
    assert paper.version == 1 and paper.categories[0] == "cs.CL" and paper.published == dt.date(2026, 3, 7)
    _one_record_one_page_one_entry(tiny, key)


def test_a_compact_candidate_seen_whole_again_is_whole(tmp_path: Path):
    """A stream that lists a compact candidate again stores it whole (the topic stage judges it
    anew); making it compact again changes only that line."""
    from generator.models import Compact, make_paper

    candidates = Candidates(tmp_path)
    paper = make_paper(arxiv_id="2603.06693", title="Soft Equivariance", abstract="A text.", version=1,
                       categories=["cs.CV"], published="2026-03-07")
    other = make_paper(arxiv_id="2603.06697", title="Another", version=1, published="2026-03-07")
    candidates.upsert([paper, other])
    whole = (tmp_path / "2026-03.jsonl").read_text()
    counts = candidates.compact([Compact("2603.06693", ("cs.CV",), dt.date(2026, 3, 7), 0.01, "b7b8d46e")])
    assert counts.updated == 1
    lines = (tmp_path / "2026-03.jsonl").read_text().splitlines()
    assert lines[0] == ('{"arxiv_id":"2603.06693","categories":["cs.CV"],"published":"2026-03-07",'
                        '"score":0.01,"model":"b7b8d46e"}')
    assert lines[1] == whole.splitlines()[1], "the other candidate's line is untouched"
    loaded = candidates.load_all()
    assert [p.arxiv_id for p in loaded.papers] == ["2603.06697"] and list(loaded.compact) == ["2603.06693"]
    candidates.upsert([paper])
    assert (tmp_path / "2026-03.jsonl").read_text() == whole


def test_a_broken_compact_line_is_named_and_its_file_left_alone(tmp_path: Path):
    """A compact line with a score that is not a probability: named by file and line; the file
    is not rewritten (its other lines would be lost)."""
    line = '{"arxiv_id":"2603.06693","categories":["cs.CV"],"published":"2026-03-07","score":7,"model":"x"}\n'
    (tmp_path / "2026-03.jsonl").write_text(line)
    candidates = Candidates(tmp_path)
    assert candidates.load_all().problems == (f"{tmp_path / '2026-03.jsonl'}:1: score: expected a number from 0 to 1",)
    from generator.models import make_paper
    counts = candidates.upsert([make_paper(arxiv_id="2603.06697", title="Another")])
    assert counts.problems and (tmp_path / "2026-03.jsonl").read_text() == line


def test_a_label_on_a_compact_candidate_brings_it_back_whole_and_published(tiny, monkeypatch):
    """Labelled after it was made compact: the next fetch looks it up on arXiv by id, stores it
    whole, and the label publishes it."""
    (tiny / "content" / "candidates").mkdir(parents=True)
    (tiny / "content" / "candidates" / "2026-03.jsonl").write_text(
        '{"arxiv_id":"2603.07017","categories":["cs.CL"],"published":"2026-03-07","score":0.04,"model":"b7b8d46e"}\n')
    with streams(tiny, monkeypatch) as (standin, settings):
        settings = dataclasses.replace(settings, arxiv=dataclasses.replace(settings.arxiv, lookback_days=0))
        report = fetch(settings, [dt.date(2026, 3, 10)], source="arxiv")
        asked = [path for path, _ in standin.requests if "id_list=" in path]
    assert asked and "2603.07017" in asked[0]
    loaded = Candidates(settings.candidates_dir).load_all()
    assert "2603.07017" not in loaded.compact
    paper = next(p for p in Store(settings.papers_dir).load_all().papers if p.arxiv_id == "2603.07017")
    assert paper.title.startswith("Can Safety Emerge") and paper.version == 1 and report.new >= 1


def test_check_topic_explains_a_compact_candidate(tiny, capsys, monkeypatch):
    """`paperboy check --topic ID` on a compact candidate says how it was judged and what to do.

    In-process, on a site of one compact line: a compact candidate is explained from its line
    alone, and on this repository's content the command spends its 15 s training and scoring
    the model for the header (that a real fetch writes such lines:
    test_far_off_topic_candidates_are_compact_and_labelled_ones_whole; the command run whole:
    tests/site/test_topic_site.py)."""
    from generator.cli import main

    monkeypatch.delenv("PAPERBOY_ARXIV_INTERVAL")  # `tiny`'s 0 s is for a stand-in: there is none here
    key = "2603.07017"
    (tiny / "content" / "candidates").mkdir(parents=True)
    (tiny / "content" / "candidates" / "2026-03.jsonl").write_text(
        f'{{"arxiv_id":"{key}","categories":["cs.CL"],"published":"2026-03-07","score":0.04,"model":"b7b8d46e"}}\n')
    assert main(["--config", str(tiny / "mkdocs.yml"), "check", "--topic", key]) == 0
    out = capsys.readouterr().out
    assert f"{key}  not published  score 0.0" in out and "kept compact" in out
    assert "label it and the next fetch looks it up on arXiv" in out


@pytest.mark.parametrize(("key", "value", "message"), [
    ("categories", ["cs.CL", "computer science"], "extra.paperboy.arxiv.categories: 'computer science' is not an arXiv category"),
    ("categories", [], "extra.paperboy.arxiv.categories: expected a list of arXiv categories"),
    ("page_size", 5000, "extra.paperboy.arxiv.page_size: expected a whole number from 1 to 2000"),
    ("lookback_days", -1, "extra.paperboy.arxiv.lookback_days: expected a whole number from 0 to 14"),
    ("compact_below", 2, "extra.paperboy.arxiv.compact_below: expected a number from 0 to 1"),
    ("interval", "soon", "extra.paperboy.arxiv.interval: expected a number of seconds from 0 to 60"),
    ("interval", 1, "extra.paperboy.arxiv.interval: 1 s is less than the 3 s between requests arXiv asks for (export.arxiv.org)"),
])
def test_a_bad_arxiv_setting_is_named_never_defaulted(tmp_path: Path, key, value, message):
    """Each arXiv stream setting that cannot be used stops the run with its name and what it expects."""
    from generator.errors import ConfigError

    root = make_site(tmp_path / "src", with_papers=False)
    set_config(root, {("extra", "paperboy", "arxiv", key): value})
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_settings(root / "mkdocs.yml")


def test_a_shorter_interval_is_for_a_stand_in_only_and_the_environment_overrides_the_config(tmp_path: Path, monkeypatch):
    """Below arXiv's 3 s only when the API is not arXiv's own; PAPERBOY_ARXIV_INTERVAL wins, checked the same."""
    from generator.errors import ConfigError

    root = make_site(tmp_path / "src", with_papers=False)
    monkeypatch.delenv("PAPERBOY_ARXIV_INTERVAL", raising=False)
    monkeypatch.delenv("PAPERBOY_ARXIV_API", raising=False)
    unconfigured = load_settings(root / "mkdocs.yml")  # arXiv's own API, at arXiv's own 3 s
    assert unconfigured.arxiv_api.startswith("https://export.arxiv.org/") and unconfigured.arxiv.interval == 3.0
    monkeypatch.setenv("PAPERBOY_ARXIV_INTERVAL", "0.5")
    with pytest.raises(ConfigError, match=r"PAPERBOY_ARXIV_INTERVAL: 0.5 s is less than the 3 s"):
        load_settings(root / "mkdocs.yml")
    monkeypatch.setenv("PAPERBOY_ARXIV_API", "http://127.0.0.1:9/api/query")
    assert load_settings(root / "mkdocs.yml").arxiv.interval == 0.5
    monkeypatch.setenv("PAPERBOY_ARXIV_INTERVAL", "fast")
    with pytest.raises(ConfigError, match=r"PAPERBOY_ARXIV_INTERVAL: expected a number of seconds, got 'fast'"):
        load_settings(root / "mkdocs.yml")


def test_a_misspelled_arxiv_key_is_named_with_the_right_one(tmp_path: Path):
    """`categorys` is not silently ignored: the error names it and the key meant."""
    from generator.errors import ConfigError

    root = make_site(tmp_path / "src", with_papers=False)
    text = (root / "mkdocs.yml").read_text().replace("      categories: [cs.CL", "      categorys: [cs.CL")
    (root / "mkdocs.yml").write_text(text)
    with pytest.raises(ConfigError, match=r"unknown key 'categorys' in extra.paperboy.arxiv \(did you mean 'categories'\?\)"):
        load_settings(root / "mkdocs.yml")
