"""BibTeX entries that BibTeX reads: each one, parsed back by pybtex and read as LaTeX text by
pylatexenc, gives the record's own title, authors and year, for every paper of the real archive
and for hostile text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pybtex.errors
import pytest
from hypothesis import assume, given, settings as hypothesis_settings, strategies as st
from pybtex.database.input.bibtex import Parser
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from generator.errors import InvalidRecord, SourceError
from generator.ingest import day_from_name
from generator.models import Paper, make_paper
from generator.render.cite import bibtex, cite_key
from generator.sources.hf import decode_json, parse_daily_papers
from tests.hostile import HOSTILE_STRINGS, hostile_day

pybtex.errors.set_strict_mode(True)  # a recovered parse error is still an error here

_context = get_default_latex_context_db()
# LaTeX kernel commands that pylatexenc 2.x does not know yet.
_context.add_context_category("kernel-text-symbols", prepend=True, macros=[
    MacroTextSpec(name, text) for name, text in [
        ("textbraceleft", "{"), ("textbraceright", "}"), ("textasciicircum", "^"),
        ("textless", "<"), ("textgreater", ">"), ("textbar", "|"),
    ]
])
_latex = LatexNodes2Text(latex_context=_context, math_mode="verbatim", strict_latex_spaces=True)
# Text without a character that means something to TeX prints as itself: that keeps the whole
# archive (about 100k names) quick to check.
_PLAIN = re.compile(r"(?:[^\\{}~$%&#_^`'-]|-(?!-)|'(?!'))*")
# TeX's ligatures, which the entries leave alone on purpose (arXiv titles are typed for TeX).
_LIGATURES = [("---", "\u2014"), ("--", "\u2013"), ("``", "\u201c"), ("''", "\u201d")]


def parse_string(text: str):
    """pybtex's BibTeX parser (by class: its plugin look-up costs more than the parse)."""
    return Parser().parse_string(text)


def as_latex_prints(text: str) -> str:
    return text if _PLAIN.fullmatch(text) else _latex.latex_to_text(text)


def as_typeset(text: str) -> str:
    for tex, shown in _LIGATURES:
        text = text.replace(tex, shown)
    return text


def read_back(paper: Paper) -> tuple[str, list[str], str]:
    """Title, authors and year of the paper's entry, as BibTeX splits them and LaTeX prints them."""
    database = parse_string(bibtex(paper))
    assert list(database.entries) == [cite_key(paper)]
    entry = database.entries[cite_key(paper)]
    authors = [
        as_latex_prints(" ".join(p.first_names + p.middle_names + p.prelast_names + p.last_names
                                      + p.lineage_names))
        for p in entry.persons.get("author", [])
    ]
    return as_latex_prints(entry.fields["title"]), authors, entry.fields["year"]


def assert_reads_back(paper: Paper) -> None:
    title, authors, year = read_back(paper)
    assert (title, authors, year) == (
        as_typeset(paper.title), [as_typeset(a) for a in paper.authors], str(paper.sort_day.year)
    ), bibtex(paper)


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


def test_every_entry_of_the_real_archive_reads_back(archive: Path):
    """All 9,581 papers of the 558 well-formed days of the archive, parsed as `import` does."""
    days = papers = 0
    for path in sorted(archive.glob("*.json")):
        try:
            parsed = parse_daily_papers(decode_json(path.read_bytes(), str(path)), day=day_from_name(path),
                                        origin=str(path))
        except SourceError:
            continue  # the 22 malformed days, refused by the importer too (test_cli)
        days += 1
        for paper in parsed.papers:
            papers += 1
            assert_reads_back(paper)
    assert (days, papers) == (558, 9581)


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
    assume(not any(tex in title + author for tex, _ in _LIGATURES) and "`" not in title + author)
    assert_reads_back(paper)


@pytest.mark.parametrize("doi", ["10.1000/a_b%c", "10.1000/a{b"])
def test_a_doi_is_verbatim_or_left_out(doi: str):
    paper = make_paper(arxiv_id="2401.00001", title="t", featured="2024-01-01", doi=doi)
    fields = parse_string(bibtex(paper)).entries[cite_key(paper)].fields
    assert fields.get("doi") == (None if "{" in doi else doi)
