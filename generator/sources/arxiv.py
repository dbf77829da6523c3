"""arXiv API (`GET /api/query`): Atom responses to Papers carrying arXiv metadata.

The parser serves both uses of the API: the day's new papers (generator/sources/arxiv_listing.py,
`search_query=`) and the lookup by id (`id_list=`, here), used to enrich papers we keep: categories, the authors' comment, journal reference, DOI, the
latest version, and whether the paper was withdrawn. arXiv asks for at most one request every
3 seconds (the spacing is `extra.paperboy.arxiv.interval`, generator/config.py); ids go in
batches.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from ..errors import PaperboyError, SourceError
from ..models import CATEGORY_PATTERN, make_paper, parse_arxiv_id
from . import Parsed, Skipped
from .net import Http

log = logging.getLogger("paperboy")

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
BATCH = 50
_WITHDRAWN = re.compile(r"\bwithdrawn\b", re.IGNORECASE)
_ABS_URL = re.compile(r"https?://arxiv\.org/abs/(?P<id>.+)")


def _text(element: ET.Element, path: str) -> str | None:
    found = element.find(path)
    return found.text if found is not None and found.text else None


def _entry(entry: ET.Element):
    url = _text(entry, f"{ATOM}id") or ""
    match = _ABS_URL.fullmatch(url.strip())
    if not match:
        raise PaperboyError(f"id: not an arXiv abstract URL: {url[:80]!r}")
    arxiv_id, version = parse_arxiv_id(match.group("id"))
    primary = entry.find(f"{ARXIV}primary_category")
    categories = [primary.get("term")] if primary is not None else []
    categories += [c.get("term") for c in entry.findall(f"{ATOM}category")]
    comment = _text(entry, f"{ARXIV}comment") or ""
    return make_paper(
        arxiv_id=arxiv_id,
        title=_text(entry, f"{ATOM}title"),
        authors=[_text(a, f"{ATOM}name") for a in entry.findall(f"{ATOM}author")],
        abstract=_text(entry, f"{ATOM}summary"),
        published=_text(entry, f"{ATOM}published"),
        # The API lists MSC and ACM classes (`68T50`, `I.2.7`) as categories too: not arXiv's.
        categories=[c for c in dict.fromkeys(categories) if c and CATEGORY_PATTERN.fullmatch(c)],
        version=version or 1,
        arxiv_comment=comment,
        journal_ref=_text(entry, f"{ARXIV}journal_ref"),
        doi=_text(entry, f"{ARXIV}doi"),
        withdrawn=bool(_WITHDRAWN.search(comment)),
    )


OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


def parse_arxiv_feed(data: bytes, *, origin: str) -> Parsed:
    """Parse one API response. An error feed (arXiv's way to say 400) raises SourceError."""
    return parse_arxiv_page(data, origin=origin)[0]


def parse_arxiv_page(data: bytes, *, origin: str) -> tuple[Parsed, int | None]:
    """One API response and the number of results its query has in all (`opensearch:totalResults`,
    None when absent or not a number). An error feed raises SourceError."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SourceError(f"{origin}: not valid XML ({exc})") from None
    if root.tag != f"{ATOM}feed":
        raise SourceError(f"{origin}: not an Atom feed (root element {root.tag[:60]!r})")
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        if (_text(entry, f"{ATOM}id") or "").startswith(("http://arxiv.org/api/errors", "https://arxiv.org/api/errors")):
            message = " ".join((_text(entry, f"{ATOM}summary") or "unknown error").split())
            raise SourceError(f"{origin}: arXiv says: {message[:200]}")
    papers, skipped = [], []
    for index, entry in enumerate(entries, start=1):
        try:
            papers.append(_entry(entry))
        except PaperboyError as exc:
            skipped.append(Skipped(origin, f"entry {index}", str(exc)))
    total = (_text(root, f"{OPENSEARCH}totalResults") or "").strip()
    return Parsed(tuple(papers), tuple(skipped)), int(total) if total.isdigit() else None


def fetch_papers(http: Http, base: str, ids: Sequence[str], *, batch: int = BATCH,
                 on_batch: Callable[[int], object] = lambda done: None) -> tuple[Parsed, list[str]]:
    """Look up `ids` in batches; returns what was read and a message per failed batch.
    `on_batch` is told how many ids each batch asked for, as it ends (a progress bar)."""
    papers, skipped, failed = [], [], []
    for start in range(0, len(ids), batch):
        chunk = list(ids[start:start + batch])
        params = {"id_list": ",".join(chunk), "start": 0, "max_results": len(chunk)}
        try:
            response = http.get(base, params)
            parsed = parse_arxiv_feed(response.content, origin=response.url)
            if response.status >= 400:
                raise SourceError(f"{response.url}: HTTP {response.status}")
        except SourceError as exc:
            failed.append(str(exc))
            continue
        finally:
            on_batch(len(chunk))
        papers.extend(parsed.papers)
        skipped.extend(parsed.skipped)
    return Parsed(tuple(papers), tuple(skipped)), failed
