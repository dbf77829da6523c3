"""Git checkouts for the tests that run the workflows' steps: the repository's tracked files (or a
site of a test's own) in a fresh git repository with one commit, and a stand-in .venv that is
the test's own environment, so that `make` and `.venv/bin/paperboy` in a step run this checkout's
code without installing anything."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .site import REPO

BIN = Path(sys.executable).parent
"""The test's own environment's bin/ (what the stand-in .venv points at)."""


def git(cwd: Path, *args: str) -> str:
    """`git args` in `cwd` as Ada (for commits a test makes), its output stripped; fails on an error."""
    command = ["git", "-c", "user.name=Ada", "-c", "user.email=ada@example.org", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def clone_repository(root: Path) -> Path:
    """The repository's tracked files in a fresh git repository, with a stand-in .venv.

    The stand-in's stamps are newer than everything, so make never runs pip there (an
    editable install from a throwaway clone would repoint the test's own environment).
    """
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    for name in tracked:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    return commit_with_stand_in_venv(root)


def commit_with_stand_in_venv(root: Path) -> Path:
    """Give `root` a stand-in .venv (the test's own, stamped newer than everything) and make it a
    git repository with one commit, "start", on main."""
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
