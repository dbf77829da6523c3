"""Escaping for each place outside text lands: HTML text, Markdown text, URLs.

Measured on this stack: Material prints front-matter `title` into the HTML as it is, and
Python-Markdown passes raw HTML and `[x](javascript:...)` links through. So every outside string
is escaped by us, for the exact place it goes, before MkDocs sees it.
"""

from __future__ import annotations

import html
import re

# Characters Python-Markdown treats as syntax and accepts a backslash escape for.
_MD_INLINE = re.compile(r"([\\`*_\[\]{}])")
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_UNESCAPE = re.compile(r"\\([\\`*_\[\]{}#+\-.])|&(amp|lt|gt);")
_ORDERED_LIST_START = re.compile(r"^(\d+)\.")


def html_text(text: str) -> str:
    """Text for HTML element content or a double-quoted attribute."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def html_unescape(text: str) -> str:
    return html.unescape(text)


def md_text(text: str) -> str:
    """One line of text that Markdown renders as exactly that text: no HTML, links or markup."""
    out = "".join(_MD_ENTITIES.get(ch, ch) for ch in text)
    out = _MD_INLINE.sub(r"\\\1", out)
    # Block syntax only counts at the start of a line; outside text is always one line.
    if out[:1] in ("#", "+", "-"):
        out = "\\" + out
    else:
        out = _ORDERED_LIST_START.sub(r"\1\\.", out)
    return out


def md_unescape(text: str) -> str:
    """The inverse of `md_text`, so a stored body reads back as the text it was written from."""
    return _MD_UNESCAPE.sub(lambda m: m.group(1) or html.unescape(f"&{m.group(2)};"), text)
