"""The pipeline, stage by stage: records -> derived pages and feeds -> MkDocs -> site/.

Everything is gathered and rendered before anything is written, so a page never sees a
half-written set of records, and a rendering error leaves the previous output in place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass

from . import __version__
from .storage.cache import Cache, code_fingerprint, file_fingerprint
from .config import Settings
from .errors import PaperboyError
from .storage.writer import WriteCounts

DIGEST_LOG = ".digests.json"  # generator/digest.py's log, listed on the digest archive page


@dataclass(frozen=True)
class Generated:
    papers: int
    problems: tuple[str, ...]
    counts: WriteCounts
    newest: dt.date | None
    """The newest paper's day: the site's "build date" (sitemap lastmod), so builds repeat."""


def _inputs_fingerprint(settings: Settings) -> str:
    records = []
    if settings.papers_dir.is_dir():
        with os.scandir(settings.papers_dir) as entries:
            for entry in entries:
                if entry.name.endswith(".md") and not entry.name.startswith("."):
                    st = entry.stat()
                    records.append((entry.name, st.st_mtime_ns, st.st_size))
    records.sort()
    parts = [
        records, file_fingerprint(settings.config_file), file_fingerprint(settings.docs_dir / DIGEST_LOG),
        code_fingerprint(), __version__,
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def generate(settings: Settings) -> Generated:
    """Derived pages and feeds from every readable record; no network.

    When nothing that generate reads has changed since its last run, and nothing it wrote was
    touched, it does nothing at all (the daily run with nothing new).
    """
    cache = Cache.beside(settings.config_file)
    roots = {"docs": settings.docs_dir, "theme": settings.theme_dir}
    fingerprint = _inputs_fingerprint(settings)
    state = cache.unchanged(fingerprint, roots)
    if state is not None:
        newest = dt.date.fromisoformat(state["newest"]) if state.get("newest") else None
        unchanged = sum(len(files) for files in state["outputs"].values())
        return Generated(state["papers"], tuple(state["problems"]), WriteCounts(0, unchanged, 0), newest)

    # Only now the heavy machinery: a day with nothing new never needs it.
    from .publish.digest import SentLog
    from .render.feeds import render_feeds
    from .render.pages import RenderMemo, render_paper_extras, render_pages
    from .parallel import Workers
    from .render.related import related_papers
    from .storage.store import Store
    from .storage.writer import write_outputs, write_theme_fragments

    digests = SentLog.load(settings.docs_dir / DIGEST_LOG).entries
    # Cards and fragments of unchanged papers come from the last run, if it had this config and code.
    renders_fingerprint = code_fingerprint() + file_fingerprint(settings.config_file)
    memo = RenderMemo(cache.load_renders(renders_fingerprint))
    with Workers() as workers:  # on a large archive: parse on every core, related papers beside the pages
        loaded = Store(settings.papers_dir).load_all(cache, workers)
        papers = loaded.papers
        related = workers.submit(len(papers), related_papers, papers)
        outputs: dict[str, bytes] = {
            path: text.encode("utf-8") for path, text in render_pages(papers, settings, digests, memo).items()
        }
        outputs.update(render_feeds(papers, settings))
        extras = render_paper_extras(papers, settings, memo, related())
    fragments = {path: html.encode("utf-8") for path, html in extras.items()}
    if memo.used != memo.previous:
        cache.save_renders(renders_fingerprint, memo.used)
    counts = write_outputs(settings.docs_dir, outputs) + write_theme_fragments(settings.theme_dir, fragments)
    newest = max((p.sort_day for p in papers), default=None)
    cache.save_state(fingerprint, roots, {"docs": sorted(outputs), "theme": sorted(fragments)}, {
        "papers": len(papers), "problems": list(loaded.problems), "newest": newest.isoformat() if newest else None,
    })
    return Generated(len(papers), loaded.problems, counts, newest)


# The static-site builder: "mkdocs" now; "zensical" (Material's successor, same mkdocs.yml and
# the same `build --strict --config-file` arguments) once it is due. See the README.
BUILDER = "mkdocs"


def source_date_epoch(day: dt.date | None) -> str | None:
    """SOURCE_DATE_EPOCH for a build of records whose newest day is `day` (midnight UTC)."""
    if day is None:
        return None
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))


def mkdocs(settings: Settings, *args: str, epoch: str | None = None, module: str = BUILDER) -> None:
    """Run MkDocs on the site's config (`build --strict`, `serve`, ...); PaperboyError on failure.

    A subprocess, exactly what a user would type, so MkDocs' own logging and strict-mode
    counting apply unchanged.
    """
    command = [sys.executable, "-m", module, *args, "--config-file", str(settings.config_file)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if epoch and "SOURCE_DATE_EPOCH" not in env:
        # MkDocs dates the sitemap with "now" unless told: the data's own date makes builds repeat.
        env["SOURCE_DATE_EPOCH"] = epoch
    result = subprocess.run(command, env=env, check=False)
    if result.returncode != 0:
        raise PaperboyError(f"mkdocs {args[0]} failed (exit {result.returncode}); see its messages above")


def build_site(settings: Settings, *, epoch: str | None = None, full: bool = False) -> str:
    """The static site from docs_dir: only the stale pages when the last build can be trusted
    (generator/incremental.py), else everything. Returns what was done, for the log."""
    from .publish import incremental

    chosen = incremental.plan(settings)
    incremental.forget(settings)  # a build that fails half-way leaves no manifest to trust
    if full or chosen.full or BUILDER != "mkdocs":
        mkdocs(settings, "build", "--strict", epoch=epoch)
        done = f"full build ({'asked for' if full else chosen.reason})"
    else:
        incremental.prepare(settings, chosen)
        mkdocs(settings, "build", "--strict", "--dirty", epoch=epoch, module="generator.publish.mkdocs_dirty")
        done = f"incremental build: {chosen.reason}"
    incremental.record(settings, chosen)
    return done
