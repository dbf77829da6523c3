"""The Makefile's own conventions."""

from __future__ import annotations

import re
import subprocess

from tests.support.site import REPO


def test_make_help_lists_every_target_with_what_it_does():
    phony = re.search(r"^\.PHONY:(.*)$", (REPO / "Makefile").read_text(), re.M).group(1).split()
    result = subprocess.run(["make", "-s", "help"], cwd=REPO, capture_output=True, text=True, check=True)
    listed = {}
    for line in result.stdout.splitlines():
        names, _, what = line.strip().partition("   ")
        for name in names.split():
            listed[name] = what.strip()
    assert sorted(listed) == sorted(phony)
    assert all(listed.values()), "each with its description"
    assert "Run the whole test suite" in listed["test"]
    assert "tests/unit/" in listed["test-quick"], "the quick tier says which tests it runs"
