"""Git checkouts for the tests that run the workflows' steps: a small site with the files make and
the scripts read (or a site of a test's own) in a fresh git repository with one commit, and a
stand-in .venv that is the test's own environment, so that `make` and `.venv/bin/paperboy` in a
step run this checkout's code without installing anything.

The steps read nothing else: a copy of every tracked file would cost seconds of copying and
committing, then make every `make check` read the bundled 9,600 candidates, every fetch train the
topic model on the bundled labels, and every `make site` build 430 pages, none of which the
workflow tests look at."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .site import REPO, make_site

BIN = Path(sys.executable).parent
"""The test's own environment's bin/ (what the stand-in .venv points at)."""


def git(cwd: Path, *args: str) -> str:
    """`git args` in `cwd` as Ada (for commits a test makes), its output stripped; fails on an error."""
    command = ["git", "-c", "user.name=Ada", "-c", "user.email=ada@example.org", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


FOR_MAKE = ("Makefile", "pyproject.toml", "constraints.txt", ".gitignore")
"""What make reads (its stamps' prerequisites) and what keeps built files out of `git status`."""
CANDIDATES = REPO / "content" / "candidates" / "2023-05.jsonl"
"""A month of the bundled candidates (2 papers, one a test record): a site that has been fetched
has content/candidates/, which the commit step adds."""


def commit_as_checkout(root: Path) -> Path:
    """Make the site folder `root` a checkout the workflows' steps can run in: the files make reads
    and the workflows' scripts, a stand-in .venv (the test's own, stamped newer than everything),
    and a git repository with one commit, "start", on main."""
    for name in FOR_MAKE:
        shutil.copy2(REPO / name, root / name)
    shutil.copytree(REPO / ".github" / "scripts", root / ".github" / "scripts")
    venv_bin = root / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    for name in ("python", "paperboy"):
        (venv_bin / name).symlink_to(BIN / name)
    for stamp in (".installed", ".installed-test", ".installed-zensical"):
        (root / ".venv" / stamp).touch()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    git(root, "add", "-A")
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start"],
                   cwd=root, check=True)
    return root


def small_checkout(root: Path, *records: Path) -> Path:
    """The test site (30-odd records, a month of candidates, no topic labels, the Hub's lookups
    off) with these records added to content/papers/, Publish's scripts, committed as "start" on main."""
    make_site(root)
    (root / "content" / "candidates").mkdir()
    shutil.copy2(CANDIDATES, root / "content" / "candidates" / CANDIDATES.name)
    for record in records:
        shutil.copy2(record, root / "content" / "papers" / record.name)
    return commit_as_checkout(root)
