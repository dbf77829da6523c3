"""One writer at a time: a lock file beside mkdocs.yml, held for the whole run.

An OS lock (flock), so it is released when the process ends however it ends: a killed run
never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import PaperboyError

LOCK_NAME = ".paperboy.lock"


@contextlib.contextmanager
def site_lock(config_file: Path) -> Iterator[None]:
    path = config_file.resolve().parent / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise PaperboyError(f"cannot create the lock file {path}: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PaperboyError(
                f"another paperboy run is working on this site (lock {path}); try again when it ends"
            ) from None
        yield
    finally:
        os.close(fd)
