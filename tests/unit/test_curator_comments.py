"""A curator's comment, decided in-process: `paperboy curate-comment` (`generator.cli.main`) on
recorded `issue_comment` payloads (tests/fixtures/github/), in a small site holding one real day of
candidates, asking a stand-in for GitHub's API on 127.0.0.1 who may decide; the commands parsed;
the review issue and the reply as GitHub shows them, read back with cmark-gfm, GitHub's own parser.

The same step end to end (the Curator workflow's bash, a commit, a push to a local remote):
tests/workflows/test_curator_comments.py.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.models import clean_text
from generator.render.curator import code, reply_markdown, review_markdown
from generator.storage.labels import Recorded, read_labels
from generator.topic.commands import MAX_COMMANDS, parse_commands
from generator.topic.labels import Label, make_label

from tests.support.curator import (LABELS, ROLES, curate, day_papers, github_html, outside_code, reviewed,
                                   small_site, unlocated)
from tests.support.github_standin import GitHub
from tests.support.hostile import HOSTILE_STRINGS
from tests.support.inprocess import paperboy

# What GitHub does to a comment or an issue beyond Markdown: @mentions notify, #12 and
# owner/repo#12 link, bare URLs link. None of it may happen to text that came from outside.
GITHUB_HOSTILE = [
    "@ada-lovelace and @octo-org/team, look", "fixes #1 and ada-lovelace/paperboy#2 and GH-3",
    "https://evil.example/x and www.evil.example", "`` ` `` and ``` fence", "`starts and ends with a backtick`",
    ":smile: ~~struck~~ **bold**", "a | pipe | table", "<details><summary>open</summary>x</details>",
    "line\nbreak\n- item\n2. item", "> quote", "[x]: https://evil.example", "\\", "",
]
RECORDED = "Labels for 1 paper from grace-h's comment on review issue 42"


@pytest.fixture
def github():
    """A stand-in for GitHub's permission endpoint on 127.0.0.1, answering ROLES."""
    with GitHub(roles=dict(ROLES)) as stand_in:
        yield stand_in


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """A small site: one real day of candidates, one label (2605.12090 on, with a tag); made once."""
    return small_site(tmp_path_factory.mktemp("small") / "site")


@pytest.fixture
def site(small: Path, tmp_path: Path) -> Path:
    """This test's copy of the small site."""
    return shutil.copytree(small, tmp_path / "site")


@pytest.fixture
def run(site: Path, github: GitHub, tmp_path: Path):
    """`paperboy curate-comment` on a payload, in-process, against the stand-in for GitHub."""
    work = tmp_path / "work"
    work.mkdir()
    return lambda event, **env: curate(site, event, github, work, **env)


def labels_text(site: Path) -> str:
    return (site / LABELS).read_text()


def added(before: str, site: Path) -> list[str]:
    """The lines of labels.yml that were not there before."""
    old = set(before.splitlines())
    return [line for line in labels_text(site).splitlines() if line not in old]


def test_a_collaborators_on_is_one_labels_line_with_its_time_and_comment(site, run):
    """`/on ID why` from a COLLABORATOR: one line added to labels.yml with who, when and where;
    the commit message, the reply and the log say what was recorded, the reason only in the file
    and the reply."""
    before = labels_text(site)
    done = run("comment-collaborator-on")
    assert done.status == 0
    assert added(before, site) == ["- {id: '2605.09530', label: 'on', why: privacy-preserving memory for edge agents, "
                                   "by: 'github:grace-h', at: '2026-12-01T09:02:46Z', comment: 'https://github.com/"
                                   "ada-lovelace/paperboy/issues/42#issuecomment-3601117204'}"]
    assert done.message.splitlines() == [RECORDED, "", "2605.09530 on (new)"]
    assert "recorded **2605.09530** on (new)" in done.reply
    assert "recorded 2605.09530 on (new) by github:grace-h" in done.log


def test_an_outsiders_on_records_nothing_and_the_reply_says_why(site, run, github):
    """`/on` from someone with no relation to the repository (NONE, and no access when GitHub is
    asked): exit 0, nothing written, and the reply says only people with write access decide."""
    before = labels_text(site)
    done = run("comment-outsider-on")
    assert done.status == 0 and labels_text(site) == before and done.message == "" and done.close == ""
    said = "mallory-x has none access here: only people with write access decide"
    assert f"- none recorded: `{said} (Settings > Collaborators)`" in done.reply and said in done.log
    assert github.requests[0][0] == "/repos/ada-lovelace/paperboy/collaborators/mallory-x/permission"


@pytest.mark.parametrize(("event", "why"), [
    ("comment-pull-request", "#43 is a pull request"),
    ("comment-bot", "github-actions[bot] is a bot"),
])
def test_comments_on_pull_requests_and_by_bots_are_ignored(site, run, event, why):
    """An owner's `/on` on a pull request, and a bot's reply that holds `/on`: nothing written,
    nothing to say on the issue."""
    before = labels_text(site)
    done = run(event)
    assert labels_text(site) == before and (done.status, done.reply, done.message) == (0, "", "")
    assert why in done.log


def test_each_malformed_command_is_named_and_skipped_and_the_good_one_recorded(site, run):
    """Four malformed commands are named one line each; the well-formed `/off` is the only change,
    and the tags a person gave the paper stay."""
    done = run("comment-malformed")
    assert done.message.splitlines()[0] == "Labels for 1 paper from ada-lovelace's comment on review issue 42"
    assert unlocated(read_labels(site / LABELS)) == {"2605.12090": Label("2605.12090", "off", "embodied agents, not a small LM",
                                                   ("agents",), "github:ada-lovelace")}
    skipped = [line for line in done.reply.splitlines() if line.startswith("- not recorded:")]
    assert [re.search(r"`(/[^:`]*)", line).group(1) for line in skipped] == [
        "/off 2605.12090", "/of 2605.12090 robots", "/on", "/on 2605.1 typo"]
    assert "needs a reason" in skipped[0] and "unknown command /of" in skipped[1]
    assert "no arXiv id" in skipped[2] and "not an arXiv identifier" in skipped[3]
    assert len([line for line in done.log.splitlines() if line.startswith("not recorded:")]) == 4
    assert "recorded **2605.12090** off (was on)" in done.reply


def test_an_id_that_is_not_a_candidate_is_named_and_the_rest_recorded(site, run):
    """`/on` of a paper never fetched is reported and skipped; the MEMBER's `/borderline` is recorded."""
    before = labels_text(site)
    done = run("comment-unknown-id")
    labels = unlocated(read_labels(site / LABELS))
    assert "2401.00001" not in labels
    assert labels["2605.12357"] == Label("2605.12357", "borderline", "memory for LLMs; model size not stated",
                                         None, "github:linus-m")
    assert added(before, site) == ["- {id: '2605.12357', label: borderline, why: memory for LLMs; model size not "
                                   "stated, by: 'github:linus-m', at: '2026-12-01T09:02:46Z', comment: 'https://"
                                   "github.com/ada-lovelace/paperboy/issues/42#issuecomment-3601158830'}"]
    assert "`2401.00001: not a candidate (never fetched or imported here): check the id, or fetch its day first`" \
        in done.reply


def test_the_same_comment_twice_changes_no_byte_the_second_time(site, run):
    """A label the file already holds changes no byte (the record step then has nothing to commit)."""
    run("comment-collaborator-on")
    once = (site / LABELS).read_bytes()
    again = run("comment-collaborator-on")
    assert again.status == 0 and (site / LABELS).read_bytes() == once


def test_an_event_file_that_is_not_a_comment_is_an_error_that_names_it(site, tmp_path):
    """A payload without a comment: exit 1 and one line naming the file and the missing field."""
    event = tmp_path / "push.json"
    event.write_text(json.dumps({"ref": "refs/heads/main", "commits": []}))
    ran = paperboy(site, "curate-comment", "--event", str(event), check=False)
    assert ran.returncode == 1
    assert ran.stderr.strip().splitlines()[-1] == (
        f"paperboy: {event}: no issue.number in the event (is it an issue_comment event?)")


# Who decides: write access, asked of GitHub (a stand-in for its permission endpoint).

@pytest.mark.parametrize("role", ["write", "maintain", "admin"])
def test_write_maintain_and_admin_record_after_github_is_asked_with_the_token(site, run, github, role):
    """GitHub answers write (or admin) for the commenter: the label is recorded; the lookup named
    the repository and the login, and carried the job's token."""
    github.roles["grace-h"] = role
    done = run("comment-collaborator-on")
    assert done.message.startswith(RECORDED) and "2605.09530" in read_labels(site / LABELS)
    assert github.requests[0] == ("/repos/ada-lovelace/paperboy/collaborators/grace-h/permission",
                                  "Bearer ghs_stand-in-token")
    assert [path.split("?")[0] for path, _ in github.requests[1:]] == ["/repos/ada-lovelace/paperboy/issues"], \
        "then the open readers' reports, to close those about the paper"
    assert all(auth == "Bearer ghs_stand-in-token" for _, auth in github.requests)


@pytest.mark.parametrize(("role", "said"), [
    ("read", "grace-h has read access here: only people with write access decide"),
    ("triage", "grace-h has triage access here: only people with write access decide"),
    ("none", "grace-h has none access here: only people with write access decide"),
])
def test_read_triage_and_none_record_nothing_and_the_reply_says_why(site, run, github, role, said):
    """A COLLABORATOR (or MEMBER) who cannot push: nothing written, exit 0, the reply says why."""
    github.roles["grace-h"] = role
    before = labels_text(site)
    done = run("comment-collaborator-on")
    assert done.status == 0 and labels_text(site) == before and done.message == ""
    assert f"- none recorded: `{said} (Settings > Collaborators)`" in done.reply and said in done.log


@pytest.mark.parametrize(("trouble", "env"), [
    ("an HTTP 500 page", {}),
    ("an answer cut short", {}),
    ("an unknown user (404)", {}),
    ("no token", {"GITHUB_TOKEN": ""}),
    ("nobody listening", {"GITHUB_API_URL": "http://127.0.0.1:9"}),
])
def test_when_github_cannot_answer_nothing_is_recorded_and_the_reply_says_so(site, run, github, trouble, env):
    """Fail closed: any failure of the permission lookup records nothing and says so on the issue."""
    github.roles["grace-h"] = {"an HTTP 500 page": "fail", "an answer cut short": "garbled"}.get(trouble, "write")
    if trouble.startswith("an unknown user"):
        del github.roles["grace-h"]
    before = labels_text(site)
    done = run("comment-collaborator-on", **env)
    assert labels_text(site) == before and done.message == ""
    assert "- none recorded: `GitHub could not tell whether grace-h has write access" in done.reply
    assert "post the comment again later" in done.reply


@pytest.mark.parametrize(("event", "why"), [
    ("comment-on-fake-review-issue", "#42 is neither one of the review issues"),
    ("comment-on-other-issue", "#42 is neither one of the review issues"),
])
def test_commands_count_only_on_the_bots_review_issues(site, run, github, event, why):
    """An issue titled "Papers to review" that someone else opened, or a bot issue with another
    title: nothing written, GitHub not even asked."""
    before = labels_text(site)
    done = run(event)
    assert labels_text(site) == before and (done.reply, done.message) == ("", "")
    assert why in done.log and github.requests == []


def test_commands_github_does_not_show_as_commands_decide_nothing(site, run, github):
    """In an HTML comment, folded in <details>, indented code, after U+2028, full-width digits: no
    label; the full-width id is named (it looks like a command to a reader)."""
    before = labels_text(site)
    done = run("comment-hidden-commands")
    assert labels_text(site) == before and done.message == "" and github.requests == []
    assert [line for line in done.reply.splitlines() if line.startswith("- ")] == [
        "- not recorded: `/on ２６０５.１２５００ full-width digits: not an arXiv id (ASCII digits only, e.g. 2507.12345)`"]


def test_the_commit_message_carries_no_reference_or_mention_from_the_comment(site, run):
    """`fixes #12`, `GH-3`, `owner/repo#7`, `@login` in a reason: in labels.yml and the reply, never
    in the commit message (GitHub would close, link or notify from it)."""
    done = run("comment-mentions")
    assert done.message.splitlines() == [RECORDED, "", "2605.09530 off (new)"]
    assert not re.search(r"#\d|GH-\d|@\w|\b(fix|fixe[sd]|close[sd]?|resolve[sd]?)\b", done.message, re.I)
    assert read_labels(site / LABELS)["2605.09530"].why == \
        "fixes #12, see GH-3 and ada-lovelace/paperboy#7; cc @ada-lovelace"


def test_a_labels_file_that_does_not_parse_is_an_error_the_reply_names(site, run):
    """labels.yml broken: exit 1, nothing changed, and the reply names the file and what to do."""
    (site / LABELS).write_text("- {id: '2605.12090', label: maybe}\n")
    done = run("comment-collaborator-on")
    assert done.status == 1 and (site / LABELS).read_text() == "- {id: '2605.12090', label: maybe}\n"
    assert done.reply.startswith("Nothing from this comment was recorded: `") and "labels.yml" in done.reply
    assert "post the comment again" in done.reply and done.message == ""


# The commands, parsed (pure).

def test_quoted_and_fenced_commands_are_not_made_again_and_backticks_are_read_through():
    """A reply quoting a decision, or a code block showing one, decides nothing; `/on ID` in
    backticks (copied from the list) and an arXiv link as the id are read as meant."""
    body = ("> /on 2605.12500 quoted\n```\n/off 2605.12357 shown\n```\n~~~~\n/on 2605.12357\n~~~~\n"
            "`/on 2605.12481`\n/ON https://arxiv.org/abs/2605.12495v2 UMM\n/path/to/file is not a command\n")
    parsed = parse_commands(body, by="github:ada")
    assert [(label.arxiv_id, label.verdict, label.why) for label in parsed.labels] == [
        ("2605.12481", "on", ""), ("2605.12495", "on", "UMM")]
    assert parsed.problems == ()


def test_too_many_commands_or_too_long_a_reason_are_refused_by_name():
    """More than MAX_COMMANDS commands: none recorded; a reason over the limit: that command named."""
    many = parse_commands("\n".join(f"/on 2605.{i:05d}" for i in range(1, MAX_COMMANDS + 2)), by="")
    assert many.labels == () and "at most 50" in many.problems[0]
    long = parse_commands("/off 2605.12357 " + "x" * 400, by="")
    assert long.labels == () and "why: is 400 characters long (limit 300)" in long.problems[0]


# What GitHub shows: read back with cmark-gfm, GitHub's own parser.

@pytest.mark.parametrize("text", [*HOSTILE_STRINGS, *GITHUB_HOSTILE])
def test_a_code_span_shows_any_text_as_it_is_and_nothing_else(text):
    """Whatever the text, GitHub renders one <code> holding exactly it (cleaned as a stored text is:
    one line, no control character): no link, image, HTML element, and no @, # or URL left outside
    the code for GitHub to act on."""
    tree = github_html(f"- before {code(text)} after")
    codes = tree.findall(".//code")
    assert len(codes) == 1 and codes[0].text_content() == (clean_text(text) or " ")
    assert [element.tag for element in tree.iter()] == ["div", "ul", "li", "code"]
    assert outside_code(tree).strip() == "before  after"


def test_the_review_list_of_hostile_titles_is_one_list_item_per_paper_and_inert():
    """Every hostile title lands in its own list item as code, the only links are the arXiv ones,
    and nothing outside code would mention, reference or link anyone."""
    papers = day_papers()[:len(HOSTILE_STRINGS) + len(GITHUB_HOSTILE)]
    titles = [clean_text(f"{t} on-device") for t in [*HOSTILE_STRINGS, *GITHUB_HOSTILE]]  # as a source stores it
    papers = [paper.replace(title=title) for paper, title in zip(papers, titles)]
    text = review_markdown(reviewed(papers), threshold=0.5, model_note="trained on 3 @labelled papers")
    tree = github_html(text)
    items = tree.findall("./ol/li")
    assert len(items) == len(papers)
    for item, paper in zip(items, papers):
        assert item.find("strong").text == paper.arxiv_id
        assert item.findall("code")[0].text_content() == paper.title
        assert [a.get("href") for a in item.iter("a")] == [f"https://arxiv.org/abs/{paper.arxiv_id}"]
    assert not tree.findall(".//img") and not tree.findall(".//details") and not tree.findall(".//table")
    leftover = outside_code(tree)
    assert "@" not in leftover and "#" not in leftover and "www." not in leftover
    assert "http" not in leftover.replace("arXiv", "")
    assert "/on ID [why]" in text and "/off ID why" in text


def test_the_reply_quotes_a_reason_inertly():
    """A reason typed in the comment comes back as code: an @mention in it notifies nobody."""
    label = make_label("2605.12357", "off", "@octocat said so, see https://evil.example", by="github:ada")
    tree = github_html(reply_markdown([Recorded(label, None)], ["/of 2605.1: unknown command /of @octocat"]))
    assert "@" not in outside_code(tree) and not tree.findall(".//a")
    assert [c.text_content() for c in tree.iter("code")] == [label.why, "/of 2605.1: unknown command /of @octocat"]


def test_nothing_to_review_is_empty_text():
    """No papers: no list, no words (the workflow then opens no issue)."""
    assert review_markdown([], threshold=0.5, model_note="x") == ""
    assert reply_markdown([], []) == ""

