"""arXiv enrichment: the four recorded API responses, and lookups through a local server."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from generator.errors import SourceError
from generator.models import make_paper
from generator.sources.arxiv import parse_arxiv_feed
from generator.storage.store import Store, loads

from .conftest import FIXTURES, QUICK_ARXIV, configure, run_paperboy
from .replay import Replay

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


def stored_site(site_root, ids):
    store = Store(site_root / "content" / "papers")
    store.upsert([make_paper(arxiv_id=i, title=f"Paper {i}", upvotes=3) for i in ids])
    return store


def test_enrichment_fills_arxiv_fields_of_stored_records_only(empty_site):
    ids = [p.arxiv_id for p in parse_arxiv_feed(CURRENT.read_bytes(), origin="x").papers]
    store = stored_site(empty_site, ids[:9])  # the tenth is not ours: it must not be added
    asked: list[list[str]] = []

    def arxiv(id_list):
        asked.append(id_list)
        return 200, CURRENT.read_bytes()

    with Replay(arxiv=arxiv) as server:
        result = run_paperboy(empty_site, "fetch", "--source", "arxiv", "--date", "2025-01-01",
                              env={"PAPERBOY_ARXIV_API": server.base + "/query", **QUICK_ARXIV})
    assert asked and sorted(asked[0]) == sorted(ids[:9])
    assert "9 enriched from arXiv" in result.stderr
    papers = {p.arxiv_id: p for p in store.load_all().papers}
    assert set(papers) == set(ids[:9])
    first = papers["2202.12139"]
    assert first.categories[0] == "cs.SE" and first.version == 1
    assert first.title == "Paper 2202.12139" and first.upvotes == 3, "what the record had is kept"
    text = (empty_site / "content" / "papers" / "2202.12139.md").read_text()
    assert loads(text) == first
    # The paper page shows what arXiv said.
    run_paperboy(empty_site, "build")
    with_doi = next(p for p in papers.values() if p.doi and p.journal_ref)
    page = (empty_site / "site" / "papers" / with_doi.slug / "index.html").read_text()
    assert f'href="https://doi.org/{with_doi.doi}"' in page
    assert "arXiv categories" in page and with_doi.categories[0] in page


def test_arxiv_down_never_blocks_the_hugging_face_part(empty_site):
    configure(empty_site, topic=False, backoff=0.01, attempts=2)
    day = (FIXTURES / "hf-daily-papers-2024-05-29.json").read_bytes()
    with Replay(days={"2024-05-29": json.loads(day)}, arxiv=lambda ids: (503, b"down")) as server:
        result = run_paperboy(empty_site, "fetch", "--date", "2024-05-29",
                              env={"PAPERBOY_HF_API": server.base, "PAPERBOY_ARXIV_API": server.base + "/query",
                                   **QUICK_ARXIV})
    assert result.returncode == 0
    assert "arXiv lookup failed, records left as they are" in result.stderr
    assert len(list((empty_site / "content" / "papers").glob("*.md"))) == 8
