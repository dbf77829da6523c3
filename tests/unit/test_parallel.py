"""Worker processes (generator/parallel.py), in-process: the same results as one process, work
runs in a forked worker only when that is safe, and the work of a worker that died is done here.
The real command on workers, and a killed run: tests/cli/test_parallel.py."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from generator.parallel import Workers
from generator.storage.store import Store


def where(*_: object) -> int:
    return os.getpid()


def pids(items: list[int]) -> list[int]:
    return [os.getpid()] * len(items)


def die_in_a_worker(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(3)  # a worker killed half-way (the OOM killer, a crash)
    return "done here"


@pytest.fixture
def one_thread() -> None:
    """Workers fork only while this process runs one thread: a thread an earlier test of this
    process left running (a stand-in's answer that hangs sleeps out its seconds) is waited for,
    and named if it does not end."""
    deadline = time.monotonic() + 15
    while threading.active_count() > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert threading.active_count() == 1, [thread.name for thread in threading.enumerate()]


def test_records_read_in_workers_are_those_read_here(site: Path, one_thread):
    papers = site / "content" / "papers"
    (papers / "2401.00001.md").write_text("---\ntitle: [unclosed\n---\n")
    (papers / "2401.00002.md").write_text((papers / "2305.07759.md").read_text())  # id != file name
    serial = Store(papers).load_all()
    with Workers(jobs=2, min_items=1) as workers:
        assert workers.worth_it(10), "pytest runs these tests on one thread"
        parallel = Store(papers).load_all(workers=workers)
        assert set(workers.map_chunks(pids, list(range(20)))) - {os.getpid()}, "the work ran elsewhere"
    assert parallel == serial
    assert len(serial.problems) == 2 and "2401.00001.md" in serial.problems[0]


def test_a_call_runs_in_a_forked_worker_only_when_it_is_safe(one_thread):
    with Workers(jobs=2, min_items=1) as workers:
        assert workers.submit(5, where)() != os.getpid()
        assert workers.submit(0, where)() == os.getpid(), "too little work to pay for a worker"
        stop = threading.Event()
        thread = threading.Thread(target=stop.wait)
        thread.start()
        try:
            # Another thread could hold a lock at the moment of the fork: no fork then.
            assert workers.submit(5, where)() == os.getpid()
            assert workers.map_chunks(pids, [1, 2, 3]) == [os.getpid()] * 3
        finally:
            stop.set()
            thread.join()
    with Workers(jobs=1, min_items=1) as workers:
        assert workers.submit(5, where)() == os.getpid(), "one core: nothing to gain"


def test_work_whose_worker_died_is_done_here(one_thread):
    with Workers(jobs=2, min_items=1) as workers:
        assert workers.worth_it(5), "a worker is tried first"
        assert workers.submit(5, die_in_a_worker, os.getpid())() == "done here"
        assert not workers.worth_it(5), "after a broken worker, the rest runs here"
