"""The curator's loop on GitHub: a comment's commands become labels, a commit, a reply; the day's
papers to review become an issue that GitHub renders inert whatever the titles hold.

The comment tests run the Curator workflow's own step (.github/scripts/record-labels.sh) on
recorded `issue_comment` payloads (tests/fixtures/github/), in a real git repository holding a
small site (one real day of candidates), with a local bare repository standing in for GitHub.
Markdown is read back with cmark-gfm, GitHub's own parser.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
import os
import re
import shutil
import subprocess
from pathlib import Path

import cmarkgfm
import lxml.html
import pytest
import yaml
from cmarkgfm.cmark import Options

from generator.config import load_settings
from generator.models import clean_text
from generator.storage.corpus import Corpus
from generator.topic_stage import apply_topic, decide_all
from generator.sources.hf import parse_daily_papers
from generator.storage.candidates import Candidates
from generator.storage.labels import Recorded, read_labels, record_labels, write_labels
from generator.topic.commands import MAX_COMMANDS, parse_commands
from generator.topic.decide import Decision
from generator.topic.labels import Label, make_label, parse_labels
from generator.render.curator import code, reply_markdown, review_markdown

from tests.support.site import FIXTURES, REPO, configure, make_site, run_paperboy
from tests.support.github_standin import GitHub, issue
from tests.support.hostile import HOSTILE_STRINGS
from tests.support.checkout import commit_with_stand_in_venv

EVENTS = FIXTURES.parent / "github"
DAY = FIXTURES / "hf-daily-papers-2026-05-13.json"
STEP = next(step for step in yaml.safe_load((REPO / ".github" / "workflows" / "curator.yml").read_text())
            ["jobs"]["record"]["steps"] if step.get("id") == "record")
ROLES = {"grace-h": "write", "ada-lovelace": "admin", "linus-m": "maintain", "mallory-x": "none"}
"""What the stand-in for GitHub answers for the payloads' authors, unless a test says otherwise."""
BOT = "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>"
LABELS = "content/topic/labels.yml"

# What GitHub does to a comment or an issue beyond Markdown: @mentions notify, #12 and
# owner/repo#12 link, bare URLs link. None of it may happen to text that came from outside.
GITHUB_HOSTILE = [
    "@ada-lovelace and @octo-org/team, look", "fixes #1 and ada-lovelace/paperboy#2 and GH-3",
    "https://evil.example/x and www.evil.example", "`` ` `` and ``` fence", "`starts and ends with a backtick`",
    ":smile: ~~struck~~ **bold**", "a | pipe | table", "<details><summary>open</summary>x</details>",
    "line\nbreak\n- item\n2. item", "> quote", "[x]: https://evil.example", "\\", "",
]


def git(cwd: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Ada", "-c", "user.email=ada@example.org", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def day_papers(path: Path = DAY):
    day = dt.date.fromisoformat(path.stem.removeprefix("hf-daily-papers-"))
    return parse_daily_papers(json.loads(path.read_bytes()), day=day, origin=path.name).papers


@pytest.fixture
def github():
    """A stand-in for GitHub's permission endpoint on 127.0.0.1, answering ROLES."""
    with GitHub(roles=dict(ROLES)) as stand_in:
        yield stand_in


@pytest.fixture
def checkout(tmp_path: Path, github: GitHub) -> tuple[Path, Path]:
    """A checkout of a small site (a real day's candidates, one label with tags) whose `origin`
    is a bare repository holding the same `main`."""
    root = tmp_path / "checkout"
    root.mkdir()
    for name in ("mkdocs.yml", "Makefile", "pyproject.toml", "constraints.txt", ".gitignore"):
        shutil.copy2(REPO / name, root / name)
    shutil.copytree(REPO / ".github" / "scripts", root / ".github" / "scripts")
    shutil.copytree(REPO / "theme_overrides", root / "theme_overrides", ignore=shutil.ignore_patterns("generated"))
    configure(root, backoff=0.01, attempts=2, read_timeout=5)  # a failing GitHub fails fast
    Candidates(root / "content" / "candidates").upsert(day_papers())
    write_labels(root / LABELS, {"2605.12090": make_label("2605.12090", "on", "world models", ["agents"])})
    commit_with_stand_in_venv(root)
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    git(root, "remote", "add", "origin", str(origin))
    git(root, "push", "-q", "origin", "HEAD:refs/heads/main")
    root.joinpath(".git", "stand-in-github").write_text(json.dumps(github.env()))
    return root, origin


def outputs(path: Path) -> dict[str, str]:
    """$GITHUB_OUTPUT as GitHub reads it: `name=value` lines and `name<<DELIMITER` blocks."""
    values, lines = {}, path.read_text().splitlines() if path.exists() else []
    while lines:
        line = lines.pop(0)
        if "<<" in line and "=" not in line.split("<<", 1)[0]:
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter)
            values[name], lines = "\n".join(lines[:end]), lines[end + 1:]
        else:
            name, _, value = line.partition("=")
            values[name] = value
    return values


def run_step(root: Path, event: str | Path, tmp_path: Path, *, status: int = 0,
             **env_changes: str) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    """The workflow's record step, as GitHub runs it for the default branch, on one payload (a
    recorded one by name, or a file), with the variables Actions sets pointed at the checkout's
    stand-in for GitHub."""
    path = event if isinstance(event, Path) else EVENTS / f"{event}.json"
    output = tmp_path / f"output-{path.stem}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env.update(json.loads(root.joinpath(".git", "stand-in-github").read_text()))
    env.update(GITHUB_ACTIONS="true", GITHUB_REF_NAME="main", GITHUB_OUTPUT=str(output),
               GITHUB_EVENT_PATH=str(path), PUSH_TOKEN="not-used-by-a-local-origin", PUSH_BACKOFF_MS="50")
    env.update(env_changes)
    result = subprocess.run(["bash", "-c", STEP["run"]], cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == status, result.stderr
    return result, outputs(output)


def pushed(origin: Path) -> list[str]:
    """The subjects of the commits on origin's main, newest first."""
    return git(origin, "log", "--format=%s", "main").splitlines()


def pushed_labels(origin: Path, *, when: bool = False) -> dict[str, Label]:
    """The labels on origin's main; without when and where each was decided unless `when`."""
    labels = parse_labels(git(origin, "show", f"main:{LABELS}"), LABELS)
    return labels if when else {key: replace(label, at="", comment="") for key, label in labels.items()}


def push_label_meanwhile(origin: Path, tmp_path: Path, label: Label) -> None:
    """Someone else records `label` in a clone of their own and pushes it to origin's main."""
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", str(origin), str(other)], check=True)
    record_labels(other / LABELS, [label])
    git(other, "commit", "-qam", "label by hand")
    git(other, "push", "-q", "origin", "main")


def added_lines(origin: Path) -> list[str]:
    diff = git(origin, "show", "--format=", "--unified=0", "main", "--", LABELS)
    return [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]


def test_a_collaborators_on_is_one_labels_line_committed_by_the_bot_and_pushed(checkout, tmp_path):
    """`/on ID why` from a COLLABORATOR: one commit by the bot touching only labels.yml, adding one line."""
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
    assert out["recorded"] == "true"
    assert "recorded **2605.09530** on (new)" in out["reply"]
    assert "recorded 2605.09530 on (new) by github:grace-h" in result.stderr
    assert git(root, "status", "--porcelain") == ""


def test_an_outsiders_on_records_nothing_and_the_reply_says_why(checkout, tmp_path, github):
    """`/on` from someone with no relation to the repository (NONE, and no access when GitHub is
    asked): exit 0, no commit, and the reply says only people with write access decide."""
    root, origin = checkout
    result, out = run_step(root, "comment-outsider-on", tmp_path)
    assert pushed(origin) == ["start"]
    assert git(root, "status", "--porcelain") == ""
    assert out["recorded"] == "false" and out["close"] == ""
    said = "mallory-x has none access here: only people with write access decide"
    assert f"- none recorded: `{said} (Settings > Collaborators)`" in out["reply"] and said in result.stderr
    assert github.requests[0][0] == "/repos/ada-lovelace/paperboy/collaborators/mallory-x/permission"


@pytest.mark.parametrize(("event", "why"), [
    ("comment-pull-request", "#43 is a pull request"),
    ("comment-bot", "github-actions[bot] is a bot"),
])
def test_comments_on_pull_requests_and_by_bots_are_ignored(checkout, tmp_path, event, why):
    """An owner's `/on` on a pull request, and a bot's reply that holds `/on`: nothing written."""
    root, origin = checkout
    result, out = run_step(root, event, tmp_path)
    assert pushed(origin) == ["start"] and (out["recorded"], out["reply"]) == ("false", "")
    assert why in result.stderr


def test_each_malformed_command_is_named_and_skipped_and_the_good_one_recorded(checkout, tmp_path):
    """Four malformed commands are named one line each; the well-formed `/off` is the only change,
    and the tags a person gave the paper stay."""
    root, origin = checkout
    result, out = run_step(root, "comment-malformed", tmp_path)
    assert pushed(origin)[0] == "Labels for 1 paper from ada-lovelace's comment on review issue 42"
    assert pushed_labels(origin) == {"2605.12090": Label("2605.12090", "off", "embodied agents, not a small LM",
                                                         ("agents",), "github:ada-lovelace")}
    skipped = [line for line in out["reply"].splitlines() if line.startswith("- not recorded:")]
    assert [re.search(r"`(/[^:`]*)", line).group(1) for line in skipped] == [
        "/off 2605.12090", "/of 2605.12090 robots", "/on", "/on 2605.1 typo"]
    assert "needs a reason" in skipped[0] and "unknown command /of" in skipped[1]
    assert "no arXiv id" in skipped[2] and "not an arXiv identifier" in skipped[3]
    assert len([line for line in result.stderr.splitlines() if line.startswith("not recorded:")]) == 4
    assert "recorded **2605.12090** off (was on)" in out["reply"]


def test_an_id_that_is_not_a_candidate_is_named_and_the_rest_recorded(checkout, tmp_path):
    """`/on` of a paper never fetched is reported and skipped; the MEMBER's `/borderline` is recorded."""
    root, origin = checkout
    _, out = run_step(root, "comment-unknown-id", tmp_path)
    labels = pushed_labels(origin)
    assert "2401.00001" not in labels
    assert labels["2605.12357"] == Label("2605.12357", "borderline", "memory for LLMs; model size not stated",
                                         None, "github:linus-m")
    assert added_lines(origin) == ["- {id: '2605.12357', label: borderline, why: memory for LLMs; model size not "
                                   "stated, by: 'github:linus-m', at: '2026-12-01T09:02:46Z', comment: 'https://"
                                   "github.com/ada-lovelace/paperboy/issues/42#issuecomment-3601158830'}"]
    assert "`2401.00001: not a candidate (never fetched or imported here): check the id, or fetch its day first`" \
        in out["reply"]


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


def test_an_event_file_that_is_not_a_comment_is_an_error_that_names_it(tmp_path):
    """A payload without a comment: exit 1 and one line naming the file and the missing field."""
    site = make_site(tmp_path / "site", with_papers=False)
    event = tmp_path / "push.json"
    event.write_text(json.dumps({"ref": "refs/heads/main", "commits": []}))
    result = run_paperboy(site, "curate-comment", "--event", str(event), check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (f"paperboy: {event}: no issue.number in the event "
                                                       "(is it an issue_comment event?)")


# Who decides: write access, asked of GitHub (a stand-in for its permission endpoint).

@pytest.mark.parametrize("role", ["write", "maintain", "admin"])
def test_write_maintain_and_admin_record_after_github_is_asked_with_the_token(checkout, tmp_path, github, role):
    """GitHub answers write (or admin) for the commenter: the label is recorded; the lookup named
    the repository and the login, and carried the job's token."""
    root, origin = checkout
    github.roles["grace-h"] = role
    _, out = run_step(root, "comment-collaborator-on", tmp_path)
    assert out["recorded"] == "true" and "2605.09530" in pushed_labels(origin)
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
def test_read_triage_and_none_record_nothing_and_the_reply_says_why(checkout, tmp_path, github, role, said):
    """A COLLABORATOR (or MEMBER) who cannot push: nothing written, exit 0, the reply says why."""
    root, origin = checkout
    github.roles["grace-h"] = role
    result, out = run_step(root, "comment-collaborator-on", tmp_path)
    assert pushed(origin) == ["start"] and git(root, "status", "--porcelain") == ""
    assert out["recorded"] == "false" and f"- none recorded: `{said} (Settings > Collaborators)`" in out["reply"]
    assert said in result.stderr


@pytest.mark.parametrize(("trouble", "env"), [
    ("an HTTP 500 page", {}),
    ("an answer cut short", {}),
    ("an unknown user (404)", {}),
    ("no token", {"GITHUB_TOKEN": ""}),
    ("nobody listening", {"GITHUB_API_URL": "http://127.0.0.1:9"}),
])
def test_when_github_cannot_answer_nothing_is_recorded_and_the_reply_says_so(checkout, tmp_path, github, trouble,
                                                                             env):
    """Fail closed: any failure of the permission lookup records nothing and says so on the issue."""
    root, origin = checkout
    github.roles["grace-h"] = {"an HTTP 500 page": "fail", "an answer cut short": "garbled"}.get(trouble, "write")
    if trouble.startswith("an unknown user"):
        del github.roles["grace-h"]
    _, out = run_step(root, "comment-collaborator-on", tmp_path, **env)
    assert pushed(origin) == ["start"] and out["recorded"] == "false"
    assert "- none recorded: `GitHub could not tell whether grace-h has write access" in out["reply"]
    assert "post the comment again later" in out["reply"]


@pytest.mark.parametrize(("event", "why"), [
    ("comment-on-fake-review-issue", "#42 is neither one of the review issues"),
    ("comment-on-other-issue", "#42 is neither one of the review issues"),
])
def test_commands_count_only_on_the_bots_review_issues(checkout, tmp_path, github, event, why):
    """An issue titled "Papers to review" that someone else opened, or a bot issue with another
    title: nothing written, GitHub not even asked."""
    root, origin = checkout
    result, out = run_step(root, event, tmp_path)
    assert pushed(origin) == ["start"] and (out["recorded"], out["reply"]) == ("false", "")
    assert why in result.stderr and github.requests == []


def test_commands_github_does_not_show_as_commands_decide_nothing(checkout, tmp_path, github):
    """In an HTML comment, folded in <details>, indented code, after U+2028, full-width digits: no
    label; the full-width id is named (it looks like a command to a reader)."""
    root, origin = checkout
    _, out = run_step(root, "comment-hidden-commands", tmp_path)
    assert pushed(origin) == ["start"] and pushed_labels(origin).keys() == {"2605.12090"}
    assert out["recorded"] == "false" and github.requests == []
    assert [line for line in out["reply"].splitlines() if line.startswith("- ")] == [
        "- not recorded: `/on ２６０５.１２５００ full-width digits: not an arXiv id (ASCII digits only, e.g. 2507.12345)`"]


def test_the_commit_message_carries_no_reference_or_mention_from_the_comment(checkout, tmp_path):
    """`fixes #12`, `GH-3`, `owner/repo#7`, `@login` in a reason: in labels.yml and the reply, never
    in the commit (GitHub would close, link or notify from it)."""
    root, origin = checkout
    run_step(root, "comment-mentions", tmp_path)
    message = git(origin, "log", "-1", "--format=%B", "main")
    assert message.splitlines() == ["Labels for 1 paper from grace-h's comment on review issue 42", "",
                                    "2605.09530 off (new)"]
    assert not re.search(r"#\d|GH-\d|@\w|\b(fix|fixe[sd]|close[sd]?|resolve[sd]?)\b", message, re.I)
    assert pushed_labels(origin)["2605.09530"].why == \
        "fixes #12, see GH-3 and ada-lovelace/paperboy#7; cc @ada-lovelace"


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

def github_html(markdown: str) -> lxml.html.HtmlElement:
    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    return lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")


def outside_code(tree: lxml.html.HtmlElement) -> str:
    """The text GitHub would scan for @mentions, #refs and URLs: everything outside <code>."""
    copy = lxml.html.fromstring(lxml.html.tostring(tree))
    for element in copy.iter("code"):
        element.text = ""
    return copy.text_content()


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


def reviewed(papers, threshold=0.5):
    from generator.curator.review import Explained

    items = []
    for number, paper in enumerate(papers):
        score = 0.40 + number / 100
        reason = f"model score {score:.2f} {'≥' if score >= threshold else '<'} threshold {threshold:.2f}"
        terms = ((HOSTILE_STRINGS[number % len(HOSTILE_STRINGS)], 0.3), ("small", -0.1))
        items.append(Explained(paper, Decision(paper.arxiv_id, score >= threshold, score, reason), terms))
    return items


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


# The CLI and the model: `paperboy review --format markdown`, and a label at the next build.

@pytest.fixture(scope="module")
def reviewed_site(tmp_path_factory) -> Path:
    """The bundled labels and the candidates of the recorded days (no records yet), decided once."""
    site = make_site(tmp_path_factory.mktemp("review") / "site", with_papers=False, with_labels=True)
    candidates = Candidates(site / "content" / "candidates")
    for path in sorted(FIXTURES.glob("hf-daily-papers-*.json")):
        candidates.upsert(day_papers(path))
    run_paperboy(site, "generate")
    return site


def label_the_newest_day(site: Path) -> None:
    """Label every paper of the site's newest day (then review has nothing to list)."""
    settings = load_settings(site / "mkdocs.yml")
    decided = decide_all(settings, Corpus(settings))
    newest = max(p.day for p in decided.papers.values() if p.day)
    newest_papers = [key for key, paper in decided.papers.items() if paper.day == newest]
    record_labels(site / LABELS, [make_label(key, "off", "test") for key in newest_papers])


def test_review_as_markdown_lists_the_last_days_unlabelled_papers_for_github(reviewed_site):
    """`paperboy review --days 1 --limit 10 --format markdown`: at most 10 papers of the newest day,
    none labelled, each with its score, state, title and arXiv link, as GitHub parses it."""
    result = run_paperboy(reviewed_site, "review", "--days", "1", "--limit", "10", "--format", "markdown")
    tree = github_html(result.stdout)
    items = tree.findall("./ol/li")
    ids = [item.find("strong").text for item in items]
    settings = load_settings(reviewed_site / "mkdocs.yml")
    decided = decide_all(settings, Corpus(settings))
    newest = max(p.day for p in decided.papers.values() if p.day)
    assert 1 <= len(ids) <= 10
    assert all(decided.papers[key].day == newest and key not in decided.labels for key in ids)
    for key, item in zip(ids, items):
        decision = decided.decisions[key]
        assert f"score {decision.score:.2f}" in item.text_content()
        assert ("not published" in item.text_content()) == (not decision.kept)
        assert item.find("code").text_content() == decided.papers[key].title


def test_review_prints_nothing_when_every_recent_paper_is_labelled(reviewed_site, tmp_path):
    """Label every paper of the newest day: the Markdown is empty, so no issue is opened."""
    site = tmp_path / "site"
    shutil.copytree(reviewed_site, site)
    label_the_newest_day(site)
    result = run_paperboy(site, "review", "--days", "1", "--limit", "10", "--format", "markdown")
    assert result.stdout == "" and "nothing to review" in result.stderr


def test_a_comments_label_beats_the_model_and_changes_it_at_the_next_build(reviewed_site, tmp_path):
    """After a collaborator's `/on` of the unlabelled paper the model scores highest but does not
    publish, the topic stage does not skip (labels.yml is in its fingerprint), the model is trained
    on one more label, and the paper is published."""
    site = tmp_path / "site"
    shutil.copytree(reviewed_site, site)
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
    report = apply_topic(settings, Corpus(settings))
    assert not report.unchanged and report.added == (target,) and report.removed == ()
    assert (site / "content" / "papers" / f"{target}.md").is_file()
    after = decide_all(settings, Corpus(settings))
    trained = [int(re.search(r"trained on (\d+)", d.model_note).group(1)) for d in (before, after)]
    assert trained[1] == trained[0] + 1
    assert after.decisions[target].reason == "labelled on: a small model for phones"


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
    for name in ("Makefile", "pyproject.toml", "constraints.txt", ".gitignore"):
        shutil.copy2(REPO / name, root / name)
    shutil.copytree(REPO / ".github" / "scripts", root / ".github" / "scripts")
    return commit_with_stand_in_venv(root)


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


@pytest.mark.parametrize(("has_issues", "existing", "said"), [
    (False, [], "Issues are off in this repository"),
    (True, [issue(17, TODAY)], "exists already: not opened again"),
    (True, [issue(17, TODAY, state="closed")], "exists already: not opened again"),
])
def test_the_review_step_opens_nothing_when_issues_are_off_or_todays_exists(review_checkout, tmp_path, has_issues,
                                                                              existing, said):
    """Issues off (a fork's default) or the bot's issue of today there already, open or closed:
    exit 0, no issue created."""
    with GitHub(issues=existing, has_issues=has_issues) as github:
        calls, body, output = run_review_step(review_checkout, tmp_path, github)
    assert calls == [] and not body.exists()
    assert said in output


@pytest.mark.parametrize("other", [issue(17, TODAY, author="mallory-x"), issue(17, "Papers to review: 2020-01-01")])
def test_an_issue_with_todays_title_by_someone_else_does_not_stop_the_days_issue(review_checkout, tmp_path, other):
    """Someone opened "Papers to review: <today>" in advance, or the bot's issue is another day's:
    the day's issue is opened all the same."""
    with GitHub(issues=[other]) as github:
        calls, body, _ = run_review_step(review_checkout, tmp_path, github)
    assert calls[-1].startswith(f"issue create --title {TODAY} ") and body.read_text()


def test_the_review_step_opens_nothing_when_there_is_nothing_to_review(review_checkout, tmp_path):
    """Every paper of the newest day labelled and no report open: no `gh` call at all."""
    root = tmp_path / "checkout"
    shutil.copytree(review_checkout, root, symlinks=True)
    label_the_newest_day(root)
    with GitHub() as github:
        calls, body, output = run_review_step(root, tmp_path, github)
    assert calls == [] and not body.exists() and "nothing to review in the last 1 days: no issue opened" in output


def test_a_readers_report_is_flagged_in_the_review_issue_and_changes_no_label(review_checkout, tmp_path):
    """Two open reports about a paper (hostile reasons), one closed, one whose id is no arXiv id:
    the day's issue lists the paper under "Flagged by readers" with 2 reports and their reasons as
    code (no mention, reference or link outside it); the bad report is named in the log and left
    out; labels.yml is untouched."""
    from tests.support.github_standin import report

    paper = "2605.09530"
    hostile = "@ada-lovelace see #1 and https://evil.example <b>bold</b>\nsecond line " + "x" * 200
    reports = [report(11, paper, hostile), report(12, paper, "not about LMs"), report(13, paper, state="closed"),
               report(14, "not-an-id; rm -rf /")]
    labels_before = (review_checkout / LABELS).read_bytes()
    with GitHub(issues=reports) as github:
        calls, body, output = run_review_step(review_checkout, tmp_path, github)
    assert calls[-1].startswith(f"issue create --title {TODAY} ")
    tree = github_html(body.read_text())
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
    assert "reader's report ignored: issue 14: 'not-an-id; rm -rf /' is not an arXiv id" in output
    assert (review_checkout / LABELS).read_bytes() == labels_before
