"""BibTeX for a paper (pure), shown on its page to copy."""

from __future__ import annotations

import re
import unicodedata

from .. import urls
from ..models import Paper

_SPECIAL = re.compile(r"([&%#])")


def _field(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    if text.count("{") != text.count("}"):  # unbalanced braces would end the field early
        text = text.replace("{", r"\{").replace("}", r"\}")
    return text


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
        ("author", _field(" and ".join(paper.authors)) if paper.authors else None),
        ("year", str(paper.sort_day.year)),
        ("eprint", paper.arxiv_id),
        ("archivePrefix", "arXiv"),
        ("primaryClass", paper.categories[0] if paper.categories else None),
        ("doi", paper.doi or None),
        ("url", urls.arxiv_abs(paper.arxiv_id)),
    ]
    lines = [f"  {name:<13} = {{{value}}}" for name, value in fields if value]
    return f"@misc{{{cite_key(paper)},\n" + ",\n".join(lines) + "\n}"
