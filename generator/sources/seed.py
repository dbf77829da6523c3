"""The seed listing (`tests/fixtures/seed/seed-papers.json`): the papers this project started from."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ..errors import PaperboyError
from ..models import make_paper
from . import Parsed, Skipped

CODE_HOSTS = ("github.com", "gitlab.com", "huggingface.co", "bitbucket.org", "aka.ms")


def is_seed(document: Any) -> bool:
    return isinstance(document, dict) and isinstance(document.get("papers"), list) and "source" in document


def _links(urls: object) -> tuple[object, object]:
    """The first code-hosting URL an abstract names, and the first other URL (the project page)."""
    code = project = None
    for url in urls if isinstance(urls, list) else []:
        try:
            host = (urlsplit(url).hostname or "") if isinstance(url, str) else ""
        except ValueError:
            continue  # not a URL at all; nothing to link
        if host.endswith(CODE_HOSTS):
            code = code or url
        else:
            project = project or url
    return code, project


def parse_seed(document: dict, *, origin: str) -> Parsed:
    papers, skipped = [], []
    for index, item in enumerate(document["papers"], start=1):
        try:
            if not isinstance(item, dict):
                raise PaperboyError(f"expected an object, got {type(item).__name__}")
            code, project = _links(item.get("urls"))
            papers.append(
                make_paper(
                    arxiv_id=item.get("arxiv_id"),
                    title=item.get("title"),
                    authors=item.get("authors"),
                    num_authors=item.get("num_authors"),
                    abstract=item.get("abstract"),
                    featured=item.get("date"),
                    upvotes=item.get("upvotes"),
                    code=code,
                    project=project,
                )
            )
        except PaperboyError as exc:
            skipped.append(Skipped(origin, f"paper {index}", str(exc)))
    return Parsed(tuple(papers), tuple(skipped))
