"""The Hub's listing API: which repositories cite a paper, one listing a kind.

`GET {hf_api}/{models|datasets|spaces}?filter=arxiv:<id>&expand[]=...`: the Hub tags a
repository `arxiv:<id>` when its card cites the paper, and `expand[]` asks for exactly the
fields shown (the Hub refuses `expand` beside `full`). One page of up to PAGE repositories
answers almost every paper in one request a kind; a paper with more is paged by
`Link: <...>; rel="next"` up to MAX_PAGES, and then one more page sorted by creation date, so
the newest repositories (what the shelf is about) are found too.

The project's own `Http` client (generator/sources/net.py) asks, with a token when `HF_TOKEN`
is set (sent as a header of each request: never in a URL, a log line or an error). See
docs/hub.md for why not `huggingface_hub`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ...errors import SourceError
from ...releases import Repo
from ..net import FetchError, Http
from .parse import parse_repos

PAGE = 1000
"""Repositories asked for a page (the Hub's largest page)."""
MAX_PAGES = 3
"""Pages asked for, by downloads, at most per paper and kind; past them the count says "at
least" and one page of the newest is asked."""
NEWEST_PAGE = 100

EXPAND = {
    "models": ("downloads", "likes", "pipeline_tag", "library_name", "tags", "gated", "createdAt", "lastModified",
               "safetensors", "gguf"),
    "datasets": ("downloads", "likes", "tags", "gated", "createdAt", "lastModified"),
    "spaces": ("likes", "tags", "createdAt", "lastModified", "sdk"),
}
"""The fields asked for, per kind: those the pages show."""
_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


@dataclass(frozen=True)
class Found:
    """One kind of one paper, as the Hub listed it."""

    repos: list[Repo]
    """Every repository found (each once)."""
    count: int
    more: bool
    """There were more than the pages asked: `count` is a floor."""
    warnings: list[str]
    requests: int
    """Requests this took (pages; retries aside)."""


def cost(count: int, more: bool) -> int:
    """Requests one kind takes, from its last known count (for the run's budget)."""
    return MAX_PAGES + 1 if more else max(1, -(-count // PAGE))


def fetch_kind(http: Http, api: str, kind: str, arxiv_id: str, *, today: dt.date, token: str = "") -> Found:
    """What cites the paper on the Hub, of one kind; SourceError when the Hub cannot say."""
    headers = {"Authorization": f"Bearer {token}"} if token else None
    base = f"{api.rstrip('/')}/{kind}"
    query = {"filter": f"arxiv:{arxiv_id}", "sort": "likes" if kind == "spaces" else "downloads", "direction": -1,
             "limit": PAGE, "expand[]": list(EXPAND[kind])}
    found: dict[str, Repo] = {}
    warnings: list[str] = []
    requests = 0

    def ask(url: str, params: dict | None) -> str | None:
        nonlocal requests
        try:
            response = http.get(url, params=params, headers=headers)
        except FetchError as exc:
            raise SourceError(str(exc)) from None
        requests += 1
        if response.status != 200:  # 404 too: the Hub answers [] when nothing cites a paper
            raise SourceError(f"{response.url}: HTTP {response.status}")
        parsed = parse_repos(response.content, kind, response.url, today)
        warnings.extend(parsed.warnings)
        fresh = [repo for repo in parsed.repos if repo.repo_id not in found]
        found.update((repo.repo_id, repo) for repo in fresh)
        return next_page(response.link) if fresh else None  # nothing new: a stand-in ignoring the cursor

    url: str | None = base
    params: dict | None = query
    pages = 0
    while url and pages < MAX_PAGES:
        url, params = ask(url, params), None
        pages += 1
    more = url is not None
    count = len(found)
    if more:
        ask(base, {**query, "sort": "createdAt", "limit": NEWEST_PAGE})
    return Found(list(found.values()), count, more, warnings, requests)


def next_page(link: str | None) -> str | None:
    """The `rel="next"` address of a `Link` header."""
    match = _NEXT.search(link or "")
    return match.group(1) if match else None
