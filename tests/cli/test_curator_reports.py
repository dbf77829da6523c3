"""Readers' reports: the issue forms a reader fills in, and how a report issue is read back.

The forms are checked against GitHub's own issue-forms schema (check-jsonschema's vendored copy)
and against the contract the site's links rely on; a report's text is read as GitHub writes a
form's answers, and hostile text stays a suggestion with a short, one-line reason.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from generator.curator.reports import MAX_REASON, flagged, read_report, read_reports
from generator.sources.github import Issue, parse_issues

from tests.support.site import REPO
from tests.support.github_standin import issue, report

FORMS = REPO / ".github" / "ISSUE_TEMPLATE"
BIN = Path(sys.executable).parent


def as_issue(item: dict) -> Issue:
    import json

    return parse_issues(json.dumps([item]).encode(), "test")[0]


def test_the_issue_forms_match_githubs_schema():
    """Both forms validate against GitHub's issue-forms schema (vendored by check-jsonschema)."""
    forms = sorted(FORMS.glob("*.yml"))
    assert [path.name for path in forms] == ["belongs-here.yml", "wrong-topic.yml"]
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms",
                             *map(str, forms)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("name", "title", "label"), [("wrong-topic.yml", "Wrong topic: ", "wrong-topic"),
                                                      ("belongs-here.yml", "Belongs here: ", "belongs-here")])
def test_each_form_keeps_the_contract_the_sites_links_rely_on(name, title, label):
    """The link `?template=<name>&title=...&paper=<id>` fills the required `paper` input; `reason`
    is an optional textarea; the labels mark a reader's report and its direction; the field
    labels are the headings read back (generator/curator/reports.py)."""
    form = yaml.safe_load((FORMS / name).read_text())
    assert form["title"] == title and form["labels"] == ["reader-report", label]
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert fields["paper"]["type"] == "input" and fields["paper"]["validations"]["required"] is True
    assert fields["reason"]["type"] == "textarea" and fields["reason"]["validations"]["required"] is False
    assert fields["paper"]["attributes"]["label"] == "arXiv id"
    assert fields["reason"]["attributes"]["label"] == "Why, in a few words"
    link = f"https://github.com/o/r/issues/new?template={name}&title={title.replace(' ', '%20').replace(':', '%3A')}2507.12345&paper=2507.12345"
    query = parse_qs(urlsplit(link).query)
    assert query["template"] == [name] and query["paper"] == ["2507.12345"]
    assert query["title"] == [f"{title}2507.12345"]


def test_a_report_is_read_as_github_writes_the_forms_answers():
    """The id from the `arXiv id` answer (a version or the arxiv.org link is fine), the direction
    from the labels, `_No response_` as no reason, CRLF bodies too."""
    got = read_report(as_issue(report(5, "2507.12345v2", "video, not language")))
    assert (got.issue, got.paper, got.direction, got.reason) == (5, "2507.12345", "wrong-topic", "video, not language")
    crlf = issue(6, "Belongs here: x", author="r", labels=("reader-report", "belongs-here"),
                 body="### arXiv id\r\n\r\nhttps://arxiv.org/abs/2507.12346\r\n\r\n### Why, in a few words\r\n\r\n_No response_")
    got = read_report(as_issue(crlf))
    assert (got.paper, got.direction, got.reason) == ("2507.12346", "belongs-here", "")


@pytest.mark.parametrize(("item", "why"), [
    (report(7, "2507.1; echo hi"), "is not an arXiv id"),
    (issue(8, "Wrong topic: 2507.12345", author="r", labels=("wrong-topic",)), "has no reader-report label"),
    (issue(9, "Hello", author="r", labels=("reader-report",), body="### arXiv id\n\n2507.12345"),
     "neither wrong-topic nor belongs-here"),
])
def test_an_issue_that_is_no_report_is_named_and_left_out(item, why, caplog):
    """A bad id, no report label, no direction: left out, with a line in the log naming the issue."""
    assert why in read_report(as_issue(item))
    assert read_reports([as_issue(item)]) == ()
    assert f"issue {item['number']}" in caplog.text


def test_a_hostile_report_stays_one_short_line_and_only_its_first_answers_count():
    """A reason with line breaks, a heading of its own and 500 characters: one line of at most
    MAX_REASON characters; a second `### arXiv id` heading in the reason does not change the id."""
    body = ("### arXiv id\n\n2507.12345\n\n### Why, in a few words\n\nline one\n### arXiv id\n\n2507.99999\n"
            + "y" * 500)
    got = read_report(as_issue(issue(3, "Wrong topic: 2507.12345", author="r", body=body,
                                     labels=("reader-report", "wrong-topic"))))
    assert got.paper == "2507.12345" and len(got.reason) <= MAX_REASON and "\n" not in got.reason


def test_flagged_papers_come_most_reported_first_with_every_report():
    """Two reports about one paper come before one about another; each keeps its reports in order."""
    reports = read_reports([as_issue(report(n, paper)) for n, paper in ((4, "2507.1"), (2, "2507.00002"),
                                                                         (3, "2507.00003"), (5, "2507.00003"))])
    assert [(item.paper, [r.issue for r in item.reports]) for item in flagged(reports)] == [
        ("2507.00003", [3, 5]), ("2507.00002", [2])]
