"""What happened on a day, in words: what each stream said and when, and what the site
published of what it considered (pure: records in, a `DayLine` out).

The counts come from the candidates and the records, as the topic stage counted them
(generator/topic/considered.py), so a day page agrees with them; each stream's own line
(generator/storage/daystatus.py: asked when, answered or failed) says whether a count is final,
still growing, or missing because the stream failed. A day whose stream failed never reads as a
day without papers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..topic.considered import Considered
from .words import plural


@dataclass(frozen=True)
class StreamSaid:
    """One stream's last answer for a day, as the status line needs it."""

    stream: str
    """`hf` or `arxiv`."""
    asked: dt.datetime
    """When the answer was received (UTC)."""
    ok: bool
    """False: every try failed; the next run asks again."""
    listed: int | None
    """What the stream listed for the day (None: it never answered)."""
    error: str = ""
    settled: bool = True
    """Hugging Face: the day's list no longer grows; arXiv: the day's announcement has been made."""
    settles: dt.datetime | None = None
    """When it will be settled, when known (arXiv's announcement of the day)."""


@dataclass(frozen=True)
class DayLine:
    """A day's status line."""

    day: dt.date
    sentences: tuple[str, ...]
    """What each stream said, then what was published of what was considered."""
    note: str
    """A few words for the archive's calendar: "3 papers", "Hugging Face failed", "none of 17 on topic"."""
    failed: bool = False
    """A stream failed for the day (the next run retries)."""
    pending: bool = False
    """A count may still grow (Hugging Face's list of a recent day, arXiv before its announcement)."""


def _when(moment: dt.datetime) -> str:
    return f"{moment:%b %-d, %H:%M} UTC"


def _stream(said: StreamSaid | None, found: int, count: str, failure: str, *, before: str,
            pending: str, settled: str) -> tuple[str, bool, bool]:
    """One stream's sentence, and whether it failed or may still change: `found` the papers the
    candidates hold for the day, `count` what they say of them; `failure` names what could not be
    read, `before` follows it when papers were found earlier; `pending` / `settled` follow
    `count` (with `{when}`, the time asked) when the stream's answer is not final yet / is."""
    if said is not None and not said.ok:
        reason = f" ({said.error})" if said.error else ""
        return (f"{failure} for this day after every retry{reason}, asked {_when(said.asked)}; "
                f"the next run tries again.{before if found else ''}"), True, True
    if said is None and not found:
        return "", False, False
    if said is None:
        return count + ".", False, False
    tail = settled if said.settled else pending
    return count + tail.format(when=_when(said.asked)), False, not said.settled


def _hf(said: StreamSaid | None, counted: Considered | None) -> tuple[str, bool, bool]:
    featured = counted.hf if counted else 0
    kept = counted.hf_kept if counted else 0
    return _stream(said, featured, f"Hugging Face featured {plural(featured, 'paper')}"
                   + (f" ({kept} on topic)" if featured else ""), "Hugging Face could not be reached",
                   before=f" It had featured {plural(featured, 'paper')} before.",
                   pending=" as of {when}; the day's list may still grow.", settled=" (asked {when}).")


def _arxiv(said: StreamSaid | None, counted: Considered | None, categories: Sequence[str]) -> tuple[str, bool, bool]:
    listed = counted.arxiv if counted else 0
    kept = counted.arxiv_kept if counted else 0
    where = f" in {', '.join(categories)}" if categories else ""
    announced = f" on {said.settles:%A, %b %-d} (20:00 US Eastern)" if said is not None and said.settles else ""
    return _stream(said, listed, f"arXiv: {plural(listed, 'paper')} submitted{where}"
                   + (f" ({kept} on topic)" if listed else ""), "arXiv's listing could not be read", before="",
                   pending=" so far, asked {when}; arXiv announces this day's papers" + announced
                   + ", and only then is the day complete.",
                   settled=", complete (asked {when}).")


def day_line(day: dt.date, counted: Considered | None, said: Mapping[str, StreamSaid], published: int,
             categories: Sequence[str]) -> DayLine:
    """The status line of `day`: `counted` by the topic stage, `said` by each stream (by name),
    `published`: the records filed under the day."""
    sentences = []
    failed = pending = False
    for text, bad, waiting in (_hf(said.get("hf"), counted), _arxiv(said.get("arxiv"), counted, categories)):
        if text:
            sentences.append(text)
        failed, pending = failed or bad, pending or waiting
    considered = counted.considered if counted else 0
    if considered >= published and considered:
        sentences.append(f"Published {published} of {plural(considered, 'paper')} considered.")
    elif published:
        sentences.append(f"Published {plural(published, 'paper')}.")
    if published:
        note = plural(published, "paper")
    elif failed:
        note = "a stream failed; retried next run"
    elif pending:
        note = "not complete yet"
    elif considered:
        note = f"none of {considered} on topic"
    else:
        note = "no papers"
    return DayLine(day, tuple(sentences), note, failed, pending)


def day_lines(counted: Mapping[dt.date, Considered], said: Mapping[dt.date, Mapping[str, StreamSaid]],
              published: Mapping[dt.date, int], categories: Sequence[str]) -> dict[dt.date, DayLine]:
    """Every day anything is known of: a paper, a candidate or a stream's answer."""
    days = sorted(set(counted) | set(said) | set(published))
    return {day: day_line(day, counted.get(day), said.get(day, {}), published.get(day, 0), categories) for day in days}
