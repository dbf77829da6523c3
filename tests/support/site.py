"""The recorded test data (tests/fixtures/), throwaway copies of the site, and the real command
run in one: what every tier's tests share. Test modules import these from here, never from
each other."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
# Real recorded responses, the seed listing and RFC 4287's schema, kept in the repository so a
# fork runs the whole suite offline (provenance: each folder's SOURCES.md or README.md).
DATA = Path(os.environ.get("PAPERBOY_TEST_DATA", REPO / "tests" / "fixtures"))
FIXTURES = DATA / "real"
SEED = DATA / "seed" / "seed-papers.json"
ATOM_RNG = DATA / "validators" / "atom.rng"
ARCHIVE = DATA / "hf-archive" / "hf-daily-papers-2024-05-27_2026-08-21.tar.xz"
SITE_PAPERS = DATA / "site" / "papers"
"""The test site's records: the seed listing as imported (tests/fixtures/site/README.md)."""
LABELS = REPO / "content" / "topic" / "labels.yml"
"""The bundled topic labels."""


def make_site(root: Path, *, with_papers: bool = True, with_labels: bool = False, hub: bool = False) -> Path:
    """A copy of this repository's site (config, theme, static assets) under `root`, with the
    test records (tests/fixtures/site/) and, if asked, the bundled topic labels. The Hub's
    lookups are off unless asked for (`hub`): the streams' stand-ins do not answer for the Hub,
    and its own tests (tests/cli/test_hub.py) run it against a stand-in of its own."""
    root.mkdir(parents=True, exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if not hub:
        # As text, so the file stays as written (tests edit it as text too).
        on = "    hub:\n      enabled: true\n"
        assert on in config, "mkdocs.yml: extra.paperboy.hub.enabled is not where make_site looks for it"
        config = config.replace(on, "    hub:\n      enabled: false\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(REPO / "theme_overrides", root / "theme_overrides", ignore=shutil.ignore_patterns("generated"))
    shutil.copytree(REPO / "content" / "assets", root / "content" / "assets")
    shutil.copy(REPO / "content" / "search.md", root / "content" / "search.md")
    papers = root / "content" / "papers"
    if with_papers:
        shutil.copytree(SITE_PAPERS, papers)
    else:
        papers.mkdir(parents=True)
    if with_labels:
        (root / "content" / "topic").mkdir(parents=True)
        shutil.copy(LABELS, root / "content" / "topic" / "labels.yml")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root`, by its path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


QUICK_ARXIV = {"PAPERBOY_ARXIV_INTERVAL": "0"}
"""For a stand-in of arXiv's API on 127.0.0.1: no 3 s between requests (arXiv's own rule, which
tests/cli/test_arxiv_stream.py checks on the real command)."""


def run_paperboy(
    root: Path, *args: str, check: bool = True, timeout: float = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """The real command, in its own process, from the site folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=root, capture_output=True, text=True,
        env=env, timeout=timeout,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"paperboy {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
    return result


def configure(
    root: Path, *, topic: bool = True, backoff: float | None = None, read_timeout: float | None = None,
    attempts: int | None = None,
) -> None:
    """Edit a site copy's mkdocs.yml: topic filter on/off, a quicker HTTP policy for tests."""
    changes = {("topic", "enabled"): topic, ("http", "backoff"): backoff, ("http", "attempts"): attempts,
               ("http", "read_timeout"): read_timeout}
    set_config(root, {("extra", "paperboy", *key): value for key, value in changes.items() if value is not None})


class _Env(list):
    """An `!ENV [VARIABLE, default]` value of mkdocs.yml, kept as it is through an edit."""


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


_ConfigLoader.add_constructor("!ENV", lambda loader, node: _Env(loader.construct_sequence(node)))
_ConfigDumper.add_representer(_Env, lambda dumper, value: dumper.represent_sequence("!ENV", value, flow_style=True))


def set_config(root: Path, values: dict[tuple[str, ...], object]) -> None:
    """Set values in a site copy's mkdocs.yml, each by its key path; KeyError when a key is not
    there already (a renamed setting must fail the test, not leave it testing the default)."""
    config = root / "mkdocs.yml"
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a safe loader
    for path, value in values.items():
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        if path[-1] not in parent:
            raise KeyError(f"{config}: no {'.'.join(path)} to set")
        parent[path[-1]] = value
    config.write_text(yaml.dump(data, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")


SAMPLE_DAYS = tuple(f"2025-10-{d:02d}" for d in (6, 7, 8, 9, 10, 13, 14, 15, 16, 17, 20, 21, 22, 23, 24))
"""Three weeks of the archive: AI summaries, organizations, the split GitHub links of 2510.05342
and 2510.18940, busy and quiet days."""


def archive_days(target: Path, days: tuple[str, ...]) -> list[Path]:
    """The archive's responses of these days (YYYY-MM-DD), unpacked into `target`; their paths,
    oldest first. Cheaper than the whole archive (the `archive` fixture) for a test that needs a few."""
    names = {f"Paper_metadata_download/{day}.json" for day in days}
    with tarfile.open(ARCHIVE) as tar:
        members = [m for m in tar.getmembers() if m.name in names]
        tar.extractall(target, members=members, filter="data")
    assert len(members) == len(names), f"not in the archive: {sorted(names - {m.name for m in members})}"
    return sorted(target.rglob("*.json"))


def make_sample_site(root: Path, days: tuple[str, ...] = SAMPLE_DAYS) -> Path:
    """A site of real archive days imported with the topic filter off (every paper kept), built."""
    make_site(root, with_papers=False)
    configure(root, topic=False)
    run_paperboy(root, "import", *map(str, archive_days(root / "archive", days)))
    run_paperboy(root, "build")
    return root


def pagefind_unstable(path: str) -> bool:
    """The one documented exception to byte-identical builds: Pagefind's filter and metadata
    indexes (and the entry file naming them) are not byte-stable between runs (Pagefind issue
    #638); its fragments are. `path` is relative to the built site."""
    return path.startswith("pagefind/") and (
        path == "pagefind/pagefind-entry.json" or path.startswith("pagefind/filter/") or path.endswith(".pf_meta")
    )
