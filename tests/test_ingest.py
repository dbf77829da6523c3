"""From parsed papers to records (generator/ingest.py): filter, tag, merge; one path for import and fetch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.ingest import Report, day_from_name, import_files, ingest
from generator.models import make_paper
from generator.sources import Parsed, Skipped
from generator.storage.store import Store

from .conftest import FIXTURES, configure


def test_off_topic_papers_are_counted_and_on_topic_ones_stored_with_their_tags(settings):
    store = Store(settings.papers_dir)
    parsed = Parsed(
        papers=(make_paper(arxiv_id="2401.00001", title="Distilling small language models"),
                make_paper(arxiv_id="2401.00002", title="Protein folding")),
        skipped=(Skipped("x.json", "item 3", "no id"),),
    )
    report = Report()
    kept = ingest(parsed, "x.json", settings, store, report)
    assert kept == ["2401.00001"]
    assert (report.items, report.new, report.off_topic, len(report.skipped)) == (3, 1, 1, 1)
    assert store.get("2401.00001").tags == ("small-models", "distillation")
    assert store.get("2401.00002") is None


def test_a_curated_listing_keeps_every_paper(settings):
    parsed = Parsed(papers=(make_paper(arxiv_id="2401.00002", title="Protein folding"),))
    assert ingest(parsed, "seed", settings, Store(settings.papers_dir), Report(), curated=True) == ["2401.00002"]


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


def test_the_archives_split_github_links_are_kept_as_code_links(archive, empty_site):
    """2510.05342 and 2510.18940 came with `https://github.com/owner/` + newline + `repo`."""
    from .conftest import run_paperboy

    configure(empty_site, topic=False)
    result = run_paperboy(empty_site, "import", str(archive / "2025-10-08.json"), str(archive / "2025-10-23.json"))
    store = Store(empty_site / "content" / "papers")
    assert store.get("2510.05342").code == "https://github.com/sirano1004/Margin-Apative-Direct-Preference-Optimization"
    assert store.get("2510.18940").code == "https://github.com/FightingFighting/NeuroAda.git"
    assert "left out code" not in result.stderr
