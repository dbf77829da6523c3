"""Sources turn bytes (from the network or from recorded files) into Paper records (and, in
github.py, a curator's comment on GitHub into a Comment).

Each source knows one wire format and nothing else: no file system, no store. The paper
streams (hf.py, arxiv_listing.py) share one face and are registered in streams.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..models import Paper


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


@dataclass(frozen=True)
class DayAnswer:
    """What one paper stream answered when asked for one day (generator/sources/streams.py)."""

    stream: str
    """The stream's name (`hf`, `arxiv`)."""
    day: dt.date
    parsed: Parsed | None = Parsed()
    """Every paper read (each once, in the stream's order) and the items that could not be read;
    None when the day failed whole and nothing of it is to be stored (Hugging Face's days are all
    or nothing; arXiv's listing keeps the pages that came)."""
    failed: tuple[str, ...] = ()
    """Each request that failed after its retries, named by its URL and reason (the day, or a page
    of it); the next run asks again."""
    requests: int = 0
    """How many requests (pages) were made."""
    total: int | None = None
    """How many results the stream said the day has, when it says (arXiv: a cross-listed paper
    counted in each of its categories; None: it did not say, or never answered)."""

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def papers(self) -> tuple[Paper, ...]:
        return self.parsed.papers if self.parsed is not None else ()
