"""arXiv lookups through the real command against a local stand-in: the records' arXiv fields are
filled in, and arXiv being down never blocks the Hugging Face part."""

from __future__ import annotations

import json

from generator.models import make_paper
from generator.sources.arxiv import parse_arxiv_feed
from generator.storage.store import Store, loads

from tests.support.replay import Replay
from tests.support.site import FIXTURES, QUICK_ARXIV, configure, run_paperboy

CURRENT = FIXTURES / "arxiv-query-2026-search_testing-10-entries.xml"


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
    # The paper page shows what arXiv said (its body, which the built page includes: tests/site/).
    run_paperboy(empty_site, "generate")
    with_doi = next(p for p in papers.values() if p.doi and p.journal_ref)
    page = (empty_site / "theme_overrides" / "generated" / f"{with_doi.slug}.html").read_text()
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
