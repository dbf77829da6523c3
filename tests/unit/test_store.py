"""The store: one Markdown page per paper, atomic, written only on change, merging on upsert."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from generator.models import clean_text, make_paper
from generator.storage.store import Store, dumps, loads

from tests.support.hostile import HOSTILE_STRINGS

PAPER = make_paper(
    arxiv_id="2305.07759", title="TinyStories: How Small Can Language Models Be?",
    authors=["Ronen Eldan", "Yuanzhi Li"], abstract="Language models (LMs) are *powerful* tools.",
    published="2023-05-12", featured="2023-05-14", upvotes=10, comments=2,
    code="https://github.com/x/tinystories", stars=5, keywords=["tiny stories"], tags=["small-models"],
)


def test_round_trip_is_exact():
    """A record written and read back is the same record, and writes the same bytes again."""
    text = dumps(PAPER)
    assert loads(text) == PAPER
    assert dumps(loads(text)) == text


def test_keys_are_written_in_a_fixed_order_and_empty_ones_left_out():
    text = dumps(PAPER.replace(project=None, note=""))
    keys = [line.split(":")[0] for line in text.split("---")[1].splitlines() if line and not line.startswith("-")]
    assert keys == ["arxiv_id", "title", "authors", "published", "featured", "upvotes", "comments",
                    "code", "stars", "keywords", "tags"]


@pytest.mark.parametrize("raw", HOSTILE_STRINGS)
def test_any_outside_string_survives_the_round_trip(raw):
    """Hostile text in every text field reads back with its meaning intact."""
    paper = PAPER.replace(
        title=clean_text(raw) or "x", abstract=clean_text(raw), authors=(clean_text(raw) or "x",),
        keywords=(clean_text(raw) or "x",), note=clean_text(raw),
    )
    assert loads(dumps(paper)) == paper


def test_title_is_stored_as_html_text_because_material_prints_it_raw():
    text = dumps(PAPER.replace(title='<script>alert("x")</script> & co'))
    assert "title: '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co'" in text


def test_upsert_writes_only_when_bytes_change(tmp_path: Path):
    store = Store(tmp_path)
    assert store.upsert([PAPER]).new == 1
    path = store.path_for(PAPER.arxiv_id)
    os.utime(path, (1, 1))
    counts = store.upsert([PAPER])
    assert (counts.new, counts.updated, counts.unchanged) == (0, 0, 1)
    assert path.stat().st_mtime == 1, "an unchanged record is not rewritten"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2305.07759.md"], "no temp files left"


def test_old_style_ids_are_stored_under_a_safe_name(tmp_path: Path):
    store = Store(tmp_path)
    store.upsert([PAPER.replace(arxiv_id="hep-th/9901001")])
    assert (tmp_path / "hep-th_9901001.md").is_file()
    assert store.load_all().papers[0].arxiv_id == "hep-th/9901001"


def test_upsert_merges_fresher_counts_and_keeps_hand_edits(tmp_path: Path):
    """Counts go up, missing fields fill in, a hand-fixed title, added tags and a note stay."""
    store = Store(tmp_path)
    store.upsert([PAPER.replace(project=None)])
    path = store.path_for(PAPER.arxiv_id)
    edited = path.read_text().replace("TinyStories: How Small", "TinyStories: How small")
    edited = edited.replace("tags:\n- small-models", "tags:\n- small-models\n- datasets\nnote: Read this first.")
    path.write_text(edited)
    fetched = PAPER.replace(upvotes=42, comments=1, stars=3, project="https://tinystories.example",
                            tags=("efficiency",), featured=dt.date(2023, 5, 20))
    assert store.upsert([fetched]).updated == 1
    merged = store.get(PAPER.arxiv_id)
    assert merged.title == "TinyStories: How small Can Language Models Be?"
    assert merged.note == "Read this first."
    assert merged.tags == ("small-models", "datasets", "efficiency")
    assert (merged.upvotes, merged.comments, merged.stars) == (42, 2, 5)
    assert merged.project == "https://tinystories.example"
    assert merged.featured == dt.date(2023, 5, 14), "the first featured day is kept"


def test_an_unreadable_record_is_named_and_never_overwritten(tmp_path: Path):
    store = Store(tmp_path)
    path = store.path_for(PAPER.arxiv_id)
    path.write_text("---\ntitle: [unclosed\n---\nbody\n")
    counts = store.upsert([PAPER])
    assert path.read_text() == "---\ntitle: [unclosed\n---\nbody\n"
    assert counts.problems and "2305.07759.md" in counts.problems[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter\n", "no front matter"),
        ("---\narxiv_id: '2305.07759'\ntitle: T\nsurprise: 1\n---\n", "unknown field 'surprise'"),
        ("---\narxiv_id: 2305.07759\ntitle: T\n---\n", "arxiv_id: quote it"),
        ("---\narxiv_id: '2305.07759'\ntitle: T\nupvotes: many\n---\n", "upvotes: expected a whole number"),
        ("---\narxiv_id: '2305.07759'\ntitle: T\ncode: javascript:alert(1)\n---\n", "code: only http(s)"),
        ("---\narxiv_id: '2305.07759'\ntitle: !!python/object/apply:os.system ['true']\n---\n", "not valid YAML"),
        ("---\narxiv_id: '2401.00001'\ntitle: T\n---\n", "does not match the file name"),
    ],
)
def test_load_all_names_the_file_and_field_of_each_problem(tmp_path: Path, text, message):
    (tmp_path / "2305.07759.md").write_text(text)
    loaded = Store(tmp_path).load_all()
    assert loaded.papers == ()
    assert len(loaded.problems) == 1
    assert "2305.07759.md" in loaded.problems[0] and message in loaded.problems[0]
