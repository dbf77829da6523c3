"""Progress bars for the long stages (import, fetch, arXiv, generate, search index).

On a terminal only: tqdm's `disable=None` turns a bar off when stderr is not a TTY, so logs,
CI and tests see only the log lines. While a bar is shown, log lines are written above it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

# No monitor thread: generate forks its workers only from a single-threaded process
# (generator/parallel.py), and tqdm's monitor would make every run on a terminal serial.
tqdm.monitor_interval = 0


@contextmanager
def progress(desc: str, total: int, unit: str) -> Iterator[tqdm]:
    """A bar of `total` `unit`s named `desc`; call `.update()` as each is done."""
    with logging_redirect_tqdm(), tqdm(total=total, desc=desc, unit=unit, disable=None) as bar:
        yield bar
