"""A real HTTP server on 127.0.0.1 that replays recorded API responses, with injected faults.

`/api/daily_papers?date=D&limit=L&p=N` serves page N of day D's recorded items (an empty list for
a day without a recording); `/api/query?id_list=...` serves what `arxiv` returns;
`/api/query?search_query=...` (arXiv's listing of a day) answers an empty day. Faults:
`fail_first` (the first responses of every URL), `behaviour[day]` (hang, html, truncated,
missing, forbidden, unavailable: a 503 on every try), and `delay` (seconds before every answer).
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .site import FIXTURES


@dataclass
class Fault:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b"{}"


EMPTY_ARXIV = FIXTURES / "arxiv-query-2026-empty-result.xml"


class QuietHandler(BaseHTTPRequestHandler):
    """What every stand-in server's handler shares: no log lines, and one way to answer."""

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to answer


CANNED = {
    "missing": (404, b'{"error": "not found"}', "application/json"),
    "unavailable": (503, b'{"error": "Service Unavailable"}', "application/json"),
    "forbidden": (403, b'{"error": "forbidden"}', "application/json"),
    "html": (200, b"<!DOCTYPE html><html><body>Maintenance</body></html>", "text/html"),
}
"""What a day answers, whatever is recorded, when its `behaviour` is one of these: status, body, type."""


class _Handler(QuietHandler):
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        replay = self.server.owner
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        with replay.lock:
            replay.hits[self.path] += 1
            count = replay.hits[self.path]
            replay.requests.append((time.monotonic(), self.path, dict(self.headers)))
        if replay.delay:
            time.sleep(replay.delay)
        if count <= len(replay.fail_first):
            fault = replay.fail_first[count - 1]
            self._send(fault.status, fault.body, "application/json", fault.headers)
            return
        if parts.path.endswith("/daily_papers"):
            self._daily(query, count)
        elif parts.path.endswith("/query") and "search_query" in query and not query.get("id_list"):
            # arXiv's listing of a day (generator/sources/arxiv_listing.py): nothing new that day.
            self._send(200, EMPTY_ARXIV.read_bytes(), "application/atom+xml; charset=utf-8")
        elif parts.path.endswith("/query"):
            status, body = replay.arxiv(query.get("id_list", "").split(","))
            self._send(status, body, "application/atom+xml; charset=utf-8")
        else:
            self._send(404, b"not found", "text/plain")

    def _daily(self, query: dict[str, str], count: int) -> None:
        replay = self.server.owner
        day = query.get("date", "")
        behaviour = replay.behaviour.get(day)
        if behaviour == "hang" or (behaviour == "hang-once" and count == 1):
            time.sleep(replay.hang_seconds)
        if behaviour in CANNED:
            self._send(*CANNED[behaviour])
            return
        items = replay.days.get(day, [])
        if isinstance(items, list):
            limit, page = int(query.get("limit", 50)), int(query.get("p", 0))
            items = items[page * limit:(page + 1) * limit]
        body = json.dumps(items, ensure_ascii=False).encode()
        if behaviour == "truncated":
            body = body[: len(body) // 2]
        self._send(200, body, "application/json")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: object
    """The stand-in whose handler this server runs (its handler reads it as `self.server.owner`)."""


class Serving:
    """What every stand-in shares: while its `with` lasts, its handler answers on a free port of
    127.0.0.1 from a thread of its own."""

    handler: ClassVar[type[QuietHandler]]

    def __enter__(self):
        self._server = _Server(("127.0.0.1", 0), self.handler)
        self._server.owner = self
        # Polled every 50 ms for `shutdown`, not socketserver's 500: a test waits for it at its end.
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        """`path` on this stand-in, as a client asks for it."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{path}"


def _no_arxiv(ids: list[str]) -> tuple[int, bytes]:
    return 404, b"no arXiv here"


@dataclass
class Replay(Serving):
    handler: ClassVar[type[QuietHandler]] = _Handler
    days: dict[str, object] = field(default_factory=dict)
    fail_first: list[Fault] = field(default_factory=list)
    behaviour: dict[str, str] = field(default_factory=dict)
    hang_seconds: float = 3.0
    delay: float = 0.0
    arxiv: Callable[[list[str]], tuple[int, bytes]] = _no_arxiv
    hits: Counter = field(default_factory=Counter)
    requests: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_files(cls, paths: list[Path], **kwargs: object) -> Replay:
        """Serve each recorded `<day>.json` (parsed, re-serialised as the API would send it)."""
        days = {p.stem[-10:]: json.loads(p.read_bytes()) for p in paths}
        return cls(days=days, **kwargs)

    @property
    def base(self) -> str:
        return self.url("/api")
