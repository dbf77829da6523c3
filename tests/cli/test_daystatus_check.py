"""`paperboy check` reads the status files (content/status/) as the build does: a bad line is
named by file and line, once, and the command fails."""

from __future__ import annotations

from pathlib import Path

GOOD = '{"day":"2026-03-06","stream":"arxiv","asked":"2026-03-07T12:00Z","ok":true,"listed":87}'


def test_check_names_a_bad_status_line_and_fails(empty_site: Path):
    """`paperboy check` reads the status files too: a bad line is named once, by file and line."""
    from tests.support.site import run_paperboy

    folder = empty_site / "content" / "status"
    folder.mkdir()
    (folder / "2026-03.jsonl").write_text(GOOD + "\n" + '{"day":"2026-03-06","stream":"hf"}' + "\n")
    result = run_paperboy(empty_site, "check", check=False)
    assert result.returncode == 1
    assert result.stderr.count("2026-03.jsonl:2: asked: expected YYYY-MM-DDTHH:MMZ (UTC)") == 1, result.stderr
