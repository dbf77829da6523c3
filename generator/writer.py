"""Writes the derived pages and feeds into docs_dir: only what changed, and removes what is stale.

The generator owns `index.md`, `subscribe.md`, `tags/`, `archive/` and `feeds/` inside docs_dir; nothing else
there is ever written or removed (least of all `papers/`, the records).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .store import remove_stale_temp_files, write_atomic

OWNED_FILES = ("index.md", "subscribe.md")
OWNED_DIRS = ("tags", "archive", "feeds")


@dataclass(frozen=True)
class WriteCounts:
    written: int
    unchanged: int
    removed: int


def _owned(relative: str) -> bool:
    return relative in OWNED_FILES or relative.split("/", 1)[0] in OWNED_DIRS


def write_outputs(docs_dir: Path, outputs: dict[str, bytes]) -> WriteCounts:
    for relative in outputs:
        if not _owned(relative) or ".." in relative.split("/"):
            raise ValueError(f"refusing to write {relative!r}: not a generated path")
    remove_stale_temp_files(docs_dir)  # an interrupted write of index.md; owned dirs are swept below
    written = unchanged = removed = 0
    for relative, data in sorted(outputs.items()):
        if write_atomic(docs_dir / relative, data):
            written += 1
        else:
            unchanged += 1
    for folder in OWNED_DIRS:
        root = docs_dir / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*"), reverse=True):
            relative = path.relative_to(docs_dir).as_posix()
            if path.is_file() and relative not in outputs:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return WriteCounts(written, unchanged, removed)
