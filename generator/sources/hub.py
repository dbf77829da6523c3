"""The Hugging Face Hub: what a paper released, as the repositories whose cards cite it.

`GET {hf_api}/models?filter=arxiv:<id>` (and the same for `datasets` and `spaces`): the Hub tags
a repository `arxiv:<id>` when its card cites the paper. Answers are lists of repositories in
the layout `huggingface_hub` documents for `ModelInfo`, `DatasetInfo` and `SpaceInfo` (`id`,
`downloads`, `likes`, `pipeline_tag`, `tags`, `gated`, `createdAt`, `safetensors.total`...),
sorted here by downloads, paged by `Link: <...>; rel="next"`.

The project's own `Http` client (generator/sources/net.py) asks, not `huggingface_hub`'s
`HfApi`: three GET requests a paper need no second HTTP stack, and this one already carries the
User-Agent with the contact, the backoff with jitter, `Retry-After` and the spacing the other
sources use, and points at a stand-in through `PAPERBOY_HF_API` like them.

`parse_repos` is pure (bytes in, records out). Everything in an answer is hostile: a repo id
that is not one is dropped and named; a missing or odd field degrades to unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from ..errors import SourceError
from ..releases import Listed, Repo, ranked, size_in_name
from .hf import decode_json
from .net import FetchError, Http

PAGE = 100
"""Repositories asked for a page; a paper with more is counted page by page."""
MAX_PAGES = 5
"""Pages asked for at most per paper and kind: past 500 repositories the count says "at least"."""

EXPAND = {
    "models": ("downloads", "likes", "pipeline_tag", "tags", "gated", "createdAt", "safetensors"),
    "datasets": ("downloads", "likes", "tags", "gated", "createdAt"),
    "spaces": ("likes", "tags", "createdAt", "sdk"),
}
"""The fields asked for (`expand[]`; the Hub refuses `expand` beside `full`)."""

_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9_])?"
REPO_ID = re.compile(rf"{_NAME}/{_NAME}", re.ASCII)
"""`owner/name` as the Hub allows them: it becomes a link to `huggingface.co/<id>`, so nothing
else (no `..`, no scheme, no quote, no space) may pass."""
_LICENSE = re.compile(r"[a-z0-9][a-z0-9.+-]{0,63}", re.ASCII)
_TASK = re.compile(r"[a-z0-9][a-z0-9-]{0,63}", re.ASCII)
_DERIVED = tuple(f"base_model:{how}:" for how in ("finetune", "quantized", "adapter", "merge"))
_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def _created(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def parse_repo(item: object, kind: str) -> Repo:
    """One repository of an answer; SourceError naming it when it is not one."""
    if not isinstance(item, dict):
        raise SourceError(f"an item that is not an object ({type(item).__name__})")
    repo_id = item.get("id")
    if not isinstance(repo_id, str) or not REPO_ID.fullmatch(repo_id):
        shown = repo_id[:60] if isinstance(repo_id, str) else type(repo_id).__name__
        raise SourceError(f"not a repository id: {shown!r}")
    tags = [t for t in item.get("tags") or () if isinstance(t, str)] if isinstance(item.get("tags"), list) else []
    licenses = [t[8:] for t in tags if t.startswith("license:") and _LICENSE.fullmatch(t[8:])]
    task = item.get("pipeline_tag")
    gated = item.get("gated")
    params, from_name = None, False
    if kind == "models":
        safetensors = item.get("safetensors")
        total = safetensors.get("total") if isinstance(safetensors, dict) else None
        if isinstance(total, int) and not isinstance(total, bool) and total > 0:
            params = total
        else:
            params = size_in_name(repo_id)
            from_name = params is not None
    return Repo(
        repo_id=repo_id, downloads=_count(item.get("downloads")), likes=_count(item.get("likes")),
        params=params, params_from_name=from_name,
        task=task if isinstance(task, str) and _TASK.fullmatch(task) else "",
        license=licenses[0] if licenses else "",
        gated=(gated in ("auto", "manual", True)) if gated in ("auto", "manual", True, False) else None,
        created=_created(item.get("createdAt")),
        derived=any(t.startswith(_DERIVED) for t in tags),
    )


def parse_repos(data: bytes, kind: str, origin: str) -> tuple[list[Repo], list[str]]:
    """An answer's repositories, and one line per item left out; SourceError when the answer is
    not a list of repositories at all (an HTML error page, truncated JSON)."""
    items = decode_json(data, origin)
    if not isinstance(items, list):
        raise SourceError(f"{origin}: expected a list of repositories, got {type(items).__name__}")
    repos, dropped = [], []
    for number, item in enumerate(items, start=1):
        try:
            repos.append(parse_repo(item, kind))
        except SourceError as exc:
            dropped.append(f"{origin}: item {number} left out: {exc}")
    return repos, dropped


def next_page(link: str | None) -> str | None:
    match = _NEXT.search(link or "")
    return match.group(1) if match else None


def fetch_kind(http: Http, api: str, kind: str, arxiv_id: str) -> Listed:
    """What cites the paper on the Hub, of one kind; SourceError when the Hub cannot say."""
    url: str | None = f"{api.rstrip('/')}/{kind}"
    params: dict | None = {
        "filter": f"arxiv:{arxiv_id}", "sort": "downloads" if kind != "spaces" else "likes", "direction": -1,
        "limit": PAGE, "expand[]": list(EXPAND[kind]),
    }
    repos: list[Repo] = []
    dropped: list[str] = []
    seen: set[str] = set()
    pages = 0
    while url and pages < MAX_PAGES:
        try:
            response = http.get(url, params=params)
        except FetchError as exc:
            raise SourceError(str(exc)) from None
        if response.status != 200:  # 404 too: the Hub answers [] when nothing cites a paper
            raise SourceError(f"{response.url}: HTTP {response.status}")
        found, left_out = parse_repos(response.content, kind, response.url)
        dropped += left_out
        fresh = [r for r in found if r.repo_id not in seen]
        seen.update(r.repo_id for r in fresh)
        repos += fresh
        pages += 1
        url, params = next_page(response.link), None
        if not fresh:
            break  # a page of nothing new: a stand-in or a mirror that ignores the cursor
    return Listed(len(repos), url is not None, ranked(repos), tuple(dropped))
