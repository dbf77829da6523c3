"""What the curator's tests share: the recorded `issue_comment` payloads (tests/fixtures/github/)
and payloads made from them, the real day of candidates they decide on, GitHub's own Markdown
parser (cmark-gfm) to read back what GitHub would show, `paperboy curate-comment` in-process, and
the Curator workflow's record step (.github/scripts/record-labels.sh) run in a git checkout whose
`origin` is a local bare repository standing in for GitHub."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

import cmarkgfm
import lxml.html
import yaml
from cmarkgfm.cmark import Options

from generator.models import Paper
from generator.sources.hf import parse_daily_papers
from generator.storage.candidates import Candidates
from generator.storage.labels import record_labels, write_labels
from generator.topic.decide import Decision
from generator.topic.labels import Label, make_label, parse_labels

from .checkout import commit_as_checkout, git
from .github_standin import GitHub
from .hostile import HOSTILE_STRINGS
from .inprocess import paperboy
from .site import FIXTURES, REPO, configure, make_site, run_paperboy

EVENTS = FIXTURES.parent / "github"
DAY = FIXTURES / "hf-daily-papers-2026-05-13.json"
LABELS = "content/topic/labels.yml"
ROLES = {"grace-h": "write", "ada-lovelace": "admin", "linus-m": "maintain", "mallory-x": "none"}
"""What the stand-in for GitHub answers for the payloads' authors, unless a test says otherwise."""
BOT = "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>"
PAPER, OTHER = "2605.09530", "2605.12357"
"""Two papers of the recorded day (tests/fixtures/real/hf-daily-papers-2026-05-13.json)."""
BASE = json.loads((EVENTS / "comment-collaborator-on.json").read_text())


def day_papers(path: Path = DAY) -> tuple[Paper, ...]:
    """The papers of a recorded Daily Papers day."""
    day = dt.date.fromisoformat(path.stem.removeprefix("hf-daily-papers-"))
    return parse_daily_papers(json.loads(path.read_bytes()), day=day, origin=path.name).papers


def payload(body: str, *, comment_id: int = 3601117204, at: str = "2026-12-01T09:02:46Z", login: str = "grace-h",
            association: str = "COLLABORATOR", action: str = "created", issue_number: int = 42,
            on: dict | None = None, before: str = "(the comment before its edit)") -> dict:
    """An `issue_comment` payload as GitHub sends it: the recorded one with these fields changed
    (`on`: the issue the comment is on, as `issue()` makes it)."""
    data = copy.deepcopy(BASE)
    data["action"] = action
    data["comment"].update(body=body, id=comment_id, updated_at=at, author_association=association,
                           html_url=f"https://github.com/ada-lovelace/paperboy/issues/{issue_number}"
                                    f"#issuecomment-{comment_id}")
    data["comment"]["user"]["login"] = login
    if action == "edited":
        data["changes"] = {"body": {"from": before}}
    data["issue"].update(on or {}, number=issue_number)
    return data


def small_site(root: Path) -> Path:
    """`root` made a small site: one real day of candidates, one label with tags, a failing GitHub
    failing fast."""
    make_site(root, with_papers=False)
    configure(root, backoff=0.01, attempts=2, read_timeout=5)
    Candidates(root / "content" / "candidates").upsert(day_papers())
    write_labels(root / LABELS, {"2605.12090": make_label("2605.12090", "on", "world models", ["agents"])})
    return root


def make_reviewed_site(root: Path) -> Path:
    """`root` made a site with the bundled labels and the candidates of every recorded day (no
    records yet), decided once by `paperboy generate`."""
    make_site(root, with_papers=False, with_labels=True)
    candidates = Candidates(root / "content" / "candidates")
    for path in sorted(FIXTURES.glob("hf-daily-papers-*.json")):
        candidates.upsert(day_papers(path))
    run_paperboy(root, "generate")
    return root


def label_the_newest_day(site: Path) -> None:
    """Label every paper of the site's newest day (then review has nothing to list)."""
    from generator.config import load_settings
    from generator.storage.corpus import Corpus
    from generator.topic_stage import decide_all

    settings = load_settings(site / "mkdocs.yml")
    decided = decide_all(settings, Corpus(settings))
    newest = max(p.day for p in decided.papers.values() if p.day)
    newest_papers = [key for key, paper in decided.papers.items() if paper.day == newest]
    record_labels(site / LABELS, [make_label(key, "off", "test") for key in newest_papers])


# What GitHub shows: read back with cmark-gfm, GitHub's own parser.

def github_html(markdown: str) -> lxml.html.HtmlElement:
    """Markdown as GitHub renders it (cmark-gfm), as an element tree under one <div>."""
    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    return lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")


def outside_code(tree: lxml.html.HtmlElement) -> str:
    """The text GitHub would scan for @mentions, #refs and URLs: everything outside <code>."""
    copy_ = lxml.html.fromstring(lxml.html.tostring(tree))
    for element in copy_.iter("code"):
        element.text = ""
    return copy_.text_content()


def reviewed(papers, threshold=0.5):
    """The papers as the review issue lists them: each with a made-up score, a decision and terms
    for and against that hold hostile text."""
    from generator.curator.review import Explained

    items = []
    for number, paper in enumerate(papers):
        score = 0.40 + number / 100
        reason = f"model score {score:.2f} {'≥' if score >= threshold else '<'} threshold {threshold:.2f}"
        terms = ((HOSTILE_STRINGS[number % len(HOSTILE_STRINGS)], 0.3), ("small", -0.1))
        items.append(Explained(paper, Decision(paper.arxiv_id, score >= threshold, score, reason), terms))
    return items


# `paperboy curate-comment`, in-process.

@dataclass(frozen=True)
class Curated:
    """What one `paperboy curate-comment` run gave: its exit status, what it printed and logged,
    and the files the workflow's step reads (empty when not written)."""

    status: int
    log: str
    reply: str
    message: str
    close: str
    closing: str


def curate(root: Path, event: str | Path | dict, github: GitHub, work: Path, **env: str) -> Curated:
    """`paperboy curate-comment` on one payload (a recorded one by name, a file, or a payload
    made by `payload`), in this process (tests/support/inprocess.py), as the record step runs it:
    the variables Actions sets pointed at the stand-in for GitHub (`env` changes them)."""
    if isinstance(event, dict):
        path = work / f"event-{len(list(work.glob('event-*')))}.json"
        path.write_text(json.dumps(event))
    else:
        path = event if isinstance(event, Path) else EVENTS / f"{event}.json"
    files = {name: work / f"{name}.out" for name in ("reply", "message", "close", "closing")}
    for file in files.values():
        file.unlink(missing_ok=True)
    ran = paperboy(root, "curate-comment", "--event", str(path),
                   *[arg for name, file in files.items() for arg in (f"--{name}", str(file))],
                   check=False, env={**github.env(), **env})
    said = {name: file.read_text() if file.exists() else "" for name, file in files.items()}
    return Curated(ran.returncode, ran.stderr, **said)


# The Curator workflow's record step, in a checkout with a local origin.

STEP = next(step for step in yaml.safe_load((REPO / ".github" / "workflows" / "curator.yml").read_text())
            ["jobs"]["record"]["steps"] if step.get("id") == "record")


def make_checkout(tmp_path: Path, github: GitHub) -> tuple[Path, Path]:
    """A checkout of a small site (`small_site`) whose `origin` is a bare repository holding the
    same `main`, and which knows the stand-in for GitHub."""
    root = tmp_path / "checkout"
    commit_as_checkout(small_site(root))
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


def unlocated(labels: dict[str, Label]) -> dict[str, Label]:
    """The labels without when and where each was decided (what a test can write out)."""
    return {key: replace(label, at="", comment="") for key, label in labels.items()}


def pushed_labels(origin: Path, *, when: bool = False) -> dict[str, Label]:
    """The labels on origin's main; without when and where each was decided unless `when`."""
    labels = parse_labels(git(origin, "show", f"main:{LABELS}"), LABELS)
    return labels if when else unlocated(labels)


def push_label_meanwhile(origin: Path, tmp_path: Path, label: Label) -> None:
    """Someone else records `label` in a clone of their own and pushes it to origin's main."""
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", str(origin), str(other)], check=True)
    record_labels(other / LABELS, [label])
    git(other, "commit", "-qam", "label by hand")
    git(other, "push", "-q", "origin", "main")


def added_lines(origin: Path) -> list[str]:
    """The lines the newest commit on origin's main added to labels.yml."""
    diff = git(origin, "show", "--format=", "--unified=0", "main", "--", LABELS)
    return [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
