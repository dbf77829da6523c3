"""What each stream said for each day, and when it was asked: `content/status/YYYY-MM.jsonl`.

One line a day per stream (JSON, sorted by day then stream), filed by the month of the day:

    {"day":"2025-10-21","stream":"arxiv","asked":"2025-10-22T20:05Z","ok":true,"listed":312}
    {"day":"2025-10-21","stream":"hf","asked":"2025-10-23T06:00Z","ok":false,"listed":17,"error":"HTTP 503 (gave up after 5 tries)"}

`paperboy fetch` records a line for every (day, stream) it asked, a day that failed included, so
a day page can say "Hugging Face failed, retried on the next run" instead of looking empty, and
"arXiv has not announced this day yet" instead of looking quiet (completeness is the streams'
to decide: generator/sources/streams.py). Committed beside the records, not published
(`exclude_docs` in mkdocs.yml).

The repository is the database, so a line is rewritten only when what the stream said changed
(ok, listed, error), or when the day became final by this answer (an arXiv day asked after its
announcement, a Hugging Face day past its growing days): a scheduled run with nothing new writes
nothing and commits nothing. `asked` is then when the answer recorded here was first received.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..models import clean_text
from .atomic import remove_stale_temp_files, write_atomic

log = logging.getLogger("paperboy")

MAX_ERROR = 200
"""The longest reason kept (characters): a line stays small."""
MAX_LINE = 4_000
"""A longer line is not read (bytes): no honest line comes near it."""
STREAM_NAME = re.compile(r"[a-z][a-z0-9_-]{0,31}")
"""What a stream's name looks like (`hf`, `arxiv`): storage does not know the registry."""
_FILE_NAME = re.compile(r"(\d{4})-(\d{2})\.jsonl")
_ASKED = "%Y-%m-%dT%H:%MZ"


@dataclass(frozen=True)
class StreamDay:
    """What one stream said for one day, and when."""

    day: dt.date
    """The day asked for: Hugging Face's featured day, or arXiv's submission day (UTC)."""
    stream: str
    """The stream's name, as `paperboy fetch --source` spells it: "hf" or "arxiv"."""
    asked: dt.datetime
    """UTC, to the minute: when the answer recorded here was first received."""
    ok: bool
    """False: the stream failed after its retries (the day, or a page of it); the next run asks again."""
    listed: int | None
    """The papers the stream listed for the day (valid items, each once): the last answer's, kept
    from the earlier answer when a later try failed; None when it never answered."""
    error: str = ""
    """A short reason when not ok (no URL: the same failure reads the same on every run)."""

    def said(self) -> tuple[bool, int | None, str]:
        """What the stream said, without when: a line is rewritten only when this changes."""
        return self.ok, self.listed, self.error


def _to_line(item: StreamDay) -> str:
    fields: dict[str, object] = {"day": item.day.isoformat(), "stream": item.stream,
                                 "asked": item.asked.strftime(_ASKED), "ok": item.ok, "listed": item.listed}
    if item.error:
        fields["error"] = item.error
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def _from_line(text: str, month: tuple[int, int] | None) -> StreamDay:
    """One line to a StreamDay; ValueError naming what is wrong."""
    if len(text.encode("utf-8", "replace")) > MAX_LINE:
        raise ValueError(f"longer than {MAX_LINE} bytes")
    try:
        fields = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg})") from None
    if not isinstance(fields, dict):
        raise ValueError("expected an object")
    unknown = sorted(set(fields) - {"day", "stream", "asked", "ok", "listed", "error"})
    if unknown:
        raise ValueError(f"unknown field {str(unknown[0])[:40]!r}")
    day, stream, asked = fields.get("day"), fields.get("stream"), fields.get("asked")
    try:
        day = dt.date.fromisoformat(day) if isinstance(day, str) and len(day) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise ValueError("day: expected YYYY-MM-DD")
    if month is not None and (day.year, day.month) != month:
        raise ValueError(f"day: {day} is not of this file's month")
    if not isinstance(stream, str) or not STREAM_NAME.fullmatch(stream):
        raise ValueError("stream: expected a stream's name (hf, arxiv)")
    try:
        asked = dt.datetime.strptime(asked, _ASKED).replace(tzinfo=dt.timezone.utc) if isinstance(asked, str) else None
    except ValueError:
        asked = None
    if asked is None:
        raise ValueError("asked: expected YYYY-MM-DDTHH:MMZ (UTC)")
    ok, listed, error = fields.get("ok"), fields.get("listed"), fields.get("error", "")
    if not isinstance(ok, bool):
        raise ValueError("ok: expected true or false")
    if listed is not None and (isinstance(listed, bool) or not isinstance(listed, int) or not 0 <= listed <= 1_000_000):
        raise ValueError("listed: expected a whole number of papers, or null")
    if not isinstance(error, str):
        raise ValueError("error: expected text")
    return StreamDay(day, stream, asked, ok, listed, short_reason(error))


def short_reason(text: str) -> str:
    """A reason as a status line keeps it: one clean line, at most MAX_ERROR characters."""
    text = clean_text(text)
    return text if len(text) <= MAX_ERROR else text[: MAX_ERROR - 1] + "…"


def _minute(when: dt.datetime) -> dt.datetime:
    if when.tzinfo is None:
        raise ValueError("asked must be an aware datetime (UTC)")
    return when.astimezone(dt.timezone.utc).replace(second=0, microsecond=0)


@dataclass(frozen=True)
class Recorded:
    """What `DayStatus.record` did."""

    written: tuple[Path, ...]
    """The month files whose bytes changed."""
    problems: tuple[str, ...]
    """Month files left as they were because a line of theirs could not be read."""


class DayStatus:
    """The status folder (`content/status/`); the only code that reads or writes it."""

    @staticmethod
    def load(folder: Path, problems: list[str] | None = None) -> dict[tuple[dt.date, str], StreamDay]:
        """Every readable line, by (day, stream), sorted. A line that cannot be read (not JSON, a
        field of the wrong kind, a day of another month, a second line for the same day and
        stream) is named by file and line, and skipped: in `problems` when given (the caller says
        them), else in the log."""
        found, named = _load(folder)
        if problems is not None:
            problems.extend(named)
        else:
            for problem in named:
                log.warning("%s", problem)
        return dict(sorted(found.items()))

    @staticmethod
    def record(folder: Path, items: Iterable[StreamDay], *,
               settled: Callable[[StreamDay], bool] | None = None) -> Recorded:
        """Merge `items` (this run's answers) into the folder.

        A (day, stream) line is rewritten only when what the stream said changed (ok, listed,
        error), or when `settled` (the stream's "this answer is final") says so of the new item
        and not of the stored one; otherwise the stored line, and its `asked`, stay. A failed
        answer keeps the stored `listed`. Each month file is written atomically, and only when
        its bytes change. A month file with an unreadable line is left alone, named in
        `problems` (its other lines would be lost); the rest are still written.
        """
        by_month: dict[tuple[int, int], list[StreamDay]] = defaultdict(list)
        for item in items:
            if not STREAM_NAME.fullmatch(item.stream):
                raise ValueError(f"not a stream's name: {item.stream!r}")
            item = replace(item, asked=_minute(item.asked), error=short_reason(item.error) if not item.ok else "")
            by_month[(item.day.year, item.day.month)].append(item)
        written, problems = [], []
        for (year, month), fresh in sorted(by_month.items()):
            path = folder / f"{year:04d}-{month:02d}.jsonl"
            stored, bad = _read(path, (year, month))
            if bad:
                problems.append(f"{path}: not updated: {bad[0]} (fix or remove that line; the next fetch "
                                "writes it again)")
                log.error("%s", problems[-1])
                continue
            for item in fresh:
                key = (item.day, item.stream)
                stored[key] = _merged(stored.get(key), item, settled)
            data = "".join(_to_line(stored[key]) + "\n" for key in sorted(stored)).encode("utf-8")
            if write_atomic(path, data):
                written.append(path)
        return Recorded(tuple(written), tuple(problems))

    @staticmethod
    def clean_interrupted_writes(folder: Path) -> None:
        if folder.is_dir():
            remove_stale_temp_files(folder)


def _merged(old: StreamDay | None, new: StreamDay, settled: Callable[[StreamDay], bool] | None) -> StreamDay:
    if not new.ok:
        new = replace(new, listed=old.listed if old is not None else None)
    if old is None or old.said() != new.said():
        return new
    if settled is not None and not settled(old) and settled(new):
        return new  # the same answer, now final: the time that makes it so is worth a line
    return old


def _read(path: Path, month: tuple[int, int] | None) -> tuple[dict[tuple[dt.date, str], StreamDay], list[str]]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return {}, []
    except OSError as exc:
        return {}, [f"{path}: cannot read ({exc.strerror or exc})"]
    found: dict[tuple[dt.date, str], StreamDay] = {}
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = _from_line(line, month)
        except ValueError as exc:
            problems.append(f"{path}:{number}: {exc}")
            continue
        key = (item.day, item.stream)
        if key in found:
            problems.append(f"{path}:{number}: a second line for {item.day} {item.stream}")
            continue
        found[key] = item
    return found, problems


def _load(folder: Path) -> tuple[dict[tuple[dt.date, str], StreamDay], list[str]]:
    found: dict[tuple[dt.date, str], StreamDay] = {}
    problems: list[str] = []
    if not folder.is_dir():
        return found, problems
    for path in sorted(folder.glob("*.jsonl")):
        match = _FILE_NAME.fullmatch(path.name)
        if not match:
            problems.append(f"{path}: not a month's status file (YYYY-MM.jsonl); left out")
            continue
        items, bad = _read(path, (int(match.group(1)), int(match.group(2))))
        found.update(items)
        problems += bad
    return found, problems


load = DayStatus.load
record = DayStatus.record
