"""Whole-file writes: a reader, or a kill, sees the old file or the new one, never half of one.

Used by everything that writes: the record store, the writer of derived files, the cache, the
digest log. A kill between the temp file and the rename leaves a hidden `.<name>.<random>.tmp`
beside the target; `remove_stale_temp_files` sweeps those (under the site lock).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import StoreError


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> bool:
    """Write `data` to `path` unless it already holds exactly that; True when written.

    A temp file in the same folder is renamed over the target, so a reader (or a kill) sees the
    old file or the new one, never half of one. A full or read-only disk raises StoreError and
    leaves the old file as it was. `durable` also flushes the data to the disk before the rename
    (records, which nothing can make again); derived files skip that, as the next run remakes them.
    """
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _remove_quietly(tmp)
        raise StoreError(f"cannot write {path}: {exc.strerror or exc} (the file is left as it was)") from None
    except BaseException:
        _remove_quietly(tmp)
        raise
    return True


def remove_stale_temp_files(folder: Path) -> int:
    """Remove the temp files of writes that a kill interrupted (call only under the site lock)."""
    removed = 0
    for tmp in folder.glob(".*.tmp"):
        if not tmp.is_dir():
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed


def _remove_quietly(tmp: str | None) -> None:
    if tmp is not None:
        try:
            Path(tmp).unlink(missing_ok=True)
        except OSError:
            pass
