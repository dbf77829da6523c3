"""Rendering in tests: one `Templates` shared by the tests whose settings are alike, the derived
Markdown pages rendered with it, and the golden files (tests/site/golden/) compared byte for byte.

A `Templates` compiles its Jinja environments and templates on first use (a third of a second):
a run makes one, and so do the tests here, instead of one a call to `render_pages`."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from generator.config import Settings
from generator.models import Paper
from generator.releases import Releases
from generator.render import pages
from generator.render.templating import Templates

GOLDEN = Path(__file__).resolve().parents[1] / "site" / "golden"
"""One paper page, one tag page and one feed, as the bundled test records render them."""
UPDATE_GOLDEN = os.environ.get("PAPERBOY_UPDATE_GOLDEN") == "1"
"""`make golden`: write the golden files instead of comparing with them."""

_shared: dict[str, Templates] = {}


def templates_for(settings: Settings) -> Templates:
    """One `Templates` for all settings that differ only in their site's folders (each test's
    own copy of the site): what the templates read of the settings (names, URLs, tag rules, feed
    size, thumbnails) is then the same, and the folders are never read by a template."""
    folders = {field: Path() for field in ("config_file", "docs_dir", "site_dir", "theme_dir")}
    key = repr(dataclasses.replace(settings, **folders))
    if key not in _shared:
        _shared[key] = Templates(settings)
    return _shared[key]


def render_pages(
    papers: Sequence[Paper], settings: Settings, digests: Mapping[str, dict] | None = None,
    releases: Mapping[str, Releases] | None = None,
) -> dict[str, str]:
    """generator.render.pages.render_pages with the shared `Templates` (`templates_for`): the
    same pages, {docs path: text}."""
    return pages.render_pages(papers, settings, digests, releases, templates=templates_for(settings))


def compare_golden(name: str, actual: bytes) -> None:
    """`actual` equals the golden file `name`, byte for byte (written instead with `make golden`)."""
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.write_bytes(actual)
    assert path.exists(), f"{path} is missing: run `make golden`"
    assert actual == path.read_bytes(), f"{name} differs from its golden file: run `make golden` if intended"
