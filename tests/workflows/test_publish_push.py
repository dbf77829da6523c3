"""The publish workflow's commit step (.github/scripts/commit-records.sh) against real git: a
local bare repository stands in for GitHub, a second clone for a person pushing meanwhile."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.support.checkout import git, small_checkout

SCRIPT = ".github/scripts/commit-records.sh"
RECORD = "content/papers/2305.02301.md"
"""One of the test site's records."""
BOT = "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>"


def published(tmp_path: Path) -> tuple[Path, Path]:
    """A checkout of a small site whose `origin` is a bare repository holding the same `main`."""
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    root = small_checkout(tmp_path / "checkout")
    git(root, "remote", "add", "origin", str(origin))
    git(root, "push", "-q", "origin", "HEAD:refs/heads/main")
    return root, origin


def run_commit_step(root: Path, tmp_path: Path, **extra: str) -> subprocess.CompletedProcess:
    """The step as the workflow runs it, on GitHub (so it pushes), for the branch main."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env.update(GITHUB_ACTIONS="true", GITHUB_REF_NAME="main", GITHUB_OUTPUT=str(tmp_path / "github_output"), **extra)
    return subprocess.run(["bash", SCRIPT], cwd=root, env=env, capture_output=True, text=True, timeout=300)


def update_a_record(root: Path) -> None:
    """What a fetch does to a record it saw again: fresher counts."""
    path = root / RECORD
    path.write_text(path.read_text().replace("upvotes: ", "upvotes: 1", 1))


def test_the_commit_step_refuses_records_that_fail_the_check(tmp_path):
    """A record that fails `make check` is neither committed nor pushed, and the step fails."""
    root, origin = published(tmp_path)
    update_a_record(root)
    (root / "content" / "papers" / "2601.00001.md").write_text("---\ntitle: [broken\n---\n")
    before = git(origin, "rev-parse", "main")

    result = run_commit_step(root, tmp_path)

    assert result.returncode != 0
    assert "make check failed: nothing committed, nothing pushed" in result.stderr
    assert "2601.00001.md" in result.stderr, "the check names the broken record"
    assert git(root, "log", "-1", "--format=%s") == "start"
    assert git(origin, "rev-parse", "main") == before
    assert not (tmp_path / "github_output").exists()


def test_the_commit_step_rebases_and_pushes_when_someone_pushed_meanwhile(tmp_path):
    """A push rejected because main moved on is rebased onto it and pushed: nothing is lost."""
    root, origin = published(tmp_path)
    person = tmp_path / "person"
    git(tmp_path, "clone", "-q", str(origin), str(person))
    (person / "NOTES.md").write_text("A person's edit, pushed while the fetch ran.\n")
    git(person, "add", "NOTES.md")
    git(person, "commit", "-qm", "A person's edit")
    git(person, "push", "-q", "origin", "main")
    update_a_record(root)
    summary = tmp_path / "fetch-summary.txt"
    summary.write_text("0 new papers, 1 updated\n")  # what `paperboy fetch --summary` wrote

    result = run_commit_step(root, tmp_path, FETCH_SUMMARY=str(summary), PUSH_BACKOFF_MS="10")

    assert result.returncode == 0, result.stderr
    assert "Push rejected (attempt 1 of 12)" in result.stderr, "the first push was really rejected"
    log = git(origin, "log", "--format=%s|%an <%ae>", "main").splitlines()
    assert log == [f"0 new papers, 1 updated|{BOT}", "A person's edit|Ada <ada@example.org>", "start|t <t@example.org>"]
    assert "upvotes: 1" in git(origin, "show", f"main:{RECORD}")
    assert git(origin, "show", "main:NOTES.md").startswith("A person's edit")
    sha = git(origin, "rev-parse", "main")
    assert (tmp_path / "github_output").read_text() == f"sha={sha}\n", "the site is built from what was pushed"


def test_the_commit_step_gives_up_after_a_bounded_number_of_rejected_pushes(tmp_path):
    """A branch that rejects every push fails the step after PUSH_ATTEMPTS tries, not forever."""
    root, origin = published(tmp_path)
    hook = origin / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'protected branch' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = git(origin, "rev-parse", "main")
    update_a_record(root)

    result = run_commit_step(root, tmp_path, PUSH_ATTEMPTS="2", PUSH_BACKOFF_MS="10")

    assert result.returncode != 0
    assert result.stderr.count("Push rejected") == 2
    assert "Gave up after 2 rejected pushes" in result.stderr
    assert git(origin, "rev-parse", "main") == before
