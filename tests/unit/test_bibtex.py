"""BibTeX entries that BibTeX reads: each one, parsed back by pybtex and read as LaTeX text by
pylatexenc, gives the record's own title, authors and year, for hostile and any text (every
paper of the real archive: tests/slow/test_bibtex_archive.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given, settings as hypothesis_settings, strategies as st

from generator.errors import InvalidRecord
from generator.models import make_paper
from generator.render.cite import bibtex, cite_key
from generator.sources.hf import parse_daily_papers
from tests.support.bibtex import LIGATURES, assert_reads_back, parse_string
from tests.support.hostile import HOSTILE_STRINGS, hostile_day


def test_the_issues_examples_read_back():
    """Unbalanced braces no longer end a field early or swallow the next one."""
    for title in ["Set {A: a survey", "Code: a } b", "Q&A at 100% with #tags", r"a\b ~ ^2 _x $1"]:
        assert_reads_back(make_paper(arxiv_id="2401.00001", title=title, authors=["Ada Lovelace"],
                                     featured="2024-01-01"))


def test_names_stay_whole_authors():
    """A comma, a lone "and" or the name "others" does not split or reorder an author."""
    paper = make_paper(arxiv_id="2401.00001", title="t", featured="2024-01-01",
                       authors=["Smith, John", "Tom and Jerry", "others", "Ludwig van Beethoven", "X AND Y"])
    assert_reads_back(paper)
    assert "Ludwig van Beethoven and" in bibtex(paper), "an ordinary name is left for BibTeX to parse"


def test_every_hostile_entry_reads_back():
    parsed = parse_daily_papers(hostile_day(), day=dt.date(2024, 1, 1), origin="hostile")
    assert len(parsed.papers) >= len(HOSTILE_STRINGS)
    for paper in parsed.papers:
        assert_reads_back(paper)


@hypothesis_settings(max_examples=300, deadline=None)
@given(title=st.text(min_size=1, max_size=60), author=st.text(min_size=1, max_size=30))
def test_any_text_reads_back(title: str, author: str):
    try:
        paper = make_paper(arxiv_id="2401.00001", title=title, authors=[author], featured="2024-01-01")
    except InvalidRecord:
        assume(False)
    # Only TeX's own ligatures and the spaces inside a name are BibTeX's and LaTeX's to decide.
    assume(not any(tex in title + author for tex, _ in LIGATURES) and "`" not in title + author)
    assert_reads_back(paper)


@pytest.mark.parametrize("doi", ["10.1000/a_b%c", "10.1000/a{b"])
def test_a_doi_is_verbatim_or_left_out(doi: str):
    paper = make_paper(arxiv_id="2401.00001", title="t", featured="2024-01-01", doi=doi)
    fields = parse_string(bibtex(paper)).entries[cite_key(paper)].fields
    assert fields.get("doi") == (None if "{" in doi else doi)
