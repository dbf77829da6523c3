"""The suite's tiers and its shared fixtures: the recorded archive and the sites built once a run.

Tests are filed by what they cost, one folder a tier, and each test is marked with its folder's
tier (`pytest -m unit`, or the folder itself, runs one tier alone; `make test-quick` runs the
unit tier, `make test` all of them):

- tests/unit/: in-process; no subprocess, no built site, no browser (stand-ins on 127.0.0.1 are fine).
- tests/cli/: `paperboy` (or another command) run as a process.
- tests/site/: reads or makes a site built with MkDocs.
- tests/browser/: drives Chromium.
- tests/workflows/: the GitHub workflows' steps, bash and git, run on their dry-run inputs.
- tests/slow/: whole-archive passes and the benchmark's own test.

A test file left at the top of tests/ runs too, marked `unfiled` (outside the quick tier), until
it is moved to its folder. Helpers live in tests/support/; a test module imports from there, never
from another test module.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import build
from generator.config import Settings, load_settings

from .support.hostile import HostileSite, hostile_site, make_hostile_site
from .support.site import ARCHIVE, ATOM_RNG, make_sample_site, make_site, run_paperboy, set_config

# mkdocs.yml takes site_url from PAPERBOY_SITE_URL when it is set (a fork's build does): the
# tests and golden files expect the fallback URL, so a developer's own setting stays out.
os.environ.pop("PAPERBOY_SITE_URL", None)
# Every stand-in runs on 127.0.0.1: no spacing between requests to a stand-in Hub.
os.environ["PAPERBOY_HUB_INTERVAL"] = "0"

TIERS = ("slow", "workflows", "browser", "site", "cli", "unfiled", "unit")
"""The tiers (each a folder of tests/ but `unfiled`), in the order their tests are handed to the
workers: the longest first, so that no long test starts last and runs alone at the end."""


def tier_of(path: Path) -> str:
    """The tier of a test file: its folder under tests/, or `unfiled` for one at the top (or elsewhere)."""
    tests = Path(__file__).parent
    folder = path.relative_to(tests).parts[0] if path.is_relative_to(tests) else ""
    return folder if folder in TIERS else "unfiled"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test with its tier (registered in pyproject.toml; --strict-markers refuses any
    other), and order them tier by tier, the longest tier first."""
    for item in items:
        item.add_marker(tier_of(item.path))
    items.sort(key=lambda item: TIERS.index(tier_of(item.path)))


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """Name the test files that no tier holds yet, so that they get filed."""
    files = {report.nodeid.split("::")[0] for reports in terminalreporter.stats.values() for report in reports
             if getattr(report, "nodeid", "")}
    unfiled = sorted(f for f in files if (config.rootpath / f).is_file() and tier_of(config.rootpath / f) == "unfiled")
    if unfiled:
        terminalreporter.write_line(f"unfiled (move each to its tier's folder, tests/conftest.py says which): "
                                    f"{', '.join(unfiled)}", yellow=True)


def shared(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Path:
    """A folder made once for the whole run by `make(folder)`, whichever worker asks first.

    Under pytest-xdist every worker is its own process with its own session fixtures: a site
    built "once a session" was built once a worker. The workers share the parent of their base
    temporary folders, so the first to ask makes the folder there (the others wait on a lock)
    and every later one finds it made. Only for what tests read and never change."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder, done = base / name, base / f"{name}.made"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a worker that failed half-way
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def _unpack_archive(target: Path) -> None:
    with tarfile.open(ARCHIVE) as tar:
        tar.extractall(target, filter="data")


@pytest.fixture(scope="session")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real 580-day archive of Daily Papers responses, unpacked once."""
    return shared(tmp_path_factory, "archive", _unpack_archive) / "Paper_metadata_download"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A fresh copy of the bundled site in a temp folder."""
    return make_site(tmp_path / "site-src")


@pytest.fixture
def empty_site(tmp_path: Path) -> Path:
    """The site's config and theme with no records."""
    return make_site(tmp_path / "site-src", with_papers=False)


@pytest.fixture
def settings(site: Path) -> Settings:
    return load_settings(site / "mkdocs.yml")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled site built once with `paperboy build` (mkdocs --strict); returns site/."""
    def make(folder: Path) -> None:
        run_paperboy(make_site(folder / "src"), "build")

    return shared(tmp_path_factory, "built", make) / "src" / "site"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three real archive weeks (SAMPLE_DAYS, 406 papers, topic filter off) built; returns site/."""
    return shared(tmp_path_factory, "sample", lambda folder: make_sample_site(folder / "src")) / "src" / "site"


@pytest.fixture(scope="session")
def atom_schema():
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(ATOM_RNG)))


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    """A day of hostile items (tests/support/hostile.py) imported into an empty site with the
    topic filter off, and built strictly; once a run."""
    return hostile_site(shared(tmp_path_factory, "hostile", make_hostile_site))


@pytest.fixture(scope="session")
def reviewed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled labels and the candidates of the recorded days (no records yet), decided once
    a run by `paperboy generate` (tests/support/curator.py); copy it before changing it."""
    from .support.curator import make_reviewed_site

    return shared(tmp_path_factory, "reviewed", lambda folder: make_reviewed_site(folder / "site")) / "site"


def _make_sharded(folder: Path) -> None:
    root = make_site(folder / "src")
    set_config(root, {("extra", "paperboy", "search_shard_size"): 8})
    report = build(load_settings(root / "mkdocs.yml"))
    assert report.ok and report.search is not None and report.search.made == report.search.shards > 3


@pytest.fixture(scope="session")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled site built with at most 8 papers a search shard, once a run; returns site/."""
    return shared(tmp_path_factory, "sharded", _make_sharded) / "src" / "site"
