"""The topic on a real site: a month of the archive, the bundled labels, real builds.

A label beats the model both ways, deciding again needs no network and rewrites only what
changed, a removed paper leaves cleanly (no broken link, feed entry or search entry; its URL
answers with a removal page), and the same inputs give the same kept set.

Imports, labels, generate and build run in this process (`_paperboy`, `label_paper`): the tests
need their effect. `paperboy check --topic`, `paperboy review` and generate without a network
run as the real command, their output or their process being what is checked.
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from generator.cli import main
from generator.config import load_settings
from generator.curator.by_hand import label_paper
from generator.storage.corpus import Corpus
from generator.topic_stage import decide_all
from generator.storage.labels import read_labels, write_labels

from tests.support.site import REPO, make_site, run_paperboy, set_config, snapshot

MONTH = "2025-02"


def _paperboy(site: Path, *args: str) -> None:
    """`paperboy ARGS` on the site, in this process: the same command as the real one but for
    Python's start and imports (the model, MkDocs and Pagefind run as they do there)."""
    assert main(["--config", str(site / "mkdocs.yml"), *args]) == 0, f"paperboy {' '.join(args)} failed"


def _label(site: Path, arxiv_id: str, verdict: str, why: str = "") -> None:
    """`paperboy label ID VERDICT [--why WHY]`'s own work: the label recorded in labels.yml."""
    label_paper(load_settings(site / "mkdocs.yml"), arxiv_id, verdict, why)


def _month_site(root: Path, archive: Path, *, unlabel: tuple[str, ...] = ()) -> Path:
    """A site with the bundled labels (less `unlabel`) and one month of the archive imported."""
    site = make_site(root, with_papers=False)
    labels = read_labels(REPO / "content" / "topic" / "labels.yml")
    write_labels(site / "content" / "topic" / "labels.yml", {k: v for k, v in labels.items() if k not in unlabel})
    _paperboy(site, "import", *sorted(str(p) for p in archive.glob(f"{MONTH}-*.json")))
    return site


@pytest.fixture(scope="module")
def unlabelled(tmp_path_factory, archive) -> tuple[Path, str, str]:
    """A month site where two papers have no label: one the model publishes, one it does not."""
    probe = _month_site(tmp_path_factory.mktemp("probe") / "site", archive)
    settings = load_settings(probe / "mkdocs.yml")
    decided = decide_all(settings, Corpus(settings), score_all=True)
    def scored(verdict: str) -> list[tuple[float, str]]:
        return sorted((d.score, k) for k, d in decided.decisions.items()
                      if k in decided.labels and decided.labels[k].verdict == verdict)

    on, off = scored("on")[-1][1], scored("off")[0][1]
    site = _month_site(tmp_path_factory.mktemp("month") / "site", archive, unlabel=(on, off))
    # A month's labels make a weak model: the threshold goes between the two papers' scores, so
    # the model publishes one and not the other (what is tested is who wins, not the model).
    settings = load_settings(site / "mkdocs.yml")
    decided = decide_all(settings, Corpus(settings))
    high, low = decided.decisions[on].score, decided.decisions[off].score
    assert high > low
    set_config(site, {("extra", "paperboy", "topic", "threshold"): round((high + low) / 2, 4)})
    _paperboy(site, "generate")
    return site, on, off


def _published(site: Path) -> set[str]:
    return {p.stem for p in (site / "content" / "papers").glob("*.md") if "\nremoved: " not in p.read_text()}


def test_the_model_decides_unlabelled_papers_and_a_label_beats_it_both_ways(unlabelled, tmp_path):
    source, on_paper, off_paper = unlabelled
    site = tmp_path / "site"
    shutil.copytree(source, site)
    assert on_paper in _published(site), "unlabelled, and the model publishes it"
    assert off_paper not in _published(site), "unlabelled, and the model leaves it out"
    _label(site, on_paper, "off", "testing a label against the model")
    _label(site, off_paper, "on")
    _paperboy(site, "generate")
    assert off_paper in _published(site) and on_paper not in _published(site)
    result = run_paperboy(site, "check", "--topic", on_paper)
    assert "not published" in result.stdout and "labelled off: testing a label against the model" in result.stdout


def test_deciding_again_needs_no_network_and_rewrites_only_what_changed(unlabelled, tmp_path):
    source, on_paper, _ = unlabelled
    site = tmp_path / "site"
    shutil.copytree(source, site)
    _paperboy(site, "generate")
    before = snapshot(site / "content")
    stats = {p: p.stat().st_mtime_ns for p in (site / "content" / "papers").iterdir()}
    _label(site, on_paper, "off")
    # No network at all: a fresh network namespace has no interface but a down loopback.
    result = subprocess.run(["unshare", "-rn", sys.executable, "-m", "generator", "generate"], cwd=site,
                            capture_output=True, text=True, env={"PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1",
                                                                 "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert "1 removed" in result.stderr
    after = snapshot(site / "content")
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    records = {name for name in changed if name.startswith(("papers/", "candidates/", "topic/"))}
    assert records == {f"papers/{on_paper}.md", "topic/labels.yml"}
    untouched = [p for p, ns in stats.items() if p.name != f"{on_paper}.md" and p.stat().st_mtime_ns != ns]
    assert untouched == [], "no other record was written"


def test_a_removed_paper_leaves_cleanly_and_its_url_answers(unlabelled, tmp_path):
    source, on_paper, _ = unlabelled
    site = tmp_path / "site"
    shutil.copytree(source, site)
    _paperboy(site, "build")  # published, built and indexed first
    assert on_paper in (site / "site" / "papers" / on_paper / "index.html").read_text()
    _label(site, on_paper, "off")
    _paperboy(site, "build")  # mkdocs --strict: a link left to its page would fail the build
    page = (site / "site" / "papers" / on_paper / "index.html").read_text()
    assert "no longer listed" in page and f"https://arxiv.org/abs/{on_paper}" in page
    assert 'name="robots" content="noindex"' in page
    feeds = [site / "site" / "feeds" / "all.atom.xml", *(site / "site" / "feeds" / "tags").glob("*.atom.xml")]
    ids = {entry.id for feed in feeds for entry in feedparser.parse(feed.read_bytes()).entries}
    assert ids and f"https://arxiv.org/abs/{on_paper}" not in ids
    fragments = [gzip.decompress(p.read_bytes()) for p in site.glob("site/pagefind*/fragment/*.pf_fragment")]
    assert fragments and not any(f"papers/{on_paper}/".encode() in f for f in fragments)
    linking = [p for p in (site / "site").rglob("*.html")
               if p.parent.name != on_paper and f"{on_paper}/".encode() in p.read_bytes()]
    assert linking == [], "no page links to the removed paper any more"


def test_the_same_inputs_give_the_same_kept_set(unlabelled, tmp_path, archive):
    _, on_paper, off_paper = unlabelled
    first = _month_site(tmp_path / "first", archive, unlabel=(on_paper, off_paper))
    again = _month_site(tmp_path / "again", archive, unlabel=(on_paper, off_paper))
    assert len(_published(first)) > 10
    assert snapshot(again / "content" / "papers") == snapshot(first / "content" / "papers")
    assert snapshot(again / "content" / "candidates") == snapshot(first / "content" / "candidates")


def test_review_lists_recent_unlabelled_papers_near_the_threshold(unlabelled):
    source, on_paper, _ = unlabelled
    result = run_paperboy(source, "review", "--days", "31", "--limit", "5")
    listed = [line.split()[0] for line in result.stdout.splitlines() if line[:4].isdigit()]
    assert len(listed) == 5
    labels = read_labels(source / "content" / "topic" / "labels.yml")
    assert not set(listed) & set(labels), "only papers without a label"
    blocks = result.stdout.split("\n\n")[1:]
    assert len(blocks) == 5
    for block, key in zip(blocks, listed):
        head, title, terms = block.rstrip("\n").split("\n")
        assert re.fullmatch(rf"{re.escape(key)}  score 0\.\d\d  (published|not published)  2\d{{3}}-\d\d-\d\d", head)
        assert title.startswith("  ") and len(title) > 10
        assert re.fullmatch(r"  terms: ([^,]+ [+-]\d\.\d\d)(, [^,]+ [+-]\d\.\d\d)*", terms), terms
