"""`make screenshots`: Chromium screenshots of each page kind, desktop (1280) and phone (390).

The site is three weeks of the real archive (tests/fixtures/hf-archive, topic filter off), built
in a temp folder, so the pictures show full days, AI summaries, organizations and tags. They are
written to docs-screenshots/ (linked from the README) for a person to look at.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .browser import launch, serve
from .conftest import REPO, make_sample_site

OUT = REPO / "docs-screenshots"
PAGES = {
    "home": "",
    "day": "archive/2025/10/23/",
    "week": "archive/weeks/2025-W43/",
    "month": "archive/2025/10/",
    "archive": "archive/",
    "tag": "tags/reasoning/",
    "tags": "tags/",
    "paper": "papers/2510.18940/",
    "search": "search/?q=reasoning",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 1000}, "phone": {"width": 390, "height": 844}}


def main(out: Path = OUT) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        root = make_sample_site(Path(work) / "site-src")
        with serve(root / "site") as base, launch() as browser:
            for kind, viewport in VIEWPORTS.items():
                context = browser.new_context(viewport=viewport, device_scale_factor=1)
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(base + path, wait_until="load")
                    if name == "search":
                        page.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
                    page.screenshot(path=str(out / f"{name}-{kind}.png"))
                    print(out / f"{name}-{kind}.png")
                context.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
