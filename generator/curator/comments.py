"""A curator's comment on GitHub, turned into labels: the pipeline behind `paperboy curate-comment`.

The comment workflow (.github/workflows/curator.yml) runs it on the `issue_comment` event's
payload; the workflow then commits `content/topic/labels.yml`, replies, closes the readers'
reports that were decided, and starts a rebuild. In order:

1. read the event (generator/sources/github.py); a comment that is neither new nor edited, on
   neither one of the bot's review issues (opened by github-actions[bot], titled "Papers to
   review...") nor a reader's report (labelled `reader-report`), or that a bot wrote, is ignored;
2. the commands are parsed as GitHub shows them (generator/topic/commands.py); one that is
   malformed, or that names a paper that was never fetched, is reported and skipped; on a
   closed issue nothing is recorded, and the reply says so;
3. only write access decides, whatever `author_association` says (an organization member whose
   membership is private arrives as CONTRIBUTOR or NONE): GitHub is asked what the author may
   do (`ask`, the permission endpoint); admin and write record, read, triage and none do not (a
   one-line reason, in the reply too); when GitHub cannot answer, nothing is recorded and the
   reply says so (fail closed);
4. the rest go through the one label writer (generator/storage/labels.py), `by: github:<login>`,
   with the comment's time and address: the newest decision wins, so a comment older than the
   decision a label holds changes nothing and its reply says so (a re-run of an old run, a slow
   run finishing last). An edited comment is read again, as of its edit: the commands the edit
   added or changed (one it left as it was decides nothing again, so fixing a typo in the prose
   does not undo a newer decision by someone else).
5. the open reports about a paper a label was recorded for are to be closed (`close`).

No model: a label beats the model, and the next build decides again with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import Settings
from ..errors import SourceError
from ..sources.github import Comment, Issue, Permission, parse_comment_event
from .reports import REPORT_LABEL, Report, read_report
from ..storage.candidates import Candidates
from ..storage.labels import Recorded, record_labels
from ..storage.store import Store
from ..render.curator import changed
from ..topic.commands import parse_commands

log = logging.getLogger("paperboy")

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
    decide, GitHub could not say whether they may, the issue is closed): the reply says it.
    Empty: not refused."""
    close: tuple[int, ...] = ()
    """The readers' reports decided by this comment (a label recorded for their paper), to be
    answered and closed."""


def read_comment(path: Path) -> Comment:
    """The comment in an event payload file; SourceError when the file is not one."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read the event ({exc.strerror or exc})") from None
    return parse_comment_event(raw, str(path))


def is_review_issue(comment: Comment) -> bool:
    """The comment is on one of the bot's daily review issues."""
    return comment.issue_author == REVIEW_AUTHOR and comment.issue_title.startswith(REVIEW_TITLE)


def why_ignored(comment: Comment) -> str:
    """Why a comment is not read for commands, in a line (empty: it is read)."""
    if comment.action not in ("created", "edited"):
        return f"the comment was {comment.action} (only a new or edited comment decides)"
    if comment.on_pull_request:
        return f"#{comment.issue} is a pull request (decisions are made on issues)"
    if not is_review_issue(comment) and REPORT_LABEL not in comment.issue_labels:
        return (f"#{comment.issue} is neither one of the review issues (opened by {REVIEW_AUTHOR}, titled "
                f"\"{REVIEW_TITLE}: ...\") nor a reader's report ({REPORT_LABEL}): decisions are made there only")
    if comment.user_type == "Bot" or comment.login.endswith("[bot]"):
        return f"{comment.login} is a bot"
    return ""


Ask = Callable[[str], Permission]
"""Asks GitHub what a login may do in the repository; SourceError when it cannot be told."""
OpenReports = Callable[[], tuple[Report, ...]]
"""The open readers' reports (GitHub's issue list); SourceError when GitHub cannot tell."""


def _no_reports() -> tuple[Report, ...]:
    return ()


def apply_comment(settings: Settings, comment: Comment, ask: Ask,
                  open_reports: OpenReports = _no_reports) -> CommentReport:
    """Record the labels a collaborator's comment decides (see the module docstring)."""
    ignored = why_ignored(comment)
    if ignored:
        return CommentReport(comment, ignored, (), ())
    parsed = parse_commands(comment.body, by=f"github:{comment.login}")
    unchanged = set()
    if comment.action == "edited" and comment.previous_body:
        unchanged = {(label.arxiv_id, label.verdict, label.why)
                     for label in parse_commands(comment.previous_body, by=f"github:{comment.login}").labels}
    parsed_labels = tuple(replace(label, at=comment.at, comment=comment.url) for label in parsed.labels
                          if (label.arxiv_id, label.verdict, label.why) not in unchanged)
    if not parsed_labels:
        return CommentReport(comment, "", (), parsed.problems)  # nothing to decide: GitHub is not asked
    if not comment.issue_open:
        return CommentReport(comment, "", (), parsed.problems, refused=(
            f"#{comment.issue} is closed: nothing recorded; decide on the newest open review issue "
            "(or on an open report)"))
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
    for label in parsed_labels:
        if candidates.get(label.arxiv_id) is None and not store.path_for(label.arxiv_id).exists():
            problems.append(f"{label.arxiv_id}: not a candidate (never fetched or imported here): "
                            "check the id, or fetch its day first")
            continue
        known.append(label)
    recorded = record_labels(settings.labels_file, known)
    for done in recorded:
        if done.stale:
            log.warning("not applied: %s %s: the label holds a newer decision (%s)", done.label.arxiv_id,
                        done.label.verdict, done.before.verdict if done.before else "-")
        else:
            log.info("recorded %s %s (%s) by %s", done.label.arxiv_id, done.label.verdict, changed(done.before),
                     done.label.by)
    return CommentReport(comment, "", recorded, tuple(problems), close=_decided_reports(comment, recorded, open_reports))


def _decided_reports(comment: Comment, recorded: tuple[Recorded, ...], open_reports: OpenReports) -> tuple[int, ...]:
    """The open reports about the papers a label is now recorded for: this report, when the
    comment is on one, and those GitHub lists (when it cannot list them, they stay open: the
    next decision closes them)."""
    papers = {done.label.arxiv_id for done in recorded}
    close = set()
    if REPORT_LABEL in comment.issue_labels:
        this = read_report(_as_issue(comment))
        if not isinstance(this, str) and this.paper in papers:
            close.add(comment.issue)
    if papers:
        try:
            close.update(report.issue for report in open_reports() if report.paper in papers)
        except SourceError as exc:
            log.warning("the open reports could not be listed (%s): those about these papers stay open", exc)
    return tuple(sorted(close))


def _as_issue(comment: Comment) -> Issue:
    return Issue(comment.issue, comment.issue_title, comment.issue_author, comment.issue_labels,
                 comment.issue_body, comment.issue_open)
