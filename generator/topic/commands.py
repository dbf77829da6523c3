"""A curator's decisions written in a GitHub comment: `/on ID [why]`, `/off ID why`, `/borderline ID why`.

Pure: the comment's text in, labels and one-line problems out. The text is hostile input (anyone
can comment; only a collaborator's comment is acted on, but even that may quote anyone): it is
parsed here, in Python, and never reaches a shell or a workflow expression.

What GitHub shows is what counts, by one rule: the comment is rendered with cmark-gfm, GitHub's
own Markdown parser, the HTML is parsed by a real HTML parser (lxml) into the tree a browser
would build, and a command is a line of text of a paragraph, a list item, a heading or a table
cell that a reader sees: no element it sits in, and no element its text sits in, is one that
hides or strikes text (`_HIDDEN`: a quote, `<details>`, a code block, a struck-through `~~...~~`,
what GitHub drops), and it is not written inside a Markdown quote (`> `): cmark-gfm marks where
each block came from (`data-sourcepos`), so a quote that a raw `</blockquote>` closes early in
the HTML still hides what its author quoted. Stray or unbalanced tags are the parser's
business, as they are the browser's: nothing counts them. Lines are split at `<br>` and `\n` only (a U+2028 or another
separator that `str.splitlines()` would honour does not start a line). Leading spaces, no-break
spaces and invisible format characters (a zero-width space) are not part of a command, and any
space separates its words. A line wrapped in backticks (copied from the daily list) is read as
GitHub shows it, without them. A command that is not understood (an unknown or look-alike verb,
an id in other digits, two commands on one line, the list's `why` left as it is) is named in
the reply; only text that does not start with `/` and a letter is no command at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import cmarkgfm
import lxml.html
from cmarkgfm.cmark import Options
from lxml import etree

from ..errors import InvalidRecord
from .labels import Label, make_label

VERBS = ("on", "off", "borderline")
NEEDS_WHY = ("off", "borderline")
"""Verdicts that need a reason: the model learns most from why a paper is not (quite) on topic."""
MAX_COMMANDS = 50
"""More commands than this in one comment are refused, one line for all of them."""
PLACEHOLDER_WHYS = ("why", "reason")
"""Reasons that are placeholders to replace (`/off ID why`, the list's `/off ID REASON`)."""

_VERB = re.compile(r"/(\w[\w-]*)", re.UNICODE)
_ANOTHER = re.compile(r"(?:^|\s)/(?:on|off|borderline)\s", re.IGNORECASE | re.ASCII)
_HIDDEN = frozenset({"blockquote", "details", "pre", "del", "s", "strike", "script", "style", "template",
                     "textarea", "noscript", "iframe", "object", "select", "head", "title"})
"""Elements whose text is not a command: quotes, collapsed details, code blocks, struck-through
text, and what GitHub does not show at all."""
_LINES = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd")
"""The elements whose lines may be commands: what a reader reads as a line of text."""
_BLOCKS = frozenset({*_LINES, "ul", "ol", "dl", "div", "table", "thead", "tbody", "tfoot", "tr", "hr",
                     "section", "article", "figure", "img"})
"""Elements inside a line element that are read on their own (a nested list), or hold no text."""


@dataclass(frozen=True)
class Parsed:
    """What a comment decides."""

    labels: tuple[Label, ...]
    """One label per well-formed command, in the comment's order."""
    problems: tuple[str, ...]
    """One line per command that was not understood, naming it and the fix."""


def _shown_text(element: etree._Element) -> str:
    """The text a reader sees in `element` itself: its text and its inline elements', `<br>` as a
    line end, without what hides it, without comments, without nested blocks (read on their own)."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            parts.append("\n")
        elif tag and tag not in _HIDDEN and tag not in _BLOCKS:
            parts.append(_shown_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _unhidden(element: etree._Element) -> bool:
    return not any(ancestor.tag in _HIDDEN for ancestor in element.iterancestors())


def _source_lines(element: etree._Element) -> tuple[int, int]:
    """The comment's lines a Markdown block came from (cmark-gfm's `data-sourcepos`, "3:1-5:8");
    (0, 0) for an element raw HTML made."""
    match = re.fullmatch(r"(\d+):\d+-(\d+):\d+", element.get("data-sourcepos") or "")
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def _invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf"


def _plain(line: str) -> str:
    """A line as a reader reads it: invisible format characters gone, every kind of space one space."""
    line = "".join(" " if char.isspace() else char for char in line if not _invisible(char))
    return " ".join(line.split())


def _command_lines(body: str) -> list[str]:
    """The lines a reader sees as commands: shown lines (see the module docstring) that start
    with `/`, as cmark-gfm renders the comment and lxml parses its HTML."""
    html = cmarkgfm.github_flavored_markdown_to_html(body, options=Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_SOURCEPOS)
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    quoted = [_source_lines(quote) for quote in root.iter("blockquote") if quote.get("data-sourcepos")]
    lines = []
    for element in root.iter(*_LINES):
        if not _unhidden(element):
            continue
        first = _source_lines(element)[0]
        if first and any(start <= first <= end for start, end in quoted):
            continue
        for raw in _shown_text(element).split("\n"):
            line = _plain(raw)
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
        match = _VERB.match(line)
        if match is None or line[match.end():match.end() + 1] == "/":
            continue  # "/path/to/file", "/ 2", "/.": not a command, not a problem
        verb, rest = match.group(1), line[match.end():]
        if rest and not rest.startswith(" "):
            continue  # "/on.", "/on:": not a command
        if not verb.isascii() or verb.lower() not in VERBS:
            ascii_only = "" if verb.isascii() else "; ASCII letters only"
            problems.append(f"{_shown(line)}: unknown command /{verb[:20]} "
                            f"(known: {', '.join('/' + v for v in VERBS)}{ascii_only})")
            continue
        verb = verb.lower()
        raw_id, _, why = rest.strip().partition(" ")
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
        if _ANOTHER.search(f" {why} "):
            problems.append(f"{_shown(line)}: two commands on one line (one command a line; "
                            "the list's example line is not a command)")
            continue
        if why.lower() in PLACEHOLDER_WHYS:
            problems.append(f"{_shown(line)}: replace `{why}` with the reason, in a few words")
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
