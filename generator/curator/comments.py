"""A curator's comment on GitHub, turned into labels: the pipeline behind `paperboy curate-comment`.

The comment workflow (.github/workflows/curator.yml) runs it on the `issue_comment` event's
payload; the workflow then commits `content/topic/labels.yml` and starts a rebuild. In order:

1. read the event (generator/sources/github.py); a comment that is not a new one on one of the
   bot's review issues (opened by github-actions[bot], titled "Papers to review..."), or that a
   bot wrote, or whose author is not the owner, a member or a collaborator, is ignored;
2. the commands are parsed as GitHub shows them (generator/topic/commands.py); one that is
   malformed, or that names a paper that was never fetched, is reported and skipped;
3. only write access decides: GitHub is asked what the author may do (`ask`, the permission
   endpoint); admin and write record, read, triage and none do not (a one-line reason, in the
   reply too); when GitHub cannot answer, nothing is recorded and the reply says so (fail closed);
4. the rest go through the one label writer (generator/storage/labels.py), `by: github:<login>`.

No model: a label beats the model, and the next build decides again with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..errors import SourceError
from ..sources.github import Comment, Permission, parse_comment_event
from ..storage.candidates import Candidates
from ..storage.labels import Recorded, record_labels
from ..storage.store import Store
from ..render.curator import changed
from ..topic.commands import parse_commands

log = logging.getLogger("paperboy")

CURATORS = ("OWNER", "MEMBER", "COLLABORATOR")
"""The `author_association` values that may decide: who can push to the repository anyway.
curator.yml's first filter names the same list (tests/test_workflows.py checks they agree). A cheap
first filter only: MEMBER is any member of the owning organization and COLLABORATOR includes
read and triage collaborators, so the permission lookup decides."""
DECIDING = ("admin", "write")
"""The permissions (GitHub's permission endpoint; maintain answers write) that may decide."""
REVIEW_AUTHOR = "github-actions[bot]"
"""Who opens the daily review issues (Publish's review job, with the job's token)."""
REVIEW_TITLE = "Papers to review"
"""How the review issues' titles start (.github/scripts/open-review-issue.sh)."""


@dataclass(frozen=True)
class CommentReport:
    """What one comment did."""

    comment: Comment
    ignored: str
    """Why the comment was not read for commands (empty: it was)."""
    recorded: tuple[Recorded, ...]
    """Each label written, in the comment's order."""
    problems: tuple[str, ...]
    """One line per command that was not recorded, naming it and why."""
    refused: str = ""
    """Why none of the comment's commands was recorded although it held some (the author may not
    decide, or GitHub could not say whether they may): the reply says it. Empty: not refused."""


def read_comment(path: Path) -> Comment:
    """The comment in an event payload file; SourceError when the file is not one."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read the event ({exc.strerror or exc})") from None
    return parse_comment_event(raw, str(path))


def why_ignored(comment: Comment) -> str:
    """Why a comment is not read for commands, in a line (empty: it is read)."""
    if comment.action != "created":
        return f"the comment was {comment.action}, not created (only a new comment decides)"
    if comment.on_pull_request:
        return f"#{comment.issue} is a pull request (decisions are made on issues)"
    if comment.issue_author != REVIEW_AUTHOR or not comment.issue_title.startswith(REVIEW_TITLE):
        return (f"#{comment.issue} is not one of the review issues (opened by {REVIEW_AUTHOR}, titled "
                f"\"{REVIEW_TITLE}: ...\"): decisions are made there only")
    if comment.user_type == "Bot" or comment.login.endswith("[bot]"):
        return f"{comment.login} is a bot"
    if comment.association not in CURATORS:
        return (f"{comment.login} is {comment.association or 'NONE'} here, not the owner, a member or a "
                f"collaborator: only they decide")
    return ""


Ask = Callable[[str], Permission]
"""Asks GitHub what a login may do in the repository; SourceError when it cannot be told."""


def apply_comment(settings: Settings, comment: Comment, ask: Ask) -> CommentReport:
    """Record the labels a collaborator's comment decides (see the module docstring)."""
    ignored = why_ignored(comment)
    if ignored:
        return CommentReport(comment, ignored, (), ())
    parsed = parse_commands(comment.body, by=f"github:{comment.login}")
    if not parsed.labels:
        return CommentReport(comment, "", (), parsed.problems)  # nothing to decide: GitHub is not asked
    try:
        permission = ask(comment.login)
    except SourceError as exc:
        return CommentReport(comment, "", (), parsed.problems, refused=(
            f"GitHub could not tell whether {comment.login} has write access ({exc}): nothing recorded; "
            "post the comment again later"))
    if permission.permission not in DECIDING:
        return CommentReport(comment, "", (), parsed.problems, refused=(
            f"{comment.login} has {permission.role} access here: only people with write access decide "
            "(Settings > Collaborators)"))
    problems = list(parsed.problems)
    candidates, store = Candidates(settings.candidates_dir), Store(settings.papers_dir)
    known = []
    for label in parsed.labels:
        if candidates.get(label.arxiv_id) is None and not store.path_for(label.arxiv_id).exists():
            problems.append(f"{label.arxiv_id}: not a candidate (never fetched or imported here): "
                            "check the id, or fetch its day first")
            continue
        known.append(label)
    recorded = record_labels(settings.labels_file, known)
    for done in recorded:
        log.info("recorded %s %s (%s) by %s", done.label.arxiv_id, done.label.verdict, changed(done.before),
                 done.label.by)
    return CommentReport(comment, "", recorded, tuple(problems))
