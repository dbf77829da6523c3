"""Every fetched paper kept compactly (generator/storage/candidates.py)."""

from __future__ import annotations

import datetime as dt

from generator.models import make_paper
from generator.storage.candidates import Candidates


def _paper(arxiv_id: str, **fields) -> object:
    return make_paper(arxiv_id=arxiv_id, title=f"Paper {arxiv_id}", **fields)


def test_candidates_are_filed_by_id_month_and_merged_like_records(tmp_path):
    store = Candidates(tmp_path)
    first = store.upsert([_paper("2401.00002", upvotes=3, tags=["x"], note="mine"), _paper("2402.00001")])
    assert (first.new, first.updated) == (2, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024-01.jsonl", "2024-02.jsonl"]
    again = store.upsert([_paper("2401.00002", upvotes=1, featured=dt.date(2024, 1, 5)), _paper("2401.00001")])
    assert (again.new, again.updated) == (1, 1)
    loaded = store.load_all()
    assert [p.arxiv_id for p in loaded.papers] == ["2401.00001", "2401.00002", "2402.00001"]
    paper = loaded.papers[1]
    assert paper.upvotes == 3 and paper.featured == dt.date(2024, 1, 5), "counts only go up, gaps are filled"
    assert paper.tags == () and paper.note == "", "a record's tags and note are not a source's"


def test_nothing_new_writes_nothing(tmp_path):
    store = Candidates(tmp_path)
    store.upsert([_paper("2401.00001")])
    before = (tmp_path / "2024-01.jsonl").stat().st_mtime_ns
    assert store.upsert([_paper("2401.00001")]).updated == 0
    assert (tmp_path / "2024-01.jsonl").stat().st_mtime_ns == before


def test_a_file_with_an_unreadable_line_is_named_and_left_as_it_is(tmp_path):
    store = Candidates(tmp_path)
    store.upsert([_paper("2401.00001")])
    path = tmp_path / "2024-01.jsonl"
    path.write_text(path.read_text() + '{"arxiv_id": "2401.00009", "title": 5}\nnot json\n')
    before = path.read_bytes()
    counts = store.upsert([_paper("2401.00002")])
    assert counts.problems and "2024-01.jsonl:2: title: expected text" in counts.problems[0]
    assert path.read_bytes() == before
    loaded = store.load_all()
    assert [p.arxiv_id for p in loaded.papers] == ["2401.00001"]
    assert len(loaded.problems) == 2 and "2024-01.jsonl:3: not valid JSON" in loaded.problems[1]


def test_a_batch_writes_each_months_file_once_per_batch_and_the_rest_on_flush(tmp_path):
    from generator.storage.candidates import Batched

    batched = Batched(Candidates(tmp_path), every=2)
    assert batched.upsert([_paper("2401.00001")]).new == 0 and not list(tmp_path.iterdir()), "kept, not written"
    assert batched.upsert([_paper("2401.00002")]).new == 2, "the second source fills the batch"
    batched.upsert([_paper("2401.00003")])
    assert [p.arxiv_id for p in Candidates(tmp_path).load_all().papers] == ["2401.00001", "2401.00002"]
    assert batched.flush().new == 1 and batched.flush().new == 0
    assert len(Candidates(tmp_path).load_all().papers) == 3
