"""A stand-in for GitHub's REST API on 127.0.0.1: the one endpoint the curator's loop asks,
`GET /repos/{owner}/{repo}/collaborators/{login}/permission` ("Get repository permissions for a
user"), answered in GitHub's layout: `permission` (admin, write, read or none; maintain answers
write and triage answers read) beside `role_name` (the finer role) and the `user`.

A login it was not told about answers 404, as GitHub does for a user that does not exist; a
login told `fail` answers 500 every time; a request without the expected bearer token answers
401. Every request is kept, with its Authorization header, for the tests to read.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from typing import ClassVar

from .replay import QuietHandler, Serving

TOKEN = "ghs_stand-in-token"
REPOSITORY = "ada-lovelace/paperboy"
ROLES = {"admin": "admin", "maintain": "write", "write": "write", "triage": "read", "read": "read", "none": "none"}
"""GitHub's roles and what its permission endpoint answers in `permission` for each."""
_PATH = re.compile(r"/repos/([^/]+/[^/]+)/collaborators/([^/]+)/permission")


class _Handler(QuietHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        github: GitHub = self.server.owner
        with github.lock:
            github.requests.append((self.path, self.headers.get("Authorization", "")))
        match = _PATH.fullmatch(self.path)
        if match is None or match.group(1) != REPOSITORY:
            self._send(404, b'{"message": "Not Found"}', "application/json")
            return
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._send(401, b'{"message": "Bad credentials"}', "application/json")
            return
        login = match.group(2)
        role = github.roles.get(login)
        if role is None:
            self._send(404, b'{"message": "Not Found"}', "application/json")
        elif role == "fail":
            self._send(500, b"<html><body>Unicorn! Something went wrong</body></html>", "text/html")
        elif role == "garbled":
            self._send(200, b'{"permission": "wri', "application/json")
        else:
            body = {"permission": ROLES[role], "role_name": role,
                    "user": {"login": login, "id": 1000 + len(login), "type": "User", "site_admin": False}}
            self._send(200, json.dumps(body).encode(), "application/json; charset=utf-8")


@dataclass
class GitHub(Serving):
    """Answers the permission lookup for `roles` (login: GitHub role, or `fail`/`garbled`)."""

    handler: ClassVar[type[QuietHandler]] = _Handler
    roles: dict[str, str] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def env(self) -> dict[str, str]:
        """The variables Actions sets for a job, pointed at this stand-in."""
        return {"GITHUB_API_URL": self.url(""), "GITHUB_REPOSITORY": REPOSITORY, "GITHUB_TOKEN": TOKEN}
