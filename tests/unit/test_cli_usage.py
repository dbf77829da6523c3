"""The command line's usage, in-process through `main([...])`: help that says what a command does
and what it reads from the environment, and usage errors named as such (exit 2) before anything
is read or written. tests/cli/test_cli_conventions.py runs the real command for the rest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main

from tests.support.site import REPO


def usage(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of `paperboy ARGV` where it stops at the command line."""
    with pytest.raises(SystemExit) as stopped:
        main(list(argv))
    out, err = capsys.readouterr()
    return stopped.value.code, out, err


@pytest.fixture
def help_of(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """`paperboy ARGV --help` on a 100-column terminal: its text."""
    monkeypatch.setenv("COLUMNS", "100")

    def text(*argv: str) -> str:
        code, out, _ = usage(capsys, *argv, "--help")
        assert code == 0
        return out

    return text


@pytest.fixture(autouse=True)
def nowhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder: a command line that is refused writes nothing in it."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    assert list(tmp_path.iterdir()) == [], "nothing is written"


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


def environment_of(text: str) -> list[str]:
    """The variables a help text names under `environment:`."""
    environment = text.split("environment:", 1)[1]
    return [line.split()[0] for line in environment.splitlines() if line.startswith("  ") and line.split()[0].isupper()]


def test_fetch_help_describes_it_and_names_the_environment_it_reads(help_of):
    words = " ".join(help_of("fetch").split())
    assert "Fetch days from both streams" in words and "Hugging Face Daily Papers, and arXiv's new papers" in words


@pytest.mark.parametrize("verb", sorted(HELP_ENVIRONMENT))
def test_every_command_has_a_description_and_its_environment(help_of, verb: str):
    text = help_of(verb)
    assert text.startswith(f"usage: paperboy {verb} ")
    _, _, rest = text.partition("\n\n")
    assert rest.strip() and not rest.startswith(("positional", "options")), "a description after the usage"
    assert environment_of(text) == HELP_ENVIRONMENT[verb]
    if not HELP_ENVIRONMENT[verb]:
        assert "none" in text.split("environment:", 1)[1]


def test_the_main_help_lists_every_command_and_the_exit_statuses(help_of):
    text = help_of()
    listed = re.findall(r"^    ([a-z-]+) ", text.split("COMMAND\n", 1)[1].split("\n\n")[0], re.M)
    assert sorted(listed) == sorted(HELP_ENVIRONMENT)
    assert "2 for a usage error" in " ".join(text.split())


def test_every_variable_the_code_reads_is_in_some_commands_help(help_of):
    """Every PAPERBOY_* name in the package (and mkdocs.yml's site_url) is shown by some `--help`."""
    code = " ".join(p.read_text() for p in (REPO / "generator").rglob("*.py")) + (REPO / "mkdocs.yml").read_text()
    read = set(re.findall(r"\bPAPERBOY_[A-Z_]*[A-Z]\b", code)) - {"PAPERBOY_SEARCH_SHARDS"}  # a JS global
    shown = {name for verb in HELP_ENVIRONMENT for name in environment_of(help_of(verb))}
    prefixes = {v[:-1] for v in shown if v.endswith("*")}
    assert {v for v in read if not any(v.startswith(p) for p in prefixes)} <= shown
    assert "PAPERBOY_SMTP_HOST" in read and "PAPERBOY_HF_API" in read, "the search finds what the code reads"


def test_quiet_and_verbose_together_is_a_usage_error(capsys):
    code, _, err = usage(capsys, "-q", "generate", "-v")
    assert code == 2 and "-q" in err and "-v" in err


@pytest.mark.parametrize("argv", [["--bogus"], ["--bogus", "check"], ["check", "--bogus"], ["fetch", "--bogus"]])
def test_an_unknown_option_is_named_as_such(capsys, argv: list[str]):
    code, _, err = usage(capsys, *argv)
    assert code == 2
    assert "unrecognized arguments: --bogus" in err
    assert "required" not in err


def test_no_command_is_a_usage_error(capsys):
    code, _, err = usage(capsys)
    assert code == 2 and "usage: paperboy" in err and "COMMAND" in err


@pytest.mark.parametrize(("argv", "reason"), [
    (["--since", "2025-01-02", "--until", "2025-01-01"], "--until 2025-01-01 is before --since 2025-01-02"),
    (["--until", "2025-01-01"], "--until needs --since"),
    (["--date", "2025-01-01", "--until", "2025-01-02"], "--until goes with --since, not --date"),
    (["--date", "2025-01-01", "--since", "2025-01-01"], "not allowed with argument"),
    (["--since", "2999-01-01"], "--since 2999-01-01 is after today"),
    (["--date", "2025-02-30"], "not a date (YYYY-MM-DD): '2025-02-30'"),
    (["--concurrency", "0"], "expected a whole number of at least 1: '0'"),
])
def test_a_bad_date_range_or_count_is_a_usage_error_before_anything_is_fetched(capsys, argv: list[str], reason: str):
    code, _, err = usage(capsys, "fetch", *argv)
    assert code == 2, err
    assert "usage: paperboy fetch" in err and reason in err
