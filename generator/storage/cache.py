"""`.paperboy-cache/` beside mkdocs.yml, so that a day with nothing new does nothing. Its files:

- `state.json`: a fingerprint of everything `generate` reads (record stats, config, digest log,
  the generator's own files) and the stats of every file it wrote. When both still match,
  `generate` writes nothing and renders nothing.
- `records.json`: parsed records keyed by file name and (mtime, size): an unchanged record is
  never parsed again.
- `renders.json`: each paper's card and page fragment as last rendered, keyed by a digest of
  the records they show, valid for one config and one version of the code.
- `site.json`: the last site build's manifest (generator/publish/incremental.py): what each
  page was made from, and how its output was left.
- `search.json`: the last search index's manifest (generator/publish/searchindex.py): a digest
  per paper page and per shard.
- `shown.json`: what readers see of the last topic decision (why each published paper is there,
  each day's counts and near-misses: generator/topic/explain.py), with the same fingerprint.
- `topic.json`: a fingerprint of what the last topic decision read (candidates, labels, records,
  config, code) and what it found (generator/topic_stage.py). When it still matches, the topic is
  not decided again.

Every file is read and written here, and only here. All are JSON (a cache may be restored from
elsewhere, a CI cache or a shared folder: reading one must never run code), and each is checked
on read: a missing, truncated, corrupt or foreign file reads as "nothing cached", which costs
only speed. Delete the folder whenever you like. Never committed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PaperboyError
from ..models import Paper, paper_from_json, paper_to_json
from ..topic.considered import considered_from_json, considered_to_json
from ..topic.explain import Shown, why_from_json, why_to_json
from .atomic import write_atomic

_PACKAGE = Path(__file__).resolve().parent.parent  # the whole generator package

STATE = "state.json"
RECORDS = "records.json"
RENDERS = "renders.json"
SITE = "site.json"
SEARCH = "search.json"
TOPIC = "topic.json"
SHOWN = "shown.json"
FILES = (STATE, RECORDS, RENDERS, SITE, SEARCH, TOPIC, SHOWN)
"""Every file the cache holds."""


def stat_key(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_mtime_ns, st.st_size


def code_fingerprint() -> str:
    """Changes whenever the generator's code or templates change (so do its outputs)."""
    parts = sorted(
        (p.relative_to(_PACKAGE).as_posix(), *stat_key(p))
        for p in _PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".j2")
    )
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def file_fingerprint(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "-"


def folder_stats(folder: Path, suffix: str = "") -> list[tuple[str, int, int]]:
    """(name, mtime, size) of each file in `folder` whose name ends with `suffix`, sorted; dot
    files left out: what a fingerprint of a folder's inputs is made of."""
    found = []
    if folder.is_dir():
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(suffix) and not entry.name.startswith("."):
                    st = entry.stat()
                    found.append((entry.name, st.st_mtime_ns, st.st_size))
    return sorted(found)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_stat(value: object) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(_is_int(v) for v in value)


def _is_str_dict(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def _paper_from_json(fields: object) -> Paper | None:
    """The record, checked as a record from outside is (models.paper_from_json); None if it is not one."""
    try:
        return paper_from_json(fields)
    except (PaperboyError, TypeError, ValueError):
        return None


@dataclass(frozen=True)
class GenerateState:
    """What the last `generate` saw and did (`state.json`)."""

    fingerprint: str
    outputs: dict[str, dict[str, list[int]]]
    """Per root ("docs", "theme"): every file written, with its (mtime_ns, size) as left."""
    records: int
    problems: tuple[str, ...]
    newest: dt.date | None


@dataclass(frozen=True)
class TopicState:
    """What the last topic decision read (as a fingerprint) and found (`topic.json`)."""

    fingerprint: str
    candidates: int
    kept: int
    model: str
    """How the model was made, in words."""


@dataclass(frozen=True)
class Cache:
    root: Path

    @classmethod
    def beside(cls, config_file: Path) -> Cache:
        return cls(config_file.resolve().parent / ".paperboy-cache")

    def _write(self, name: str, value: object) -> None:
        try:
            write_atomic(self.root / name, json.dumps(value, ensure_ascii=False).encode("utf-8"), durable=False)
        except Exception:  # noqa: BLE001 - a cache that cannot be written only costs speed
            pass

    def _read(self, name: str) -> object:
        """The file's JSON value; None when it is missing or not JSON."""
        try:
            return json.loads((self.root / name).read_bytes())
        except (OSError, ValueError, RecursionError):
            return None

    def forget(self, name: str) -> None:
        """Remove the file; an error if it is there and stays (it would vouch for what it should not)."""
        try:
            (self.root / name).unlink()
        except (FileNotFoundError, NotADirectoryError):
            pass

    # --- the last generate's inputs and outputs -----------------------------------------------

    def unchanged(self, fingerprint: str, roots: dict[str, Path]) -> GenerateState | None:
        """The saved state when the inputs are the same and every output is still as written."""
        state = self._read(STATE)
        if not isinstance(state, dict) or state.get("fingerprint") != fingerprint:
            return None
        outputs, records, problems, newest = (state.get(k) for k in ("outputs", "records", "problems", "newest"))
        if not (isinstance(outputs, dict) and set(outputs) <= set(roots) and _is_int(records)
                and isinstance(problems, list) and all(isinstance(p, str) for p in problems)
                and (newest is None or isinstance(newest, str))):
            return None
        try:
            day = dt.date.fromisoformat(newest) if newest else None
            for root_name, files in outputs.items():
                base = roots[root_name]
                for relative, stats in files.items():
                    if not _is_stat(stats):
                        return None
                    st = os.stat(base / relative)
                    if [st.st_mtime_ns, st.st_size] != stats:
                        return None
        except (OSError, AttributeError, TypeError, ValueError):
            return None
        return GenerateState(fingerprint, outputs, records, tuple(problems), day)

    def save_state(self, fingerprint: str, roots: dict[str, Path], outputs: dict[str, list[str]], *,
                   records: int, problems: tuple[str, ...], newest: dt.date | None) -> None:
        stats = {
            name: {relative: list(stat_key(roots[name] / relative)) for relative in files}
            for name, files in outputs.items()
        }
        self._write(STATE, {"fingerprint": fingerprint, "outputs": stats, "records": records,
                            "problems": list(problems), "newest": newest.isoformat() if newest else None})

    # --- parsed records -----------------------------------------------------------------------

    def load_records(self) -> dict[str, tuple[tuple[int, int], Paper]]:
        """{file name: ((mtime_ns, size), record)}; an entry that is not a valid record is left out."""
        data = self._read(RECORDS)
        if not isinstance(data, dict):
            return {}
        records = {}
        for name, entry in data.items():
            if isinstance(entry, list) and len(entry) == 2 and _is_stat(entry[0]):
                paper = _paper_from_json(entry[1])
                if paper is not None:
                    records[name] = ((entry[0][0], entry[0][1]), paper)
        return records

    def save_records(self, records: dict[str, tuple[tuple[int, int], Paper]]) -> None:
        self._write(RECORDS, {name: [list(key), paper_to_json(paper)] for name, (key, paper) in records.items()})

    # --- HTML rendered for single papers (render.cards.RenderMemo) -----------------------------

    def load_renders(self, fingerprint: str) -> dict[str, str]:
        """What the last run rendered, if it rendered with the same config and code."""
        data = self._read(RENDERS)
        if isinstance(data, dict) and data.get("fingerprint") == fingerprint and _is_str_dict(data.get("renders")):
            return data["renders"]
        return {}

    def save_renders(self, fingerprint: str, renders: dict[str, str]) -> None:
        self._write(RENDERS, {"fingerprint": fingerprint, "renders": renders})

    # --- the last site build (publish.incremental) ---------------------------------------------

    def load_site_manifest(self) -> dict[str, Any] | None:
        """{"fingerprint", "site_dir", "files": {source: [input hash, [mtime_ns, size] or None]}}."""
        data = self._read(SITE)
        if not (isinstance(data, dict) and isinstance(data.get("fingerprint"), str)
                and isinstance(data.get("site_dir"), str) and isinstance(data.get("files"), dict)):
            return None
        for entry in data["files"].values():
            if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)
                    and (entry[1] is None or _is_stat(entry[1]))):
                return None
        return data

    def save_site_manifest(self, manifest: dict[str, Any]) -> None:
        self._write(SITE, manifest)

    # --- the last search index (publish.searchindex) -------------------------------------------

    def load_search_manifest(self) -> dict[str, Any] | None:
        """{"made_by": [...], "shards": {bundle: digest}, "pages": {folder: [mtime_ns, size, digest]}}."""
        data = self._read(SEARCH)
        if not (isinstance(data, dict) and isinstance(data.get("made_by"), list)
                and _is_str_dict(data.get("shards")) and isinstance(data.get("pages"), dict)):
            return None
        for entry in data["pages"].values():
            if not (isinstance(entry, list) and len(entry) == 3 and _is_stat(entry[:2]) and isinstance(entry[2], str)):
                return None
        return data

    def save_search_manifest(self, manifest: dict[str, Any]) -> None:
        self._write(SEARCH, manifest)

    # --- the last topic decision (topic_stage) -------------------------------------------------

    def load_topic(self) -> TopicState | None:
        data = self._read(TOPIC)
        if not isinstance(data, dict):
            return None
        fingerprint, candidates, kept, model = (data.get(k) for k in ("fingerprint", "candidates", "kept", "model"))
        if not (isinstance(fingerprint, str) and _is_int(candidates) and _is_int(kept) and isinstance(model, str)):
            return None
        return TopicState(fingerprint, candidates, kept, model)

    def save_topic(self, state: TopicState) -> None:
        self._write(TOPIC, dataclasses.asdict(state))

    def load_shown(self, fingerprint: str) -> Shown | None:
        """What the topic decision with this fingerprint showed; None when not cached (or any
        entry of it is not what it should be)."""
        data = self._read(SHOWN)
        if not isinstance(data, dict) or data.get("fingerprint") != fingerprint:
            return None
        whys_raw, days_raw = data.get("whys"), data.get("days")
        if not isinstance(whys_raw, dict) or not isinstance(days_raw, list):
            return None
        whys = {key: why_from_json(value) for key, value in whys_raw.items()}
        days = [considered_from_json(value) for value in days_raw]
        if any(why is None for why in whys.values()) or any(day is None for day in days):
            return None
        return Shown(whys, {day.day: day for day in days})  # type: ignore[union-attr,misc]

    def save_shown(self, fingerprint: str, shown: Shown) -> None:
        self._write(SHOWN, {"fingerprint": fingerprint, "whys": {key: why_to_json(why) for key, why in shown.whys.items()},
                            "days": [considered_to_json(day) for day in shown.days.values()]})
