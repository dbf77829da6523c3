"""What the published papers released on the Hub, on disk: `content/releases/<YYYY-MM>.json`.

One file a month of papers (the month its arXiv id was issued in), beside the records rather
than in them: downloads and likes move every day, and a record is a page people edit by hand.
A month's file holds each paper looked up, one repository a line, sorted, with counts stored as
their band (generator/releases.py: `banded`, which keeps a band through ordinary drift) and no
date of the lookup: a refresh rewrites only what really moved, and a file is written only when
its bytes change (atomically). A paper that released nothing still has an entry: it says
"looked up". A few dozen files, not one a paper: a day's commit rewrites a small tree.

`.schedule.json` beside them holds when papers are due again (generator/releases.py:
`Schedule`); a dot file, so a build's fingerprint of the folder does not see it.

Every field read back is checked with the same rules the Hub's answers are (`check_paper`): a
paper with a bad field is named (file, paper, field) and left out, a file that is not JSON is
named and left out; a later lookup replaces them. `paperboy check` reports the same lines.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..models import id_month, id_to_slug, parse_arxiv_id
from ..releases import (
    FIRST_DAY, FORMATS, KINDS, MAX_COUNT, MAX_DOWNLOADS, MAX_LIKES, MAX_PARAMS, MIN_PARAMS, NAMESPACE, RELATIONS,
    REPO_ID, SIZE_TEXT, WORD,
    Listed, Releases, Repo, Schedule, banded, size_in_range,
)
from .atomic import write_atomic

SCHEDULE = ".schedule.json"
_SHARD = re.compile(r"\d{4}-\d{2}\.json")


@dataclass(frozen=True)
class Loaded:
    """What the folder held."""

    releases: dict[str, Releases]
    """By arXiv id."""
    problems: tuple[str, ...]
    """One line per file or paper left out, naming the file, the paper and the field."""


class BadField(ValueError):
    """A stored field that breaks a rule: its path in the file and what is wrong."""


# Reading: every field checked.

def _whole(value: object, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadField(f"{where}: expected a whole number from {low:,} to {high:,}, got {str(value)[:40]!r}")
    return value


def _text(value: object, where: str, pattern: re.Pattern, what: str) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise BadField(f"{where}: expected {what}, got {str(value)[:60]!r}")
    return value


def _date(value: object, where: str, today: dt.date) -> dt.date:
    try:
        day = dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None or not FIRST_DAY <= day <= today + dt.timedelta(days=1):
        raise BadField(f"{where}: expected a date from {FIRST_DAY} to {today}, got {str(value)[:40]!r}")
    return day


def _repo(raw: object, where: str, today: dt.date) -> Repo:
    if not isinstance(raw, dict):
        raise BadField(f"{where}: expected an object")
    unknown = set(raw) - {"id", "downloads", "likes", "params", "size", "relation", "base", "format", "task",
                          "license", "gated", "created", "modified"}
    if unknown:
        raise BadField(f"{where}: unknown field {sorted(unknown)[0]!r}")
    size = raw.get("size", "")
    if size:
        _text(size, f"{where}.size", SIZE_TEXT, "a size such as 1.7B, 8x7B or 30B-A3B")
        if not size_in_range(size):
            raise BadField(f"{where}.size: {size} is out of range")
    relation = raw.get("relation", "")
    if relation not in ("", *RELATIONS):
        raise BadField(f"{where}.relation: expected one of {', '.join(RELATIONS)}, got {str(relation)[:40]!r}")
    fmt = raw.get("format", "")
    if fmt not in ("", *FORMATS):
        raise BadField(f"{where}.format: expected one of {', '.join(FORMATS)}, got {str(fmt)[:40]!r}")
    gated = raw.get("gated")
    if gated not in (None, True, False):
        raise BadField(f"{where}.gated: expected true or false, got {str(gated)[:40]!r}")
    return Repo(
        repo_id=_text(raw.get("id"), f"{where}.id", REPO_ID, "a repository id (owner/name)"),
        downloads=_whole(raw.get("downloads", 0), f"{where}.downloads", 0, MAX_DOWNLOADS),
        likes=_whole(raw.get("likes", 0), f"{where}.likes", 0, MAX_LIKES),
        params=_whole(raw["params"], f"{where}.params", MIN_PARAMS, MAX_PARAMS) if "params" in raw else None,
        size=size, relation=relation, format=fmt, gated=gated,
        base=_text(raw["base"], f"{where}.base", REPO_ID, "a repository id (owner/name)") if "base" in raw else "",
        task=_text(raw["task"], f"{where}.task", WORD, "a task name") if "task" in raw else "",
        license=_text(raw["license"], f"{where}.license", WORD, "a licence name") if "license" in raw else "",
        created=_date(raw["created"], f"{where}.created", today) if "created" in raw else None,
        modified=_date(raw["modified"], f"{where}.modified", today) if "modified" in raw else None,
    )


def check_paper(arxiv_id: str, raw: object, today: dt.date) -> Releases:
    """One paper's entry of a file, every field checked; BadField naming the first that is not
    right (its path: `models.kept[2].downloads`)."""
    if not isinstance(raw, dict):
        raise BadField("expected an object")
    unknown = set(raw) - {"authors", *KINDS}
    if unknown:
        raise BadField(f"unknown field {sorted(unknown)[0]!r}")
    authors = raw.get("authors", [])
    if not isinstance(authors, list) or len(authors) > 20:
        raise BadField("authors: expected a list of Hub namespaces")
    names = tuple(_text(name, f"authors[{n}]", NAMESPACE, "a Hub namespace") for n, name in enumerate(authors))
    kinds = {}
    for kind in KINDS:
        if kind not in raw:
            continue
        part = raw[kind]
        if not isinstance(part, dict) or set(part) - {"count", "more", "kept"}:
            raise BadField(f"{kind}: expected an object with count, more and kept")
        more = part.get("more", False)
        if not isinstance(more, bool):
            raise BadField(f"{kind}.more: expected true or false")
        kept = part.get("kept", [])
        if not isinstance(kept, list) or len(kept) > 500:
            raise BadField(f"{kind}.kept: expected a list of at most 500 repositories")
        count = _whole(part.get("count"), f"{kind}.count", 0, MAX_COUNT)
        repos = tuple(_repo(item, f"{kind}.kept[{n}]", today) for n, item in enumerate(kept))
        if count < len(repos):
            raise BadField(f"{kind}.count: {count} is less than the {len(repos)} repositories kept")
        kinds[kind] = Listed(count, more, repos)
    return Releases(arxiv_id, kinds, names)


def read_shard(data: bytes, origin: str, today: dt.date) -> tuple[dict[str, Releases], list[str]]:
    """A month's file: its papers, and one line per paper left out; ValueError when the file is
    not a JSON object at all."""
    try:
        raw = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not valid JSON ({exc})") from None
    if not isinstance(raw, dict):
        raise ValueError("expected a JSON object of papers")
    month = Path(origin).stem
    found, problems = {}, []
    for key, entry in raw.items():
        try:
            arxiv_id, version = parse_arxiv_id(key)
            if version is not None or arxiv_id != key:
                raise ValueError
            if id_month(arxiv_id).strftime("%Y-%m") != month:
                problems.append(f"{origin}: {key}: left out, its id belongs in {id_month(arxiv_id):%Y-%m}.json")
                continue
        except Exception:  # noqa: BLE001 - any id that is not one is named, not raised
            problems.append(f"{origin}: {str(key)[:40]!r}: left out, not an arXiv id")
            continue
        try:
            found[arxiv_id] = check_paper(arxiv_id, entry, today)
        except BadField as exc:
            problems.append(f"{origin}: {arxiv_id} {exc}; left out (looked up again at the next run)")
    return found, problems


# Writing: sorted, one repository a line, counts in bands.

def _encode_repo(repo: Repo, stored: Repo | None) -> str:
    out: dict = {"id": repo.repo_id,
                 "downloads": banded(repo.downloads, stored.downloads if stored else None),
                 "likes": banded(repo.likes, stored.likes if stored else None)}
    for name in ("size", "relation", "base", "format", "task", "license"):
        if getattr(repo, name):
            out[name] = getattr(repo, name)
    if repo.params is not None:
        out["params"] = repo.params
    if repo.gated is not None:
        out["gated"] = repo.gated
    for name in ("created", "modified"):
        if getattr(repo, name) is not None:
            out[name] = getattr(repo, name).isoformat()
    return json.dumps(out, sort_keys=True, ensure_ascii=False)


def encode_paper(releases: Releases, stored: Releases | None = None) -> str:
    """One paper's entry (without its key), counts banded against what was stored."""
    before = {repo.repo_id: repo for kind in KINDS for repo in (stored.of(kind).kept if stored else ())}
    parts = [f'  "authors": {json.dumps(list(releases.authors), ensure_ascii=False)}']
    for kind in KINDS:
        if kind not in releases.kinds:
            continue
        listed = releases.kinds[kind]
        head = f'  "{kind}": {{"count": {listed.count}, "more": {json.dumps(listed.more)}, "kept": ['
        repos = [_encode_repo(r, before.get(r.repo_id)) for r in sorted(listed.kept, key=lambda r: r.repo_id)]
        parts.append(head + ("\n    " + ",\n    ".join(repos) + "]}" if repos else "]}"))
    return "{\n" + ",\n".join(parts) + "}"


def encode_shard(entries: dict[str, str]) -> bytes:
    """A month's file from its papers' encoded entries, by id."""
    body = ",\n".join(f"{json.dumps(key)}: {entries[key]}" for key in sorted(entries))
    return ("{\n" + body + "\n}\n").encode("utf-8")


def _encode_schedule(schedule: Schedule) -> bytes:
    out = {"cursor": schedule.cursor, "lap_end": schedule.lap_end,
           "lap_started": schedule.lap_started.isoformat() if schedule.lap_started else None,
           "looked": {key: day.isoformat() for key, day in sorted(schedule.looked.items())},
           "retry": {key: list(kinds) for key, kinds in sorted(schedule.retry.items())}}
    return (json.dumps(out, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _decode_schedule(data: bytes) -> Schedule:
    raw = json.loads(data)
    looked = {str(k): dt.date.fromisoformat(v) for k, v in dict(raw.get("looked") or {}).items()}
    retry = {str(k): tuple(kind for kind in v if kind in KINDS) for k, v in dict(raw.get("retry") or {}).items()}
    started = raw.get("lap_started")
    return Schedule(cursor=str(raw.get("cursor") or ""), lap_started=dt.date.fromisoformat(started) if started else None,
                    lap_end=str(raw.get("lap_end") or ""), looked=looked, retry=retry)


class ReleaseStore:
    """The folder of month files."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def shard_of(self, arxiv_id: str) -> Path:
        return self.folder / f"{id_month(arxiv_id):%Y-%m}.json"

    def shards(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.iterdir() if _SHARD.fullmatch(p.name))

    def load(self, ids: Iterable[str] | None = None, today: dt.date | None = None) -> Loaded:
        """Every paper of every readable file (or those of `ids`), and one line per file or
        paper left out."""
        today = today or dt.date.today()
        wanted = None if ids is None else set(ids)
        paths = self.shards()
        if wanted is not None:
            months = {self.shard_of(i).name for i in wanted if _month_ok(i)}
            paths = [p for p in paths if p.name in months]
        found: dict[str, Releases] = {}
        problems: list[str] = []
        for path in paths:
            try:
                papers, notes = read_shard(path.read_bytes(), str(path), today)
            except (OSError, ValueError) as exc:
                problems.append(f"{path}: left out, not a releases file ({exc})")
                continue
            problems += notes
            found.update((k, v) for k, v in papers.items() if wanted is None or k in wanted)
        return Loaded(found, tuple(problems))

    def save(self, releases: Iterable[Releases], stored: dict[str, Releases], today: dt.date | None = None) -> int:
        """Write papers' releases into their month files, counts banded against `stored` (what
        was read before the lookup); the number of papers whose entry changed."""
        today = today or dt.date.today()
        by_shard: dict[Path, list[Releases]] = {}
        for item in releases:
            by_shard.setdefault(self.shard_of(item.arxiv_id), []).append(item)
        changed = 0
        self.folder.mkdir(parents=True, exist_ok=True)
        for path, items in by_shard.items():
            entries = self._entries(path, today)
            for item in items:
                entry = encode_paper(item, stored.get(item.arxiv_id))
                changed += entries.get(item.arxiv_id) != entry
                entries[item.arxiv_id] = entry
                legacy = self.folder / f"{id_to_slug(item.arxiv_id)}.json"  # one file a paper, before months
                if legacy.exists():
                    legacy.unlink()
            write_atomic(path, encode_shard(entries))
        return changed

    def _entries(self, path: Path, today: dt.date) -> dict[str, str]:
        """A month file's papers as encoded entries (a paper that is not readable is dropped:
        it is looked up again)."""
        try:
            papers, _ = read_shard(path.read_bytes(), str(path), today)
        except (OSError, ValueError):
            return {}
        return {key: encode_paper(value, value) for key, value in papers.items()}

    def load_schedule(self) -> Schedule:
        """The schedule as the last run left it (a missing or unreadable one: a fresh start)."""
        try:
            return _decode_schedule((self.folder / SCHEDULE).read_bytes())
        except (OSError, ValueError, TypeError, AttributeError):
            return Schedule()

    def save_schedule(self, schedule: Schedule) -> bool:
        self.folder.mkdir(parents=True, exist_ok=True)
        return write_atomic(self.folder / SCHEDULE, _encode_schedule(schedule))


def _month_ok(arxiv_id: str) -> bool:
    try:
        id_month(arxiv_id)
    except (ValueError, IndexError):
        return False
    return True

