"""The GitHub workflows checked as processes: the lints (zizmor, GitHub's schema) and Publish's
steps run by bash and git on a checkout. What each job does for a given event, and the safety
properties read from the files, are in tests/unit/test_workflow_files.py."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path

from generator.render.periods import Period

from tests.support.actions import WORKFLOWS, Run, step_env, step_of, workflow
from tests.support.checkout import BIN, git, small_checkout
from tests.support.replay import Replay
from tests.support.site import FIXTURES, QUICK_ARXIV, REPO
from tests.support.smtp import RECIPIENTS, smtp_server

FILES = sorted(WORKFLOWS.glob("*.yml"))


def test_zizmor_finds_nothing():
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--persona", "pedantic", *map(str, FILES)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_workflows_match_githubs_schema():
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, FILES)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


FORK_URL = "https://fork-owner.github.io/my-papers"
"""What configure-pages outputs on a fork (its base_url has no trailing slash)."""


def test_publish_jobs_commands_run_in_order_and_give_a_deployable_site(tmp_path):
    """The fetch and site jobs' run: steps, in order (but the hashed install: the test's own
    environment stands in), on a small checkout holding one of the day's published papers,
    against a local Hugging Face stand-in, with the build's env: from
    configure-pages' output: a fork's site links to its own URL; the commit says what the fetch
    itself reported."""
    publish = workflow("publish.yml")
    root = small_checkout(tmp_path / "clone", REPO / "content" / "papers" / "2605.12483.md")  # one of the day's

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
        # What the steps before each run: step output, as GitHub fills the run's env: in.
        run = Run("schedule", runner_temp=str(tmp_path))
        pages = {"pages": {"outputs": {"base_url": FORK_URL}}}
        for job in ("fetch", "site"):
            for step in publish["jobs"][job]["steps"]:
                if "run" in step and step.get("name") != "Install":
                    result = subprocess.run(["bash", "-c", step["run"]], cwd=root, capture_output=True, text=True,
                                            env={**env, **step_env(step, run, steps=pages)})
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
    """Without the SMTP secrets the step skips, successfully; with them, a week without papers
    sends and commits nothing, and last week's papers go out on any day of the week (not only
    Mondays) and the sent log is committed, so the next day's run does not send them again."""
    root = small_checkout(tmp_path / "clone")
    step = step_of(workflow("publish.yml")["jobs"]["digest"], "Send")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PAPERBOY_SMTP", "PAPERBOY_DIGEST", "GITHUB_"))}

    def send(**more: str) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "-c", step["run"]], cwd=root, env={**env, **more}, capture_output=True, text=True)

    def log() -> list[str]:
        return git(root, "log", "--format=%s").splitlines()

    skipped = send()
    assert skipped.returncode == 0 and "not set up, nothing to send" in skipped.stdout
    with smtp_server() as (handler, secrets):
        empty = send(**secrets)  # the test records are years old: last week has none
        assert empty.returncode == 0 and "nothing to send" in empty.stderr, empty.stderr
        assert handler.messages == [] and log() == ["start"]

        week = Period.last_complete("week", dt.datetime.now(dt.timezone.utc).date())
        record = root / "content" / "papers" / "2305.02301.md"
        record.write_text(re.sub(r"^featured: .*$", f"featured: {week.start + dt.timedelta(days=2)}",
                                 record.read_text(), count=1, flags=re.M))
        sent = send(**secrets)
    assert sent.returncode == 0, sent.stderr
    assert sorted(to for recipients, _ in handler.messages for to in recipients) == sorted(RECIPIENTS)
    assert log() == ["Digest sent: last week's top papers", "start"]
    assert git(root, "show", "--format=", "--name-only", "HEAD") == "content/.digests.json"
