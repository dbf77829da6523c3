"""`make bench`: build a site from the real archive and from a synthetic one, stage by stage.

Each stage is the real command in its own process, timed with a monotonic clock, its peak
memory read from the kernel (wait4 rusage, which covers the processes it waited for). The
reference is a plain `mkdocs build` of the same Markdown with MkDocs' own theme, run in the same
session, so the numbers to read are the ratios. Writes benchmarks/RESULTS.md and a chart.

    python -m benchmarks.bench [--size 10000] [--skip-archive] [--skip-synthetic]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .synthetic import make_archive

REPO = Path(__file__).resolve().parents[1]
ARCHIVE = REPO / "tests" / "fixtures" / "hf-archive" / "hf-daily-papers-2024-05-27_2026-08-21.tar.xz"


@dataclass
class Stage:
    name: str
    seconds: float
    peak_mb: float
    note: str = ""


@dataclass
class Run:
    label: str
    papers: int = 0
    stages: list[Stage] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)

    def stage(self, name: str) -> Stage:
        return next(s for s in self.stages if s.name == name)

    def seconds(self, name: str) -> float:
        return self.stage(name).seconds


REINDEX = """
from pathlib import Path
from generator.storage.cache import Cache
from generator.config import load_settings
from generator.publish.searchindex import index_search
settings = load_settings(Path("mkdocs.yml"))
cache = Cache(Path("reindex-cache"))  # empty: every shard is indexed again
done = index_search(settings.site_dir, cache, settings.search_shard_size)
print("shards made/total:", (done.made, done.shards))
"""
"""Pagefind over every shard, as `paperboy build` runs it, on its own: its time and peak memory."""

DAILY_PAPERS = 30
"""New papers on the day of the daily-build stage."""


def hold_back(days: list[Path], papers: int) -> tuple[list[Path], list[Path]]:
    """The last days holding at least `papers` papers, set aside as "a day later"."""
    held, count = [], 0
    for day in reversed(days):
        try:
            items = json.loads(day.read_text())
        except ValueError:
            continue
        held.insert(0, day)
        count += len(items) if isinstance(items, list) else 0
        if count >= papers:
            break
    return [d for d in days if d not in held], held


def synthetic_days(work: Path, size: int) -> tuple[list[Path], list[Path]]:
    """A synthetic archive of `size` papers, and the day files that bring DAILY_PAPERS more."""
    days = make_archive(work / "synthetic-days", size)
    later = make_archive(work / "synthetic-later", size + DAILY_PAPERS)
    # The same papers plus DAILY_PAPERS more: the new day files are those that differ.
    before = {p.name: p.read_bytes() for p in days}
    return days, [p for p in later if before.get(p.name) != p.read_bytes()]


def measure(name: str, command: list[str], cwd: Path, note: str = "") -> Stage:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    os.sync()  # the previous stage's writes reach the disk on its time, not on this stage's
    start = time.monotonic()
    # stderr goes to a file, not a pipe: a stage that logs more than a pipe holds would block on
    # its writes while we wait for it (an import of the archive did).
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - start
        log.seek(0)
        stderr = log.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{name} failed:\n{stderr[-2000:]}")
    last = [line for line in stderr.splitlines() if line.startswith(("generated", "import:", "built "))]
    return Stage(name, seconds, usage.ru_maxrss / 1024, note or (last[-1] if last else ""))


def make_site(root: Path, topic: bool) -> Path:
    root.mkdir(parents=True)
    config = (REPO / "mkdocs.yml").read_text()
    if not topic:  # the topic section's own `enabled`, not another section's
        start = config.index("    topic:\n")
        config = config[:start] + config[start:].replace("      enabled: true\n", "      enabled: false\n", 1)
    (root / "mkdocs.yml").write_text(config)
    shutil.copytree(REPO / "theme_overrides", root / "theme_overrides", ignore=shutil.ignore_patterns("generated"))
    shutil.copytree(REPO / "content" / "assets", root / "content" / "assets")
    shutil.copy(REPO / "content" / "search.md", root / "content" / "search.md")
    (root / "content" / "papers").mkdir()
    return root


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def gzip_size(path: Path) -> int:
    return gzip_size_of(path.read_bytes())


def gzip_size_of(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def largest_page(site: Path) -> str:
    page = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    return f"{page.stat().st_size / 1024:.0f} KB ({page.relative_to(site).as_posix()}; {gzip_size(page) / 1024:.0f} KB gzip)"


def page_weight(site: Path) -> str:
    """A paper page's transfer size: its HTML plus the CSS and JS it loads, gzip-compressed."""
    page = next((site / "papers").glob("*/index.html"))
    html = page.read_text()
    total = gzip_size(page)
    for ref in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html):
        asset = (page.parent / ref).resolve()
        if asset.is_file():
            total += gzip_size(asset)
    return f"{total / 1024:.0f} KB"


def bench_site(label: str, days: list[Path], new_days: list[Path], work: Path, *, topic: bool) -> Run:
    """Stages of a site's life: import, generate, a full build, then a day later the daily build."""
    run = Run(label)
    root = make_site(work / label.split()[0].lower(), topic)
    paperboy = [sys.executable, "-m", "generator"]
    run.stages.append(measure("import", [*paperboy, "import", *map(str, days)], root))
    run.papers = len(list((root / "content" / "papers").glob("*.md")))
    if not topic and label.startswith("Archive"):
        # The topic model's cost beside the rest: train on the bundled labels, score every
        # candidate (`check --topic` decides everything, labelled papers too), topic filter on.
        (root / "content" / "topic").mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "content" / "topic" / "labels.yml", root / "content" / "topic" / "labels.yml")
        (root / "mkdocs-topic.yml").write_text((REPO / "mkdocs.yml").read_text())
        run.stages.append(measure("topic model: train on the labels, score every candidate",
                                  [*paperboy, "-f", "mkdocs-topic.yml", "check", "--topic"], root,
                                  note="not part of this topic-off site's build; see TOPIC.md"))
    run.stages.append(measure("generate (cold)", [*paperboy, "generate"], root))
    run.stages.append(measure("generate (nothing new)", [*paperboy, "generate"], root))
    # What `make site` runs: generate (nothing new by now), MkDocs --strict, Pagefind.
    run.stages.append(measure("build (full)", [*paperboy, "build", "--full"], root))
    run.stages.append(measure("search index alone, every shard (part of the build)", [sys.executable, "-c", REINDEX], root))
    site = root / "site"
    run.facts["site size"] = f"{tree_size(site) / 2**20:.0f} MB in {sum(1 for p in site.rglob('*') if p.is_file())} files"
    bundles = sorted(site.glob("pagefind*"))
    run.facts["search index"] = (f"{sum(tree_size(b) for b in bundles) / 2**20:.1f} MB in "
                                 f"{sum(1 for b in bundles for _ in b.rglob('*'))} files, {len(bundles)} shards (Pagefind)")
    run.facts["paper page weight"] = page_weight(site)
    run.facts["largest page (HTML)"] = largest_page(site)
    # The reference: the same Markdown, plain MkDocs theme, no theme overrides.
    plain = root.parent / f"{root.name}-plain"
    shutil.copytree(root / "content", plain / "content")
    config = (root / "mkdocs.yml").read_text()
    config = config.replace("  name: material\n", "  name: mkdocs\n", 1).replace("  custom_dir: theme_overrides\n", "", 1)
    # With MkDocs' built-in search: its one JSON index is what Material's search also downloads
    # whole before it can show a first result.
    config = config.replace("plugins: []\n", "plugins:\n  - search\n", 1)
    (plain / "mkdocs.yml").write_text(config)
    run.stages.append(measure("reference: plain mkdocs build", [sys.executable, "-m", "mkdocs", "build", "-q"], plain))
    index = plain / "site" / "search" / "search_index.json"
    if index.is_file():
        run.facts["built-in search, downloaded before the first result"] = (
            f"{index.stat().st_size / 2**20:.1f} MB ({gzip_size(index) / 2**20:.1f} MB gzip): the whole index")
    run.facts["Pagefind, downloaded before the first result"] = pagefind_first_result(site)
    # A day later: the new papers arrive, and the daily build runs (incremental).
    run.stages.append(measure("daily: import the new papers", [*paperboy, "import", *map(str, new_days)], root))
    run.stages.append(measure("daily: build", [*paperboy, "build"], root))
    return run


def pagefind_first_result(site: Path, query: str = "model") -> str:
    """Bytes the browser fetches from opening the search page to the first result, in Chromium."""
    try:
        sys.path.insert(0, str(REPO))
        from tests.support.browser import chromium_path, launch, serve
    except ImportError:
        return "not measured (test extras not installed)"
    if chromium_path() is None:
        return "not measured (no Chromium)"
    responses: list = []
    with serve(site) as base, launch() as browser:
        page = browser.new_page()
        page.goto(base + "search/", wait_until="load")
        page.on("response", lambda response: responses.append(response))
        start = time.monotonic()
        page.locator(".pagefind-ui__search-input").fill(query)
        page.locator(".pagefind-ui__result").first.wait_for(timeout=60_000)
        seconds = time.monotonic() - start
        # Bodies are read while the page is open (a handler reading them raced the close).
        bodies = [(r.body(), r.headers.get("content-type", "")) for r in list(responses) if r.ok]
    raw = sum(len(body) for body, _ in bodies)
    # This test server sends files as they are; a host such as GitHub Pages gzips text types.
    # Pagefind's own index files are gzip data already, sent as they are either way.
    sent = sum(gzip_size_of(body) if kind.startswith(TEXT_TYPES) else len(body) for body, kind in bodies)
    return (
        f"{sent / 1024:.0f} KB as a host that compresses text sends it ({raw / 1024:.0f} KB uncompressed) "
        f"in {len(bodies)} requests, first result after {seconds:.2f} s (query '{query}', after the page itself)"
    )


TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


def new_papers(import_note: str) -> str:
    found = re.search(r"(\d+) new", import_note)
    return found.group(1) if found else "?"


def report(runs: list[Run]) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Measured {dt.date.today().isoformat()} with `make bench` on this machine ({os.cpu_count()} cores). "
        "Each stage is the real command in its own process; peak memory is the kernel's maximum RSS. "
        "Read the ratios: absolute times vary with the machine and its load.",
        "",
        "![Stages](stages.svg)",
        "",
    ]
    for run in runs:
        lines += [f"## {run.label}: {run.papers} papers", "", "| stage | seconds | peak memory | note |", "| --- | ---: | ---: | --- |"]
        for s in run.stages:
            lines.append(f"| {s.name} | {s.seconds:.1f} | {s.peak_mb:.0f} MB | {s.note} |")
        cold, full, daily = run.seconds("generate (cold)"), run.seconds("build (full)"), run.seconds("daily: build")
        pagefind = run.seconds("search index alone, every shard (part of the build)")
        peak = max(s.peak_mb for s in run.stages if not s.name.startswith(("import", "reference", "daily: import")))
        lines += [
            "",
            f"- generate (cold: every record parsed, every page rendered) is **{cold / (cold + full):.1%}** of "
            f"generate + the full build; a day with nothing new: **{run.seconds('generate (nothing new)'):.2f} s**.",
            f"- the daily build ({new_papers(run.stage('daily: import the new papers').note)} new papers) takes "
            f"**{daily / full:.0%}** of a full build ({daily:.1f} s vs {full:.1f} s).",
            f"- peak memory of any generate or build stage: **{peak:.0f} MB**.",
            f"- MkDocs with Material vs the plain-MkDocs reference: **{(full - pagefind) / run.seconds('reference: plain mkdocs build'):.1f}×** "
            "(the full build less Pagefind)",
        ]
        lines += [f"- {k}: {v}" for k, v in run.facts.items()]
        lines.append("")
    return "\n".join(lines) + "\n"


def chart(runs: list[Run]) -> str:
    """A horizontal bar chart of the stages, as a small SVG."""
    rows = [(f"{r.label.split()[0]}: {s.name}", s.seconds) for r in runs for s in r.stages]
    longest = max((v for _, v in rows), default=1) or 1
    height = 24 * len(rows) + 20
    bars = []
    for i, (name, value) in enumerate(rows):
        y = 10 + 24 * i
        width = 420 * value / longest
        bars.append(f'<text x="290" y="{y + 14}" text-anchor="end" font-size="12">{name}</text>'
                    f'<rect x="300" y="{y}" width="{width:.1f}" height="18" fill="#4051b5"/>'
                    f'<text x="{305 + width:.1f}" y="{y + 14}" font-size="12">{value:.1f} s</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="{height}" font-family="sans-serif">'
            + "".join(bars) + "</svg>\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=int(os.environ.get("BENCH_SIZE", 10_000)))
    parser.add_argument("--skip-archive", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory(prefix="paperboy-bench-") as tmp:
        work = Path(tmp)
        if not args.skip_archive:
            with tarfile.open(ARCHIVE) as tar:
                tar.extractall(work / "archive-days", filter="data")
            days = sorted((work / "archive-days" / "Paper_metadata_download").glob("*.json"))
            days, new_days = hold_back(days, DAILY_PAPERS)
            runs.append(bench_site("Archive (580 real days, topic filter off)", days, new_days, work, topic=False))
        if not args.skip_synthetic:
            days, new_days = synthetic_days(work, args.size)
            runs.append(bench_site(f"Synthetic ({args.size} papers)", days, new_days, work, topic=False))
    out = REPO / "benchmarks"
    (out / "RESULTS.md").write_text(report(runs))
    (out / "stages.svg").write_text(chart(runs))
    print((out / "RESULTS.md").read_text())


if __name__ == "__main__":
    main()
