"""GitHub's `issue_comment` webhook event, as Actions hands it to a job (`$GITHUB_EVENT_PATH`).

Pure: the payload's bytes in, a `Comment` out, or a SourceError naming what is missing. Only the
fields the curator's loop reads are taken (GitHub's docs: "Webhook events and payloads",
`issue_comment`); everything in them is hostile input until a later stage says otherwise.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..errors import SourceError

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
        )
    except SourceError as exc:
        raise SourceError(f"{origin}: {exc}") from None
