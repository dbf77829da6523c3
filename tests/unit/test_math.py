"""Math: `$...$` becomes sanitised MathML at build time; everything else stays escaped text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import markdown
from hypothesis import given, settings, strategies as st
from lxml import html as lxml_html

from generator.escape import md_text
from generator.render.mathtext import ATTRIBUTES, ELEMENTS, latex_to_mathml, math_html


def test_formulas_become_mathml_and_prices_stay_text():
    out = str(math_html(r"Scaling $\mathtt{F}$Laws cost $O(n^2)$, or $5 and $10 <b>"))
    assert out.count("<math") == 2
    assert "<mi>O</mi>" in out and "<msup>" in out
    assert "$5 and $10 &lt;b&gt;" in out


def test_links_and_markup_inside_a_formula_are_dropped():
    out = str(math_html(r"$\href{javascript:alert(1)}{x}$ and $<script>alert(1)</script>$"))
    assert "href" not in out and "javascript" not in out
    assert "<script" not in out


def test_a_formula_that_does_not_convert_stays_text():
    assert str(math_html(r"$\frac{1}{$ open")) == r"$\frac{1}{$ open"


def test_the_markdown_extension_renders_an_escaped_abstract():
    abstract = r"We bound $\alpha_{i} \leq 2$ with 54.6\% (see [1]) and *stars*."
    rendered = markdown.markdown(md_text(abstract), extensions=["toc", "generator.render.mathtext"])
    tree = lxml_html.fragment_fromstring(rendered, create_parent="div")
    assert [e.tag for e in tree[0]] == ["math"]
    text = tree.text_content()
    assert text.startswith("We bound ") and text.endswith(r" with 54.6\% (see [1]) and *stars*.")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("\\{}^_<>&\"'abcxyz0129 ()[]|=+-") + ["\\href", "\\frac", "\\mathrm", "javascript:", "\\text", "\\url", "\\style"]), max_size=30).map("".join))
def test_any_formula_gives_only_allowlisted_mathml(source):
    mathml = latex_to_mathml(source)
    if mathml is None:
        return
    root = ET.fromstring(mathml)
    for element in root.iter():
        assert element.tag.removeprefix("{http://www.w3.org/1998/Math/MathML}") in ELEMENTS
        assert set(element.attrib) <= ATTRIBUTES | {"xmlns"}
