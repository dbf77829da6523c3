"""BibTeX for a paper (pure), shown on its page to copy."""

from __future__ import annotations

import re
import unicodedata

from .. import urls
from ..models import Paper

# Fetched text is plain text, so each character that means something to BibTeX or LaTeX is
# written as the LaTeX command that prints it. Braces get commands, not `\{`: BibTeX counts every
# brace, escaped or not, so one unbalanced `\{` ends the field early (or swallows the next one).
# `<`, `>` and `|` get commands because LaTeX's default font encoding prints them as other glyphs.
# TeX's ligatures (`--`, ``` `` ```, `''`) are left alone: arXiv titles are typed for TeX.
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
}
_BRACES = re.compile("[{}]")
_SPECIAL = re.compile("[" + re.escape("".join(_LATEX)) + "]")
# BibTeX splits the author field at a lone word "and" (any case) and reads "Last, First" at a
# comma; a name that has either, or is the word "others" (BibTeX's "et al."), is kept whole in
# braces, so it stays one author, as written.
_NAME_SPLITS = re.compile(r"(?:^|\s)and(?:\s|$)|,|^others$", re.IGNORECASE)


def _field(text: str) -> str:
    """Plain text as a BibTeX field value that LaTeX prints as that text."""
    return _SPECIAL.sub(lambda m: _LATEX[m.group()], text)


def _author(name: str) -> str:
    text = _field(name)
    return "{" + text + "}" if _NAME_SPLITS.search(name) else text


def cite_key(paper: Paper) -> str:
    """`eldan2023tinystories`: first author's last name, year, first title word (ASCII)."""
    def ascii_word(text: str) -> str:
        plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]", "", plain.lower())

    surname = ascii_word(paper.authors[0].split()[-1]) if paper.authors and paper.authors[0].split() else ""
    words = [ascii_word(w) for w in paper.title.split()]
    first = next((w for w in words if len(w) > 3), next((w for w in words if w), "paper"))
    return f"{surname or 'anon'}{paper.sort_day.year}{first}"


def bibtex(paper: Paper) -> str:
    fields = [
        ("title", "{" + _field(paper.title) + "}"),
        ("author", " and ".join(_author(name) for name in paper.authors) if paper.authors else None),
        ("year", str(paper.sort_day.year)),
        ("eprint", paper.arxiv_id),
        ("archivePrefix", "arXiv"),
        ("primaryClass", paper.categories[0] if paper.categories else None),
        # A DOI is printed verbatim (as a link); it only needs to leave the braces balanced.
        ("doi", paper.doi if paper.doi and not _BRACES.search(paper.doi) else None),
        ("url", urls.arxiv_abs(paper.arxiv_id)),
    ]
    lines = [f"  {name:<13} = {{{value}}}" for name, value in fields if value]
    return f"@misc{{{cite_key(paper)},\n" + ",\n".join(lines) + "\n}"
