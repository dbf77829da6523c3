"""The GitHub workflows read in-process: what each job does for a given event (whether it runs,
what it queues behind, what it says, where), worked out the way GitHub does it
(tests/support/actions.py, tests/support/expressions.py); and what keeps the token safe (pinned
actions, least privilege, hashed installs, no expression in a shell). The lints, and the steps
run as bash and git, are in tests/workflows/."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex

from generator.cli import parser

from tests.support.actions import (
    WORKFLOWS, Need, Run, command, dispatched, job_runs, needs_of, resolved, starts, step_env, step_of, step_runs,
    workflow,
)
from tests.support.cron import firings
from tests.support.expressions import Status, condition, evaluate, interpolate
from tests.support.site import REPO

FILES = sorted(WORKFLOWS.glob("*.yml"))
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
PUBLISH = workflow("publish.yml")
CURATOR = workflow("curator.yml")
BOT = "github-actions[bot]"
RUN_LINK = "https://github.com/ada/papers/actions/runs/4242"
"""The link to the run, for the repository and run id Run gives every run."""

SCHEDULE = Run("schedule")
PUSH = Run("push")
BY_HAND = dispatched(PUBLISH)
"""Actions > Publish > Run workflow, with the form as it comes."""


def comment(*, issue_author: str = BOT, labels: tuple[str, ...] = (), commenter: str = "User",
            pull_request: bool = False, comment_id: int = 99, action: str = "created",
            association: str = "CONTRIBUTOR", default_branch: str = "main") -> Run:
    """A comment by grace on issue 7 (by default the bot's review issue) as issue_comment sends it."""
    issue = {"number": 7, "user": {"login": issue_author}, "labels": [{"name": name} for name in labels]}
    if pull_request:
        issue["pull_request"] = {"url": "https://api.github.com/repos/ada/papers/pulls/7"}
    return Run("issue_comment", event={
        "action": action, "issue": issue, "repository": {"default_branch": default_branch},
        "comment": {"id": comment_id, "author_association": association, "user": {"login": "grace", "type": commenter},
                    "html_url": f"https://github.com/ada/papers/issues/7#issuecomment-{comment_id}"}})


def rebuild_of(run: Run) -> tuple[list[str], Run]:
    """The command Curator's rebuild job runs for a comment, and the Publish run it starts."""
    argv = command(step_of(CURATOR["jobs"]["rebuild"], "Start Publish"), run)
    assert argv[:3] == ["gh", "workflow", "run"], argv
    fields = dict(argv[i + 1].split("=", 1) for i, word in enumerate(argv) if word == "-f")
    return argv, dispatched(workflow(argv[3]), **fields)


def test_expressions_are_evaluated_by_githubs_rules():
    """The evaluator the tests below rely on, on GitHub's documented examples."""
    contexts = {"github": {"event_name": "push", "event": {"issue": {"labels": [{"name": "Bug"}, {"name": "ui"}]}}},
                "inputs": {"fetch": False, "issue": ""}}
    assert evaluate("github.event_name == 'PUSH'", contexts) is True  # strings without regard to case
    assert evaluate("inputs.issue || 'none'", contexts) == "none" and evaluate("'a' && 'b'", contexts) == "b"
    assert evaluate("contains(github.event.issue.labels.*.name, 'bug')", contexts) is True
    assert evaluate("github.event.nothing.here", contexts) is None and evaluate("!github.event.pull_request", contexts)
    assert evaluate("null == 0", contexts) and evaluate("'' == false", contexts)  # different types: as numbers
    assert not evaluate("'true' == true", contexts)
    assert interpolate("x-${{ inputs.fetch }}-${{ github.nothing }}", contexts) == "x-false-"
    assert condition("github.event_name == 'push'", contexts) and not condition(
        "github.event_name == 'push'", contexts, Status(failed=True, succeeded=False))  # an implied success()
    assert condition("${{ failure() && github.event_name == 'push' }}", contexts, Status(failed=True, succeeded=False))
    assert not condition("${{ !cancelled() }}", contexts, Status(cancelled=True))


# Safety: what holds for every workflow, whatever the event.

def test_every_action_is_pinned_by_commit_with_its_version_named():
    for path in FILES:
        for line in path.read_text().splitlines():
            match = re.search(r"uses:\s*(\S+)(.*)", line)
            if match:
                assert SHA_PIN.match(match.group(1)), f"{path.name}: {line.strip()}"
                assert re.search(r"#\s*v\d", match.group(2)), f"{path.name}: no version comment: {line.strip()}"


def test_least_privilege_and_no_expressions_in_run():
    for path in FILES:
        data = workflow(path.name)
        assert data["permissions"] == {}, path.name
        for name, job in data["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {name} has no permissions of its own"
            for step in job.get("steps", []):
                assert "${{" not in step.get("run", ""), f"{path.name}/{name}: expression inside run:"


def make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text()
    targets = set()
    for match in re.finditer(r"^([\w .-]+):(?!=)", text, re.M):
        targets.update(match.group(1).split())
    return targets


def check_command(words: list[str]) -> None:
    head, args = words[0], words[1:]
    if head == "make":
        assert args and all(a in make_targets() for a in args), f"unknown make target in {words}"
    elif head in ("paperboy", ".venv/bin/paperboy"):
        parser().parse_args(args)  # exits (SystemExit) on an unknown command or option
    elif head == "bash":
        assert (REPO / args[0]).is_file(), f"no script {args[0]}"
    elif head == "gh":
        assert args[:2] in (["workflow", "run"], ["issue", "comment"], ["issue", "close"]), f"unexpected {words}"
        if args[:2] == ["workflow", "run"]:
            assert starts(workflow(args[2]), "workflow_dispatch"), f"{args[2]} cannot be started by hand"
    else:
        raise AssertionError(f"unexpected command {words}")


def test_every_run_step_uses_commands_that_exist():
    for path in FILES:
        for job in workflow(path.name)["jobs"].values():
            for step in job.get("steps", []):
                for line in step.get("run", "").splitlines():
                    for part in re.split(r"&&|\|\||;", line):
                        if part.strip():
                            check_command(shlex.split(part))


def uses_python(run: str) -> bool:
    """Whether a run: step needs .venv: make, paperboy, or a script that runs either."""
    scripts = re.findall(r"\.github/scripts/[\w-]+\.sh", run)
    text = run + "".join((REPO / script).read_text() for script in scripts)
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return bool(re.search(r"\bmake\b|paperboy|\.venv|pip ", text))


def writes(job: dict) -> bool:
    return any(value == "write" for value in job.get("permissions", {}).values())


def test_no_job_holding_a_write_token_installs_unhashed_packages_or_keeps_credentials_on_disk():
    """In every job that may write: every checkout keeps no credentials; the packages are
    installed by hash (`pip install --require-hashes`) before any step holds the token, by a step
    that holds none; every later `make` finds .venv ready (the script's stamp) and installs
    nothing; the token is given to steps only, never to the job. The hashed versions are
    constraints.txt's."""
    install = (REPO / ".github" / "scripts" / "install.sh").read_text()
    assert "--require-hashes" in install and "-r .github/requirements.txt" in install
    assert "--no-index" in install and install.rstrip().endswith("touch .venv/.installed")
    assert "$(VENV)/.installed:" in (REPO / "Makefile").read_text(), "make's own stamp"
    checked = 0
    for path in FILES:
        for name, job in workflow(path.name)["jobs"].items():
            if not writes(job) or "steps" not in job:
                continue
            assert "env" not in job, f"{path.name}/{name}: a job-level env reaches every step"
            steps = job["steps"]
            for step in steps:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, f"{path.name}/{name}"
            runs = [index for index, step in enumerate(steps) if "run" in step]
            python = [i for i in runs if uses_python(steps[i]["run"])]
            with_token = [i for i, step in enumerate(steps)
                          if re.search(r"github\.token|secrets\.", json.dumps(step.get("env", {})))]
            if python:
                first = python[0]
                assert steps[first]["run"] == "bash .github/scripts/install.sh", f"{path.name}/{name}"
                assert "env" not in steps[first]
                assert all(i > first for i in with_token), f"{path.name}/{name}: a token before the install"
                checked += 1
    assert checked >= 4, "fetch, site, review, digest and record install"
    requirements = (REPO / ".github" / "requirements.txt").read_text()
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", requirements, re.M))
    constraints = dict(line.split("==") for line in (REPO / "constraints.txt").read_text().split() if "==" in line)
    canonical = {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in constraints.items()}
    assert len(pins) > 40 and all(canonical.get(re.sub(r"[-_.]+", "-", name).lower(), version) == version
                                  for name, version in pins.items()), "the hashed versions are constraints.txt's"
    for block in re.split(r"\n(?=[A-Za-z])", requirements):
        if "==" in block.split("\n", 1)[0]:
            assert "--hash=sha256:" in block, block.split("\n", 1)[0]


def test_the_workflow_scripts_hold_no_python_and_recount_nothing():
    """The scripts call paperboy for what they need: no Python in a heredoc or `python -c`, and the
    commit step takes the fetch's own summary instead of counting files in `git status`."""
    for script in (REPO / ".github" / "scripts").glob("*.sh"):
        text = script.read_text()
        assert not re.search(r"python3?\s+(-\s|-c\b)|<<\s*'?PY", text), script.name
    commit = (REPO / ".github" / "scripts" / "commit-records.sh").read_text()
    assert "FETCH_SUMMARY" in commit and "grep -c" not in commit
    assert "paperboy review-issue" in (REPO / ".github" / "scripts" / "open-review-issue.sh").read_text()


# Publish: when it runs, which jobs run for which event, and what queues behind what.

def schedule_problems(crons: list[str]) -> list[str]:
    """What is wrong with a schedule that should fire once every day, at least 5 minutes away
    from the hour and the half hour (where most schedules land and GitHub delays runs), over a
    leap year (every month length, every weekday)."""
    moments = [m for cron in crons for m in firings(cron, dt.datetime(2028, 1, 1), dt.datetime(2029, 1, 1))]
    days = [m.date() for m in moments]
    problems = []
    if len(set(days)) != 366:
        problems.append(f"fires on {len(set(days))} of 366 days")
    if len(days) != len(set(days)):
        problems.append("fires more than once on a day")
    if any(min(m.minute % 30, 30 - m.minute % 30) < 5 for m in moments):
        problems.append("fires within 5 minutes of the hour or the half hour")
    return problems


def test_publish_runs_once_a_day_away_from_the_busy_top_of_the_hour():
    assert schedule_problems([entry["cron"] for entry in PUBLISH["on"]["schedule"]]) == []
    assert schedule_problems(["0 6 * * *"]) and schedule_problems(["17 6 * * 1"])  # the check can fail
    assert schedule_problems(["17 6,18 * * *"]) and schedule_problems(["58 5 * * *"])


def test_publish_starts_on_its_schedule_by_hand_and_on_a_push_to_main_only():
    assert starts(PUBLISH, "schedule") and starts(PUBLISH, "workflow_dispatch")
    assert starts(PUBLISH, "push", branch="main")
    assert not starts(PUBLISH, "push", branch="feature") and not starts(PUBLISH, "pull_request")


def test_publish_fetches_on_the_schedule_or_when_a_person_asks_for_it():
    """The scheduled run and a run by hand fetch (the form's default); a run asked not to fetch
    and a push do not."""
    assert job_runs(PUBLISH, "fetch", SCHEDULE)
    assert job_runs(PUBLISH, "fetch", BY_HAND)
    assert job_runs(PUBLISH, "fetch", dispatched(PUBLISH, fetch="true"))
    assert not job_runs(PUBLISH, "fetch", dispatched(PUBLISH, fetch="false"))
    assert not job_runs(PUBLISH, "fetch", PUSH)


def test_a_comments_rebuild_builds_the_site_without_a_fetch_and_names_its_comment():
    """Curator starts Publish on the default branch, with no fetch (it cannot collide with the
    scheduled one), naming the comment's issue and the comment."""
    argv, run = rebuild_of(comment(comment_id=345, default_branch="trunk"))
    assert argv[3] == "publish.yml" and argv[argv.index("--ref") + 1] == "trunk"
    assert run.inputs == {"fetch": False, "issue": "7", "comment": "345"}
    assert not job_runs(PUBLISH, "fetch", run)
    assert job_runs(PUBLISH, "site", run, fetch=Need("skipped"))


def test_the_site_is_built_after_a_fetch_that_worked_or_none_never_after_a_failed_one():
    """A failed fetch deploys nothing: the last good site stays up."""
    assert job_runs(PUBLISH, "site", SCHEDULE, fetch=Need("success"))
    assert job_runs(PUBLISH, "site", PUSH, fetch=Need("skipped"))
    assert not job_runs(PUBLISH, "site", SCHEDULE, fetch=Need("failure"))
    assert not job_runs(PUBLISH, "site", Run("schedule", cancelled=True), fetch=Need("success"))


def test_fetches_and_deployments_queue_one_at_a_time_and_nothing_is_cancelled():
    """No group for the whole run; each kind of work queues in a group of its own, across runs:
    one fetch at a time (scheduled or by hand), one build and deployment at a time whatever
    started the run; a scheduled run's review or digest never waits behind a rebuild; nothing
    waiting or in progress is cancelled."""
    assert "concurrency" not in PUBLISH
    jobs = PUBLISH["jobs"]
    runs = [SCHEDULE, PUSH, BY_HAND, rebuild_of(comment())[1], Run("schedule", github={"run_id": "4243"})]
    groups = {name: {resolved(job["concurrency"]["group"], run) for run in runs} for name, job in jobs.items()}
    assert all(job["concurrency"]["cancel-in-progress"] is False for job in jobs.values())
    assert len(groups["fetch"]) == 1 and len(groups["site"]) == 1
    for name, names in groups.items():
        others = set().union(*(g for other, g in groups.items() if other != name))
        assert not names & others, f"{name} shares a group with another job"
    deploying = [name for name, job in jobs.items()
                 if any(step.get("uses", "").startswith("actions/deploy-pages@") for step in job["steps"])]
    assert deploying == ["site"]


def test_the_site_builds_the_branch_as_it_is_when_the_job_starts():
    """Not the commit the run started on: a build that waited in the queue builds the newest main."""
    run = Run("push", github={"ref": "refs/heads/main", "sha": "1" * 40})
    checkout = next(s for s in PUBLISH["jobs"]["site"]["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert resolved(checkout["with"]["ref"], run) == "refs/heads/main"


def test_the_site_job_may_deploy_to_pages_and_builds_for_the_url_pages_gives():
    """The site job may deploy to Pages; the build is told the repository's Pages URL (a fork's
    own), which configure-pages gives before it."""
    site = PUBLISH["jobs"]["site"]
    assert site["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    uses = [step.get("uses", "").split("@")[0] for step in site["steps"]]
    runs = [step.get("run") for step in site["steps"]]
    build = runs.index("make site")
    assert uses.index("actions/configure-pages") < build, "the URL is known before the build"
    pages = site["steps"][uses.index("actions/configure-pages")]["id"]
    env = step_env(site["steps"][build], SCHEDULE, steps={pages: {"outputs": {"base_url": "https://fork.github.io/p"}}})
    assert env["PAPERBOY_SITE_URL"] == "https://fork.github.io/p"


def test_the_review_issue_is_opened_after_a_scheduled_fetch_with_issues_write_only_there():
    """Publish's review job: after a successful fetch on the schedule, may read the code and write
    issues; only it, and the job that answers a failed rebuild, may."""
    assert job_runs(PUBLISH, "review", SCHEDULE, fetch=Need("success"))
    assert not job_runs(PUBLISH, "review", SCHEDULE, fetch=Need("failure"))
    assert not job_runs(PUBLISH, "review", Run("schedule", cancelled=True), fetch=Need("success"))
    assert not job_runs(PUBLISH, "review", BY_HAND, fetch=Need("success"))
    assert not job_runs(PUBLISH, "review", PUSH, fetch=Need("skipped"))
    jobs = PUBLISH["jobs"]
    assert jobs["review"]["permissions"] == {"contents": "read", "issues": "write"}
    assert [name for name, job in jobs.items() if "issues" in job["permissions"]] == ["review", "answer"]


def test_the_digest_goes_out_every_scheduled_day_whatever_the_fetch_or_the_deploy_did():
    """The digest waits neither for a deploy nor for a Monday (the digest log sends a week once):
    it runs on every scheduled run, after the fetch worked or failed, unless the run was cancelled."""
    assert job_runs(PUBLISH, "digest", SCHEDULE, fetch=Need("success"))
    assert job_runs(PUBLISH, "digest", SCHEDULE, fetch=Need("failure"))
    assert not job_runs(PUBLISH, "digest", Run("schedule", cancelled=True), fetch=Need("success"))
    for run in (PUSH, BY_HAND, rebuild_of(comment())[1]):
        assert not job_runs(PUBLISH, "digest", run, fetch=Need("success"))
    assert "site" not in needs_of(PUBLISH["jobs"]["digest"])
    assert "date" not in (REPO / ".github" / "scripts" / "send-digest.sh").read_text()


def test_the_review_and_the_digest_read_the_commit_the_fetch_pushed():
    """The commit the fetch pushed (its `sha` output), or the run's own when it pushed nothing."""
    pushed = "2" * 40
    for name in ("review", "digest"):
        checkout = PUBLISH["jobs"][name]["steps"][0]
        assert resolved(checkout["with"]["ref"], SCHEDULE, fetch=Need(outputs={"sha": pushed})) == pushed
        assert resolved(checkout["with"]["ref"], Run("schedule", github={"sha": "3" * 40}), fetch=Need()) == "3" * 40


def test_a_failed_rebuild_answers_on_the_comment_that_asked_for_it():
    """Publish's last job runs when the fetch or the site failed, timed out or was cancelled, for a
    rebuild that names its comment, and replies on that comment's issue with the run."""
    _, rebuild = rebuild_of(comment(comment_id=345))
    cancelled = Run(rebuild.event_name, inputs=rebuild.inputs, cancelled=True)
    fetching = dispatched(PUBLISH, fetch="true", issue="7", comment="345")
    assert job_runs(PUBLISH, "answer", rebuild, fetch=Need("skipped"), site=Need("failure"))
    assert job_runs(PUBLISH, "answer", cancelled, fetch=Need("skipped"), site=Need("cancelled"))
    assert job_runs(PUBLISH, "answer", fetching, fetch=Need("failure"), site=Need("skipped"))
    assert not job_runs(PUBLISH, "answer", rebuild, fetch=Need("skipped"), site=Need("success"))
    assert not job_runs(PUBLISH, "answer", BY_HAND, fetch=Need("success"), site=Need("failure"))
    assert not job_runs(PUBLISH, "answer", SCHEDULE, fetch=Need("failure"), site=Need("skipped"))
    assert PUBLISH["jobs"]["answer"]["permissions"] == {"issues": "write"}
    argv = command(PUBLISH["jobs"]["answer"]["steps"][-1], rebuild)
    assert argv[:5] == ["gh", "issue", "comment", "7", "--body"]
    assert "(https://github.com/ada/papers/issues/7#issuecomment-345)" in argv[5] and f"({RUN_LINK})" in argv[5]


# Curator: which comments it takes, and that every comment gets an answer.

def test_a_new_or_edited_comment_starts_curator_and_nothing_else_does():
    assert starts(CURATOR, "issue_comment", action="created") and starts(CURATOR, "issue_comment", action="edited")
    assert not starts(CURATOR, "issue_comment", action="deleted")
    assert not starts(CURATOR, "push", branch="main") and not starts(CURATOR, "issues", action="opened")


def test_each_curator_job_holds_only_what_it_needs():
    """Push the labels, start Publish, reply: a job each, with its own permissions."""
    assert {name: job["permissions"] for name, job in CURATOR["jobs"].items()} == {
        "record": {"contents": "write", "issues": "read"}, "rebuild": {"actions": "write"},
        "reply": {"issues": "write"}}


def test_the_record_job_takes_a_persons_comment_on_the_bots_issue_or_on_a_readers_report():
    """The first filter lets through people on the bot's issues and readers' reports, whatever
    their author_association (the permission API decides); not a pull request's comments, a bot's
    comment, nor a comment on another issue. The comment's text is read by Python only, never by
    an expression."""
    for association in ("OWNER", "MEMBER", "COLLABORATOR", "CONTRIBUTOR", "NONE"):
        assert job_runs(CURATOR, "record", comment(association=association)), association
    assert job_runs(CURATOR, "record", comment(issue_author="grace", labels=("bug", "reader-report")))
    assert job_runs(CURATOR, "record", comment(action="edited"))
    assert not job_runs(CURATOR, "record", comment(pull_request=True))
    assert not job_runs(CURATOR, "record", comment(issue_author="grace", labels=("reader-report",), pull_request=True))
    assert not job_runs(CURATOR, "record", comment(commenter="Bot"))
    assert not job_runs(CURATOR, "record", comment(issue_author="grace"))
    assert not job_runs(CURATOR, "record", comment(issue_author="grace", labels=("bug",)))
    text = json.dumps(CURATOR)
    assert "author_association" not in text, "a private member arrives as CONTRIBUTOR"
    assert "comment.body" not in text


def test_the_record_job_checks_out_the_default_branch_whatever_the_comment():
    checkout = CURATOR["jobs"]["record"]["steps"][0]
    assert resolved(checkout["with"]["ref"], comment(default_branch="trunk")) == "trunk"


def test_publish_is_started_only_when_the_comment_recorded_labels():
    recorded = Need("success", {"recorded": "true", "reply": "Recorded."})
    assert job_runs(CURATOR, "rebuild", comment(), record=recorded)
    assert not job_runs(CURATOR, "rebuild", comment(), record=Need("success", {"recorded": "false"}))
    assert not job_runs(CURATOR, "rebuild", comment(), record=Need("success"))
    assert not job_runs(CURATOR, "rebuild", comment(), record=Need("failure", {"recorded": "true"}))


def test_a_comments_runs_queue_behind_each_other_and_no_other_comments():
    """A group per comment (GitHub cancels a waiting run of a group when a newer one queues): an
    edit waits for the run of the same comment; two comments, even on one issue, go side by side;
    nothing is cancelled."""
    group = CURATOR["concurrency"]["group"]
    assert resolved(group, comment(comment_id=99)) == resolved(group, comment(comment_id=99, action="edited"))
    assert resolved(group, comment(comment_id=99)) != resolved(group, comment(comment_id=100))
    assert CURATOR["concurrency"]["cancel-in-progress"] is False
    assert all("concurrency" not in job for job in CURATOR["jobs"].values())


def test_the_reply_job_runs_whenever_the_record_job_ran():
    run = comment()
    assert job_runs(CURATOR, "reply", run, record=Need("success", {"reply": "Recorded."}), rebuild=Need("success"))
    assert job_runs(CURATOR, "reply", run, record=Need("failure"), rebuild=Need("skipped"))
    assert job_runs(CURATOR, "reply", Run(run.event_name, run.event, cancelled=True),
                    record=Need("cancelled"), rebuild=Need("skipped"))
    assert not job_runs(CURATOR, "reply", run, record=Need("skipped"), rebuild=Need("skipped"))


def test_the_reply_says_what_was_recorded_and_closes_only_the_reports_decided():
    run = comment()
    assert step_runs(CURATOR, "reply", "Reply", run, record=Need(outputs={"reply": "Recorded."}))
    assert not step_runs(CURATOR, "reply", "Reply", run, record=Need())
    close = "Answer and close the readers' reports decided"
    assert step_runs(CURATOR, "reply", close, run, steps={"reply": "success"}, record=Need(outputs={"close": "12 13"}))
    assert not step_runs(CURATOR, "reply", close, run, steps={"reply": "success"}, record=Need())


def test_every_failure_of_a_comments_run_is_answered_on_its_issue():
    """The last step answers when the record job failed, timed out or was cancelled before it
    wrote a reply, Publish could not be started, or the reply failed; not when a reply told."""
    run, cancelled = comment(), Run("issue_comment", comment().event, cancelled=True)
    ok = Need("success", {"reply": "Recorded.", "recorded": "true"})

    def answers(run: Run, reply: str, **needs: Need) -> bool:
        return step_runs(CURATOR, "reply", "Say that the run failed", run, steps={"reply": reply}, **needs)

    assert not answers(run, "success", record=ok, rebuild=Need("success"))
    assert not answers(run, "success", record=Need("success", {"reply": "Nothing to record."}), rebuild=Need("skipped"))
    assert not answers(run, "success", record=Need("failure", {"reply": "Could not push."}), rebuild=Need("skipped"))
    assert answers(run, "skipped", record=Need("failure"), rebuild=Need("skipped"))
    assert answers(cancelled, "skipped", record=Need("cancelled"), rebuild=Need("skipped"))
    assert answers(run, "success", record=ok, rebuild=Need("failure"))
    assert answers(run, "failure", record=ok, rebuild=Need("success"))
    step = step_of(CURATOR["jobs"]["reply"], "Say that the run failed")
    argv = command(step, run, steps={"reply": {"outcome": "skipped"}}, record=Need("failure"), rebuild=Need("skipped"))
    assert argv[:5] == ["gh", "issue", "comment", "7", "--body"]
    assert "(https://github.com/ada/papers/issues/7#issuecomment-99)" in argv[5] and f"({RUN_LINK})" in argv[5]
