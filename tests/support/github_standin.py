"""A stand-in for GitHub's REST API on 127.0.0.1: the endpoints the curator's loop asks.

- `GET /repos/{owner}/{repo}/collaborators/{login}/permission` ("Get repository permissions for a
  user"), answered in GitHub's layout: `permission` (admin, write, read or none; maintain answers
  write and triage answers read) beside `role_name` (the finer role) and the `user`;
- `GET /repos/{owner}/{repo}/issues` ("List repository issues"): the issues it was given, newest
  first, filtered by `state` (open by default, or all) and `labels`, `per_page` at a time;
- `GET /repos/{owner}/{repo}`: the repository, with `has_issues`.

A login it was not told about answers 404, as GitHub does for a user that does not exist; a
login told `fail` answers 500 every time; a request without the expected bearer token answers
401. Every request is kept, with its Authorization header, for the tests to read.
"""

from __future__ import annotations

import json
import re
import threading
from urllib.parse import parse_qs, urlsplit
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
        url = urlsplit(self.path)
        if url.path in (f"/repos/{REPOSITORY}", f"/repos/{REPOSITORY}/issues"):
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                self._send(401, b'{"message": "Bad credentials"}', "application/json")
            elif url.path.endswith("/issues"):
                self._send(200, json.dumps(github.list_issues(parse_qs(url.query))).encode(), "application/json")
            else:
                body = {"full_name": REPOSITORY, "has_issues": github.has_issues, "default_branch": "main"}
                self._send(200, json.dumps(body).encode(), "application/json")
            return
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
    issues: list[dict] = field(default_factory=list)
    """The repository's issues, as GitHub's issue list shows each (`issue()` makes one)."""
    has_issues: bool = True
    requests: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def list_issues(self, query: dict[str, list[str]]) -> list[dict]:
        state = query.get("state", ["open"])[0]
        wanted = [name for name in query.get("labels", [""])[0].split(",") if name]
        found = [item for item in sorted(self.issues, key=lambda item: -item["number"])
                 if (state == "all" or item["state"] == state)
                 and all(name in [label["name"] for label in item["labels"]] for name in wanted)]
        size, page = int(query.get("per_page", ["30"])[0]), int(query.get("page", ["1"])[0])
        return found[(page - 1) * size:page * size]

    def env(self) -> dict[str, str]:
        """The variables Actions sets for a job, pointed at this stand-in."""
        return {"GITHUB_API_URL": self.url(""), "GITHUB_REPOSITORY": REPOSITORY, "GITHUB_TOKEN": TOKEN}


def issue(number: int, title: str, *, author: str = "github-actions[bot]", body: str = "", labels: tuple[str, ...] = (),
          state: str = "open") -> dict:
    """One issue as GitHub's issue list (and an event's `issue`) shows it, the fields the loop reads."""
    return {"number": number, "title": title, "state": state, "body": body,
            "user": {"login": author, "type": "Bot" if author.endswith("[bot]") else "User"},
            "labels": [{"name": name, "color": "ededed"} for name in labels],
            "html_url": f"https://github.com/{REPOSITORY}/issues/{number}", "author_association": "NONE"}


def report(number: int, paper: str, reason: str = "", *, direction: str = "wrong-topic", state: str = "open") -> dict:
    """A reader's report as the issue form writes it (.github/ISSUE_TEMPLATE/<direction>.yml)."""
    title = {"wrong-topic": "Wrong topic", "belongs-here": "Belongs here"}[direction]
    body = f"### arXiv id\n\n{paper}\n\n### Why, in a few words\n\n{reason or '_No response_'}"
    return issue(number, f"{title}: {paper}", author="reader-r", body=body, labels=("reader-report", direction),
                 state=state)
