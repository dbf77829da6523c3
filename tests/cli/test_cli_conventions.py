"""Everyday command-line conventions, on the real command: -q/-v before or after the command, and
progress bars on a terminal only. Help texts and usage errors: tests/unit/test_cli_usage.py;
--version: tests/cli/test_cli.py."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path


from tests.support.site import FIXTURES, QUICK_ARXIV, make_site, run_paperboy
from tests.support.replay import Replay

NO_NETWORK = {"PAPERBOY_HF_API": "http://127.0.0.1:9/api", "PAPERBOY_ARXIV_API": "http://127.0.0.1:9/api/query"}


def test_quiet_after_the_command(site: Path):
    result = run_paperboy(site, "build", "-q")
    assert result.stderr == "", "only warnings and errors"
    assert (site / "site" / "index.html").is_file()


def test_quiet_and_verbose_before_or_after_the_command(site: Path):
    assert run_paperboy(site, "-q", "generate").stderr == ""
    assert "generated from" in run_paperboy(site, "generate", "-v").stderr
    assert "generated from" in run_paperboy(site, "-v", "generate").stderr


def run_on_a_terminal(root: Path, *argv: str, env: dict[str, str] | None = None) -> str:
    """The command with its stderr on a pseudo-terminal (as a person runs it); what it shows there."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
    process = subprocess.Popen([sys.executable, "-m", "generator", *argv], cwd=root, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=follower,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **NO_NETWORK, **(env or {})})
    os.close(follower)
    shown = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            process.kill()
            raise AssertionError("no output for 120 s")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0, shown.decode(errors="replace")
    return shown.decode(errors="replace")


def test_progress_bars_on_a_terminal(site: Path, tmp_path: Path):
    shown = run_on_a_terminal(make_site(tmp_path / "empty", with_papers=False), "import", *sorted(str(p) for p in FIXTURES.glob("*.json")))
    assert "import: 100%" in shown
    shown = run_on_a_terminal(site, "build")
    for stage in ("generate", "search index"):
        assert f"{stage}: 100%" in shown, stage


def test_fetch_and_arxiv_progress_bars_on_a_terminal(site: Path):
    """Against a local stand-in for both APIs: a day from Hugging Face, then the arXiv lookup
    (records never looked up are caught up, so there is something to ask)."""
    day = (FIXTURES / "hf-daily-papers-2026-05-13.json").read_bytes()
    empty = (FIXTURES / "arxiv-query-2026-empty-result.xml").read_bytes()
    with Replay(days={"2026-05-13": json.loads(day)}, arxiv=lambda ids: (200, empty)) as server:
        shown = run_on_a_terminal(site, "fetch", "--date", "2026-05-13",
                                  env={"PAPERBOY_HF_API": server.base, "PAPERBOY_ARXIV_API": server.base + "/query",
                                       **QUICK_ARXIV})
    assert "fetch: 100%" in shown and "arXiv: 100%" in shown, shown


def test_no_progress_bars_when_not_a_terminal(empty_site: Path):
    result = run_paperboy(empty_site, "import", *sorted(str(p) for p in FIXTURES.glob("*.json")))
    assert "%|" not in result.stderr and "\r" not in result.stderr
