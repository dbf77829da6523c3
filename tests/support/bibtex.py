"""BibTeX entries read back the way BibTeX and LaTeX read them: parsed by pybtex, printed by
pylatexenc; for tests/unit/test_bibtex.py and the whole archive's pass in tests/slow/."""

from __future__ import annotations

import re

import pybtex.errors
from pybtex.database.input.bibtex import Parser
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from generator.models import Paper
from generator.render.cite import bibtex, cite_key

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
LIGATURES = [("---", "\u2014"), ("--", "\u2013"), ("``", "\u201c"), ("''", "\u201d")]


def parse_string(text: str):
    """pybtex's BibTeX parser (by class: its plugin look-up costs more than the parse)."""
    return Parser().parse_string(text)


def as_latex_prints(text: str) -> str:
    return text if _PLAIN.fullmatch(text) else _latex.latex_to_text(text)


def as_typeset(text: str) -> str:
    for tex, shown in LIGATURES:
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
