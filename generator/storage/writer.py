"""Writes the derived files: only what changed, and removes what is stale.

The generator owns the files and folders `generator/urls.py` lists (GENERATED_FILES and
GENERATED_DIRS in docs_dir, THEME_GENERATED_DIRS in the theme folder); nothing else there is ever
written or removed (least of all the records).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import StoreError
from ..urls import GENERATED_DIRS as OWNED_DIRS
from ..urls import GENERATED_FILES as OWNED_FILES
from ..urls import THEME_GENERATED_DIRS as THEME_OWNED_DIRS
from .atomic import remove_stale_temp_files, write_atomic


@dataclass(frozen=True)
class WriteCounts:
    written: int = 0
    unchanged: int = 0
    removed: int = 0

    def __add__(self, other: WriteCounts) -> WriteCounts:
        return WriteCounts(self.written + other.written, self.unchanged + other.unchanged, self.removed + other.removed)


def sync_tree(root: Path, outputs: dict[str, bytes], owned_dirs: tuple[str, ...], owned_files: tuple[str, ...] = ()) -> WriteCounts:
    """Make the owned part of `root` hold exactly `outputs`: write what changed, remove the rest.

    Each file is replaced whole (a reader or a kill sees the old file or the new one). An owned
    folder that does not exist yet (a fresh clone, CI) is written into a hidden staging folder
    and renamed into place at once: the same guarantee at half the file-system work per file.
    """
    for relative in outputs:
        top = relative.split("/", 1)[0]
        if ".." in relative.split("/") or not (relative in owned_files or (top in owned_dirs and "/" in relative)):
            raise ValueError(f"refusing to write {relative!r}: not a generated path")
    for folder in owned_dirs:  # left by a run that was killed while staging a new folder
        if _staging(root, folder).is_dir():
            shutil.rmtree(_staging(root, folder))
    remove_stale_temp_files(root)  # an interrupted write of a top-level file; owned dirs are swept below
    written = unchanged = removed = 0
    staged: set[str] = set()  # folders made whole here: they hold exactly their outputs
    by_top: dict[str, dict[str, bytes]] = {}
    for relative, data in outputs.items():
        by_top.setdefault(relative.split("/", 1)[0] if "/" in relative else "", {})[relative] = data
    for top, files in sorted(by_top.items()):
        if top:
            if not (root / top).exists():
                _write_new_tree(_staging(root, top), root / top, files)
                staged.add(top)
                written += len(files)
                continue
        for relative, data in sorted(files.items()):
            if write_atomic(root / relative, data, durable=False):
                written += 1
            else:
                unchanged += 1
    for folder in owned_dirs:
        base = root / folder
        if folder in staged or not base.is_dir():
            continue
        for path in sorted(base.rglob("*"), reverse=True):
            relative = path.relative_to(root).as_posix()
            if path.is_file() and relative not in outputs:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return WriteCounts(written, unchanged, removed)


def _staging(root: Path, folder: str) -> Path:
    """Where a new owned folder is written before it is renamed into place (hidden from MkDocs)."""
    return root / f".{folder}.tmp"


def _write_new_tree(staging: Path, target: Path, files: dict[str, bytes]) -> None:
    """`files` (paths `<target name>/...`) written plainly under `staging`, then renamed to `target`."""
    made: set[Path] = set()
    try:
        for relative, data in sorted(files.items()):
            path = staging / relative.split("/", 1)[1]
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            path.write_bytes(data)
        os.rename(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(f"cannot write {target}: {exc.strerror or exc} (nothing was written there)") from None


def write_outputs(docs_dir: Path, outputs: dict[str, bytes]) -> WriteCounts:
    return sync_tree(docs_dir, outputs, OWNED_DIRS, OWNED_FILES)


def write_theme_fragments(theme_dir: Path, fragments: dict[str, bytes]) -> WriteCounts:
    return sync_tree(theme_dir, fragments, THEME_OWNED_DIRS)
