"""A stand-in for the Hugging Face Hub's listing API on 127.0.0.1:
`GET /api/{models,datasets,spaces}?filter=arxiv:<id>&limit=N[&cursor=K]`, answered in the Hub's
JSON layout (tests/fixtures/hub/), sorted as asked, paged by `Link: <...>; rel="next"` as the
Hub pages (a cursor the client passes back unchanged).

`repos[(kind, id)]` is what cites a paper; a pair it was not told about answers `[]`. `faults`
makes a path answer something else first: a status (with `Retry-After` for 429), `ratelimit`
(a 429 that says when its window resets only in the Hub's `RateLimit` header, as the Hub does),
`truncated` JSON or an `html` error page, in turn, then the real answer. `down` answers 503 to
every listing (the day's papers still answer). Every request is kept, with its time and its
`Authorization` header.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlencode, urlsplit

from .replay import QuietHandler, Serving

HUB = Path(__file__).parent.parent / "fixtures" / "hub"


def recorded(kind: str, arxiv_id: str) -> list[dict]:
    """tests/fixtures/hub/<kind>-<id>.json."""
    return json.loads((HUB / f"{kind}-{arxiv_id}.json").read_text())


def families() -> dict[str, dict]:
    """tests/fixtures/hub/families.json: by paper, its organization and models (see the README)."""
    return json.loads((HUB / "families.json").read_text())


def many_models(arxiv_id: str, count: int) -> list[dict]:
    """`count` fine-tunes of one paper's model, as the Hub lists them (a popular paper)."""
    return [{"id": f"user{n:03d}/tiny-finetune-{n}-135M", "downloads": 10_000 - n * 7, "likes": n % 13,
             "pipeline_tag": "text-generation", "tags": [f"arxiv:{arxiv_id}", "base_model:finetune:org/base-135M"],
             "gated": False, "createdAt": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}T00:00:00.000Z"} for n in range(count)]


def _sort_value(item: object, key: str) -> tuple:
    value = item.get(key) if isinstance(item, dict) else None
    return (str(value or ""), 0) if key == "createdAt" else ("", value if isinstance(value, int) else 0)


class _Handler(QuietHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        hub: Hub = self.server.owner
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        with hub.lock:
            hub.requests.append(self.path)
            hub.times.append(time.monotonic())
            hub.authorization.append(self.headers.get("Authorization", ""))
            hub.hits[parts.path + "?" + query.get("filter", [""])[0]] = count = \
                hub.hits.get(parts.path + "?" + query.get("filter", [""])[0], 0) + 1
        kind = parts.path.rsplit("/", 1)[-1]
        if parts.path == "/api/daily_papers":  # the day's list, so one address serves a whole fetch
            self._send(200, json.dumps(hub.daily.get(query.get("date", [""])[0], [])).encode(), "application/json")
            return
        if hub.down:
            self._send(503, b"<html><body>503 Service Unavailable</body></html>", "text/html")
            return
        if not parts.path.startswith("/api/") or kind not in ("models", "datasets", "spaces"):
            self._send(404, b'{"error": "Not Found"}', "application/json")
            return
        arxiv_id = query.get("filter", [""])[0].removeprefix("arxiv:")
        faults = hub.faults.get((kind, arxiv_id), [])
        if count <= len(faults):
            fault = faults[count - 1]
            if fault == "truncated":
                self._send(200, b'[{"id": "roneneldan/TinyStories-33M", "downloads": 23', "application/json")
            elif fault == "ratelimit":
                self._send(429, b'{"error": "rate limited"}', "application/json",
                           {"RateLimit": f'"api";r=0;t={hub.window}', "RateLimit-Policy": '"fixed window";"api";q=500;w=300'})
            elif fault == "html":
                self._send(200, b"<!DOCTYPE html><html><body>We are fixing things</body></html>", "text/html")
            else:
                headers = {"Retry-After": "1"} if fault == 429 else {}
                self._send(int(fault), b'{"error": "fault"}', "application/json", headers)
            return
        items = list(hub.repos.get((kind, arxiv_id), []))
        key = query.get("sort", ["downloads"])[0]
        items.sort(key=lambda item: _sort_value(item, key), reverse=True)
        limit = int(query.get("limit", ["1000"])[0])
        start = int(query.get("cursor", ["0"])[0])
        page = items[start:start + limit]
        headers = {}
        if start + limit < len(items):
            nxt = {k: v for k, v in query.items() if k != "cursor"}
            nxt["cursor"] = [str(start + limit)]
            headers["Link"] = f'<http://{self.headers["Host"]}{parts.path}?{urlencode(nxt, doseq=True)}>; rel="next"'
        self._send(200, json.dumps(page).encode(), "application/json; charset=utf-8", headers)


@dataclass
class Hub(Serving):
    handler: ClassVar[type[QuietHandler]] = _Handler
    repos: dict[tuple[str, str], list] = field(default_factory=dict)
    faults: dict[tuple[str, str], list] = field(default_factory=dict)
    down: bool = False
    daily: dict[str, list] = field(default_factory=dict)
    """Hugging Face Daily Papers by day (`/api/daily_papers?date=`): empty unless told."""
    window: int = 1
    """Seconds a `ratelimit` fault says its window has left."""
    requests: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    authorization: list[str] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def api(self) -> str:
        """What PAPERBOY_HF_API is set to."""
        return self.url("/api")
