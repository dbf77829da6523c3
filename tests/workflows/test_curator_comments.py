"""The curator's loop on GitHub, end to end: the Curator workflow's record step
(.github/scripts/record-labels.sh) on recorded `issue_comment` payloads (tests/fixtures/github/), in
a real git repository holding a small site (one real day of candidates), with a local bare
repository standing in for GitHub: a commit by the bot, a push, a push rejected and tried again on
the branch as it is now, ten at once; then Publish's review step, with a stand-in `gh`. Markdown
is read back with cmark-gfm, GitHub's own parser.

What a comment decides, and what the reply says, is tested in-process (tests/unit/test_curator_
comments.py, tests/unit/test_curator_decisions.py), and what the review issue says and when it
is opened in tests/cli/test_review_issue.py: here only what the steps add to them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from generator.topic.labels import make_label

from tests.support.checkout import commit_as_checkout, git
from tests.support.curator import (BOT, LABELS, PAPER, ROLES, added_lines, day_papers, github_html,
                                   label_the_newest_day, make_checkout, payload, push_label_meanwhile, pushed,
                                   pushed_labels, run_step)
from tests.support.github_standin import GitHub
from tests.support.site import REPO, run_paperboy

ON_REPORT = {"title": f"Wrong topic: {PAPER}", "user": {"login": "reader-r", "type": "User"},
             "labels": [{"name": "reader-report"}, {"name": "wrong-topic"}],
             "body": f"### arXiv id\n\n{PAPER}\n\n### Why, in a few words\n\nvideo, not language"}


@pytest.fixture
def github():
    """A stand-in for GitHub's permission endpoint on 127.0.0.1, answering ROLES."""
    with GitHub(roles=dict(ROLES)) as stand_in:
        yield stand_in


@pytest.fixture
def checkout(tmp_path: Path, github: GitHub) -> tuple[Path, Path]:
    """A checkout of a small site (a real day's candidates, one label with tags) whose `origin`
    is a bare repository holding the same `main`."""
    return make_checkout(tmp_path, github)


def test_a_collaborators_on_is_one_labels_line_committed_by_the_bot_and_pushed(checkout, tmp_path):
    """`/on ID why` from a COLLABORATOR: one commit by the bot touching only labels.yml, adding one
    line; the step's outputs say it was recorded and what to reply; the checkout is left clean."""
    root, origin = checkout
    result, out = run_step(root, "comment-collaborator-on", tmp_path)
    assert pushed(origin) == ["Labels for 1 paper from grace-h's comment on review issue 42", "start"]
    assert git(origin, "log", "-1", "--format=%an <%ae>", "main") == BOT
    assert git(origin, "show", "--format=", "--name-only", "main") == LABELS
    assert added_lines(origin) == ["- {id: '2605.09530', label: 'on', why: privacy-preserving memory for edge agents, "
                                   "by: 'github:grace-h', at: '2026-12-01T09:02:46Z', comment: 'https://github.com/"
                                   "ada-lovelace/paperboy/issues/42#issuecomment-3601117204'}"]
    body = git(origin, "log", "-1", "--format=%b", "main")
    assert body == "2605.09530 on (new)", "the reason stays in labels.yml and the reply"
    assert out["recorded"] == "true" and out["close"] == ""
    assert "recorded **2605.09530** on (new)" in out["reply"]
    assert "recorded 2605.09530 on (new) by github:grace-h" in result.stderr
    assert git(root, "status", "--porcelain") == ""


def test_an_outsiders_comment_commits_nothing_and_still_replies(checkout, tmp_path):
    """Nothing recorded (someone without write access): no commit, no push, `recorded=false`, and
    the reply the command wrote is the step's output."""
    root, origin = checkout
    _, out = run_step(root, "comment-outsider-on", tmp_path)
    assert pushed(origin) == ["start"] and git(root, "status", "--porcelain") == ""
    assert out["recorded"] == "false" and "mallory-x has none access here" in out["reply"]


def test_the_same_comment_twice_commits_once(checkout, tmp_path):
    """A label the file already holds changes no byte: the second run commits and replies nothing new."""
    root, origin = checkout
    run_step(root, "comment-collaborator-on", tmp_path)
    _, again = run_step(root, "comment-collaborator-on", tmp_path)
    assert pushed(origin) == ["Labels for 1 paper from grace-h's comment on review issue 42", "start"]
    assert again["recorded"] == "false"


def test_a_label_pushed_meanwhile_by_someone_else_is_kept(checkout, tmp_path):
    """The curator pushes a label of their own during the run: the bot records again on it and both land."""
    root, origin = checkout
    push_label_meanwhile(origin, tmp_path, make_label("2605.12500", "off", "unified multimodal model"))
    run_step(root, "comment-collaborator-on", tmp_path)
    assert pushed(origin) == ["Labels for 1 paper from grace-h's comment on review issue 42", "label by hand", "start"]
    assert {"2605.12500", "2605.09530", "2605.12090"} == set(pushed_labels(origin))


def test_a_decision_on_the_same_paper_pushed_meanwhile_does_not_lose_the_comment(checkout, tmp_path):
    """Someone relabels the same paper while the run works: the push is rejected, the comment's
    label is recorded again on what they pushed, and it lands (the comment came last)."""
    root, origin = checkout
    push_label_meanwhile(origin, tmp_path, make_label("2605.09530", "off", "not about small models"))
    # The run's checkout was made before that push: its first push is rejected.
    _, out = run_step(root, "comment-collaborator-on", tmp_path)
    assert out["recorded"] == "true"
    assert pushed(origin) == ["Labels for 1 paper from grace-h's comment on review issue 42", "label by hand", "start"]
    assert pushed_labels(origin)["2605.09530"].verdict == "on"
    assert "recorded **2605.09530** on (was off)" in out["reply"]


def test_a_push_rejected_every_time_answers_on_the_issue_and_fails(checkout, tmp_path):
    """A protected branch (a hook that refuses every push): exit 1, nothing recorded, and the reply
    says what happened and what to do."""
    root, origin = checkout
    hook = origin / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho protected >&2\nexit 1\n")
    hook.chmod(0o755)
    _, out = run_step(root, "comment-collaborator-on", tmp_path, status=1, PUSH_ATTEMPTS="2")
    assert pushed(origin) == ["start"] and out["recorded"] == "false"
    assert out["reply"].startswith("Nothing from this comment was recorded: the push to `main` was rejected 2 times")
    assert "Post the comment again" in out["reply"]


def test_a_labels_file_that_does_not_parse_answers_on_the_issue_and_fails(checkout, tmp_path):
    """labels.yml broken on the branch: exit 1, nothing committed, and the reply names the file."""
    root, origin = checkout
    (root / LABELS).write_text("- {id: '2605.12090', label: maybe}\n")
    git(root, "commit", "-qam", "a broken label")
    _, out = run_step(root, "comment-collaborator-on", tmp_path, status=1)
    assert pushed(origin) == ["start"] and out["recorded"] == "false"
    assert out["reply"].startswith("Nothing from this comment was recorded: `") and "labels.yml" in out["reply"]
    assert "post the comment again" in out["reply"]


def test_re_running_an_old_run_changes_nothing_on_the_branch(checkout, tmp_path):
    """The newer `/off` is pushed, then the older `/on`'s run is re-run: no commit, nothing
    recorded, and the reply says a newer decision stands."""
    root, origin = checkout
    for name, data in (("newer", payload(f"/off {PAPER} not small", comment_id=20, at="2026-12-01T10:00:00Z")),
                       ("older", payload(f"/on {PAPER}", comment_id=10, at="2026-12-01T09:00:00Z"))):
        (tmp_path / f"{name}.json").write_text(json.dumps(data))
    run_step(root, tmp_path / "newer.json", tmp_path)
    before = pushed(origin)
    _, out = run_step(root, tmp_path / "older.json", tmp_path)
    assert pushed(origin) == before and pushed_labels(origin)[PAPER].verdict == "off"
    assert out["recorded"] == "false" and "a newer decision stands (off, 2026-12-01T10:00:00Z)" in out["reply"]


def test_a_report_decided_through_the_workflow_step_is_listed_to_close(checkout, tmp_path):
    """The comment on a reader's report records the label and outputs the report's number to
    close, with the answer to post there."""
    root, origin = checkout
    (tmp_path / "event.json").write_text(json.dumps(payload(f"/off {PAPER} video", issue_number=9, on=ON_REPORT)))
    _, out = run_step(root, tmp_path / "event.json", tmp_path)
    assert pushed(origin)[0] == "Labels for 1 paper from grace-h's comment on reader's report 9"
    assert out["close"].split() == ["9"] and f"**{PAPER}** off" in out["closing"]


# Bursts: ten comments at once, against a local remote whose hook is slow.

def test_ten_simultaneous_decisions_all_land(checkout, tmp_path):
    """Ten comments' runs start at once on the same checkout state, each deciding a paper of its
    own; the remote takes 0.3 s per push, so most first pushes are rejected: with jittered
    exponential backoff every label lands, each in a commit of its own."""
    root, origin = checkout
    hook = origin / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\nsleep 0.3\nexit 0\n")
    hook.chmod(0o755)
    papers = [paper.arxiv_id for paper in day_papers()][:10]
    runs = []
    started = time.monotonic()
    for number, paper in enumerate(papers):
        work = tmp_path / f"run{number}"
        subprocess.run(["git", "clone", "-q", str(origin), str(work)], check=True)
        (work / ".venv").symlink_to(root / ".venv")
        (work / ".git" / "stand-in-github").write_text((root / ".git" / "stand-in-github").read_text())
        event = tmp_path / f"event{number}.json"
        event.write_text(json.dumps(payload(f"/on {paper}", comment_id=1000 + number)))
        runs.append((work, event))
    with ThreadPoolExecutor(len(runs)) as pool:
        results = list(pool.map(lambda run: run_step(*run, tmp_path, PUSH_BACKOFF_MS="1000"), runs))
    elapsed = time.monotonic() - started
    rejected = sum(result.stderr.count("Push rejected") for result, _ in results)
    print(f"ten decisions: {elapsed:.1f} s, {rejected} rejected pushes")
    assert all(out["recorded"] == "true" for _, out in results)
    assert set(papers) <= set(pushed_labels(origin)) and len(pushed(origin)) == 11
    assert rejected > 0, "the runs really collided"


# Publish's review job: its step, with the stand-in for GitHub's API (what paperboy reads) and a
# stand-in `gh` that records what it was asked (what the script does).

REVIEW_STEP = next(step for step in yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())
                   ["jobs"]["review"]["steps"] if step.get("name", "").startswith("Open the issue"))
FAKE_GH = """#!/bin/sh
# Stands in for GitHub's CLI: logs each call; keeps the body of an issue it is asked to create.
echo "$*" >> "$GH_LOG"
case "$1 $2" in
  "issue create") while [ $# -gt 0 ]; do [ "$1" = --body-file ] && cp "$2" "$GH_BODY"; shift; done ;;
esac
"""
TODAY = f"Papers to review: {dt.datetime.now(dt.timezone.utc).date().isoformat()}"


@pytest.fixture(scope="module")
def review_checkout(tmp_path_factory, reviewed_site) -> Path:
    """A checkout of the reviewed site (the recorded days' candidates, the bundled labels)."""
    root = tmp_path_factory.mktemp("review-checkout") / "checkout"
    shutil.copytree(reviewed_site, root)
    return commit_as_checkout(root)


def run_review_step(root: Path, tmp_path: Path, github: GitHub) -> tuple[list[str], Path, str]:
    """The review step as the workflow runs it; the `gh` calls it made, where a body went, what it said."""
    fake = tmp_path / "bin" / "gh"
    fake.parent.mkdir(exist_ok=True)
    fake.write_text(FAKE_GH)
    fake.chmod(0o755)
    log, body = tmp_path / "gh.log", tmp_path / "body.md"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env.update(github.env())
    env.update(PATH=f"{fake.parent}:{env['PATH']}", GH_LOG=str(log), GH_BODY=str(body), GH_REPO="ada-lovelace/paperboy",
               GH_TOKEN="not-a-token")
    result = subprocess.run(["bash", "-c", REVIEW_STEP["run"]], cwd=root, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    return (log.read_text().splitlines() if log.exists() else []), body, result.stdout + result.stderr


def test_the_review_step_opens_one_issue_with_the_days_list(review_checkout, tmp_path):
    """With papers to review and Issues on: one `gh issue create`, titled with today's date, whose
    body is exactly `paperboy review --days 1 --limit 10 --format markdown` (no report is open)."""
    with GitHub() as github:
        calls, body, _ = run_review_step(review_checkout, tmp_path, github)
    assert calls == [f"issue create --title {TODAY} --body-file {calls[-1].rsplit(' ', 1)[1]}"]
    expected = run_paperboy(review_checkout, "review", "--days", "1", "--limit", "10", "--format", "markdown").stdout
    assert body.read_text() == expected and len(github_html(expected).findall("./ol/li")) >= 1


def test_the_review_step_opens_nothing_when_there_is_nothing_to_review(review_checkout, tmp_path):
    """Every paper of the newest day labelled and no report open: no `gh` call at all."""
    root = tmp_path / "checkout"
    shutil.copytree(review_checkout, root, symlinks=True)
    label_the_newest_day(root)
    with GitHub() as github:
        calls, body, output = run_review_step(root, tmp_path, github)
    assert calls == [] and not body.exists() and "nothing to review in the last 1 days: no issue opened" in output
