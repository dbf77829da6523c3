"""A curator's decisions written in a GitHub comment: `/on ID [why]`, `/off ID why`, `/borderline ID why`.

Pure: the comment's text in, labels and one-line problems out. The text is hostile input (anyone
can comment; only a collaborator's comment is acted on, but even that may quote anyone): it is
parsed here, in Python, and never reaches a shell or a workflow expression.

What GitHub shows is what counts: the comment is rendered with cmark-gfm, GitHub's own Markdown
parser, and a command is one line of a paragraph, lines being split at `\n` only (a U+2028 or
another separator that `str.splitlines()` would honour does not start a line). Nothing in a
quote (`> /on ...`, how GitHub quotes a reply, so quoting an earlier decision does not make it
again), in code (fenced or indented), in an HTML comment or inside `<details>` counts: a
reader would not see it as a command. A line wrapped in backticks (copied from the daily list)
is read as GitHub shows it, without them. Ids are ASCII only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options

from ..errors import InvalidRecord
from .labels import Label, make_label

VERBS = ("on", "off", "borderline")
NEEDS_WHY = ("off", "borderline")
"""Verdicts that need a reason: the model learns most from why a paper is not (quite) on topic."""
MAX_COMMANDS = 50
"""More commands than this in one comment are refused, one line for all of them."""

_COMMAND = re.compile(r"/([A-Za-z][A-Za-z0-9_-]*)(?:[ \t]+(.*))?", re.ASCII)
_HIDDEN = frozenset({"blockquote", "details", "pre", "script", "style", "template", "textarea"})
"""Elements whose text is not a command: quotes, collapsed details, code blocks, and what GitHub
does not show at all."""


@dataclass(frozen=True)
class Parsed:
    """What a comment decides."""

    labels: tuple[Label, ...]
    """One label per well-formed command, in the comment's order."""
    problems: tuple[str, ...]
    """One line per command that was not understood, naming it and the fix."""


class _Paragraphs(HTMLParser):
    """The text of each paragraph of rendered HTML that is not inside a hidden element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._hidden = 0
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "p" and not self._hidden:
            self._text = []
        elif tag == "br" and self._text is not None:
            self._text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag == "p" and self._text is not None:
            self.paragraphs.append("".join(self._text))
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None and not self._hidden:
            self._text.append(data)


def _command_lines(body: str) -> list[str]:
    """The lines a reader sees as commands: paragraphs' lines (split at `\n` only) that start
    with `/`, as cmark-gfm renders the comment."""
    html = cmarkgfm.github_flavored_markdown_to_html(body, options=Options.CMARK_OPT_UNSAFE)
    reader = _Paragraphs()
    reader.feed(html)
    reader.close()
    lines = []
    for paragraph in reader.paragraphs:
        for raw in paragraph.split("\n"):
            line = raw.strip(" \t")
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
        raw_id, _, why = rest.replace("\t", " ").partition(" ")
        if not raw_id:
            example = f"/{verb} 2507.12345{' why' if verb in NEEDS_WHY else ''}"
            problems.append(f"{_shown(line)}: no arXiv id (e.g. {example})")
            continue
        why = why.strip()
        if not raw_id.isascii():
            problems.append(f"{_shown(line)}: not an arXiv id (ASCII digits only, e.g. 2507.12345)")
            continue
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
