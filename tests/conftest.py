"""Shared test fixtures: the project's shared/ material and throwaway copies of the site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.config import Settings, load_settings

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PAPERBOY_SHARED", REPO.parent / "shared"))
FIXTURES = SHARED / "fixtures" / "real"
SEED = SHARED / "seed" / "seed-papers.json"
ATOM_RNG = SHARED / "validators" / "atom.rng"


def make_site(root: Path, *, with_papers: bool = True) -> Path:
    """A copy of this repository's site (config, theme, static assets, records) under `root`."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme_overrides", root / "theme_overrides")
    shutil.copytree(REPO / "content" / "assets", root / "content" / "assets")
    papers = root / "content" / "papers"
    if with_papers:
        shutil.copytree(REPO / "content" / "papers", papers)
    else:
        papers.mkdir(parents=True)
    return root


def run_paperboy(root: Path, *args: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
    """The real command, in its own process, from the site folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=root, capture_output=True, text=True,
        env=env, timeout=timeout,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"paperboy {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
    return result


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
    root = make_site(tmp_path_factory.mktemp("built") / "src")
    run_paperboy(root, "build")
    return root / "site"


@pytest.fixture(scope="session")
def atom_schema():
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(ATOM_RNG)))
