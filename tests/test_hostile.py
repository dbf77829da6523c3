"""Hostile input end to end: imported, generated and built strictly, it stays inert text."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import html

from .conftest import run_paperboy
from .hostile import HOSTILE_STRINGS


def hostile_day() -> list:
    items = []
    for i, text in enumerate(HOSTILE_STRINGS):
        items.append({
            "paper": {
                "id": f"2401.{i + 1:05d}",
                "title": f"{text} small language models",
                "summary": f"A small language model. {text}",
                "authors": [{"name": text}, {"name": "Ada Lovelace"}],
                "publishedAt": "2024-01-01T00:00:00.000Z",
                "upvotes": i,
                "githubRepo": "javascript:alert(1)" if i % 2 else "https://github.com/ok/repo",
                "projectPage": "data:text/html,<script>alert(1)</script>",
                "ai_keywords": [text],
            },
            "numComments": 1,
        })
    items.append({"paper": {"id": "../../../etc/passwd", "title": "small language model"}})
    items.append({"paper": {"id": "2401.99999", "title": "small language model", "upvotes": "9; rm -rf /"}})
    return items


# Scripts Material itself puts on every page; anything else in a <script> came from data.
MATERIAL_SCRIPT_MARKERS = ("__md_", "assets/javascripts/", "__palette", "__config", "location.hash.slice(1)")


def built_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def assert_inert(page: Path) -> None:
    doc = html.parse(str(page))
    for script in doc.iter("script"):
        source = (script.get("src") or "") + (script.text or "")
        assert any(m in source for m in MATERIAL_SCRIPT_MARKERS), f"{page}: unexpected script {source[:80]!r}"
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), f"{page}: event handler {name}={value!r}"
            if name in ("href", "src", "action", "formaction"):
                scheme = value.strip().lower().split(":", 1)[0]
                assert scheme not in ("javascript", "data", "vbscript"), f"{page}: {name}={value!r}"
    for tag in ("img", "iframe", "object", "embed", "form", "input", "svg"):
        for element in doc.iter(tag):
            assert tag in ("svg", "input", "form") or "onerror" not in element.attrib
    assert b"alert(" not in b"".join(
        (s.text or "").encode() for s in doc.iter("script")
    ), page


def test_hostile_day_builds_strictly_and_stays_inert(empty_site: Path, tmp_path: Path):
    """Every benign item is published, every bad one named, no script runs, nothing lands outside."""
    day = tmp_path / "2024-01-02.json"
    day.write_text(json.dumps(hostile_day()))
    before = set(empty_site.rglob("*"))
    result = run_paperboy(empty_site, "import", str(day))
    n = len(HOSTILE_STRINGS)
    assert f"{n} new" in result.stderr and "2 skipped" in result.stderr
    assert f"item {n + 1} (../../../etc/passwd): arxiv_id: not an arXiv identifier" in result.stderr
    assert f"item {n + 2} (2401.99999): upvotes: expected a whole number" in result.stderr
    assert "item 2 (2401.00002): left out code: only http(s) links are published" in result.stderr
    assert "item 1 (2401.00001): left out project: only http(s) links are published" in result.stderr

    run_paperboy(empty_site, "build")
    site_dir = empty_site / "site"
    outside = {p for p in set(empty_site.rglob("*")) - before
               if not p.relative_to(empty_site).as_posix().startswith(("content/", "site/", "site"))
               and p.name != ".paperboy.lock"}
    assert not outside, f"files written outside content/ and site/: {outside}"
    assert not (empty_site.parent / "etc").exists()

    for page in built_pages(site_dir):
        assert_inert(page)
    for i, text in enumerate(HOSTILE_STRINGS):
        page = site_dir / "papers" / f"2401.{i + 1:05d}" / "index.html"
        doc = html.parse(str(page))
        from generator.models import clean_text

        expected = clean_text(f"{text} small language models")
        assert doc.find(".//article/h1").text_content() == expected
        assert doc.findtext(".//title").startswith(expected)
        assert clean_text(text) in doc.find(".//div[@class='pb-abstract']").text_content()
        assert "/etc/passwd" not in doc.find(".//div[@class='pb-abstract']").text_content().replace(clean_text(text), "")
