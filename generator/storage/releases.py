"""What each published paper released on the Hub, on disk: `content/releases/<slug>.json`.

One small file a paper, beside its record rather than in it: downloads and likes move every
day, and a record is a page people edit by hand. Counts are stored rounded to two significant
figures (generator/releases.py: `rounded`), with no date of the lookup in the file, so a day's
refresh rewrites only the files whose lists or counts really moved, and a file is written only
when its bytes change (atomically). A paper that released nothing still has a file (`{}` lists):
it says "looked up", so the next run does not ask again before it is due.

A file that cannot be read is named and left out (the paper shows no releases); it is replaced
at the next lookup.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..models import id_to_slug, slug_to_id
from ..releases import KINDS, Listed, Releases, Repo, rounded
from .atomic import write_atomic

_REPO_FIELDS = ("params", "params_from_name", "downloads", "likes", "task", "license", "gated", "created", "derived")


@dataclass(frozen=True)
class Loaded:
    releases: dict[str, Releases]
    """By arXiv id."""
    problems: tuple[str, ...]


def _encode_repo(repo: Repo) -> dict:
    out: dict = {"id": repo.repo_id, "downloads": rounded(repo.downloads), "likes": rounded(repo.likes)}
    if repo.params is not None:
        out["params"] = repo.params
        if repo.params_from_name:
            out["params_from_name"] = True
    for name in ("task", "license"):
        if getattr(repo, name):
            out[name] = getattr(repo, name)
    if repo.gated is not None:
        out["gated"] = repo.gated
    if repo.created is not None:
        out["created"] = repo.created.isoformat()
    if repo.derived:
        out["derived"] = True
    return out


def encode(releases: Releases) -> bytes:
    """The file's bytes: sorted keys, one repository a line, so a change is a small diff."""
    parts = [f'"id": {json.dumps(releases.arxiv_id)}']
    for kind in KINDS:
        if kind not in releases.kinds:
            continue
        listed = releases.kinds[kind]
        top = ",\n".join("  " + json.dumps(_encode_repo(repo), sort_keys=True, ensure_ascii=False)
                         for repo in listed.top)
        parts.append(f'"{kind}": {{"count": {listed.count}, "more": {json.dumps(listed.more)}, "top": ['
                     + (f"\n{top}\n" if top else "") + "]}")
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")


def _decode_repo(raw: dict) -> Repo:
    created = raw.get("created")
    return Repo(
        repo_id=raw["id"], downloads=int(raw.get("downloads", 0)), likes=int(raw.get("likes", 0)),
        params=raw.get("params"), params_from_name=bool(raw.get("params_from_name", False)),
        task=raw.get("task", ""), license=raw.get("license", ""), gated=raw.get("gated"),
        created=dt.date.fromisoformat(created) if created else None, derived=bool(raw.get("derived", False)),
    )


def decode(data: bytes, origin: str) -> Releases:
    """A file's releases; ValueError (naming what is wrong) when it is not one of ours."""
    raw = json.loads(data)
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise ValueError("not a releases file (no id)")
    kinds = {}
    for kind in KINDS:
        if kind in raw:
            part = raw[kind]
            kinds[kind] = Listed(int(part["count"]), bool(part["more"]),
                                 tuple(_decode_repo(r) for r in part["top"]), ())
    return Releases(raw["id"], kinds)


class ReleaseStore:
    """The folder of releases files."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, arxiv_id: str) -> Path:
        return self.folder / f"{id_to_slug(arxiv_id)}.json"

    def known(self) -> set[str]:
        """The papers that have been looked up (a file, readable or not)."""
        if not self.folder.is_dir():
            return set()
        ids = set()
        for path in self.folder.glob("*.json"):
            try:
                ids.add(slug_to_id(path.stem))
            except Exception:  # noqa: BLE001 - a stray file is not a paper's
                continue
        return ids

    def load(self, ids: Iterable[str] | None = None) -> Loaded:
        """Every readable file (or those of `ids`), and one line per file that is not."""
        wanted = None if ids is None else set(ids)
        found: dict[str, Releases] = {}
        problems = []
        for arxiv_id in sorted(self.known() if wanted is None else wanted & self.known()):
            path = self.path_for(arxiv_id)
            try:
                releases = decode(path.read_bytes(), str(path))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                problems.append(f"{path}: left out, not a releases file ({exc})")
                continue
            if releases.arxiv_id != arxiv_id:
                problems.append(f"{path}: left out, it names {releases.arxiv_id[:40]!r}")
                continue
            found[arxiv_id] = releases
        return Loaded(found, tuple(problems))

    def save(self, releases: Releases) -> bool:
        """Write one paper's releases; True when the file's bytes changed."""
        self.folder.mkdir(parents=True, exist_ok=True)
        return write_atomic(self.path_for(releases.arxiv_id), encode(releases))
