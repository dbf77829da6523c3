"""Sources turn bytes (from the network or from recorded files) into Paper records (and, in
github.py, a curator's comment on GitHub into a Comment).

Each source knows one wire format and nothing else: no file system, no store.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Paper

SOURCES = ("hf", "arxiv", "all")
"""What `paperboy fetch --source` can ask: Hugging Face, arXiv, or both."""


@dataclass(frozen=True)
class Skipped:
    """An item a source could not turn into a Paper."""

    origin: str
    """Where it came from: a file name or a URL."""
    item: str
    """Which item: its position and, when readable, its arXiv id."""
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.item}: {self.reason}"


@dataclass(frozen=True)
class Parsed:
    """What a source read from one response or file."""

    papers: tuple[Paper, ...] = ()
    skipped: tuple[Skipped, ...] = field(default=())
    dropped: tuple[Skipped, ...] = field(default=())
    """Optional values left out of a kept paper (a link that is not http(s), say), with why."""
