"""Worker processes for the CPU-heavy, independent parts of `generate` on a large archive.

Parsing thousands of records and working out related papers are pure Python, so threads would
not help; processes do. A `Workers` pool starts only when there is enough work to pay for it
(`worth_it`), and whatever cannot run in a worker runs here in this process instead, with the
same result: one core, a sandbox without process support, a worker that died.

Workers are forked, and only from a process with a single thread, on Linux. Forking is what
makes them cheap (nothing is imported again), and it needs no `if __name__ == "__main__"`
guard in whatever script calls `generate`, as "spawn" and "forkserver" do. A thread could hold
a lock at the moment of the fork that the child then waits on forever, hence the one-thread rule.
A worker dies with the run that started it, so a killed run leaves no worker behind holding
the site lock (workers inherit its file) or waiting forever on a pipe no one reads.
Functions and arguments must be picklable: module-level functions and records.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 2000
"""Less work than this gains little or nothing from workers (measured on 2 cores: parsing 1,000
records takes as long with workers as without; 2,000, 35% less)."""


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (containers, taskset)
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


PR_SET_PDEATHSIG = 1  # linux/prctl.h: the signal a process gets when its parent dies


def _die_with_parent(parent: int) -> None:
    """Worker initializer: be killed when `parent` ends, however it ends (Linux's prctl)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
        pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _fork_pool(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context("fork"), initializer=_die_with_parent, initargs=(os.getpid(),),
    )


class Workers:
    """Runs work in forked processes when worth it; waits for them on leaving the `with` block."""

    def __init__(self, jobs: int | None = None, min_items: int | None = None) -> None:
        self.jobs = cpu_count() if jobs is None else jobs
        self.min_items = MIN_ITEMS if min_items is None else min_items
        self._started: list[Executor] = []  # the workers of `submit`, shut down on leaving
        self._broken = False

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        for pool in self._started:
            pool.shutdown(wait=True, cancel_futures=True)
        self._started = []

    def worth_it(self, items: int) -> bool:
        return (
            self.jobs > 1 and items >= self.min_items and not self._broken
            and sys.platform == "linux" and threading.active_count() == 1
        )

    def map_chunks(self, func: Callable[[list[T]], list[R]], items: list[T]) -> list[R]:
        """func(chunk) over chunks of `items`, results joined in order: func(items), sooner."""
        if not self.worth_it(len(items)):
            return func(items)
        parts = self.jobs * 4  # small enough to even out, big enough that each pays its pickling
        size = -(-len(items) // parts)
        chunks = [items[i:i + size] for i in range(0, len(items), size)]
        try:
            # Shut down before returning: its threads would stop the next fork (see above).
            with _fork_pool(self.jobs) as pool:
                results = list(pool.map(func, chunks))
        except (BrokenProcessPool, OSError, ValueError):
            self._broken = True
            return func(items)
        return [item for chunk in results for item in chunk]

    def submit(self, items: int, func: Callable[..., R], *args: object) -> Callable[[], R]:
        """Start func(*args) in a worker when `items` make it worth it; call the result for its value.

        The worker is forked now and inherits the arguments instead of receiving them pickled:
        sending megabytes of records through a pipe while this process keeps working took
        longer than the work itself (each chunk waits for this process to let go of the GIL).
        """
        if not self.worth_it(items):
            return partial(func, *args)  # run here, when its result is asked for
        global _INHERITED
        _INHERITED = (func, args)
        try:
            pool = _fork_pool(1)
            self._started.append(pool)
            future: Future[R] = pool.submit(_run_inherited)
        except (BrokenProcessPool, OSError, RuntimeError, ValueError):
            self._broken = True
            return partial(func, *args)
        finally:
            _INHERITED = None  # the child has its copy; do not keep the arguments alive here

        def result() -> R:
            try:
                return future.result()
            except (BrokenProcessPool, OSError):
                self._broken = True
                return func(*args)

        return result


_INHERITED: tuple[Callable, tuple] | None = None
"""The call a forked worker is about to run, set just before the fork."""


def _run_inherited():  # noqa: ANN202
    assert _INHERITED is not None, "run only in a worker forked by Workers.submit"
    func, args = _INHERITED
    return func(*args)
