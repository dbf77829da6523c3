"""`make screenshots`: Chromium screenshots of each page kind, desktop (1280) and phone (390).

The site is the repository's own (the bundled records, as `make site` builds them), copied to a
temp folder and built there, so the pictures show what a reader of the default site sees: its
newest day, week and month, a tag, a paper with an AI summary and an organization. They are
written to docs-screenshots/ (linked from the README), and the home page also to
.github/screenshot.png (the README's picture), for a person to look at.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator import urls
from generator.config import load_settings
from generator.storage.store import Store

from .support.browser import launch, serve
from .support.site import REPO

OUT = REPO / "docs-screenshots"


def bundled_site(root: Path) -> Path:
    """The repository's site, built in `root`."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme_overrides", root / "theme_overrides", ignore=shutil.ignore_patterns("generated"))
    shutil.copytree(REPO / "content", root / "content")
    subprocess.run([sys.executable, "-m", "generator", "-q", "build"], cwd=root, check=True)
    return root


def pages(root: Path) -> dict[str, str]:
    """Each page kind's URL in this site: its newest day, week and month, and its newest paper
    that has an AI summary and an organization."""
    papers = Store(load_settings(root / "mkdocs.yml").papers_dir).load_all().papers
    newest = max(p.sort_day for p in papers)
    paper = max((p for p in papers if p.ai_summary and p.organization), key=lambda p: (p.sort_day, p.arxiv_id))
    return {
        "home": "",
        "day": urls.url_of(urls.day_path(newest)),
        "week": urls.url_of(urls.week_path(newest.isocalendar()[:2])),
        "month": urls.url_of(urls.month_path(newest.replace(day=1))),
        "archive": urls.url_of(urls.ARCHIVE_INDEX),
        "tag": urls.url_of(urls.tag_path("quantization")),
        "tags": urls.url_of(urls.TAGS_INDEX),
        "paper": urls.url_of(urls.paper_path(paper.slug)),
        "search": urls.url_of(urls.SEARCH_PAGE) + "?q=quantization",
        "subscribe": urls.url_of(urls.SUBSCRIBE),
        "404": "404.html",
    }
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
"""The sizes issue 21 reads the site at: a laptop's first screen and a phone's."""


def main(out: Path = OUT) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        root = bundled_site(Path(work) / "site-src")
        kinds = pages(root)
        with serve(root / "site") as base, launch() as browser:
            for kind, viewport in VIEWPORTS.items():
                context = browser.new_context(viewport=viewport, device_scale_factor=1)
                page = context.new_page()
                for name, path in kinds.items():
                    page.goto(base + path, wait_until="load")
                    if name == "search":
                        page.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
                        # Results are drawn as placeholders first: wait until the first ones are filled in.
                        page.wait_for_function("document.querySelector('.pagefind-ui__result .pagefind-ui__loading') === null",
                                               timeout=15000)
                    page.screenshot(path=str(out / f"{name}-{kind}.png"))
                    print(out / f"{name}-{kind}.png")
                    if (name, kind) == ("home", "desktop"):
                        shutil.copy(out / "home-desktop.png", REPO / ".github" / "screenshot.png")
                context.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
