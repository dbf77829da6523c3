"""Sources: real recorded Hugging Face responses and the seed listing become Paper records."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from generator.errors import SourceError
from generator.sources.hf import decode_json, parse_daily_papers
from generator.sources.seed import parse_seed

from tests.support.site import FIXTURES, SEED

DAYS = {
    "2024-05-29": 8, "2024-09-16": 7, "2025-06-16": 9, "2025-10-15": 26, "2026-05-13": 50, "2026-08-21": 17,
}


def parse_fixture(day: str):
    path = FIXTURES / f"hf-daily-papers-{day}.json"
    return parse_daily_papers(decode_json(path.read_bytes(), path.name), day=dt.date.fromisoformat(day), origin=path.name)


@pytest.mark.parametrize(("day", "count"), DAYS.items())
def test_every_schema_generation_parses_completely(day, count):
    """Each recorded schema, 2024 to 2026, gives one record per item and skips none."""
    parsed = parse_fixture(day)
    assert len(parsed.papers) == count
    assert parsed.skipped == ()
    assert all(p.featured == dt.date.fromisoformat(day) for p in parsed.papers)


def test_old_schema_fields():
    """2024-05-29: the first item's values, as recorded."""
    paper = parse_fixture("2024-05-29").papers[0]
    assert paper.arxiv_id == "2405.18407"
    assert paper.title == "Phased Consistency Model"
    assert paper.authors[:2] == ("Fu-Yun Wang", "Zhaoyang Huang")
    assert paper.published == dt.date(2024, 5, 28)
    assert (paper.upvotes, paper.comments) == (18, 5)
    assert paper.abstract.startswith("The consistency model (CM) has recently made significant progress in accelerating")
    assert "\n" not in paper.abstract
    assert paper.code is None and paper.keywords == ()


def test_newest_schema_fields():
    """2026-08-21: code, stars, project page and keywords are read."""
    paper = parse_fixture("2026-08-21").papers[0]
    assert paper.arxiv_id == "2608.19880"
    assert paper.code == "https://github.com/google-research/envharness"
    assert paper.stars == 8
    assert paper.project == "https://envharness.com/"
    assert paper.keywords[:2] == ("LLM agents", "Environment Harness")
    assert len(paper.authors) == 17
    assert paper.upvotes == 163


def test_ai_summary_organization_and_submitter_are_read():
    """2026-08-21: the AI summary and its model, the organization and the submitter are kept."""
    paper = parse_fixture("2026-08-21").papers[0]
    assert paper.ai_summary.startswith("EnvHarness and EnvRigger dynamically reshape static environments")
    assert paper.ai_summary_model == "thinkingmachines/Inkling-Small"
    assert (paper.organization, paper.organization_fullname) == ("google", "Google")
    assert (paper.submitted_by, paper.submitted_by_fullname) == ("taesiri", "taesiri")


def test_the_thumbnail_is_read_where_hugging_face_sends_one():
    """2025-10-15 items carry `thumbnail` (HF's preview picture); 2024-05-29's do not."""
    paper = parse_fixture("2025-10-15").papers[0]
    assert paper.thumbnail == f"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{paper.arxiv_id}.png"
    assert all(p.thumbnail is None for p in parse_fixture("2024-05-29").papers)


def test_a_thumbnail_that_is_not_an_http_url_is_left_out_and_named():
    """A `javascript:` thumbnail never reaches a page: the paper is kept without it."""
    item = {"paper": {"id": "2401.00001", "title": "T"}, "thumbnail": "javascript:alert(1)"}
    parsed = parse_daily_papers([item], day=dt.date(2024, 1, 1), origin="x.json")
    assert parsed.papers[0].thumbnail is None
    assert "left out thumbnail: only http(s) links are published" in parsed.dropped[0].reason


def test_an_organization_whose_name_is_not_a_name_is_left_out_and_named():
    item = {"paper": {"id": "2401.00001", "title": "T", "organization": {"name": "../x", "fullname": "X"},
                      "submittedOnDailyBy": {"user": "ada", "fullname": "Ada"}}}
    parsed = parse_daily_papers([item], day=dt.date(2024, 1, 1), origin="x.json")
    assert parsed.papers[0].organization == "" and parsed.papers[0].submitted_by == "ada"
    assert "left out organization: '../x' is not a Hugging Face name" in parsed.dropped[0].reason


def test_a_bad_item_is_skipped_and_named_and_the_rest_kept():
    items = json.loads((FIXTURES / "hf-daily-papers-2024-09-16.json").read_bytes())
    items[1]["paper"]["id"] = "../../etc/passwd"
    items[2]["paper"]["upvotes"] = "lots"
    items.append("a string, not an item")
    items.append({"paper": None})
    parsed = parse_daily_papers(items, day=dt.date(2024, 9, 16), origin="day.json")
    assert len(parsed.papers) == 5
    reasons = [str(s) for s in parsed.skipped]
    assert reasons[0].startswith("day.json: item 2 (../../etc/passwd): arxiv_id: not an arXiv identifier")
    assert reasons[1].startswith("day.json: item 3 (2409.08947): upvotes: expected a whole number")
    assert reasons[2] == "day.json: item 8: item: expected an object, got str"
    assert reasons[3] == "day.json: item 9: paper: missing or not an object"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<!DOCTYPE html><html><body>Rate limited</body></html>", "an HTML page, not JSON"),
        (b'[{"paper": {"id": "2405.18407", "title": "Pha', "not valid JSON"),
        (b'{"status": "ok", "date": "2025-01-10", "count": 1, "data": ["x"]}', "expected a list of papers, got an object"),
        (b'["{\'paper\': {\'id\': \'2412.1\'}}", "{}"]', "got a list of str"),
        (b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_a_response_of_the_wrong_shape_is_a_source_error(data, message):
    """HTML pages, truncated JSON and wrapper objects fail the whole day with a reason."""
    with pytest.raises(SourceError, match=message):
        parse_daily_papers(decode_json(data, "day.json"), day=None, origin="day.json")


def test_an_empty_day_is_not_an_error():
    assert parse_daily_papers([], day=dt.date(2025, 1, 1), origin="x").papers == ()


def test_without_a_day_the_listing_day_comes_from_the_item():
    items = json.loads((FIXTURES / "hf-daily-papers-2025-06-16.json").read_bytes())
    parsed = parse_daily_papers(items, day=None, origin="x")
    assert parsed.papers[0].featured == dt.date(2025, 6, 16)


def test_seed_listing_gives_31_papers_with_links_from_their_abstracts():
    parsed = parse_seed(json.loads(SEED.read_bytes()), origin="seed")
    assert len(parsed.papers) == 31 and parsed.skipped == ()
    by_id = {p.arxiv_id: p for p in parsed.papers}
    assert by_id["2305.07759"].upvotes == 10
    assert by_id["2412.11231"].code == "https://github.com/HypherX/Evolution-Analysis"
    assert by_id["2405.15319"].project == "https://llm-stacking.github.io/"
    light = by_id["2510.07962"]
    assert light.featured is None and light.num_authors is None and len(light.authors) == 4
    assert by_id["2310.13961"].num_authors == 7 and len(by_id["2310.13961"].authors) == 8
