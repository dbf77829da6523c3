"""Small decisions about what a card or page says, made once in Python for every template:
counts with the right plural, the one text a card shows, and a paper's outbound links.

Pure: values in, values out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import urls
from ..models import Paper

SENTENCE_CHARS = 300
"""The longest first sentence a card shows; a longer one is cut at a word."""

_IRREGULAR = {"entry": "entries"}
"""Nouns whose plural is not the noun and an `s`."""

# A sentence ends at . ! or ? followed by a space and a capital letter or digit, unless the dot
# closes a common abbreviation or an initial (e.g., i.e., et al., vs., Fig., "J. Smith").
_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[])")
_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|et al|vs|etc|Fig|Figs|Eq|Eqs|Sec|cf|approx|resp|No|Dr|Prof)\.|\b[A-Z]\.)$")


def plural(count: int, word: str) -> str:
    """`1 paper`, `2 papers`, `0 papers`: a count with its noun in the right number."""
    return f"{count} {word if count == 1 else _IRREGULAR.get(word, word + 's')}"


def first_sentence(text: str, limit: int = SENTENCE_CHARS) -> str:
    """The first sentence of an abstract (at most `limit` characters, cut at a word with an
    ellipsis): what a card shows when Hugging Face wrote no summary."""
    start = 0
    for match in _END.finditer(text):
        head = text[: match.start()]
        if _ABBREVIATION.search(head) or len(head) < 20:
            continue
        start = match.start()
        break
    sentence = text[:start] if start else text
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + " …"


@dataclass(frozen=True)
class Blurb:
    """The one text a card shows under its title, and what it is."""

    label: str
    """What the text is, shown before it: "AI summary" or "Abstract"."""
    text: str
    """The text itself (plain; the template escapes it)."""
    machine: bool
    """True when a language model wrote it (the label then says so, with the model)."""


def blurb(paper: Paper) -> Blurb | None:
    """Hugging Face's AI summary when there is one, else the abstract's first sentence; None
    when the record has neither (the card then shows no empty line)."""
    if paper.ai_summary:
        return Blurb("AI summary", paper.ai_summary, True)
    if paper.abstract:
        return Blurb("Abstract", first_sentence(paper.abstract), False)
    return None


@dataclass(frozen=True)
class Link:
    """One outbound link of a paper."""

    label: str
    """The link text: "arXiv", "PDF", "Hugging Face", "Code"..."""
    url: str
    """An absolute http(s) URL: made here from the id, or checked by the record (models.clean_url)."""
    title: str
    """A longer description, for the link's title attribute."""
    external: bool = False
    """True for a URL that came from outside (code, project page): rel="nofollow noopener"."""


def _same(a: str, b: str) -> bool:
    """Two URLs a reader would call the same page: equal but for a trailing slash or `.git`."""
    def norm(url: str) -> str:
        url = url.rstrip("/")
        return url[:-4] if url.endswith(".git") else url
    return norm(a) == norm(b)


def paper_links(paper: Paper) -> tuple[Link, ...]:
    """arXiv's abstract and PDF always; Hugging Face's page when the paper was featured there;
    the code and the project page, each only once (HF often sends the same URL for both)."""
    links = [
        Link("arXiv", urls.arxiv_abs(paper.arxiv_id), "The abstract on arXiv"),
        Link("PDF", urls.arxiv_pdf(paper.arxiv_id), "The paper as PDF, on arXiv"),
    ]
    if paper.featured:
        links.append(Link("Hugging Face", urls.hf_paper_url(paper.arxiv_id), "The paper on Hugging Face Daily Papers"))
    if paper.code:
        links.append(Link("Code", paper.code, "The code repository", external=True))
    if paper.project and not (paper.code and _same(paper.code, paper.project)):
        links.append(Link("Project page", paper.project, "The project page", external=True))
    return tuple(links)


SNIPPET_CHARS = 300


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The first `limit` characters of a text, cut at a word, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + " …"


def author_line(paper: Paper, shown: int = 3) -> str:
    names = list(paper.authors)
    count = paper.author_count
    if not names:
        return plural(count, "author") if count else ""
    if len(names) <= shown:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} et al. ({count} authors)"
