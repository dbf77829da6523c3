"""MkDocs (or Zensical) over docs_dir into site_dir: the whole site, or only its stale pages.

A subprocess, exactly what a user would type, so MkDocs' own logging and strict-mode counting
apply unchanged. Which pages are stale is generator/publish/incremental.py's to decide.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
from dataclasses import dataclass

from ..config import Settings
from ..errors import PaperboyError
from . import incremental

# The static-site builder: "mkdocs" now; "zensical" (Material's successor, same mkdocs.yml and
# the same `build --strict --config-file` arguments) once it is due. See the README.
BUILDER = "mkdocs"


@dataclass(frozen=True)
class SiteBuild:
    """What one build of site_dir did."""

    full: bool
    """Every page built (else only the stale ones, with MkDocs' `--dirty`)."""
    reason: str
    """Why: "asked for", "no record of an earlier build", "3 of 120 files changed", ..."""
    rebuilt: int
    """Files of docs_dir whose output was built anew."""
    files: int
    """Files of docs_dir."""

    def summary(self) -> str:
        return f"full build ({self.reason})" if self.full else f"incremental build: {self.reason}"


def source_date_epoch(day: dt.date | None) -> str | None:
    """SOURCE_DATE_EPOCH for a build of records whose newest day is `day` (midnight UTC)."""
    if day is None:
        return None
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))


def mkdocs(settings: Settings, *args: str, epoch: str | None = None, module: str = BUILDER) -> None:
    """Run MkDocs on the site's config (`build --strict`, `serve`, ...); PaperboyError on failure."""
    command = [sys.executable, "-m", module, *args, "--config-file", str(settings.config_file)]
    if module != "zensical" and not logging.getLogger("paperboy").isEnabledFor(logging.INFO):
        command.append("--quiet")  # `paperboy -q`: MkDocs' warnings and errors only, as ours
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if epoch and "SOURCE_DATE_EPOCH" not in env:
        # MkDocs dates the sitemap with "now" unless told: the data's own date makes builds repeat.
        env["SOURCE_DATE_EPOCH"] = epoch
    result = subprocess.run(command, env=env, check=False)
    if result.returncode != 0:
        raise PaperboyError(f"mkdocs {args[0]} failed (exit {result.returncode}); see its messages above")


def build_site(settings: Settings, *, epoch: str | None = None, full: bool = False) -> SiteBuild:
    """The static site from docs_dir: only the stale pages when the last build can be trusted,
    else everything."""
    chosen = incremental.plan(settings)
    files = len(chosen.hashes)
    if not full and incremental.nothing_to_build(settings, chosen):
        # Every output is as the last build left it: MkDocs would only read all the pages again.
        return SiteBuild(False, chosen.reason, 0, files)
    incremental.forget(settings)  # a build that fails half-way leaves no manifest to trust
    if full or chosen.full or BUILDER != "mkdocs":
        mkdocs(settings, "build", "--strict", epoch=epoch)
        done = SiteBuild(True, "asked for" if full else chosen.reason, files, files)
    else:
        incremental.prepare(settings, chosen)
        mkdocs(settings, "build", "--strict", "--dirty", epoch=epoch, module="generator.publish.mkdocs_dirty")
        done = SiteBuild(False, chosen.reason, len(chosen.stale), files)
    incremental.record(settings, chosen)
    return done
