"""arXiv's API: the four recorded responses parsed (lookups through the real command: tests/cli/test_arxiv_fetch.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.errors import SourceError
from generator.sources.arxiv import parse_arxiv_feed

from tests.support.site import FIXTURES

CURRENT = FIXTURES / "arxiv-query-2026-search_testing-10-entries.xml"
LEGACY = FIXTURES / "arxiv-query-2016-legacy-au_del_maestro.xml"


def test_current_format_gives_ten_papers_with_arxiv_metadata():
    parsed = parse_arxiv_feed(CURRENT.read_bytes(), origin="x")
    assert len(parsed.papers) == 10 and parsed.skipped == ()
    first = parsed.papers[0]
    assert first.arxiv_id == "2202.12139" and first.version == 1
    assert first.categories[:2] == ("cs.SE", "cs.LG")
    assert first.arxiv_comment.startswith("Artificial Intelligence in Software Testing 2022 workshop")
    assert first.published == dt.date(2022, 2, 24)
    assert first.authors[0] == "Mohit Kumar Ahuja"
    assert sum(1 for p in parsed.papers if p.doi) == 6
    assert sum(1 for p in parsed.papers if p.journal_ref) == 6


def test_legacy_format_with_old_style_ids():
    parsed = parse_arxiv_feed(LEGACY.read_bytes(), origin="x")
    assert len(parsed.papers) == 10
    by_id = {p.arxiv_id: p for p in parsed.papers}
    assert "cond-mat/0412498" in by_id
    paper = by_id["1201.4869"]
    assert paper.doi == "10.1142/S021797921244002X"
    assert paper.journal_ref == "Int. J. Mod. Phys. B, 26, 1244002 (2012)"
    assert paper.categories == ("cond-mat.mes-hall", "cond-mat.other")
    assert paper.arxiv_comment == "26 pages, 10 figures"
    assert paper.abstract.startswith("As helium-4 is cooled below 2.17 K") and "\n" not in paper.abstract


def test_empty_result_is_no_papers():
    parsed = parse_arxiv_feed((FIXTURES / "arxiv-query-2026-empty-result.xml").read_bytes(), origin="x")
    assert parsed.papers == () and parsed.skipped == ()


def test_error_feed_is_a_source_error_with_arxivs_message():
    data = (FIXTURES / "arxiv-query-2026-error-http400-bad-id.xml").read_bytes()
    with pytest.raises(SourceError, match="arXiv says: incorrect id format for abc"):
        parse_arxiv_feed(data, origin="x")


@pytest.mark.parametrize("data", [b"<html>busy</html>", b"not xml", b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>"])
def test_garbage_is_a_source_error(data):
    with pytest.raises(SourceError):
        parse_arxiv_feed(data, origin="x")


def test_withdrawn_is_read_from_the_comment():
    data = CURRENT.read_bytes().replace(
        b"<arxiv:comment>Artificial Intelligence", b"<arxiv:comment>This paper has been withdrawn. Artificial Intelligence", 1)
    assert parse_arxiv_feed(data, origin="x").papers[0].withdrawn
