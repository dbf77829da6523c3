"""The `paperboy` command as a user runs it: import, generate, check; exit statuses and messages.
What import and generate write, run after run, in this process: tests/unit/test_commands.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator import __version__
from generator.storage.labels import read_labels

from tests.support.site import FIXTURES, REPO, make_site, run_paperboy, set_config


@pytest.fixture
def labelled_site(tmp_path: Path) -> Path:
    """No records, the bundled topic labels."""
    return make_site(tmp_path / "site-src", with_papers=False, with_labels=True)


def test_import_names_bad_items_and_files_and_keeps_the_good_ones(labelled_site: Path, tmp_path: Path):
    empty_site = labelled_site
    items = json.loads((FIXTURES / "hf-daily-papers-2026-05-13.json").read_bytes())
    items[3]["paper"]["id"] = "not an id"
    good = tmp_path / "2026-05-13.json"
    good.write_text(json.dumps(items))
    html = tmp_path / "2026-05-14.json"
    html.write_text("<html><body>502 Bad Gateway</body></html>")
    missing = tmp_path / "2026-05-15.json"
    result = run_paperboy(empty_site, "import", str(good), str(html), str(missing), check=False)
    assert result.returncode == 1
    assert "skipped " + str(good) + ": item 4 (not an id): arxiv_id: not an arXiv identifier" in result.stderr
    assert f"failed {html}: an HTML page, not JSON" in result.stderr
    assert f"failed {missing}: cannot read" in result.stderr
    kept = sorted(p.stem for p in (empty_site / "content" / "papers").glob("*.md"))
    assert {"2605.08646", "2605.12483"} <= set(kept) and "2605.11182" not in kept, "2605.11182 is labelled off"


def test_check_passes_on_the_test_records(site: Path):
    result = run_paperboy(site, "check")
    assert "31 records (0 removal pages), 0 candidates and 0 labels: 0 problems" in result.stderr


def test_the_repositorys_own_content_passes_check_and_is_in_line_with_its_labels():
    """What `make site` publishes is what the labels and the model decide: nothing to add or remove."""
    from generator.config import load_settings
    from generator.storage.corpus import Corpus
    from generator.topic_stage import decide_all

    result = run_paperboy(REPO, "check")
    assert result.returncode == 0 and ": 0 problems" in result.stderr
    settings = load_settings(REPO / "mkdocs.yml")
    decided = decide_all(settings, Corpus(settings))
    kept = {key for key, decision in decided.decisions.items() if decision.kept}
    assert kept == set(decided.published), "a build would add or remove records"
    assert len(kept) > 400 and decided.removed
    labels = read_labels(REPO / "content" / "topic" / "labels.yml")
    assert all(labels[key].verdict != "off" for key in kept if key in labels)


def test_check_names_a_broken_labels_file_and_a_broken_candidate(site: Path):
    (site / "content" / "topic").mkdir()
    (site / "content" / "topic" / "labels.yml").write_text("- {id: '2401.00001', label: maybe}\n")
    (site / "content" / "candidates").mkdir()
    (site / "content" / "candidates" / "2024-01.jsonl").write_text('{"arxiv_id": "2401.00001"}\n')
    result = run_paperboy(site, "check", check=False)
    assert result.returncode == 1
    assert "labels.yml: entry 1: label: expected one of on, off, borderline" in result.stderr
    assert "2024-01.jsonl:1: title: is empty" in result.stderr


def test_check_names_the_file_and_field_of_each_problem(site: Path):
    papers = site / "content" / "papers"
    (papers / "2305.07759.md").write_text((papers / "2305.07759.md").read_text().replace("upvotes: 10", "upvotes: ten"))
    (papers / "2401.99999.md").write_text("---\narxiv_id: '2401.99999'\n---\n")
    result = run_paperboy(site, "check", check=False)
    assert result.returncode == 1
    assert "2305.07759.md: upvotes: expected a whole number, got str" in result.stderr
    assert "2401.99999.md: title: is empty" in result.stderr
    assert "32 records (0 removal pages), 0 candidates and 0 labels: 2 problems" in result.stderr


def test_build_refuses_to_publish_a_broken_record(site: Path):
    papers = site / "content" / "papers"
    (papers / "2305.07759.md").write_text("---\ntitle: [broken\n---\n")
    result = run_paperboy(site, "build", check=False)
    assert result.returncode == 1
    assert "2305.07759.md: front matter is not valid YAML" in result.stderr
    assert "not building" in result.stderr
    assert not (site / "site").exists()


def test_a_bad_config_is_one_line_and_a_non_zero_exit(site: Path):
    set_config(site, {("extra", "paperboy", "tags", "distillation", "title_patterns"): ["(unclosed"]})
    result = run_paperboy(site, "generate", check=False)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("paperboy:")
    assert "extra.paperboy.tags.distillation.title_patterns: bad regular expression '(unclosed'" in result.stderr


def test_missing_config_is_named(tmp_path: Path):
    result = run_paperboy(tmp_path, "generate", check=False)
    assert result.returncode == 1
    assert "mkdocs.yml: no such config file" in result.stderr


def test_python_dash_m_and_console_script_are_the_same_command(site: Path):
    script = Path(sys.executable).parent / "paperboy"
    console = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True)
    assert console.stdout == run_paperboy(site, "--version").stdout == f"paperboy {__version__}\n"

