"""The whole real archive through `paperboy import` (the slow tier: 580 days, about 20 s)."""

from __future__ import annotations

from pathlib import Path

from tests.support.site import run_paperboy


def test_import_of_the_whole_real_archive_names_each_malformed_day(archive, empty_site: Path):
    """580 real days: every well-formed item read, the 22 malformed days named, the run completes."""
    files = sorted(archive.glob("*.json"))
    assert len(files) == 580
    result = run_paperboy(empty_site, "import", *map(str, files), check=False)
    assert result.returncode == 1, "malformed days make the exit status non-zero"
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed ")]
    assert len(failed) == 22
    assert sum("expected a list of paper objects, got a list of str" in line for line in failed) == 21
    assert any("2025-01-10.json: expected a list of papers, got an object" in line for line in failed)
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("import: 558 sources, 9581 items: ")
    assert summary.endswith("0 skipped, 22 failed")
    kept = len(list((empty_site / "content" / "papers").glob("*.md")))
    assert f": {kept} new, 0 updated, 0 unchanged" in summary
    assert run_paperboy(empty_site, "check").returncode == 0
