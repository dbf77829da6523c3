"""Hostile input end to end: imported, generated and built strictly, it stays inert text.

A day of adversarial items (tests/support/hostile.py) is imported into an empty site, which is
then built with `mkdocs build --strict`, once a run (the `hostile` fixture). Every page is
checked as HTML here, and opened in Chromium in tests/browser/test_hostile.py.
"""

from __future__ import annotations

from pathlib import Path

from lxml import html

from generator.render.mathtext import math_html
from generator.models import clean_text

from tests.support.hostile import BENIGN, HOSTILE_STRINGS, MALFORMED, HostileSite

# Scripts Material and our search page put on pages; anything else in a <script> came from data.
MATERIAL_SCRIPT_MARKERS = (
    "__md_", "assets/javascripts/", "__palette", "__config", "location.hash.slice(1)",
    "pagefind/pagefind-ui.js", "pagefind/paperboy-shards.js", "assets/search.js",
)


def assert_inert(page: Path) -> None:
    doc = html.parse(str(page))
    for script in doc.iter("script"):
        source = (script.get("src") or "") + (script.text or "")
        assert any(m in source for m in MATERIAL_SCRIPT_MARKERS), f"{page}: unexpected script {source[:80]!r}"
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in ("iframe", "object", "embed", "base", "meta") or element.tag == "meta" and \
            "http-equiv" not in element.attrib, f"{page}: <{element.tag}> from data"
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), f"{page}: event handler {name}={value!r}"
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                scheme = value.strip().lower().split(":", 1)[0]
                assert scheme not in ("javascript", "data", "vbscript"), f"{page}: {name}={value!r}"


def test_every_benign_item_is_published_and_every_bad_one_named(hostile: HostileSite):
    log = hostile.imported
    assert f"{BENIGN} new, 0 updated" in log, "the duplicate id merged into its first item"
    assert f"{MALFORMED} skipped" in log
    skipped = [line for line in log.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == MALFORMED
    n = len(HOSTILE_STRINGS) + 2
    expected = {
        n + 1: "(../../../etc/passwd): arxiv_id: not an arXiv identifier",
        n + 2: "(2401.99999): upvotes: expected a whole number, got str",
        n + 3: "(2401.99998): title: is 5000 characters long (limit 1000)",
        n + 4: "(2401.99997): abstract: is 30000 characters long (limit 20000)",
        n + 5: "(2401.99996): title: expected text, got int",
        n + 6: "(2401.99995): title: is empty",
        n + 7: "(2401.99994): authors: expected a list, got str",
        n + 8: "(2401.99993): comments: expected a whole number, got str",
        n + 9: ": arxiv_id: is missing",
        n + 10: ": paper: missing or not an object",
        n + 11: ": paper: missing or not an object",
        n + 12: ": item: expected an object, got NoneType",
        n + 13: ": item: expected an object, got list",
        n + 14: ": item: expected an object, got str",
    }
    for index, message in expected.items():
        assert any(f": item {index} " in line or f": item {index}:" in line for line in skipped if message in line), \
            f"item {index}: {message}"
    assert "item 2 (2401.00002): left out code: only http(s) links are published" in log
    assert "item 1 (2401.00001): left out project: only http(s) links are published" in log
    assert "item 2 (2401.00002): left out organization: " in log
    assert "item 2 (2401.00002): left out submitted_by: " in log
    papers = hostile.root / "content" / "papers"
    assert (papers / "hep-th_9901001.md").is_file()
    assert (hostile.site / "papers" / "hep-th_9901001" / "index.html").is_file()


def test_nothing_is_written_outside_content_and_site(hostile: HostileSite):
    """Records and pages in content/, the built site in site/, per-paper fragments in the
    theme's generated/ folder; nothing anywhere else."""
    base = hostile.root.parent
    allowed = ("src/content/", "src/site/", "src/site", "src/theme_overrides/generated")
    new = {p.relative_to(base).as_posix() for p in set(base.rglob("*")) - hostile.before}
    ours = ("src/.paperboy.lock", "src/.paperboy-cache")  # the run lock and the speed cache
    outside = {p for p in new if not p.startswith(allowed) and not p.startswith(ours)}
    assert not outside, outside
    assert not (base / "etc").exists()


def test_every_built_page_is_inert(hostile: HostileSite):
    pages = sorted(hostile.site.rglob("*.html"))
    assert len(pages) > len(HOSTILE_STRINGS)
    for page in pages:
        assert_inert(page)


def test_hostile_text_shows_as_the_same_text(hostile: HostileSite):
    for i, text in enumerate(HOSTILE_STRINGS):
        doc = html.parse(str(hostile.site / "papers" / f"2401.{i + 1:05d}" / "index.html"))
        expected = clean_text(f"{text} small language models")
        assert doc.find(".//article/h1").text_content() == expected
        assert doc.findtext(".//title").startswith(expected)
        abstract = doc.find(".//div[@class='pb-abstract']").text_content()
        # Formulas ($...$) are shown as MathML, whose text differs; the rest is exactly the text.
        shown = html.fragment_fromstring(str(math_html(clean_text(text))), create_parent="div").text_content()
        assert shown in abstract
        assert clean_text(text) in doc.find(".//p[@class='pb-authors']").text_content()
        summary = doc.find(".//p[@class='pb-ai-summary']/span[@data-pagefind-meta='AI summary']")
        assert summary.text_content() == clean_text(f"{text} summary")
        if i % 2 == 0:  # a real HF name: linked, showing the display name as text
            org = doc.find(".//dl[@class='pb-meta']//a[@href='https://huggingface.co/org-%d']" % i)
            assert org.text_content() == clean_text(f"{text} org")
        else:  # a hostile name is no name: no link to it
            assert "huggingface.co/" + clean_text(text) not in html.tostring(doc, encoding="unicode")


def test_template_syntax_in_data_stays_text(hostile: HostileSite):
    """The per-paper fragments are included by the theme (parsed by Jinja): data must stay data."""
    index = HOSTILE_STRINGS.index("{{ config.site_name }} {% include 'base.html' %}")
    doc = html.parse(str(hostile.site / "papers" / f"2401.{index + 1:05d}" / "index.html"))
    cite = doc.find(".//section[@class='pb-cite']//code").text_content()
    # BibTeX escapes: braces as commands (BibTeX counts \\{ too), `_` and `%` with a backslash.
    assert ("\\textbraceleft{}\\textbraceleft{} config.site\\_name \\textbraceright{}\\textbraceright{} "
            "\\textbraceleft{}\\% include 'base.html' \\%\\textbraceright{}") in cite


def test_snippet_includes_are_not_expanded(hostile: HostileSite):
    for page in hostile.site.rglob("*.html"):
        assert "root:x:0:0" not in page.read_text()
