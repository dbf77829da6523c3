"""A curator's decisions written in a GitHub comment: `/on ID [why]`, `/off ID why`, `/borderline ID why`.

Pure: the comment's text in, labels and one-line problems out. The text is hostile input (anyone
can comment; only a collaborator's comment is acted on, but even that may quote anyone): it is
parsed here, in Python, and never reaches a shell or a workflow expression.

One command a line, anywhere in the comment. Lines in a quote (`> /on ...`, how GitHub quotes a
reply) and in a fenced code block are not commands, so quoting an earlier decision does not make
it again; a line wrapped in backticks (copied from the daily list) is read without them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InvalidRecord
from .labels import Label, make_label

VERBS = ("on", "off", "borderline")
NEEDS_WHY = ("off", "borderline")
"""Verdicts that need a reason: the model learns most from why a paper is not (quite) on topic."""
MAX_COMMANDS = 50
"""More commands than this in one comment are refused, one line for all of them."""

_COMMAND = re.compile(r"/([A-Za-z][\w-]*)(?:\s+(.*))?")
_FENCE = re.compile(r"(`{3,}|~{3,})")


@dataclass(frozen=True)
class Parsed:
    """What a comment decides."""

    labels: tuple[Label, ...]
    """One label per well-formed command, in the comment's order."""
    problems: tuple[str, ...]
    """One line per command that was not understood, naming it and the fix."""


def _command_lines(body: str) -> list[str]:
    """The comment's lines that may hold a command: outside quotes and fenced code."""
    lines, fence = [], ""
    for raw in body.splitlines():
        line = raw.strip()
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) \
                    and not line[len(opened.group(1)):].strip():
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            continue
        if len(line) > 2 and line[0] == line[-1] == "`" and "`" not in line[1:-1]:
            line = line[1:-1].strip()
        if line.startswith("/"):
            lines.append(line)
    return lines


def _shown(line: str) -> str:
    """A command as a problem names it: short, one line (the reply shows it as code)."""
    return line if len(line) <= 80 else line[:79] + "…"


def parse_commands(body: str, *, by: str) -> Parsed:
    """The labels a comment's commands make (each `by` the commenter), and what was not understood."""
    labels: list[Label] = []
    problems: list[str] = []
    lines = _command_lines(body)
    if len(lines) > MAX_COMMANDS:
        return Parsed((), (f"{len(lines)} commands in one comment (at most {MAX_COMMANDS}): none recorded; "
                           "split them over several comments",))
    for line in lines:
        match = _COMMAND.fullmatch(line)
        if match is None:
            continue  # "/path/to/file" and the like: not a command, not a problem
        verb, rest = match.group(1).lower(), (match.group(2) or "").strip()
        if verb not in VERBS:
            problems.append(f"{_shown(line)}: unknown command /{match.group(1)[:20]} "
                            f"(known: {', '.join('/' + v for v in VERBS)})")
            continue
        raw_id, _, why = rest.partition(" ")
        if not raw_id:
            example = f"/{verb} 2507.12345{' why' if verb in NEEDS_WHY else ''}"
            problems.append(f"{_shown(line)}: no arXiv id (e.g. {example})")
            continue
        why = why.strip()
        if verb in NEEDS_WHY and not why:
            problems.append(f"{_shown(line)}: /{verb} needs a reason after the id "
                            f"(e.g. /{verb} {raw_id[:20]} video diffusion)")
            continue
        try:
            labels.append(make_label(_bare_id(raw_id), verb, why, by=by))
        except InvalidRecord as exc:
            problems.append(f"{_shown(line)}: {exc}")
    return Parsed(tuple(labels), tuple(problems))


_ABS_URL = re.compile(r"https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/(.+?)(?:\.pdf)?/?")


def _bare_id(text: str) -> str:
    """An arXiv id as a curator may paste it: bare, `arXiv:`-prefixed, or the abs/pdf link."""
    match = _ABS_URL.fullmatch(text)
    return match.group(1) if match else text
