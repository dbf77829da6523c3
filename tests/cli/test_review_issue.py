"""The day's review issue and what a comment's label does next: `paperboy review --format
markdown` as a process, `paperboy review-issue` (what Publish's review step runs: whether to open
today's issue, and its text) in-process against a stand-in for GitHub's API on 127.0.0.1, and a
comment's label at the next build; on the bundled labels and the recorded days' candidates,
decided once a run (the `reviewed_site` fixture). Markdown is read back with cmark-gfm, GitHub's
own parser. The step itself, with a stand-in `gh`: tests/workflows/test_curator_comments.py."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.config import load_settings
from generator.storage.corpus import Corpus
from generator.storage.labels import read_labels
from generator.topic_stage import apply_topic, decide_all

from tests.support.curator import EVENTS, LABELS, github_html, label_the_newest_day, outside_code
from tests.support.github_standin import GitHub, issue, report
from tests.support.inprocess import paperboy
from tests.support.site import run_paperboy

TODAY = f"Papers to review: {dt.datetime.now(dt.timezone.utc).date().isoformat()}"


@pytest.fixture(scope="module")
def reviewed(reviewed_site: Path, tmp_path_factory) -> Path:
    """This module's own copy of the run's reviewed site (commands here may write its caches)."""
    root = tmp_path_factory.mktemp("reviewed") / "site"
    shutil.copytree(reviewed_site, root)
    return root


def test_review_as_markdown_lists_the_last_days_unlabelled_papers_for_github(reviewed):
    """`paperboy review --days 1 --limit 10 --format markdown`: at most 10 papers of the newest day,
    none labelled, each with its score, state, title and arXiv link, as GitHub parses it."""
    result = run_paperboy(reviewed, "review", "--days", "1", "--limit", "10", "--format", "markdown")
    tree = github_html(result.stdout)
    items = tree.findall("./ol/li")
    ids = [item.find("strong").text for item in items]
    settings = load_settings(reviewed / "mkdocs.yml")
    decided = decide_all(settings, Corpus(settings))
    newest = max(p.day for p in decided.papers.values() if p.day)
    assert 1 <= len(ids) <= 10
    assert all(decided.papers[key].day == newest and key not in decided.labels for key in ids)
    for key, item in zip(ids, items):
        decision = decided.decisions[key]
        assert f"score {decision.score:.2f}" in item.text_content()
        assert ("not published" in item.text_content()) == (not decision.kept)
        assert item.find("code").text_content() == decided.papers[key].title


def test_review_prints_nothing_when_every_recent_paper_is_labelled(reviewed, tmp_path):
    """Label every paper of the newest day: the Markdown is empty, so no issue is opened."""
    site = tmp_path / "site"
    shutil.copytree(reviewed, site)
    label_the_newest_day(site)
    result = run_paperboy(site, "review", "--days", "1", "--limit", "10", "--format", "markdown")
    assert result.stdout == "" and "nothing to review" in result.stderr


# `paperboy review-issue`, in-process: whether today's issue is opened, and its text.

def review_issue(site: Path, github: GitHub, tmp_path: Path) -> tuple[str, str, str]:
    """`paperboy review-issue --days 1 --limit 10` as the step runs it, in-process: the title it
    printed (empty: open nothing), the body it wrote, and what it logged."""
    body = tmp_path / "body.md"
    ran = paperboy(site, "review-issue", "--days", "1", "--limit", "10", "--body", str(body), env=github.env())
    return ran.stdout.strip(), body.read_text(), ran.stderr


@pytest.fixture
def opened(reviewed, tmp_path):
    return lambda github, site=reviewed: review_issue(site, github, tmp_path)


def test_the_days_issue_is_titled_with_today_and_holds_the_review_list(reviewed, opened):
    """Papers to review, Issues on, no issue of today's: today's title, and the body is exactly
    `paperboy review --days 1 --limit 10 --format markdown` (no report is open)."""
    with GitHub() as github:
        title, body, _ = opened(github)
    assert title == TODAY
    expected = run_paperboy(reviewed, "review", "--days", "1", "--limit", "10", "--format", "markdown").stdout
    assert body == expected and len(github_html(body).findall("./ol/li")) >= 1


@pytest.mark.parametrize(("has_issues", "existing", "said"), [
    (False, [], "Issues are off in this repository"),
    (True, [issue(17, TODAY)], "exists already: not opened again"),
    (True, [issue(17, TODAY, state="closed")], "exists already: not opened again"),
])
def test_nothing_is_opened_when_issues_are_off_or_todays_exists(opened, has_issues, existing, said):
    """Issues off (a fork's default) or the bot's issue of today there already, open or closed:
    no title, no text, and the log says why."""
    with GitHub(issues=existing, has_issues=has_issues) as github:
        title, body, log = opened(github)
    assert (title, body) == ("", "") and said in log


@pytest.mark.parametrize("other", [issue(17, TODAY, author="mallory-x"), issue(17, "Papers to review: 2020-01-01")])
def test_an_issue_with_todays_title_by_someone_else_does_not_stop_the_days_issue(opened, other):
    """Someone opened "Papers to review: <today>" in advance, or the bot's issue is another day's:
    the day's issue is opened all the same."""
    with GitHub(issues=[other]) as github:
        title, body, _ = opened(github)
    assert title == TODAY and body


def test_nothing_is_opened_when_there_is_nothing_to_review(reviewed, opened, tmp_path):
    """Every paper of the newest day labelled and no report open: no title, no text."""
    site = tmp_path / "site"
    shutil.copytree(reviewed, site)
    label_the_newest_day(site)
    with GitHub() as github:
        title, body, log = opened(github, site)
    assert (title, body) == ("", "") and "nothing to review in the last 1 days: no issue opened" in log


def test_a_readers_report_is_flagged_in_the_review_issue_and_changes_no_label(reviewed, opened):
    """Two open reports about a paper (hostile reasons), one closed, one whose id is no arXiv id:
    the day's issue lists the paper under "Flagged by readers" with 2 reports and their reasons as
    code (no mention, reference or link outside it); the bad report is named in the log and left
    out; labels.yml is untouched."""
    paper = "2605.09530"
    hostile = "@ada-lovelace see #1 and https://evil.example <b>bold</b>\nsecond line " + "x" * 200
    reports = [report(11, paper, hostile), report(12, paper, "not about LMs"), report(13, paper, state="closed"),
               report(14, "not-an-id; rm -rf /")]
    labels_before = (reviewed / LABELS).read_bytes()
    with GitHub(issues=reports) as github:
        title, body, log = opened(github)
    assert title == TODAY
    tree = github_html(body)
    heading = next(h for h in tree.iter("h3") if h.text_content() == "Flagged by readers")
    flagged = heading.getnext().getnext()
    assert flagged.tag == "ol" and len(flagged.findall("li")) == 1
    item = flagged.find("li")
    assert item.find("strong").text == paper and "2 wrong topic" in item.text_content()
    assert "reports 11, 12" in item.text_content()
    reasons = [code.text_content() for code in item.iter("code")][:2]
    assert reasons[0].startswith("@ada-lovelace see #1") and len(reasons[0]) <= 120 and "\n" not in reasons[0]
    assert reasons[1] == "not about LMs"
    leftover = outside_code(item)
    assert "@" not in leftover and "#" not in leftover and "evil" not in leftover and not item.findall(".//b")
    assert "reader's report ignored: issue 14: 'not-an-id; rm -rf /' is not an arXiv id" in log
    assert (reviewed / LABELS).read_bytes() == labels_before


# A comment's label at the next build.

def test_a_comments_label_beats_the_model_and_changes_it_at_the_next_build(reviewed, tmp_path):
    """After a collaborator's `/on` of the unlabelled paper the model scores highest but does not
    publish, the topic stage does not skip (labels.yml is in its fingerprint), the model is trained
    on one more label, and the paper is published."""
    site = tmp_path / "site"
    shutil.copytree(reviewed, site)
    settings = load_settings(site / "mkdocs.yml")
    assert apply_topic(settings, Corpus(settings)).unchanged, "nothing changed since the fixture's build"
    before = decide_all(settings, Corpus(settings))
    _, target = max((d.score, key) for key, d in before.decisions.items()
                    if not d.kept and key not in before.labels and d.score is not None)
    event = json.loads((EVENTS / "comment-collaborator-on.json").read_text())
    event["comment"]["body"] = f"/on {target} a small model for phones"
    (tmp_path / "event.json").write_text(json.dumps(event))
    with GitHub(roles={"grace-h": "write"}) as github:
        run_paperboy(site, "curate-comment", "--event", str(tmp_path / "event.json"), env=github.env())
    assert read_labels(site / LABELS)[target].by == "github:grace-h"
    report_ = apply_topic(settings, Corpus(settings))
    assert not report_.unchanged and report_.added == (target,) and report_.removed == ()
    assert (site / "content" / "papers" / f"{target}.md").is_file()
    after = decide_all(settings, Corpus(settings))
    trained = [int(re.search(r"trained on (\d+)", d.model_note).group(1)) for d in (before, after)]
    assert trained[1] == trained[0] + 1
    assert after.decisions[target].reason == "labelled on: a small model for phones"
