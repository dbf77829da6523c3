"""The GitHub workflows, checked offline: lints, schema, commands that exist, and a dry run."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import subprocess
from pathlib import Path

import yaml

from generator.cli import parser

from tests.support.checkout import BIN, clone_repository
from tests.support.site import FIXTURES, QUICK_ARXIV, REPO
from tests.support.replay import Replay

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


def steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text()
    targets = set()
    for match in re.finditer(r"^([\w .-]+):(?!=)", text, re.M):
        targets.update(match.group(1).split())
    return targets


def test_zizmor_finds_nothing():
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--persona", "pedantic", *map(str, WORKFLOWS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_workflows_match_githubs_schema():
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_by_commit_with_its_version_named():
    for path in WORKFLOWS:
        lines = path.read_text().splitlines()
        for line in lines:
            match = re.search(r"uses:\s*(\S+)(.*)", line)
            if match:
                assert SHA_PIN.match(match.group(1)), f"{path.name}: {line.strip()}"
                assert re.search(r"#\s*v\d", match.group(2)), f"{path.name}: no version comment: {line.strip()}"


def test_least_privilege_and_no_expressions_in_run():
    for path in WORKFLOWS:
        workflow = load(path)
        assert workflow["permissions"] == {}, path.name
        for name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {name} has no permissions of its own"
        for name, step in steps(workflow):
            assert "${{" not in step.get("run", ""), f"{path.name}/{name}: expression inside run:"


def check_command(words: list[str]) -> None:
    head, args = words[0], words[1:]
    if head == "make":
        targets = make_targets()
        assert args and all(a in targets for a in args), f"unknown make target in {words}"
    elif head in ("paperboy", ".venv/bin/paperboy"):
        parser().parse_args(args)  # exits (SystemExit) on an unknown command or option
    elif head == "bash":
        assert (REPO / args[0]).is_file(), f"no script {args[0]}"
    elif head == "gh":
        assert args[:2] in (["workflow", "run"], ["issue", "comment"], ["issue", "close"]), f"unexpected gh command {words}"
        if args[:2] == ["workflow", "run"]:
            started = load(REPO / ".github" / "workflows" / args[2])
            assert "workflow_dispatch" in started[True], f"{args[2]} cannot be started by hand"
    else:
        raise AssertionError(f"unexpected command {words}")


def test_every_run_step_uses_commands_that_exist():
    for path in WORKFLOWS:
        for name, step in steps(load(path)):
            for line in step.get("run", "").splitlines():
                for command in re.split(r"&&|\|\||;", line):
                    if command.strip():
                        check_command(shlex.split(command))


def test_the_schedule_is_daily_at_an_odd_minute():
    on = load(REPO / ".github" / "workflows" / "publish.yml")[True]  # YAML reads `on` as true
    minute = int(on["schedule"][0]["cron"].split()[0])
    assert minute % 2 == 1 and minute not in (0, 30)
    assert "workflow_dispatch" in on and on["push"]["branches"] == ["main"]


# What the actions before a run: step would have output on a fork ("base_url" has no trailing slash).
FORK_URL = "https://fork-owner.github.io/my-papers"
STEP_OUTPUTS = {"steps.pages.outputs.base_url": FORK_URL, "github.token": "not-used-by-a-local-run"}


def step_env(step: dict, **more: str) -> dict[str, str]:
    """A step's env:, its expressions replaced by what the actions before it would output."""
    env, outputs = {}, {**STEP_OUTPUTS, **more}
    for name, value in step.get("env", {}).items():
        expressions = re.findall(r"\$\{\{\s*(.*?)\s*\}\}", str(value))
        assert all(e in outputs for e in expressions), f"no stand-in for {expressions} in {name}"
        env[name] = re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: outputs[m.group(1)], str(value))
    return env


def test_publish_jobs_commands_run_in_order_and_give_a_deployable_site(tmp_path):
    """The fetch and site jobs' run: steps, in order (but the hashed install: the test's own
    environment stands in), against a local Hugging Face stand-in, with the build's env: from
    configure-pages' output: a fork's site links to its own URL; the commit says what the fetch
    itself reported."""
    workflow = load(REPO / ".github" / "workflows" / "publish.yml")
    root = clone_repository(tmp_path / "clone")

    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    day = json.loads((FIXTURES / "hf-daily-papers-2026-05-13.json").read_bytes())
    for item in day:  # a day later, every paper has one more upvote: published records change
        item["paper"]["upvotes"] += 1
    empty = (FIXTURES / "arxiv-query-2026-empty-result.xml").read_bytes()
    output = tmp_path / "github_output"
    with Replay(days={today: day}, arxiv=lambda ids: (200, empty)) as server:
        env = {
            **os.environ,
            "PAPERBOY_HF_API": server.base,
            "PAPERBOY_ARXIV_API": server.base + "/query",
            **QUICK_ARXIV,
            "GITHUB_OUTPUT": str(output),
        }
        env.pop("GITHUB_ACTIONS", None)  # the script pushes only on GitHub
        env.pop("PAPERBOY_SITE_URL", None)  # only the workflow's own env: may set it
        for job in ("fetch", "site"):
            for _, step in [(job, s) for s in workflow["jobs"][job]["steps"]]:
                if "run" in step and step.get("name") != "Install":
                    more = {"runner.temp": str(tmp_path)}
                    result = subprocess.run(["bash", "-c", step["run"]], cwd=root, env={**env, **step_env(step, **more)},
                                            capture_output=True, text=True)
                    assert result.returncode == 0, f"{job}: {step['run']}\n{result.stdout}\n{result.stderr}"
    log = subprocess.run(["git", "log", "--format=%s"], cwd=root, capture_output=True, text=True).stdout.split("\n")
    published = [item["paper"]["id"] for item in day if (root / "content" / "papers" / f"{item['paper']['id']}.md").is_file()]
    assert published and log[0] == f"0 new papers, {len(published)} updated", log
    where = subprocess.run([str(BIN / "python"), "-c", "import generator; print(generator.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).parent == REPO / "generator", "the test's own environment was left alone"
    assert output.read_text().startswith("sha=")
    assert (root / "site" / "index.html").is_file()
    assert (root / "site" / "papers" / "2605.12483" / "index.html").is_file()
    assert (root / "site" / "feeds" / "all.atom.xml").is_file()
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
    assert "content/papers" not in status, "every changed record was committed"

    site = root / "site"
    fork, default = FORK_URL + "/", "https://example.github.io/paperboy/"
    feed = (site / "feeds" / "all.atom.xml").read_text()
    assert re.search(f'href="{re.escape(fork)}papers/[^"/]+/"', feed) and f"<id>{fork}feeds/all.atom.xml</id>" in feed
    tag_feeds = list((site / "feeds" / "tags").glob("*.atom.xml"))
    assert tag_feeds and all(f"<id>{fork}feeds/tags/" in p.read_text() for p in tag_feeds)
    sitemap = (site / "sitemap.xml").read_text()
    assert f"<loc>{fork}papers/2605.12483/</loc>" in sitemap
    page = (site / "papers" / "2605.12483" / "index.html").read_text()
    assert f'<link rel="canonical" href="{fork}papers/2605.12483/">' in page
    built = [p for p in site.rglob("*") if p.suffix in (".html", ".xml") and p.is_file()]
    assert not [p for p in built if default in p.read_text()], "nothing links to the default site"


def test_the_digest_step_skips_cleanly_without_secrets_and_sends_with_them(tmp_path):
    from tests.support.smtp import Collect, free_port
    from aiosmtpd.controller import Controller

    root = clone_repository(tmp_path / "clone")
    step = next(s for s in load(REPO / ".github" / "workflows" / "publish.yml")["jobs"]["digest"]["steps"]
                if s.get("name") == "Send")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PAPERBOY_SMTP", "PAPERBOY_DIGEST", "GITHUB_"))}

    skipped = subprocess.run(["bash", "-c", step["run"]], cwd=root, env=env, capture_output=True, text=True)
    assert skipped.returncode == 0 and "not set up, nothing to send" in skipped.stdout

    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        env.update({"PAPERBOY_SMTP_HOST": "127.0.0.1", "PAPERBOY_SMTP_PORT": str(controller.port),
                    "PAPERBOY_SMTP_TLS": "none", "PAPERBOY_DIGEST_FROM": "digest@example.org",
                    "PAPERBOY_DIGEST_TO": "ada@example.org"})  # any day of the week, not only Mondays
        sent = subprocess.run(["bash", "-c", step["run"]], cwd=root, env=env, capture_output=True, text=True)
    finally:
        controller.stop()
    # Last week may have no bundled paper: then nothing is sent and nothing committed, cleanly.
    assert sent.returncode == 0, sent.stderr
    log = subprocess.run(["git", "log", "--format=%s"], cwd=root, capture_output=True, text=True).stdout
    if handler.messages:
        assert log.startswith("Digest sent:")
    else:
        assert "nothing to send" in sent.stderr and log.strip() == "start"


def test_the_digest_runs_every_scheduled_day_and_the_build_may_read_pages():
    """The digest waits neither for a deploy nor for a Monday; the site job may deploy to Pages."""
    jobs = load(REPO / ".github" / "workflows" / "publish.yml")["jobs"]
    digest = jobs["digest"]
    assert digest["needs"] == "fetch" and digest["if"] == "${{ !cancelled() && github.event_name == 'schedule' }}"
    assert "date" not in (REPO / ".github" / "scripts" / "send-digest.sh").read_text()
    assert jobs["site"]["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    uses = [step.get("uses", "").split("@")[0] for step in jobs["site"]["steps"]]
    runs = [step.get("run") for step in jobs["site"]["steps"]]
    assert uses.index("actions/configure-pages") < runs.index("make site"), "the URL is known before the build"


def test_the_curator_workflow_acts_on_new_and_edited_comments_with_what_each_job_needs():
    """A new or edited comment starts it; push the labels, start Publish, reply: a job each;
    the first filter lets through people on the bot's issues and readers' reports, whatever
    their author_association (the permission API decides)."""
    workflow = load(REPO / ".github" / "workflows" / "curator.yml")
    assert workflow[True] == {"issue_comment": {"types": ["created", "edited"]}}
    jobs = workflow["jobs"]
    assert {name: job["permissions"] for name, job in jobs.items()} == {
        "record": {"contents": "write", "issues": "read"}, "rebuild": {"actions": "write"},
        "reply": {"issues": "write"}}
    gate = jobs["record"]["if"]
    assert "!github.event.issue.pull_request" in gate and "user.type != 'Bot'" in gate
    assert "github.event.issue.user.login == 'github-actions[bot]'" in gate
    assert "contains(github.event.issue.labels.*.name, 'reader-report')" in gate
    assert "author_association" not in json.dumps(workflow), "a private member arrives as CONTRIBUTOR"
    assert jobs["record"]["steps"][0]["with"]["ref"] == "${{ github.event.repository.default_branch }}"
    assert jobs["rebuild"]["if"] == "${{ needs.record.outputs.recorded == 'true' }}"
    assert "comment.body" not in json.dumps(workflow), "the comment's text is read by Python only, never by an expression"


def test_no_comment_run_can_be_cancelled_and_every_failure_answers():
    """Curator's group is one comment's (GitHub cancels a waiting run of a group when a newer one
    queues); the reply job runs whenever the record job ran, and its last step answers when the
    record job failed, timed out or was cancelled before it wrote a reply, or Publish could not
    be started."""
    workflow = load(REPO / ".github" / "workflows" / "curator.yml")
    assert workflow["concurrency"] == {"group": "curator-comment-${{ github.event.comment.id }}",
                                       "cancel-in-progress": False}
    assert all("concurrency" not in job for job in workflow["jobs"].values())
    reply = workflow["jobs"]["reply"]
    assert set(reply["needs"]) == {"record", "rebuild"} and reply["if"].startswith("${{ always()")
    last = reply["steps"][-1]
    for condition in ("cancelled()", "needs.rebuild.result == 'failure'", "needs.record.result != 'success'"):
        assert condition in last["if"]
    assert last["run"] == 'gh issue comment "$ISSUE" --body "$BODY"' and "actions/runs" in last["env"]["BODY"]


def jobs_of(name: str) -> dict:
    return load(REPO / ".github" / "workflows" / name)["jobs"]


def test_a_comments_rebuild_does_not_fetch_and_fetches_and_deployments_queue_one_at_a_time():
    """The rebuild Curator starts asks Publish for no fetch; Publish fetches only on the schedule
    or when a person asks, one fetch at a time; builds and deployments go one at a time in one
    job, of the branch as it is when the job starts (the newest main), and nothing is cancelled
    in progress."""
    start = jobs_of("curator.yml")["rebuild"]["steps"][0]["run"]
    assert "-f fetch=false" in start and "-f issue=" in start and "-f comment=" in start
    publish = load(REPO / ".github" / "workflows" / "publish.yml")
    fetch_input = publish[True]["workflow_dispatch"]["inputs"]["fetch"]
    assert fetch_input["type"] == "boolean" and fetch_input["default"] is True
    jobs = publish["jobs"]
    assert jobs["fetch"]["if"] == ("github.event_name == 'schedule' || "
                                   "(github.event_name == 'workflow_dispatch' && inputs.fetch)")
    assert "concurrency" not in publish
    for name, job in jobs.items():
        assert job["concurrency"]["cancel-in-progress"] is False, name
    assert jobs["fetch"]["concurrency"]["group"] == "publish-fetch"
    deploying = [name for name, job in jobs.items()
                 if any(step.get("uses", "").startswith("actions/deploy-pages@") for step in job["steps"])]
    assert deploying == ["site"] and jobs["site"]["concurrency"]["group"] == "publish-pages"
    checkout = jobs["site"]["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["ref"] == "${{ github.ref }}"
    groups = [job["concurrency"]["group"] for job in jobs.values()]
    assert len(groups) == len(set(groups)), "a scheduled run's review or digest never waits behind a rebuild"


def test_a_failed_rebuild_answers_on_the_comment_that_asked_for_it():
    """Publish's last job runs when the fetch or the site failed, timed out or was cancelled, for a
    rebuild that names its comment, and replies on that comment's issue with the run."""
    answer = jobs_of("publish.yml")["answer"]
    assert set(answer["needs"]) == {"fetch", "site"}
    assert "failure() || cancelled()" in answer["if"] and "inputs.issue" in answer["if"]
    assert answer["permissions"] == {"issues": "write"}
    step = answer["steps"][-1]
    assert step["run"] == 'gh issue comment "$ISSUE" --body "$BODY"' and step["env"]["ISSUE"] == "${{ inputs.issue }}"
    assert "issuecomment-${{ inputs.comment }}" in step["env"]["BODY"] and "actions/runs/" in step["env"]["BODY"]


def uses_python(run: str) -> bool:
    """Whether a run: step needs .venv: make, paperboy, or a script that runs either."""
    scripts = re.findall(r"\.github/scripts/[\w-]+\.sh", run)
    text = run + "".join((REPO / script).read_text() for script in scripts)
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return bool(re.search(r"\bmake\b|paperboy|\.venv|pip ", text))


def test_the_workflow_scripts_hold_no_python_and_recount_nothing():
    """The scripts call paperboy for what they need: no Python in a heredoc or `python -c`, and the
    commit step takes the fetch's own summary instead of counting files in `git status`."""
    for script in (REPO / ".github" / "scripts").glob("*.sh"):
        text = script.read_text()
        assert not re.search(r"python3?\s+(-\s|-c\b)|<<\s*'?PY", text), script.name
    commit = (REPO / ".github" / "scripts" / "commit-records.sh").read_text()
    assert "FETCH_SUMMARY" in commit and "grep -c" not in commit
    assert "paperboy review-issue" in (REPO / ".github" / "scripts" / "open-review-issue.sh").read_text()


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
    for path in WORKFLOWS:
        for name, job in load(path)["jobs"].items():
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


def test_the_review_issue_is_opened_after_a_scheduled_fetch_with_issues_write_only_there():
    """Publish's review job: after a successful fetch on the schedule, may read the code and write
    issues; only it, and the job that answers a failed rebuild, may."""
    jobs = load(REPO / ".github" / "workflows" / "publish.yml")["jobs"]
    review = jobs["review"]
    assert review["needs"] == "fetch" and "github.event_name == 'schedule'" in review["if"]
    assert review["permissions"] == {"contents": "read", "issues": "write"}
    assert [name for name, job in jobs.items() if "issues" in job["permissions"]] == ["review", "answer"]
