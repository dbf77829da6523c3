"""`make profile`: where the time of a build goes, on the real archive (benchmarks/PROFILE.md).

Three builds of the 580-day archive (topic filter off), each profiled with cProfile: a full build
(a fresh cache: every page generated and built, every search shard made), a day's build (the
held-back last days imported, then `build`), and a build with nothing new. The stages before
MkDocs run in this process; MkDocs runs as `paperboy build` runs it, in its own process, with
cProfile around it; Pagefind is a program of its own and is only timed.

    python -m benchmarks.profile [--top 12]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .bench import ARCHIVE, DAILY_PAPERS, REPO, hold_back, make_site

OURS = ("generator/", "jinja2/", "feedgen/", "markdown/", "frontmatter/", "yaml/", "mkdocs/", "material/", "pymdownx/")


@dataclass
class Profiled:
    """One build: seconds by stage, and the profile of each process that ran Python."""

    name: str
    seconds: list[tuple[str, float]] = field(default_factory=list)
    summary: str = ""
    profiles: dict[str, pstats.Stats] = field(default_factory=dict)


def _profiled_mkdocs(folder: Path):
    """subprocess.run for generator.publish.mkdocs that runs MkDocs under cProfile."""
    real = subprocess.run

    def run(command, *args, **kwargs):
        if command[1:2] == ["-m"] and "mkdocs" in command[2]:
            command = [command[0], "-m", "cProfile", "-o", str(folder / "mkdocs.prof"), *command[1:]]
        return real(command, *args, **kwargs)
    return run


def profile_build(name: str, root: Path, work: Path, *, full: bool) -> Profiled:
    from generator import build as stages
    from generator.config import load_settings
    from generator.publish import mkdocs

    folder = work / name.replace(" ", "-")
    folder.mkdir()
    os.chdir(root)
    settings = load_settings(root / "mkdocs.yml")
    mkdocs.subprocess.run = _profiled_mkdocs(folder)
    profiler = cProfile.Profile()
    start = time.monotonic()
    try:
        profiler.enable()
        report = stages.build(settings, full=full)
        profiler.disable()
    finally:
        mkdocs.subprocess.run = subprocess.run
    done = Profiled(name, [*report.seconds, ("total", time.monotonic() - start)])
    done.summary = report.site.summary() if report.site else "not built"
    done.profiles["paperboy (topic, generate, search index)"] = pstats.Stats(profiler)
    if (folder / "mkdocs.prof").is_file():
        done.profiles["MkDocs"] = pstats.Stats(str(folder / "mkdocs.prof"))
    return done


def _where(key: tuple[str, int, str]) -> str:
    path, line, function = key
    for marker in OURS:
        if marker in path:
            return f"{marker}{path.split(marker, 1)[1]}:{line} {function}"
    return f"{Path(path).name}:{line} {function}" if line else function


def top_functions(stats: pstats.Stats, count: int) -> list[tuple[str, float, float, int]]:
    """The functions of our code and the libraries it drives that take the most time, including
    what they call: (where, cumulative s, own s, calls)."""
    rows = []
    for key, (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        if any(marker in key[0] for marker in OURS):
            rows.append((_where(key), cumulative, own, calls))
    rows.sort(key=lambda row: -row[1])
    return rows[:count]


def report(builds: list[Profiled], papers: int, new: int, top: int) -> str:
    lines = [
        "# Where a build's time goes",
        "",
        f"Profiled {time.strftime('%Y-%m-%d')} with `make profile` on this machine ({os.cpu_count()} cores): "
        f"the real archive, {papers} papers, topic filter off; the day's build adds the last days held back "
        f"({new} papers). cProfile slows Python down, so read the shares, not the seconds; the build's own "
        "timings (first table) are measured in the same run.",
        "",
        "| build | " + " | ".join(stage for stage, _ in builds[0].seconds) + " | what MkDocs did |",
        "| --- | " + " | ".join("---:" for _ in builds[0].seconds) + " | --- |",
    ]
    for build in builds:
        values = dict(build.seconds)
        lines.append(f"| {build.name} | " + " | ".join(f"{values.get(stage, 0):.1f} s" for stage, _ in builds[0].seconds)
                     + f" | {build.summary} |")
    for build in builds:
        for process, stats in build.profiles.items():
            lines += ["", f"## {build.name}: {process}", "", "| function | cumulative s | own s | calls |",
                      "| --- | ---: | ---: | ---: |"]
            lines += [f"| `{where}` | {cumulative:.2f} | {own:.2f} | {calls} |"
                      for where, cumulative, own, calls in top_functions(stats, top)]
    return "\n".join(lines) + "\n"


def _import(paperboy: list[str], days: list[Path], root: Path) -> None:
    """`paperboy import`; the archive's malformed days are named and skipped (exit status 1)."""
    done = subprocess.run([*paperboy, "import", *map(str, days)], cwd=root, stderr=subprocess.DEVNULL, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"import failed (exit {done.returncode})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory(prefix="paperboy-profile-") as tmp:
        work = Path(tmp)
        with tarfile.open(ARCHIVE) as tar:
            tar.extractall(work / "days", filter="data")
        days, new_days = hold_back(sorted((work / "days" / "Paper_metadata_download").glob("*.json")), DAILY_PAPERS)
        root = make_site(work / "site", topic=False)
        paperboy = [sys.executable, "-m", "generator", "-q"]
        _import(paperboy, days, root)
        papers = sum(1 for _ in (root / "content" / "papers").glob("*.md"))
        builds = [profile_build("full build", root, work, full=True)]
        _import(paperboy, new_days, root)
        new = sum(1 for _ in (root / "content" / "papers").glob("*.md")) - papers
        builds.append(profile_build("day's build", root, work, full=False))
        builds.append(profile_build("nothing new", root, work, full=False))
        os.chdir(REPO)
    text = report(builds, papers, new, args.top)
    (REPO / "benchmarks" / "PROFILE.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
