"""Which comment decides, and when: the newest decision wins, the permission API alone says who
may decide, a command counts as GitHub shows it, closed issues decide nothing, a reader's report
is a suggestion that someone with write access decides.

The tests call `apply_comment`, the seam `paperboy curate-comment` runs, in-process, on crafted
`issue_comment` payloads (made from tests/fixtures/github/comment-collaborator-on.json), asking
a stand-in for GitHub's API on 127.0.0.1; one runs `paperboy curate-comment` itself (in-process
too) on the recorded report and comment. The workflow's step around it, against a local bare
repository: tests/workflows/test_curator_comments.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.config import Settings, load_settings
from generator.curator.comments import CommentReport, apply_comment
from generator.curator.reports import REPORT_LABEL, read_reports
from generator.render.curator import commit_message, reply_markdown, review_markdown
from generator.sources.github import Api, fetch_issues, fetch_permission, parse_comment_event
from generator.sources.net import Http
from generator.storage.candidates import Candidates
from generator.storage.labels import read_labels, record_labels
from generator.topic.commands import parse_commands
from generator.topic.labels import make_label

from tests.support.site import configure, make_site
from tests.support.curator import EVENTS, OTHER, PAPER, ROLES, curate, day_papers, github_html, payload, reviewed
from tests.support.github_standin import REPOSITORY, TOKEN, GitHub, report


@pytest.fixture
def github():
    """A stand-in for GitHub's API on 127.0.0.1, answering ROLES for the permission lookups."""
    with GitHub(roles=dict(ROLES)) as stand_in:
        yield stand_in


def comment(body: str, **fields):
    return parse_comment_event(json.dumps(payload(body, **fields)).encode(), "crafted event")


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """A small site: one real day of candidates, no label yet; made once, copied for each test."""
    root = make_site(tmp_path_factory.mktemp("small") / "site", with_papers=False)
    configure(root, backoff=0.01, attempts=1, read_timeout=5)
    Candidates(root / "content" / "candidates").upsert(day_papers())
    return root


@pytest.fixture
def site(small: Path, tmp_path: Path) -> Settings:
    """This test's copy of the small site."""
    return load_settings(shutil.copytree(small, tmp_path / "site") / "mkdocs.yml")


@pytest.fixture
def decide(site: Settings, github: GitHub):
    """`paperboy curate-comment`'s seam, asking the stand-in for GitHub as the command does."""
    api = Api(github.url(""), REPOSITORY, TOKEN)

    def run(event) -> CommentReport:
        with Http(contact=site.contact, policy=site.http) as http:
            return apply_comment(site, event, lambda login: fetch_permission(http, api, login),
                                 lambda: read_reports(fetch_issues(http, api, label=REPORT_LABEL)))
    return run


def labels(site: Settings) -> dict[str, tuple[str, str]]:
    return {key: (label.verdict, label.at) for key, label in read_labels(site.labels_file).items()}


def reply(done: CommentReport) -> str:
    return reply_markdown(done.recorded, done.problems, refused=done.refused, closed=done.close)


# The newest decision wins.

def test_an_older_on_applied_after_a_newer_off_leaves_off_and_says_so(site, decide):
    """Comment B (`/off`, 10:00) is applied first, then comment A (`/on`, 09:00, posted earlier,
    its run finished later): the label stays off, A's reply says a newer decision stands, and
    there is nothing to commit."""
    newer = decide(comment(f"/off {PAPER} video diffusion", comment_id=200, at="2026-12-01T10:00:00Z"))
    older = decide(comment(f"/on {PAPER}", comment_id=100, at="2026-12-01T09:00:00Z"))
    assert labels(site) == {PAPER: ("off", "2026-12-01T10:00:00Z")}
    assert read_labels(site.labels_file)[PAPER].comment.endswith("#issuecomment-200")
    assert [done.stale for done in newer.recorded + older.recorded] == [False, True]
    assert (f"- not applied **{PAPER}** on: a newer decision stands (off, 2026-12-01T10:00:00Z)"
            in reply(older))
    assert "rebuilds the site" not in reply(older)
    assert commit_message("grace-h", 42, older.recorded) == ""


def test_two_comments_of_the_same_second_are_ordered_by_their_ids(site, decide):
    """GitHub numbers comments in the order they are made: in the same second, the later id wins."""
    decide(comment(f"/off {PAPER} no", comment_id=301, at="2026-12-01T10:00:00Z"))
    decide(comment(f"/on {PAPER}", comment_id=300, at="2026-12-01T10:00:00Z"))
    assert labels(site)[PAPER][0] == "off"
    decide(comment(f"/on {PAPER}", comment_id=302, at="2026-12-01T10:00:00Z"))
    assert labels(site)[PAPER][0] == "on"


def test_a_label_by_hand_is_replaced_by_a_comment_and_a_comment_by_a_label_by_hand(site, decide):
    """`paperboy label` carries no time: it always applies, and a comment over it applies too."""
    decide(comment(f"/on {PAPER}"))
    record_labels(site.labels_file, [make_label(PAPER, "off", "by hand")])
    assert labels(site)[PAPER] == ("off", "")
    decide(comment(f"/on {PAPER}", comment_id=1, at="2020-01-01T00:00:00Z"))
    assert labels(site)[PAPER][0] == "on"


def test_an_edited_comments_new_command_is_read_and_its_old_run_changes_nothing(site, decide):
    """A comment says `/on`, then is edited to `/off`: the edit is read as of its time and wins;
    a re-run of the first run (the same payload) afterwards changes nothing."""
    first = comment(f"/on {PAPER}", at="2026-12-01T09:00:00Z")
    decide(first)
    edited = decide(comment(f"/off {PAPER} on second thought", at="2026-12-01T09:30:00Z", action="edited"))
    assert edited.ignored == "" and labels(site)[PAPER] == ("off", "2026-12-01T09:30:00Z")
    assert "recorded **2605.09530** off (was on)" in reply(edited)
    again = decide(first)
    assert again.recorded[0].stale and labels(site)[PAPER][0] == "off"


def test_an_edit_that_leaves_a_command_as_it_was_decides_nothing_again(site, decide):
    """A comment's `/on` is followed by someone's newer `/off`; then the comment is edited to fix a
    typo in its prose, its `/on` left as it was: the `/off` stands, and the reply is empty."""
    decide(comment(f"Good one.\n\n/on {PAPER}", at="2026-12-01T09:00:00Z"))
    decide(comment(f"/off {PAPER} video", comment_id=999, login="ada-lovelace", at="2026-12-01T09:10:00Z"))
    typo = decide(comment(f"Good one!\n\n/on {PAPER}", at="2026-12-01T09:20:00Z", action="edited",
                          before=f"Good one.\n\n/on {PAPER}"))
    assert labels(site)[PAPER][0] == "off" and typo.recorded == () and reply(typo) == ""


# Who decides: the permission API, whatever author_association says.

@pytest.mark.parametrize("association", ["CONTRIBUTOR", "NONE"])
def test_a_private_member_with_write_access_decides(site, decide, github, association):
    """An organization member whose membership is private arrives as CONTRIBUTOR (or NONE): GitHub
    is asked, answers write, and the label is recorded."""
    github.roles["priv-member"] = "write"
    done = decide(comment(f"/on {PAPER}", login="priv-member", association=association))
    assert done.ignored == "" and labels(site)[PAPER][0] == "on"
    assert github.requests[0][0] == "/repos/ada-lovelace/paperboy/collaborators/priv-member/permission"


def test_an_enterprise_managed_login_with_an_underscore_decides(site, decide, github):
    """`octo_acme` (an Enterprise Managed User) is a login: asked about, and recorded as such."""
    github.roles["octo_acme"] = "admin"
    decide(comment(f"/on {PAPER}", login="octo_acme", association="MEMBER"))
    assert read_labels(site.labels_file)[PAPER].by == "github:octo_acme"


def test_a_closed_review_issue_decides_nothing_and_the_reply_says_so(site, decide, github):
    """A command on a closed review issue: nothing recorded, GitHub not asked, the reply says why."""
    done = decide(comment(f"/on {PAPER}", on={"state": "closed"}))
    assert labels(site) == {} and github.requests == []
    assert "#42 is closed: nothing recorded; decide on the newest open review issue" in reply(done)


# As GitHub shows it: one rule, read off the rendered HTML.

@pytest.mark.parametrize("body", [
    f"<details>\n\n</pre>\n\n/on {PAPER}\n\n</details>",  # a stray closing tag inside a collapsed section
    f"<details><summary>old</summary>\n</blockquote>\n\n/on {PAPER}\n\n</details>",
    f"> </blockquote>\n> /on {PAPER}",  # a stray closing tag inside a quote
    f"> quoted\n> </blockquote>\n>\n> /on {PAPER}",
    f"> > /on {PAPER}",
    f"~~/on {PAPER}~~",  # struck through
    f"<del>/on {PAPER}</del>", f"<s>/on {PAPER}</s>", f"<strike>/on {PAPER}</strike>",
    f"<!-- </details> -->\n<details>\n\n/on {PAPER}\n\n</details>",
    f"<div>\n<details>\n</div>\n/on {PAPER}\n</details>",
    f"```\n/on {PAPER}\n```", f"    /on {PAPER}", f"<pre>\n\n/on {PAPER}\n\n</div>",
    f"text\u2028/on {PAPER}", f"<template>\n\n/on {PAPER}\n\n</template>",
])
def test_collapsed_quoted_struck_or_stray_tagged_commands_record_nothing(body):
    """What GitHub hides or strikes is no command, however the tags around it are balanced."""
    assert parse_commands(body, by="x").labels == ()


@pytest.mark.parametrize(("body", "expected"), [
    (f"- /off {PAPER} video diffusion\n- /on {OTHER}", [(PAPER, "off"), (OTHER, "on")]),
    (f"1. /on {PAPER}\n\n2. /off {OTHER} why not", [(PAPER, "on"), (OTHER, "off")]),
    (f"\u00a0/on\u00a0{PAPER}", [(PAPER, "on")]),
    (f"\u200b/on {PAPER}", [(PAPER, "on")]),
    (f"first line<br>/on {PAPER}", [(PAPER, "on")]),
    (f"| a |\n|---|\n| /on {PAPER} |", [(PAPER, "on")]),
])
def test_commands_github_shows_in_a_list_or_after_an_invisible_space_count(body, expected):
    """A list item, a no-break or zero-width space, a line break, a table cell: as a reader sees it."""
    parsed = parse_commands(body, by="x")
    assert [(label.arxiv_id, label.verdict) for label in parsed.labels] == expected and parsed.problems == ()


@pytest.mark.parametrize(("body", "said"), [
    (f"- /оn {PAPER}", "unknown command /оn (known: /on, /off, /borderline; ASCII letters only)"),  # Cyrillic о
    (f"/ОFF {PAPER} x", "ASCII letters only"),
    (f"- /on {PAPER} or /off {PAPER} why", "two commands on one line"),
    (f"/off {PAPER} why", "replace `why` with the reason"),
    (f"/off {PAPER} REASON", "replace `REASON` with the reason"),
])
def test_a_command_that_looks_right_but_is_not_gets_a_reply_saying_why(site, decide, body, said):
    """A look-alike letter, two commands on one line, a placeholder left in: nothing recorded, and
    the reply names the line and why."""
    done = decide(comment(body))
    assert labels(site) == {} and said in reply(done)


def test_the_review_issues_example_line_cannot_be_taken_for_a_command():
    """A curator who copies a paper's whole "decide:" line, as GitHub shows it, or everything
    after "decide:", records nothing; the second is named in the reply."""
    items = reviewed(day_papers()[:2])
    tree = github_html(review_markdown(items, threshold=0.5, model_note="m"))
    shown = [line.strip() for item in tree.findall("./ol/li") for line in item.text_content().splitlines()
             if line.strip().startswith("decide:")]
    assert len(shown) == 2
    for line in shown:
        assert parse_commands(line, by="x").labels == ()
        tail = parse_commands(line.removeprefix("decide:").strip(), by="x")
        assert tail.labels == () and "two commands on one line" in tail.problems[0]


# Readers' reports: a suggestion, decided by someone with write access.

ON_REPORT = {"title": f"Wrong topic: {PAPER}", "user": {"login": "reader-r", "type": "User"},
             "labels": [{"name": "reader-report"}, {"name": "wrong-topic"}],
             "body": f"### arXiv id\n\n{PAPER}\n\n### Why, in a few words\n\nvideo, not language"}


def test_an_off_on_a_report_from_someone_with_write_access_records_replies_and_closes_it(site, decide, github):
    """`/off ID why` on the report by a writer: the label is recorded and the report is to be
    answered and closed; so is another open report about the same paper, not one about another."""
    github.issues += [report(7, PAPER, "not an LM"), report(8, OTHER)]
    done = decide(comment(f"/off {PAPER} video diffusion", issue_number=9, on=ON_REPORT))
    assert labels(site)[PAPER][0] == "off" and done.close == (7, 9)
    assert "readers' reports answered and closed: 7, 9" in reply(done)
    assert commit_message("grace-h", 9, done.recorded, kind="reader's report").startswith(
        "Labels for 1 paper from grace-h's comment on reader's report 9")


def test_the_same_from_someone_without_write_access_changes_nothing_and_says_why(site, decide, github):
    """The reporter (or any reader) answers their own report with `/off`: nothing recorded, the
    report stays open, the reply says only people with write access decide."""
    github.roles["reader-r"] = "read"
    done = decide(comment(f"/off {PAPER} trust me", login="reader-r", association="NONE", issue_number=9,
                          on=ON_REPORT))
    assert labels(site) == {} and done.close == ()
    assert "reader-r has read access here: only people with write access decide" in reply(done)


def test_a_decision_on_the_review_issue_closes_the_reports_about_its_paper(site, decide, github):
    """`/on ID` on the review issue: the open reports about that paper are to be closed."""
    github.issues += [report(7, PAPER, direction="belongs-here"), report(8, OTHER), report(5, PAPER, state="closed")]
    done = decide(comment(f"/on {PAPER}"))
    assert done.close == (7,)


def test_a_recorded_report_and_a_writers_off_on_it_through_paperboy(tmp_path, site, github):
    """The recorded report (GitHub's issue list) and a CONTRIBUTOR's `/off` on it (the recorded
    event) through `paperboy curate-comment`: GitHub says write, the label is recorded, the
    reply says the report is closed, and the files the workflow reads name it and what to say."""
    github.issues += json.loads((EVENTS / "issues-open-reports.json").read_text())
    done = curate(site.config_file.parent, "comment-on-report-off", github, tmp_path)
    assert done.status == 0 and labels(site) == {PAPER: ("off", "2026-12-03T08:12:09Z")}
    assert done.close == "57\n"
    assert "readers' reports answered and closed: 57" in done.reply
    assert done.message.startswith("Labels for 1 paper from grace-h's comment on reader's report 57")
    assert done.closing.startswith(f"Thank you for the report. The curator decided: **{PAPER}** off")
