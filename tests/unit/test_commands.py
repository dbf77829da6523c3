"""`paperboy import` and `paperboy generate` through `main([...])`, in this process: what they
write, what they leave alone, and the counts they report. The real command, its exit statuses and
its messages: tests/cli/test_cli.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.storage.labels import read_labels

from tests.support.inprocess import paperboy
from tests.support.site import FIXTURES, SEED, SITE_PAPERS, make_site


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(root)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted((root / "content").rglob("*")) if p.is_file()
    }


RECORDED = sorted(str(p) for p in FIXTURES.glob("*.json"))
"""The recorded days of tests/fixtures/real/: 6 sources, 117 items."""


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A site with the bundled topic labels and no records, after `paperboy import` of the
    recorded days: (the site, what the import said). Read only: copy it to change it."""
    root = make_site(tmp_path_factory.mktemp("imported") / "site-src", with_papers=False, with_labels=True)
    return root, paperboy(root, "import", *RECORDED).stderr


def test_import_of_the_recorded_days_adds_on_topic_papers_and_names_the_rest(imported):
    root, said = imported
    papers = sorted(p.stem for p in (root / "content" / "papers").glob("*.md"))
    labels = read_labels(root / "content" / "topic" / "labels.yml")
    labelled_on = {"2405.18377", "2605.12483", "2605.08646"}  # labelled on, and in the recordings
    assert labelled_on <= set(papers)
    assert not [p for p in papers if p in labels and labels[p].verdict == "off"], "an off label always wins"
    assert f"6 sources, 117 items: {len(papers)} new, 0 updated, 0 unchanged, {117 - len(papers)} off-topic" in said
    # Every item not kept is named.
    named = said.split("off-topic, not kept: ")[1].split("\n")[0].split(", ")
    assert len(named) == 117 - len(papers) and "2405.18407" in named
    assert (root / "content" / "candidates" / "2024-05.jsonl").read_text().count("\n") == 8


def test_import_twice_changes_nothing(imported, tmp_path: Path):
    site = tmp_path / "site-src"
    shutil.copytree(imported[0], site)  # with the files' times: a rewrite of the same bytes shows
    kept = len(list((site / "content" / "papers").glob("*.md")))
    before = snapshot(site)
    result = paperboy(site, "import", *RECORDED)
    assert f"0 new, 0 updated, {kept} unchanged" in result.stderr
    assert snapshot(site) == before


def test_seed_import_recreates_the_test_records(empty_site: Path):
    """The test site's records are exactly what importing the seed listing writes."""
    paperboy(empty_site, "import", str(SEED))
    made = {p.name: p.read_text() for p in (empty_site / "content" / "papers").glob("*.md")}
    committed = {p.name: p.read_text() for p in SITE_PAPERS.glob("*.md")}
    assert made == committed
    labels = read_labels(empty_site / "content" / "topic" / "labels.yml")
    assert len(labels) == 31 and {label.why for label in labels.values()} == {"seed listing"}


def test_generate_twice_writes_nothing_the_second_time(site: Path):
    first = paperboy(site, "generate")
    assert "0 unchanged" in first.stderr
    before = snapshot(site)
    second = paperboy(site, "generate")
    assert "records: 0 files written" in second.stderr and "unchanged, 0 removed" in second.stderr
    assert snapshot(site) == before


def test_generate_removes_pages_of_tags_that_no_longer_exist(site: Path):
    paperboy(site, "generate")
    for record in (site / "content" / "papers").glob("*.md"):
        record.write_text(record.read_text().replace("- surveys\n", ""))
    result = paperboy(site, "generate")
    assert not (site / "content" / "tags" / "surveys.md").exists()
    assert not (site / "content" / "feeds" / "tags" / "surveys.atom.xml").exists()
    assert "2 removed" in result.stderr


def test_the_cache_skips_a_day_with_nothing_new_but_never_hides_a_change(site: Path):
    """Nothing new: nothing rendered or written. A deleted output or an edited record is redone."""
    paperboy(site, "generate")
    assert "records: 0 files written" in paperboy(site, "generate").stderr
    (site / "content" / "tags" / "distillation.md").unlink()
    assert "records: 1 files written" in paperboy(site, "generate").stderr
    assert (site / "content" / "tags" / "distillation.md").is_file()
    record = site / "content" / "papers" / "2305.07759.md"
    record.write_text(record.read_text().replace("upvotes: 10", "upvotes: 11"))
    changed = paperboy(site, "generate").stderr
    assert "records: 0 files written" not in changed
    tag_page = (site / "content" / "tags" / "small-models.md").read_text()
    assert 'title="Upvotes on Hugging Face" rel="noopener">▲ 11</a>' in tag_page


def test_cards_and_fragments_kept_from_the_last_run_equal_fresh_ones(site: Path):
    """A record edited by hand: its card, its page fragment and the fragments listing it as
    related are rendered again; everything else comes from the cache, and equals a fresh run."""
    paperboy(site, "generate")
    fragments = site / "theme_overrides" / "generated"
    listing = [p.name for p in fragments.glob("*.html") if "../2305.02301/" in p.read_text()]
    assert listing, "some paper lists 2305.02301 as related"
    record = site / "content" / "papers" / "2305.02301.md"
    record.write_text(record.read_text().replace("comments: 0", "comments: 0\norganization: acme-labs", 1))
    paperboy(site, "generate")
    assert "acme-labs" in (fragments / listing[0]).read_text()

    def theme(root: Path) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted((root / "theme_overrides" / "generated").glob("*"))}

    warm = {name: data for name, (_, data) in snapshot(site).items()}, theme(site)
    shutil.rmtree(site / ".paperboy-cache")
    assert "records: 0 files written" in paperboy(site, "generate").stderr
    assert ({name: data for name, (_, data) in snapshot(site).items()}, theme(site)) == warm


