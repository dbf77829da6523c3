"""A small checkout for the tests that run Publish's steps (`make check`, `make site`, the commit
and digest scripts): the site's config and theme with the test records (tests/fixtures/site/),
the files make and the scripts read, and a stand-in .venv, in a fresh git repository.

The steps read nothing else, and a copy of every tracked file (tests/support/checkout.py's
`clone_repository`) costs seconds of copying and committing, then makes every `make check` read
the bundled 9,600 candidates, every fetch train the topic model on the bundled labels, and every
`make site` build 430 pages, none of which the workflow tests look at."""

from __future__ import annotations

import shutil
from pathlib import Path

from .checkout import commit_with_stand_in_venv
from .site import REPO, make_site

FOR_MAKE = ("Makefile", "pyproject.toml", "constraints.txt", ".gitignore")
"""What make reads (its stamps' prerequisites) and what keeps built files out of `git status`."""
CANDIDATES = REPO / "content" / "candidates" / "2023-05.jsonl"
"""A month of the bundled candidates (2 papers, one a test record): a site that has been fetched
has content/candidates/, which the commit step adds."""


def small_checkout(root: Path, *records: Path) -> Path:
    """The test site (30-odd records, a month of candidates, no topic labels, the Hub's lookups
    off) with these records added to content/papers/, Publish's scripts, committed as "start" on main."""
    make_site(root)
    (root / "content" / "candidates").mkdir()
    shutil.copy2(CANDIDATES, root / "content" / "candidates" / CANDIDATES.name)
    for name in FOR_MAKE:
        shutil.copy2(REPO / name, root / name)
    shutil.copytree(REPO / ".github" / "scripts", root / ".github" / "scripts")
    for record in records:
        shutil.copy2(record, root / "content" / "papers" / record.name)
    return commit_with_stand_in_venv(root)
