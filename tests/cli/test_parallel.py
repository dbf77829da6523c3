"""Worker processes (generator/parallel.py) in real runs: `paperboy generate` on workers writes what one
process writes, and a killed run leaves no worker behind (in-process: tests/unit/test_parallel.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.site import REPO, make_site, run_paperboy, snapshot


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
