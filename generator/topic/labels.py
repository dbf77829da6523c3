"""Topic labels: a person's decision that a paper is, or is not, about the site's topic.

`content/topic/labels.yml`, one label a line, sorted by id, so a pull request shows each
decision as one line:

    - {id: '2502.02737', label: 'on', tags: [small-models], why: SmolLM2, a 1.7B small LM}

`label` is `on`, `off` or `borderline` (a reasonable curator could go either way; the topic's
`borderline` setting says which way the site goes); `tags`, when present, are the paper's site
tags as a person decided them; `by`, when present, says who or what helped make the label
(`helper`: read by a helper session against the rubric; `github:<login>`: a collaborator's
comment on GitHub), so a curator can tell such labels from their own. A label made by a comment
also keeps `at`, the comment's time (its last edit), and `comment`, its address: the newest
decision wins (`supersedes`), so an older comment whose run finishes last changes nothing.
A label always beats the model, and the labelled papers are what
the topic model and the tag models learn from. `paperboy label` adds or changes one. Pure: the file is read and written by generator/storage/labels.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import datetime as dt
import re

import yaml

from ..errors import ConfigError, InvalidRecord
from ..models import TAG_PATTERN, clean_text, parse_arxiv_id

VERDICTS = ("on", "off", "borderline")
MAX_WHY = 300
MAX_BY = 100
_AT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", re.ASCII)
"""A decision's time as GitHub writes it (ISO 8601, UTC, whole seconds): text order is time order."""
_COMMENT = re.compile(r"https://[A-Za-z0-9.-]{1,100}/[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}/"
                      r"(?:issues|pull)/\d{1,10}#issuecomment-(\d{1,20})", re.ASCII)
"""A comment's address on GitHub (its `html_url`); the number after `issuecomment-` is its id."""

HEADER = """\
# Topic labels: whether a paper is about this site's topic, decided by a person. A label always
# beats the model, and the models learn from these. One line each, sorted by id; `label` is on,
# off or borderline; `tags` (optional) are the tags a person gave the paper; `by` (optional) who or
# what made the label when it was not the curator by hand (`helper`, `github:<login>`); `at` and
# `comment` (a comment's labels) when and where it was decided. Add one with
# `paperboy label ID on|off --why TEXT`, or edit by hand.
"""


@dataclass(frozen=True)
class Label:
    """One person's decision about one paper."""

    arxiv_id: str
    """arXiv identifier without version."""
    verdict: str
    """`on`, `off` or `borderline`."""
    why: str = ""
    """The reason, in a few words (shown by `paperboy check --topic`)."""
    tags: tuple[str, ...] | None = None
    """The site tags a person gave the paper (None: the tag rules and models decide)."""
    by: str = ""
    """Who or what made the label, when not the curator by hand: `helper` (a helper session read
    it against the rubric), `github:<login>` (a collaborator's comment). Empty: the curator."""
    at: str = ""
    """When it was decided, for a comment's label: the comment's time (its last edit), UTC,
    `2026-12-01T09:02:46Z`. Empty: a label by hand, which always applies."""
    comment: str = ""
    """The address of the comment that decided it (GitHub's `html_url`). Empty: not a comment."""

    def when(self) -> tuple[str, int]:
        """The decision's place in time: its `at`, then the comment's id (GitHub numbers comments
        in the order they are made), for two comments of the same second."""
        match = _COMMENT.fullmatch(self.comment)
        return (self.at, int(match.group(1)) if match else 0)


def make_label(arxiv_id: object, verdict: object, why: object = "", tags: object = None, by: object = "",
               at: object = "", comment: object = "") -> Label:
    """A label from untrusted values; raises InvalidRecord naming the field."""
    paper_id, _ = parse_arxiv_id(str(arxiv_id) if isinstance(arxiv_id, (int, float)) else arxiv_id)  # type: ignore[arg-type]
    if verdict is True:  # YAML 1.1 reads a bare `on` as true
        verdict = "on"
    elif verdict is False:
        verdict = "off"
    if verdict not in VERDICTS:
        raise InvalidRecord("label", f"expected one of {', '.join(VERDICTS)}, got {str(verdict)[:40]!r}")
    if why is None:
        why = ""
    if not isinstance(why, str):
        why = str(why)
    why = clean_text(why)
    if len(why) > MAX_WHY:
        raise InvalidRecord("why", f"is {len(why)} characters long (limit {MAX_WHY})")
    if tags is not None:
        if not isinstance(tags, list) or not all(isinstance(t, str) and TAG_PATTERN.fullmatch(t) for t in tags):
            raise InvalidRecord("tags", "expected a list of tag slugs (lowercase letters, digits, '-')")
        tags = tuple(dict.fromkeys(tags))
    if by is None:
        by = ""
    if not isinstance(by, str):
        raise InvalidRecord("by", f"expected text, got {type(by).__name__}")
    by = clean_text(by)
    if len(by) > MAX_BY:
        raise InvalidRecord("by", f"is {len(by)} characters long (limit {MAX_BY})")
    at = "" if at is None else at
    if isinstance(at, dt.datetime) and at.tzinfo is not None:  # YAML reads an unquoted time as one
        at = at.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if not isinstance(at, str) or (at and not _AT.fullmatch(at)):
        raise InvalidRecord("at", f"expected a time such as 2026-12-01T09:02:46Z, got {str(at)[:40]!r}")
    comment = "" if comment is None else comment
    if not isinstance(comment, str) or (comment and not _COMMENT.fullmatch(comment)):
        raise InvalidRecord("comment", f"expected a GitHub comment's address, got {str(comment)[:80]!r}")
    return Label(paper_id, str(verdict), why, tags, by, at, comment)


def supersedes(old: Label | None, new: Label) -> bool:
    """Whether `new` may be recorded over `old`: always, unless both were decided at a known time
    and `old` later (the newest decision wins, whichever run finishes last). A label by hand has no
    time and always applies; a label over one by hand applies too."""
    return old is None or not (old.at and new.at) or new.when() >= old.when()


def relabel(old: Label | None, new: Label) -> Label:
    """What is kept when `new` is recorded over `old`: the new verdict and who made it; the old
    reason when the new one gives none and the verdict is the same (an `off` keeps no reason for
    `on`); the tags a person gave the paper (a verdict says nothing about tags)."""
    if old is None:
        return new
    why = new.why or (old.why if old.verdict == new.verdict else "")
    tags = new.tags if new.tags is not None else old.tags
    return Label(new.arxiv_id, new.verdict, why, tags, new.by, new.at, new.comment)


def parse_labels(text: str, origin: str) -> dict[str, Label]:
    """Labels by id from the file's text; a malformed file or entry is a ConfigError naming it."""
    try:
        entries = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{origin}: not valid YAML ({str(exc).splitlines()[0]})") from None
    if entries is None:
        return {}
    if not isinstance(entries, list):
        raise ConfigError(f"{origin}: expected a list of labels (- {{id: ..., label: on|off}})")
    labels: dict[str, Label] = {}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise ConfigError(f"{origin}: entry {number}: expected a mapping with id and label")
        unknown = sorted(str(key) for key in set(entry) - {"id", "label", "why", "tags", "by", "at", "comment"})
        if unknown:
            raise ConfigError(f"{origin}: entry {number}: unknown key {unknown[0]!r} "
                              "(known: id, label, tags, why, by, at, comment)")
        try:
            label = make_label(entry.get("id"), entry.get("label"), entry.get("why"), entry.get("tags"), entry.get("by"),
                               entry.get("at"), entry.get("comment"))
        except InvalidRecord as exc:
            raise ConfigError(f"{origin}: entry {number}: {exc}") from None
        labels[label.arxiv_id] = label  # the later line wins, as a hand edit would expect
    return labels


def dumps_labels(labels: Iterable[Label]) -> str:
    """The file's text: the header, then one flow-style line per label, sorted by id."""
    lines = [HEADER]
    for label in sorted(labels, key=lambda item: item.arxiv_id):
        entry: dict[str, object] = {"id": label.arxiv_id, "label": label.verdict}
        if label.tags is not None:
            entry["tags"] = list(label.tags)
        if label.why:
            entry["why"] = label.why
        if label.by:
            entry["by"] = label.by
        if label.at:
            entry["at"] = label.at
        if label.comment:
            entry["comment"] = label.comment
        line = yaml.safe_dump(entry, default_flow_style=True, sort_keys=False, width=10_000, allow_unicode=True)
        lines.append(f"- {line.strip()}\n")
    return "".join(lines)
