"""A curator's comment on GitHub, turned into labels: the pipeline behind `paperboy curate-comment`.

The comment workflow (.github/workflows/curator.yml) runs it on the `issue_comment` event's
payload; the workflow then commits `content/topic/labels.yml` and starts a rebuild. In order:

1. read the event (generator/sources/github.py); a comment that is not a new one on an issue,
   or that a bot wrote, is ignored;
2. only the repository's owner, members and collaborators decide: anyone else's comment is
   ignored with the reason, and nothing is written;
3. the commands are parsed (generator/topic/commands.py); one that is malformed, or that names a
   paper that was never fetched (not a candidate, no record), is reported and skipped;
4. the rest go through the one label writer (generator/storage/labels.py), `by: github:<login>`.

No network, no model: a label beats the model, and the next build decides again with it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from .config import Settings
from .errors import SourceError
from .sources.github import Comment, parse_comment_event
from .storage.candidates import Candidates
from .storage.labels import Recorded, record_labels
from .storage.store import Store
from .topic.commands import parse_commands

log = logging.getLogger("paperboy")

CURATORS = ("OWNER", "MEMBER", "COLLABORATOR")
"""The `author_association` values that may decide: who can push to the repository anyway.
curator.yml's first filter names the same list (tests/test_workflows.py checks they agree)."""


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
    if comment.user_type == "Bot" or comment.login.endswith("[bot]"):
        return f"{comment.login} is a bot"
    if comment.association not in CURATORS:
        return (f"{comment.login} is {comment.association or 'NONE'} here, not the owner, a member or a "
                f"collaborator: only they decide")
    return ""


def apply_comment(settings: Settings, comment: Comment) -> CommentReport:
    """Record the labels a collaborator's comment decides (see the module docstring)."""
    ignored = why_ignored(comment)
    if ignored:
        return CommentReport(comment, ignored, (), ())
    parsed = parse_commands(comment.body, by=f"github:{comment.login}")
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
        log.info("recorded %s %s (%s) by %s", done.label.arxiv_id, done.label.verdict,
                 f"was {done.before.verdict}" if done.before else "new", done.label.by)
    return CommentReport(comment, "", recorded, tuple(problems))
