"""Worker processes (generator/parallel.py): same results as one process, and a safe way back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from generator.parallel import Workers
from generator.storage.store import Store

from .conftest import REPO, make_site, run_paperboy, snapshot


def where(*_: object) -> int:
    return os.getpid()


def pids(items: list[int]) -> list[int]:
    return [os.getpid()] * len(items)


def die_in_a_worker(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(3)  # a worker killed half-way (the OOM killer, a crash)
    return "done here"


def test_records_read_in_workers_are_those_read_here(site: Path):
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


def test_a_call_runs_in_a_forked_worker_only_when_it_is_safe():
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


def test_work_whose_worker_died_is_done_here():
    with Workers(jobs=2, min_items=1) as workers:
        assert workers.submit(5, die_in_a_worker, os.getpid())() == "done here"
        assert not workers.worth_it(5), "after a broken worker, the rest runs here"


def test_generate_on_workers_writes_what_one_process_writes(tmp_path: Path):
    one = make_site(tmp_path / "one")
    many = make_site(tmp_path / "many")
    run_paperboy(one, "generate")
    # The real command with the threshold lowered, so the bundled records go to workers.
    script = (
        "import sys, generator.parallel as p; p.MIN_ITEMS = 1; p.cpu_count = lambda: 2\n"
        "forks = []; start = p.ProcessPoolExecutor.__init__\n"
        "def counted(self, *a, **k): forks.append(1); start(self, *a, **k)\n"
        "p.ProcessPoolExecutor.__init__ = counted\n"
        "from generator.cli import main\ncode = main(['generate'])\n"
        "print('pools:', len(forks)); sys.exit(code)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", script], cwd=many, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "pools: 2" in result.stdout, "records parsed in workers, related papers in another"
    for folder in ("content", "theme_overrides"):
        assert snapshot(one / folder) == snapshot(many / folder)


WAIT_IN_A_WORKER = """
import os, sys, time
from generator.parallel import Workers

def wait(paths):
    open(sys.argv[1], "w").write(str(os.getpid()))
    time.sleep(120)
    return paths

with Workers(jobs=2, min_items=1) as workers:
    if sys.argv[2] == "submit":
        workers.submit(5, wait, [])()
    else:
        workers.map_chunks(wait, [1, 2])
"""


@pytest.mark.parametrize("how", ["submit", "map_chunks"])
def test_a_killed_run_leaves_no_worker_behind(tmp_path: Path, how: str):
    # A worker left behind would keep the site lock (it inherits the file) and never end.
    marker = tmp_path / "worker.pid"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    run = subprocess.Popen([sys.executable, "-c", WAIT_IN_A_WORKER, str(marker), how], env=env)
    deadline = time.monotonic() + 60
    while not (marker.exists() and marker.read_text()) and time.monotonic() < deadline:
        time.sleep(0.01)
    worker = int(marker.read_text())
    assert worker != run.pid and alive(worker)
    run.send_signal(signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 10
    while alive(worker) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not alive(worker), "the worker ended with the run"


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be collected
