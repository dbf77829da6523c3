"""`paperboy` run in the test's own process, through `generator.cli.main([...])`: for the tests of
what a command does (its files, its report, its exit status), not of the process itself (signals,
a terminal, the console script), which run the real command (`run_paperboy` in site.py).

What the command prints to stderr and what it logs come back together, in order, as the real
command's stderr would: `paperboy: ...` errors and the log lines of the `paperboy` logger (INFO,
as the command logs without -q or -v; those two flags are left to the real command's tests,
since here this module, not main, sets the level: main's `logging.basicConfig` is left out, so
that no handler of a finished run stays on the root logger)."""

from __future__ import annotations

import contextlib
import io
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from generator.cli import main


@dataclass(frozen=True)
class Ran:
    """What one in-process `paperboy` run gave: as subprocess.CompletedProcess names them."""

    returncode: int
    stdout: str
    stderr: str
    """What it printed to stderr and what it logged, in order."""


def paperboy(root: Path, *argv: str, check: bool = True, env: dict[str, str] | None = None) -> Ran:
    """`paperboy ARGV` from the site folder `root`, with `env` added to the environment for the
    run; AssertionError if it fails and `check`. A usage error (argparse's exit) is exit 2."""
    assert not {"-q", "--quiet", "-v", "--verbose"} & set(argv), "-q and -v: run the real command (run_paperboy)"
    out, err = io.StringIO(), io.StringIO()
    log = logging.getLogger("paperboy")
    handler = logging.StreamHandler(err)
    handler.setFormatter(logging.Formatter("%(message)s"))
    level = log.level
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        with contextlib.chdir(root), mock.patch.dict(os.environ, {"NO_MKDOCS_2_WARNING": "1", **(env or {})}), \
                mock.patch("logging.basicConfig"), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(argv))
            except SystemExit as stopped:
                code = stopped.code if isinstance(stopped.code, int) else 1
    finally:
        log.removeHandler(handler)
        log.setLevel(level)
    ran = Ran(code, out.getvalue(), err.getvalue())
    if check and code != 0:
        raise AssertionError(f"paperboy {' '.join(argv)} exited {code}:\n{ran.stderr}")
    return ran
