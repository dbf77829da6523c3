"""The Paper record: arXiv ids, cleaning of outside text, validation."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.errors import InvalidRecord
from generator.models import clean_text, id_to_slug, make_paper, parse_arxiv_id, slug_to_id


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2305.07759", ("2305.07759", None)),
        ("2305.07759v3", ("2305.07759", 3)),
        ("arXiv:2305.07759v1", ("2305.07759", 1)),
        ("0704.0001", ("0704.0001", None)),
        ("hep-th/9901001", ("hep-th/9901001", None)),
        ("hep-th/9901001v2", ("hep-th/9901001", 2)),
        ("math.GT/0309136", ("math.GT/0309136", None)),
        (" 2305.07759\n", ("2305.07759", None)),
    ],
)
def test_parse_arxiv_id_accepts_new_and_old_style(raw, expected):
    """New-style and old-style ids parse, with or without a version suffix."""
    assert parse_arxiv_id(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["", "abc", "2305.7759", "0701.12345", "2313.07759", "../etc/passwd", "2305.07759/../../x",
     "hep-th/99", "HEP-TH/9901001", 2305.07759, None, "2305.07759v", "2305.07759 x"],
)
def test_parse_arxiv_id_rejects_everything_else(raw):
    """Anything that is not an arXiv id is refused, so it can never become a file name."""
    with pytest.raises(InvalidRecord):
        parse_arxiv_id(raw)


def test_old_style_ids_map_to_a_safe_file_name_and_back():
    """The slash of an old-style id becomes an underscore in file names and URLs, reversibly."""
    assert id_to_slug("hep-th/9901001") == "hep-th_9901001"
    assert slug_to_id("hep-th_9901001") == "hep-th/9901001"
    assert slug_to_id(id_to_slug("math.GT/0309136")) == "math.GT/0309136"
    assert id_to_slug("2305.07759") == "2305.07759"


def test_clean_text_removes_controls_collapses_whitespace_and_normalises():
    """Control, bidi and zero-width characters go; whitespace becomes single spaces; NFC."""
    raw = "  Cafe\u0301\x00 \u202eevil\u202c\u200b\n\n\tnext\x1b[31m  line \ud800\ufffe "
    assert clean_text(raw) == "Café evil next[31m line"


def test_make_paper_cleans_every_string():
    paper = make_paper(
        arxiv_id="2305.07759v2", title=" Tiny\nStories ", authors=[" Ronen\tEldan", "Ronen Eldan", ""],
        abstract="a\x07b", keywords=["x", "x"], upvotes=3, published="2023-05-12T17:00:00.000Z",
    )
    assert paper.arxiv_id == "2305.07759"
    assert paper.title == "Tiny Stories"
    assert paper.authors == ("Ronen Eldan",)
    assert paper.abstract == "ab"
    assert paper.keywords == ("x",)
    assert paper.published == dt.date(2023, 5, 12)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": ["a list"]}, "title"),
        ({"upvotes": -1}, "upvotes"),
        ({"upvotes": "12"}, "upvotes"),
        ({"upvotes": True}, "upvotes"),
        ({"authors": "one string"}, "authors"),
        ({"published": "yesterday"}, "published"),
        ({"code": "javascript:alert(1)"}, "code"),
        ({"project": "data:text/html,<script>alert(1)</script>"}, "project"),
        ({"code": "https://example.com/a\"onmouseover=\"x"}, "code"),
        ({"title": "x" * 1001}, "title"),
        ({"tags": ["Not A Slug"]}, "tags"),
    ],
)
def test_make_paper_names_the_bad_field(changes, field):
    """A value that cannot be part of a record raises InvalidRecord naming its field."""
    values = {"arxiv_id": "2305.07759", "title": "T", **changes}
    with pytest.raises(InvalidRecord) as info:
        make_paper(**values)
    assert info.value.field == field


def test_day_falls_back_from_featured_to_published_and_sort_day_to_id_month():
    """The archive day is a real date or None; the sort day always exists, derived from the data."""
    base = make_paper(arxiv_id="2305.07759", title="T")
    assert base.day is None
    assert base.sort_day == dt.date(2023, 5, 1)
    assert base.replace(published=dt.date(2023, 5, 12)).day == dt.date(2023, 5, 12)
    assert base.replace(published=dt.date(2023, 5, 12), featured=dt.date(2023, 5, 14)).day == dt.date(2023, 5, 14)
    assert make_paper(arxiv_id="hep-th/9901001", title="T").sort_day == dt.date(1999, 1, 1)


def test_tab_and_newlines_in_a_url_are_removed_as_browsers_do():
    """WHATWG URL parsing removes ASCII tab and newline anywhere; HF sends such split links."""
    from generator.models import clean_url

    assert clean_url("https://github.com/owner/\nrepo", "code") == "https://github.com/owner/repo"
    assert clean_url("https://github.com/\r\n\towner/repo.git ", "code") == "https://github.com/owner/repo.git"


@pytest.mark.parametrize("url", ["https://github.com/owner/ repo", "https://github.com/own\x01er/repo",
                                 "https://github.com/owner/\u00a0repo", "https://github.com/owner/\x7frepo"])
def test_a_space_or_control_character_elsewhere_in_a_url_is_refused_and_named(url):
    from generator.errors import InvalidRecord
    from generator.models import clean_url

    with pytest.raises(InvalidRecord, match=r"^code: not a valid URL"):
        clean_url(url, "code")


@pytest.mark.parametrize("name", ["../etc", "a/b", "javascript:alert(1)", "-leading", "a b", "x" * 97])
def test_hugging_face_names_that_would_become_links_are_checked(name):
    from generator.errors import InvalidRecord

    with pytest.raises(InvalidRecord, match="organization: .* is not a Hugging Face name"):
        make_paper(arxiv_id="2401.00001", title="t", organization=name)
    assert make_paper(arxiv_id="2401.00001", title="t", organization="google", organization_fullname="Google").organization == "google"
