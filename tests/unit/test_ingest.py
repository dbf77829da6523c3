"""From parsed papers to candidates and records (generator/ingest.py); one path for import and fetch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.ingest import Report, day_from_name, import_files, ingest, settle
from generator.models import make_paper
from generator.sources import Parsed, Skipped
from generator.sources.hf import decode_json, parse_daily_papers
from generator.storage.candidates import Candidates
from generator.storage.corpus import Corpus
from generator.storage.store import Removed, Store
from generator.storage.labels import read_labels, write_labels
from generator.topic.labels import make_label

from tests.support.site import FIXTURES, archive_days, configure


def _labelled(settings, **verdicts: str) -> None:
    write_labels(settings.labels_file, {key.replace("_", "."): make_label(key.replace("_", "."), verdict)
                                        for key, verdict in verdicts.items()})


def test_every_paper_becomes_a_candidate_and_the_topic_decides_what_is_published(settings):
    _labelled(settings, **{"2401_00001": "on", "2401_00002": "off"})
    store = Store(settings.papers_dir)
    parsed = Parsed(
        papers=(make_paper(arxiv_id="2401.00001", title="Distilling small language models"),
                make_paper(arxiv_id="2401.00002", title="Protein folding")),
        skipped=(Skipped("x.json", "item 3", "no id"),),
    )
    report = Report()
    assert ingest(parsed, "x.json", settings, store, Candidates(settings.candidates_dir), report) == [
        "2401.00001", "2401.00002"]
    assert store.get("2401.00001") is None, "nothing is published before the topic is decided"
    settle(settings, Corpus(settings), report)
    assert (report.items, report.new, report.off_topic, len(report.skipped)) == (3, 1, 1, 1)
    assert store.get("2401.00001").tags == ("small-models", "distillation")
    assert store.get("2401.00002") is None
    assert [p.arxiv_id for p in Candidates(settings.candidates_dir).load_all().papers] == ["2401.00001", "2401.00002"]


def test_a_curated_listing_is_labelled_on_topic_unless_a_label_says_otherwise(settings):
    _labelled(settings, **{"2401_00003": "off"})
    parsed = Parsed(papers=(make_paper(arxiv_id="2401.00002", title="Protein folding"),
                            make_paper(arxiv_id="2401.00003", title="Weather")))
    report = Report()
    store = Store(settings.papers_dir)
    ingest(parsed, "seed", settings, store, Candidates(settings.candidates_dir), report, curated=True)
    settle(settings, Corpus(settings), report)
    labels = read_labels(settings.labels_file)
    assert labels["2401.00002"].verdict == "on" and labels["2401.00003"].verdict == "off"
    assert store.get("2401.00002") is not None and store.get("2401.00003") is None


def test_a_fetch_refreshes_a_published_record_but_never_revives_a_removed_one(settings):
    store = Store(settings.papers_dir)
    paper = store.load_all().papers[0]
    report = Report()
    ingest(Parsed(papers=(paper.replace(upvotes=paper.upvotes + 5),)), "day", settings, store,
           Candidates(settings.candidates_dir), report)
    assert store.get(paper.arxiv_id).upvotes == paper.upvotes + 5 and report.updated == 1
    store.write_removal(paper, "gone")
    ingest(Parsed(papers=(paper,)), "day", settings, store, Candidates(settings.candidates_dir), Report())
    assert isinstance(store.get(paper.arxiv_id), Removed)


def test_the_day_of_a_recording_comes_from_its_file_name():
    assert day_from_name(Path("hf-daily-papers-2024-05-29.json")) == dt.date(2024, 5, 29)
    assert day_from_name(Path("2024-13-01.json")) is None and day_from_name(Path("seed.json")) is None


def test_importing_twice_changes_nothing_and_a_bad_file_is_named(empty_site, tmp_path: Path):
    from generator.config import load_settings

    configure(empty_site, topic=False)
    settings = load_settings(empty_site / "mkdocs.yml")
    recording = FIXTURES / "hf-daily-papers-2024-05-29.json"
    first = import_files([recording], settings)
    assert first.ok and first.new > 0
    bad = tmp_path / "bad.json"
    bad.write_text("<html>")
    again = import_files([recording, bad], settings)
    assert (again.new, again.updated, again.unchanged) == (0, 0, first.new)
    assert not again.ok and again.failed[0].startswith(str(bad))


def test_the_archives_split_github_links_are_kept_as_code_links(empty_site, tmp_path: Path):
    """2510.05342 and 2510.18940 came with `https://github.com/owner/` + newline + `repo`."""
    from generator.config import load_settings

    configure(empty_site, topic=False)
    days = archive_days(tmp_path / "archive", ("2025-10-08", "2025-10-23"))
    assert import_files(days, load_settings(empty_site / "mkdocs.yml")).ok
    store = Store(empty_site / "content" / "papers")
    assert store.get("2510.05342").code == "https://github.com/sirano1004/Margin-Apative-Direct-Preference-Optimization"
    assert store.get("2510.18940").code == "https://github.com/FightingFighting/NeuroAda.git"
    dropped = [str(d) for day in days for d in parse_daily_papers(decode_json(day.read_bytes(), str(day)),
                                                                 day=None, origin=str(day)).dropped]
    assert not [d for d in dropped if "left out code" in d], dropped
