"""GitHub as the curator's loop reads it: the `issue_comment` event, a commenter's permission,
and the repository's issues.

- `parse_comment_event`, pure: the payload's bytes (`$GITHUB_EVENT_PATH`) in, a `Comment` out, or a
  SourceError naming what is missing. Only the fields the loop reads are taken (GitHub's docs:
  "Webhook events and payloads", `issue_comment`).
- `fetch_permission`: `GET {api}/repos/{repository}/collaborators/{login}/permission` with the
  job's token, and `parse_permission`, pure, for its answer (GitHub's REST docs: "Get repository
  permissions for a user": `permission` is admin, write, read or none; maintain answers write and
  triage answers read there, `role_name` names the finer role).
- `fetch_issues`: `GET {api}/repos/{repository}/issues` (open or all, optionally with a label;
  pull requests left out), and `parse_issues`, pure, into `Issue` records; `fetch_has_issues`:
  whether the repository has Issues switched on (`GET {api}/repos/{repository}`, `has_issues`).

Everything GitHub sends is hostile input until a later stage says otherwise.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..errors import SourceError
from .net import FetchError, Http

# GitHub's rule for a user name: letters, digits and single hyphens, at most 39 characters; an
# Enterprise Managed User's login adds an underscore and the enterprise's short code
# (`octocat_acme`). A bot's login ends in "[bot]" (e.g. github-actions[bot]).
_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_]|-(?=[A-Za-z0-9])){0,44}(?:\[bot\])?", re.ASCII)
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", re.ASCII)
_COMMENT_URL = re.compile(r"https://[A-Za-z0-9.-]{1,100}/[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}/"
                          r"(?:issues|pull)/\d{1,10}#issuecomment-\d{1,20}", re.ASCII)


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
    issue_open: bool = True
    """The issue is open (`issue.state`): a closed issue decides nothing."""
    issue_labels: tuple[str, ...] = ()
    """The names of the issue's labels (a reader's report carries `reader-report`)."""
    issue_body: str = ""
    """The issue's text (a reader's report: the issue form's answers)."""
    at: str = ""
    """When the comment was last written (`updated_at`, its creation or its last edit), UTC."""
    url: str = ""
    """The comment's address (`html_url`)."""
    previous_body: str = ""
    """For an edit, the comment's text before it (`changes.body.from`); empty otherwise."""


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
        at = _optional_text(data, "comment", "updated_at") or _optional_text(data, "comment", "created_at")
        url = _optional_text(data, "comment", "html_url")
        labels = data["issue"].get("labels") if isinstance(data["issue"], dict) else None
        issue_body = _optional_text(data, "issue", "body")
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
            issue_open=_optional_text(data, "issue", "state") != "closed",
            issue_labels=_label_names(labels),
            issue_body=issue_body,
            at=at if _TIME.fullmatch(at) else "",
            url=url if _COMMENT_URL.fullmatch(url) else "",
            previous_body=_optional_text(data, "changes", "body", "from"),
        )
    except SourceError as exc:
        raise SourceError(f"{origin}: {exc}") from None


def _label_names(labels: object) -> tuple[str, ...]:
    """The names in an issue's `labels` (a list of objects with `name`); others are left out."""
    if not isinstance(labels, list):
        return ()
    return tuple(item["name"] for item in labels if isinstance(item, dict) and isinstance(item.get("name"), str))


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


@dataclass(frozen=True)
class Api:
    """Where GitHub's REST API is and how to ask it: what Actions gives a job."""

    url: str
    """GITHUB_API_URL (https://api.github.com, or a stand-in)."""
    repository: str
    """GITHUB_REPOSITORY, owner/name."""
    token: str
    """GITHUB_TOKEN, the job's token."""

    def get(self, http: Http, path: str, what: str) -> bytes:
        """The body of `GET {url}/repos/{repository}{path}`; SourceError when GitHub does not answer 200."""
        if not self.url.startswith(("https://", "http://")):
            raise SourceError(f"GITHUB_API_URL {self.url[:80]!r} is not an http(s) address")
        if not _REPOSITORY.fullmatch(self.repository):
            raise SourceError(f"GITHUB_REPOSITORY {self.repository[:80]!r} is not owner/name")
        if not self.token:
            raise SourceError(f"GITHUB_TOKEN is not set: {what} cannot be asked")
        url = f"{self.url.rstrip('/')}/repos/{self.repository}{path}"
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/vnd.github+json",
                   "X-GitHub-Api-Version": "2022-11-28"}
        try:
            response = http.get(url, headers=headers)
        except FetchError as exc:
            raise SourceError(str(exc)) from None
        if response.status != 200:
            raise SourceError(f"{url}: HTTP {response.status}")
        return response.content


def fetch_permission(http: Http, api: Api, login: str) -> Permission:
    """Ask GitHub what `login` may do in the repository; SourceError when it cannot be told."""
    if not _LOGIN.fullmatch(login):
        raise SourceError(f"{login[:50]!r} is not a GitHub user name")
    path = f"/collaborators/{login}/permission"
    return parse_permission(api.get(http, path, "the permission of the comment's author"), api.url + path)


@dataclass(frozen=True)
class Issue:
    """One issue of the repository, as GitHub's issue list describes it."""

    number: int
    title: str
    """As its opener wrote it (hostile)."""
    author: str
    """Who opened it (`user.login`)."""
    labels: tuple[str, ...]
    body: str
    """Its text (hostile)."""
    open: bool


def parse_issues(raw: bytes, origin: str) -> tuple[Issue, ...]:
    """The issues of one page of GitHub's issue list (pull requests, which it lists too, left out);
    an item that is not an issue is left out; SourceError when the answer is not a list."""
    return _issue_page(raw, origin)[0]


def _issue_page(raw: bytes, origin: str) -> tuple[tuple[Issue, ...], int]:
    """`parse_issues`, and how many items the page held (a page shorter than asked is the last)."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise SourceError(f"{origin}: the answer is not JSON") from None
    if not isinstance(data, list):
        raise SourceError(f"{origin}: expected a list of issues")
    issues = []
    for item in data:
        if not isinstance(item, dict) or "pull_request" in item:
            continue
        number = item.get("number")
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            continue
        issues.append(Issue(number, _optional_text(item, "title"), _optional_text(item, "user", "login"),
                            _label_names(item.get("labels")), _optional_text(item, "body"),
                            item.get("state") != "closed"))
    return tuple(issues), len(data)


ISSUE_PAGES = 10
"""At most this many pages of 100 issues are read (the newest first)."""


def fetch_issues(http: Http, api: Api, *, state: str = "open", label: str = "") -> tuple[Issue, ...]:
    """The repository's issues in `state` (open or all), newest first, with `label` when given."""
    issues: list[Issue] = []
    query = f"state={state}&sort=created&direction=desc&per_page=100" + (f"&labels={label}" if label else "")
    for page in range(1, ISSUE_PAGES + 1):
        path = f"/issues?{query}&page={page}"
        found, items = _issue_page(api.get(http, path, "the issues"), api.url + path)
        issues += found
        if items < 100:
            break
    return tuple(issues)


def fetch_has_issues(http: Http, api: Api) -> bool:
    """Whether the repository has Issues switched on; SourceError when GitHub cannot say."""
    raw = api.get(http, "", "whether Issues are on")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise SourceError(f"{api.url}: the repository's answer is not JSON") from None
    value = data.get("has_issues") if isinstance(data, dict) else None
    if not isinstance(value, bool):
        raise SourceError(f"{api.url}: no has_issues in the repository's answer")
    return value
