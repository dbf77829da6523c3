"""Escaping: outside text renders as exactly that text in Markdown and HTML, never as markup."""

from __future__ import annotations

import markdown
import pytest
from lxml import html as lxml_html

from generator.escape import html_text, md_text, md_unescape
from generator.models import clean_text

from tests.support.hostile import HOSTILE_STRINGS


def render(text: str) -> str:
    """Markdown to HTML with the extensions mkdocs.yml enables."""
    return markdown.markdown(text, extensions=["toc"])


@pytest.mark.parametrize("raw", HOSTILE_STRINGS)
def test_md_text_renders_as_the_same_text_in_one_paragraph(raw):
    """Whatever the text, Markdown makes one <p> holding exactly that text and no element."""
    text = clean_text(raw)
    tree = lxml_html.fragment_fromstring(render(md_text(text)), create_parent="div")
    assert [child.tag for child in tree] == ["p"]
    assert len(tree[0]) == 0, "no element inside the paragraph"
    assert tree[0].text_content() == text


@pytest.mark.parametrize("raw", [*HOSTILE_STRINGS, "#", "-", "12. x", "\\#", "a\\.b", "&amp;"])
def test_md_unescape_inverts_md_text(raw):
    """What the store writes as the body reads back as the text it came from."""
    text = clean_text(raw)
    assert md_unescape(md_text(text)) == text


@pytest.mark.parametrize("raw", HOSTILE_STRINGS)
def test_html_text_is_inert_in_content_and_double_quoted_attributes(raw):
    """html_text output parses back to the same text, as element content and as an attribute."""
    text = clean_text(raw)
    doc = lxml_html.fromstring(f'<div><h1 title="{html_text(text)}">{html_text(text)}</h1></div>')
    h1 = doc.find("h1")
    assert len(h1) == 0
    assert h1.text_content() == text
    assert h1.get("title") == text
    assert list(h1.attrib) == ["title"]
