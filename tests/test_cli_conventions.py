"""Everyday command-line conventions: help that says what a command does and what it reads from
the environment, -q/-v anywhere, --version, usage errors named as such (exit 2), and progress
bars on a terminal only."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from generator import __version__
from generator.cli import ENVIRONMENT, parser

from .conftest import FIXTURES, QUICK_ARXIV, make_site, run_paperboy
from .replay import Replay

NO_NETWORK = {"PAPERBOY_HF_API": "http://127.0.0.1:9/api", "PAPERBOY_ARXIV_API": "http://127.0.0.1:9/api/query"}


def help_of(*argv: str) -> str:
    result = subprocess.run([sys.executable, "-m", "generator", *argv, "--help"], capture_output=True, text=True,
                            env={**os.environ, "COLUMNS": "100"}, check=True)
    return result.stdout


def test_version():
    result = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, f"paperboy {__version__}\n")


def test_fetch_help_describes_it_and_names_the_environment_it_reads():
    text = help_of("fetch")
    words = " ".join(text.split())
    assert "Fetch days from both streams" in words and "Hugging Face Daily Papers, and arXiv's new papers" in words
    environment = text.split("environment:", 1)[1]
    for variable in ("PAPERBOY_HF_API", "PAPERBOY_ARXIV_API", "PAPERBOY_SITE_URL"):
        assert variable in environment


# What each command's help must name, written out here (not read from the table that prints it).
HELP_ENVIRONMENT = {
    "fetch": ["PAPERBOY_HF_API", "PAPERBOY_ARXIV_API", "PAPERBOY_HUB_INTERVAL", "PAPERBOY_ARXIV_INTERVAL",
              "PAPERBOY_SITE_URL", "HF_TOKEN"],
    "import": [], "generate": ["PAPERBOY_SITE_URL", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY"],
    "build": ["PAPERBOY_SITE_URL", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "SOURCE_DATE_EPOCH"],
    "serve": ["PAPERBOY_SITE_URL", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY"], "check": ["PAPERBOY_SITE_URL"],
    "digest": ["PAPERBOY_SMTP_HOST", "PAPERBOY_SMTP_PORT", "PAPERBOY_SMTP_USER", "PAPERBOY_SMTP_PASSWORD",
               "PAPERBOY_SMTP_TLS", "PAPERBOY_DIGEST_FROM", "PAPERBOY_DIGEST_TO", "PAPERBOY_SITE_URL"],
    "review": [], "label": [], "curate-comment": ["GITHUB_API_URL", "GITHUB_REPOSITORY", "GITHUB_TOKEN"],
    "review-issue": ["GITHUB_API_URL", "GITHUB_REPOSITORY", "GITHUB_TOKEN"],
}


@pytest.mark.parametrize("verb", sorted(HELP_ENVIRONMENT))
def test_every_command_has_a_description_and_its_environment(verb: str):
    text = help_of(verb)
    usage, _, rest = text.partition("\n\n")
    assert rest.strip() and not rest.startswith(("positional", "options")), "a description after the usage"
    environment = text.split("environment:", 1)[1]
    named = [line.split()[0] for line in environment.splitlines() if line.startswith("  ") and
             line.split()[0].isupper()]
    assert named == HELP_ENVIRONMENT[verb] or (not HELP_ENVIRONMENT[verb] and "none" in environment)


def test_every_command_is_in_the_environment_table():
    verbs = parser()._subparsers._group_actions[0].choices  # noqa: SLF001 - argparse keeps them only here
    assert set(verbs) == set(ENVIRONMENT) == set(HELP_ENVIRONMENT)


def test_the_environment_table_names_every_variable_the_code_reads():
    """Every PAPERBOY_* name in the package (and mkdocs.yml's site_url) is in some command's help."""
    import re

    root = Path(__file__).resolve().parents[1]
    code = " ".join(p.read_text() for p in (root / "generator").rglob("*.py")) + (root / "mkdocs.yml").read_text()
    read = set(re.findall(r"\bPAPERBOY_[A-Z_]*[A-Z]\b", code)) - {"PAPERBOY_SEARCH_SHARDS"}  # a JS global
    listed = {variable for pairs in ENVIRONMENT.values() for variable, _ in pairs}
    prefixes = {v[:-1] for v in listed if v.endswith("*")}
    assert {v for v in read if not any(v.startswith(p) for p in prefixes)} <= listed


def test_digest_help_names_the_mail_settings():
    environment = help_of("digest").split("environment:", 1)[1]
    for variable in ("PAPERBOY_SMTP_HOST", "PAPERBOY_SMTP_PASSWORD", "PAPERBOY_DIGEST_FROM", "PAPERBOY_DIGEST_TO"):
        assert variable in environment


def test_quiet_after_the_command(site: Path):
    result = run_paperboy(site, "build", "-q")
    assert result.stderr == "", "only warnings and errors"
    assert (site / "site" / "index.html").is_file()


def test_quiet_and_verbose_before_or_after_the_command(site: Path):
    assert run_paperboy(site, "-q", "generate").stderr == ""
    assert "generated from" in run_paperboy(site, "generate", "-v").stderr
    assert "generated from" in run_paperboy(site, "-v", "generate").stderr


def test_quiet_and_verbose_together_is_a_usage_error(site: Path):
    result = run_paperboy(site, "-q", "generate", "-v", check=False)
    assert result.returncode == 2 and "-q" in result.stderr and "-v" in result.stderr


@pytest.mark.parametrize("argv", [["--bogus"], ["--bogus", "check"], ["check", "--bogus"], ["fetch", "--bogus"]])
def test_an_unknown_option_is_named_as_such(site: Path, argv: list[str]):
    result = run_paperboy(site, *argv, check=False)
    assert result.returncode == 2
    assert "unrecognized arguments: --bogus" in result.stderr
    assert "required" not in result.stderr


def test_no_command_is_a_usage_error(site: Path):
    result = run_paperboy(site, check=False)
    assert result.returncode == 2 and "usage: paperboy" in result.stderr and "COMMAND" in result.stderr


@pytest.mark.parametrize(("argv", "reason"), [
    (["--since", "2025-01-02", "--until", "2025-01-01"], "--until 2025-01-01 is before --since 2025-01-02"),
    (["--until", "2025-01-01"], "--until needs --since"),
    (["--date", "2025-01-01", "--until", "2025-01-02"], "--until goes with --since, not --date"),
    (["--date", "2025-01-01", "--since", "2025-01-01"], "not allowed with argument"),
    (["--since", "2999-01-01"], "--since 2999-01-01 is after today"),
])
def test_a_bad_date_range_is_a_usage_error(site: Path, argv: list[str], reason: str):
    result = run_paperboy(site, "fetch", *argv, check=False, env=NO_NETWORK)
    assert result.returncode == 2, result.stderr
    assert "usage: paperboy fetch" in result.stderr and reason in result.stderr
    assert not (site / ".paperboy.lock").exists() and not list((site / "content").glob("index.md"))


def run_on_a_terminal(root: Path, *argv: str, env: dict[str, str] | None = None) -> str:
    """The command with its stderr on a pseudo-terminal (as a person runs it); what it shows there."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
    process = subprocess.Popen([sys.executable, "-m", "generator", *argv], cwd=root, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=follower,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **NO_NETWORK, **(env or {})})
    os.close(follower)
    shown = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            process.kill()
            raise AssertionError("no output for 120 s")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0, shown.decode(errors="replace")
    return shown.decode(errors="replace")


def test_progress_bars_on_a_terminal(site: Path, tmp_path: Path):
    shown = run_on_a_terminal(make_site(tmp_path / "empty", with_papers=False), "import", *sorted(str(p) for p in FIXTURES.glob("*.json")))
    assert "import: 100%" in shown
    shown = run_on_a_terminal(site, "build")
    for stage in ("generate", "search index"):
        assert f"{stage}: 100%" in shown, stage


def test_fetch_and_arxiv_progress_bars_on_a_terminal(site: Path):
    """Against a local stand-in for both APIs: a day from Hugging Face, then the arXiv lookup
    (records never looked up are caught up, so there is something to ask)."""
    day = (FIXTURES / "hf-daily-papers-2026-05-13.json").read_bytes()
    empty = (FIXTURES / "arxiv-query-2026-empty-result.xml").read_bytes()
    with Replay(days={"2026-05-13": json.loads(day)}, arxiv=lambda ids: (200, empty)) as server:
        shown = run_on_a_terminal(site, "fetch", "--date", "2026-05-13",
                                  env={"PAPERBOY_HF_API": server.base, "PAPERBOY_ARXIV_API": server.base + "/query",
                                       **QUICK_ARXIV})
    assert "fetch: 100%" in shown and "arXiv: 100%" in shown, shown


def test_no_progress_bars_when_not_a_terminal(empty_site: Path):
    result = run_paperboy(empty_site, "import", *sorted(str(p) for p in FIXTURES.glob("*.json")))
    assert "%|" not in result.stderr and "\r" not in result.stderr
