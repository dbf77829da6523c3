"""The writer of derived files (generator/storage/writer.py) and atomic writes (storage/atomic.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.storage.atomic import remove_stale_temp_files, write_atomic
from generator.storage.writer import WriteCounts, write_outputs, write_theme_fragments


def test_only_changed_files_are_written_and_stale_ones_removed(tmp_path: Path):
    docs = tmp_path / "content"
    first = write_outputs(docs, {"index.md": b"home", "tags/a.md": b"a", "tags/b.md": b"b"})
    assert first == WriteCounts(written=3)
    (docs / "papers").mkdir()
    (docs / "papers" / "2401.00001.md").write_text("a record")
    again = write_outputs(docs, {"index.md": b"home", "tags/a.md": b"a2"})
    assert again == WriteCounts(written=1, unchanged=1, removed=1)
    assert not (docs / "tags" / "b.md").exists() and (docs / "tags" / "a.md").read_bytes() == b"a2"
    assert (docs / "papers" / "2401.00001.md").read_text() == "a record", "records are never touched"


@pytest.mark.parametrize("path", ["papers/2401.00001.md", "search.md", "tags/../papers/x.md", "tags"])
def test_a_path_the_generator_does_not_own_is_refused(tmp_path: Path, path: str):
    with pytest.raises(ValueError, match="not a generated path"):
        write_outputs(tmp_path, {path: b"x"})


def test_theme_fragments_go_to_generated_only(tmp_path: Path):
    assert write_theme_fragments(tmp_path, {"generated/a.html": b"<p>"}).written == 1
    with pytest.raises(ValueError):
        write_theme_fragments(tmp_path, {"partials/paper.html": b"x"})


def test_an_atomic_write_leaves_no_temp_file_and_reports_unchanged_bytes(tmp_path: Path):
    target = tmp_path / "a" / "file.txt"
    assert write_atomic(target, b"one") and not write_atomic(target, b"one")
    assert [p.name for p in target.parent.iterdir()] == ["file.txt"]
    (target.parent / ".file.txt.x1.tmp").write_bytes(b"half")  # a killed write
    assert remove_stale_temp_files(target.parent) == 1
    assert [p.name for p in target.parent.iterdir()] == ["file.txt"]
