"""A reader's morning (issue 21), in the built files: on the test site and on a dense one (three
weeks of the real archive, topic filter off, both built once a run), no page says "1 papers" or
tells the reader to run a command, and every page has its own link preview."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def sites(built_site: Path, sample_site: Path) -> dict[str, Path]:
    return {"test": built_site, "dense": sample_site}


class _Meta(HTMLParser):
    """The <meta> tags of a page, by property or name, and its visible-ish text."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            found = dict(attrs)
            key = found.get("property") or found.get("name")
            if key:
                self.meta.setdefault(key, found.get("content") or "")

    def handle_data(self, data):
        self.text.append(data)


def _parse(path: Path) -> _Meta:
    parser = _Meta()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("kind", ["test", "dense"])
def test_no_page_says_1_papers_or_tells_the_reader_to_run_a_command(sites, kind):
    """No built page says "1 papers"; none tells the reader to run `paperboy ...`."""
    bad = []
    for path in sites[kind].rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"\b1 papers\b", text):
            bad.append(f"{path}: 1 papers")
        if re.search(r"(run|with) <code>paperboy|`paperboy \w+`", text):
            bad.append(f"{path}: a command for the reader")
    assert bad == []


@pytest.mark.parametrize("kind", ["test", "dense"])
def test_every_paper_page_has_its_own_link_preview(sites, kind):
    """Each paper page has og:title, og:description, og:url and twitter:card (and og:image when
    the record has a thumbnail); descriptions differ."""
    descriptions = {}
    for path in sorted((sites[kind] / "papers").glob("*/index.html")):
        meta = _parse(path).meta
        for key in ("og:title", "og:description", "og:url", "twitter:card", "description"):
            assert meta.get(key), f"{path}: no {key}"
        assert meta["og:url"].endswith(f"/papers/{path.parent.name}/")
        assert meta["description"] == meta["og:description"]
        if kind == "dense":  # 2025's records carry HF's thumbnail: a large preview with it
            assert meta["og:image"] == f"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{path.parent.name}.png"
            assert meta["twitter:card"] == "summary_large_image"
        else:  # the test records have none: no image, a small card
            assert "og:image" not in meta and meta["twitter:card"] == "summary"
        descriptions[path.parent.name] = meta["og:description"]
    assert len(descriptions) > 20
    assert len(set(descriptions.values())) == len(descriptions), "every paper describes itself"


def test_day_and_tag_pages_have_their_own_descriptions(sites):
    """Day and tag pages are described by their own counts and titles, not by the site's line."""
    site = sites["dense"]
    day = _parse(site / "archive/2025/10/24/index.html").meta
    tag = _parse(site / "tags/distillation/index.html").meta
    assert day["og:description"].startswith("18 papers of Friday, October 24, 2025: ")
    assert tag["og:description"].startswith("Distillation: ")
    assert day["og:description"] != tag["og:description"] != _parse(site / "index.html").meta["og:description"]
