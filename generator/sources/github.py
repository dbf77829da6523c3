"""GitHub as the curator's loop reads it: the `issue_comment` event and a commenter's permission.

- `parse_comment_event`, pure: the payload's bytes (`$GITHUB_EVENT_PATH`) in, a `Comment` out, or a
  SourceError naming what is missing. Only the fields the loop reads are taken (GitHub's docs:
  "Webhook events and payloads", `issue_comment`).
- `fetch_permission`: `GET {api}/repos/{repository}/collaborators/{login}/permission` with the
  job's token, and `parse_permission`, pure, for its answer (GitHub's REST docs: "Get repository
  permissions for a user": `permission` is admin, write, read or none; maintain answers write and
  triage answers read there, `role_name` names the finer role).

Everything GitHub sends is hostile input until a later stage says otherwise.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..errors import SourceError
from .net import FetchError, Http

# GitHub's rule for a user name: letters, digits and single hyphens, at most 39 characters. A bot's
# login ends in "[bot]" (e.g. github-actions[bot]).
_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\[bot\])?")


@dataclass(frozen=True)
class Comment:
    """One comment on an issue or a pull request, as the event describes it."""

    action: str
    """`created`, `edited` or `deleted`."""
    issue: int
    """The number of the issue (or pull request) commented on."""
    on_pull_request: bool
    """The comment is on a pull request (GitHub sends those as issue comments too)."""
    body: str
    """The comment's text, as written (Markdown)."""
    login: str
    """Who wrote it (checked against GitHub's rule for user names)."""
    user_type: str
    """`User`, `Bot` or `Organization`."""
    association: str
    """The writer's relation to the repository: OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE..."""
    issue_author: str = ""
    """Who opened the issue (`issue.user.login`): only the bot's review issues count."""
    issue_title: str = ""
    """The issue's title, as its opener wrote it."""


def _field(data: object, *path: str) -> object:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            raise SourceError(f"no {'.'.join(path)} in the event (is it an issue_comment event?)")
        data = data[key]
    return data


def _text(data: object, *path: str) -> str:
    value = _field(data, *path)
    if not isinstance(value, str):
        raise SourceError(f"{'.'.join(path)}: expected text, got {type(value).__name__}")
    return value


def _optional_text(data: object, *path: str) -> str:
    """A text field that a hostile or odd payload may lack: empty then (which counts as no one)."""
    try:
        value = _field(data, *path)
    except SourceError:
        return ""
    return value if isinstance(value, str) else ""


def parse_comment_event(raw: bytes, origin: str) -> Comment:
    """The comment an `issue_comment` event carries; SourceError (naming `origin`) when it is none."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise SourceError(f"{origin}: not JSON ({exc})") from None
    try:
        number = _field(data, "issue", "number")
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise SourceError(f"issue.number: expected a positive whole number, got {str(number)[:20]!r}")
        login = _text(data, "comment", "user", "login")
        if not _LOGIN.fullmatch(login):
            raise SourceError(f"comment.user.login: not a GitHub user name: {login[:50]!r}")
        body = _field(data, "comment", "body")
        return Comment(
            action=_text(data, "action"),
            issue=number,
            on_pull_request=isinstance(data["issue"], dict) and data["issue"].get("pull_request") is not None,
            body=body if isinstance(body, str) else "",  # GitHub sends null for an empty body
            login=login,
            user_type=_text(data, "comment", "user", "type"),
            association=_text(data, "comment", "author_association"),
            issue_author=_optional_text(data, "issue", "user", "login"),
            issue_title=_optional_text(data, "issue", "title"),
        )
    except SourceError as exc:
        raise SourceError(f"{origin}: {exc}") from None


PERMISSIONS = ("admin", "write", "read", "none")
"""The values GitHub's permission endpoint answers in `permission`."""
_REPOSITORY = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}/[A-Za-z0-9._-]{1,100}")


@dataclass(frozen=True)
class Permission:
    """What a person may do in the repository, as GitHub answered."""

    permission: str
    """admin, write, read or none."""
    role: str
    """The finer role (`role_name`: admin, maintain, write, triage, read, or a custom role's name);
    shown in messages only, never decides."""


def parse_permission(raw: bytes, origin: str) -> Permission:
    """GitHub's answer to the permission lookup; SourceError (naming `origin`) when it is not one."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise SourceError(f"{origin}: the answer is not JSON") from None
    value = data.get("permission") if isinstance(data, dict) else None
    if value not in PERMISSIONS:
        raise SourceError(f"{origin}: no known permission in the answer (got {str(value)[:20]!r})")
    role = data.get("role_name")
    role = role if isinstance(role, str) and re.fullmatch(r"[\w -]{1,50}", role, re.ASCII) else value
    return Permission(value, role)


def fetch_permission(http: Http, *, api: str, repository: str, token: str, login: str) -> Permission:
    """Ask GitHub what `login` may do in `repository`; SourceError when it cannot be told."""
    if not api.startswith(("https://", "http://")):
        raise SourceError(f"GITHUB_API_URL {api[:80]!r} is not an http(s) address")
    if not _REPOSITORY.fullmatch(repository):
        raise SourceError(f"GITHUB_REPOSITORY {repository[:80]!r} is not owner/name")
    if not token:
        raise SourceError("GITHUB_TOKEN is not set: the permission of the comment's author cannot be checked")
    if not _LOGIN.fullmatch(login):
        raise SourceError(f"{login[:50]!r} is not a GitHub user name")
    url = f"{api.rstrip('/')}/repos/{repository}/collaborators/{login}/permission"
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json",
               "X-GitHub-Api-Version": "2022-11-28"}
    try:
        response = http.get(url, headers=headers)
    except FetchError as exc:
        raise SourceError(str(exc)) from None
    if response.status != 200:
        raise SourceError(f"{url}: HTTP {response.status}")
    return parse_permission(response.content, url)
