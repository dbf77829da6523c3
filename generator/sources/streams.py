"""The paper streams, registered in one place: what `paperboy fetch` asks, day by day.

A stream is a module of generator/sources/ with one face (`Face`): asked for a day, it returns
a `DayAnswer` (the day's papers, what failed, what it asked) and never raises for a failure of
its own; it says which days a fetch window asks of it, how many it asks at once, its client (its
spacing, its retries) and when what it said for a day is final. `STREAMS` lists them; the
`--source` choices, `fetch --help`'s environment table, fetch's log lines and the day status
lines (generator/storage/daystatus.py) follow from here, so a third stream is one module and
one line below.

The modules are imported when first asked (httpx and all), so the command line starts quick.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Protocol, cast

from .. import environment
from ..environment import Variable

if TYPE_CHECKING:
    from ..config import Settings
    from . import DayAnswer
    from .net import Http


class Face(Protocol):
    """What every stream module has."""

    CANDIDATE_BATCH: int
    """Days whose papers are written to the candidates together."""

    def client(self, settings: Settings) -> Http:
        """One client for the run's requests to the stream."""

    def workers(self, settings: Settings, asked: int | None) -> int:
        """How many days are asked at once (`asked`: `--concurrency`, when given)."""

    def window(self, days: Sequence[dt.date], settings: Settings) -> list[dt.date]:
        """The days the stream is asked for a fetch window `days`, oldest first."""

    def announce(self, days: Sequence[dt.date], settings: Settings) -> str | None:
        """A line for the log before the stream's days, if it has one."""

    def ask(self, http: Http, settings: Settings, day: dt.date) -> DayAnswer:
        """One day, whole; its failures named in the answer, never raised."""

    def said(self, answer: DayAnswer) -> str:
        """What the answer held, for the day's log line."""

    def settled(self, day: dt.date, asked: dt.datetime, settings: Settings) -> bool:
        """Whether what the stream said for `day`, asked at `asked` (UTC), is final."""

    def settles(self, day: dt.date, settings: Settings) -> dt.datetime:
        """From when (UTC) what the stream says for `day` is final."""


@dataclass(frozen=True)
class Stream:
    """A paper stream, as the registry knows it."""

    name: str
    """As `paperboy fetch --source` and the status lines spell it."""
    title: str
    """What a reader of the help calls it."""
    module: str
    """Its module in generator/sources/ (the `Face`)."""
    label: str
    """How the log and a run's failures name its days, before the day ("arXiv 2025-10-21: ...");
    empty for Hugging Face, the first stream, whose days the log has always named bare."""
    progress: str
    """The progress bar's label."""
    api: Variable
    """The variable that points it at a mirror or a stand-in (`fetch --help` lists it)."""
    spacing: Variable | None = None
    """The variable that sets the seconds between its requests, if it has one."""
    refreshes: bool = False
    """Asked again for older days, for their counts (`refresh_days`, `refresh_every`)."""
    lookups: bool = False
    """arXiv's own: its client also looks kept papers up on arXiv by id (their metadata, and
    compact candidates a person has labelled since), and what it lists needs no lookup."""

    @property
    def face(self) -> Face:
        return cast(Face, import_module(f"{__package__}.{self.module}"))

    def origin(self, day: dt.date) -> str:
        """A day of this stream as the log names it."""
        return f"{self.label} {day}" if self.label else f"{day}"


STREAMS = (
    Stream("hf", "Hugging Face Daily Papers", "hf", label="", progress="fetch", api=environment.HF_API,
           refreshes=True),
    Stream("arxiv", "arXiv's listing", "arxiv_listing", label="arXiv", progress="arXiv", api=environment.ARXIV_API,
           spacing=environment.ARXIV_INTERVAL, lookups=True),
)
ALL = "all"
CHOICES = (*(stream.name for stream in STREAMS), ALL)
"""What `paperboy fetch --source` can ask: one stream by its name, or all of them."""


def chosen(source: str) -> tuple[Stream, ...]:
    """The streams `--source` names, in the registry's order (the order they are asked in)."""
    if source == ALL:
        return STREAMS
    found = tuple(stream for stream in STREAMS if stream.name == source)
    if not found:
        raise ValueError(f"not a stream: {source!r} (streams: {', '.join(CHOICES)})")
    return found


def named(name: str) -> Stream | None:
    return next((stream for stream in STREAMS if stream.name == name), None)


def settled(name: str, day: dt.date, asked: dt.datetime, settings: Settings) -> bool:
    """Whether what stream `name` said for `day` when `asked` is final (False for a stream this
    version does not know: a status line written by another)."""
    stream = named(name)
    return stream is not None and stream.face.settled(day, asked, settings)


def settles(name: str, day: dt.date, settings: Settings) -> dt.datetime | None:
    """From when what stream `name` says for `day` is final (None for a stream this version does
    not know)."""
    stream = named(name)
    return stream.face.settles(day, settings) if stream is not None else None


_LEADING_URL = re.compile(r"^\w+://\S+?: ")


def reason(failed: Sequence[str]) -> str:
    """A day's failures as a status line keeps them: the first reason without its URL (the
    same failure reads the same on every run, whatever the mirror's port), and how many more."""
    if not failed:
        return ""
    first = _LEADING_URL.sub("", failed[0], count=1)
    return first if len(failed) == 1 else f"{first} (and {len(failed) - 1} more failed requests)"
