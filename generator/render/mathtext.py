"""Math in titles and abstracts: `$...$` shown as MathML, rendered at build time, no JavaScript.

arXiv text is full of `$...$`. latex2mathml turns it into MathML, which browsers draw natively
(so the site stays offline and light). Its output is outside text transformed, not trusted: it
is rebuilt element by element from an allowlist of MathML elements and attributes (latex2mathml
happily turns `\\href{javascript:...}` into an `href` attribute). Everything that is not math
is escaped as usual.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markupsafe import Markup

from ..escape import md_unescape

MATHML = "{http://www.w3.org/1998/Math/MathML}"
ELEMENTS = frozenset(
    "math mrow mi mn mo ms mtext mspace msub msup msubsup munder mover munderover mfrac msqrt "
    "mroot mstyle mpadded mphantom menclose mtable mtr mtd mfenced semantics annotation".split()
)
ATTRIBUTES = frozenset(
    "display mathvariant stretchy fence separator lspace rspace accent accentunder minsize maxsize "
    "movablelimits columnalign rowalign columnspacing rowspacing columnlines rowlines width height "
    "depth form symmetric largeop displaystyle scriptlevel linethickness notation open close "
    "separators align".split()
)
MAX_SOURCE = 500
# Pandoc's rule: `$` opens when not followed by a space, closes when not preceded by a space
# and not followed by a digit (so "$5 and $10" stays text).
INLINE_MATH = re.compile(r"(?<![\\$])\$(?=[^\s$])((?:\\.|[^$\\]){1,%d}?)(?<=[^\s\\])\$(?!\d)" % MAX_SOURCE)


def _clean_copy(element: ET.Element, parent: ET.Element | None) -> ET.Element | None:
    name = element.tag.removeprefix(MATHML)
    if name not in ELEMENTS:
        return None
    attributes = {k: v for k, v in element.attrib.items() if k in ATTRIBUTES and "(" not in v}
    copy = ET.Element(name, attributes) if parent is None else ET.SubElement(parent, name, attributes)
    copy.text = element.text
    for child in element:
        kept = _clean_copy(child, copy)
        if kept is None:  # an element we do not know: keep its text, drop the element
            copy.text = (copy.text or "") + "".join(child.itertext())
        else:
            kept.tail = child.tail
    return copy


def latex_to_mathml(source: str) -> str | None:
    """Sanitised inline MathML for one LaTeX formula, or None when it cannot be converted."""
    from latex2mathml.converter import convert

    try:
        root = ET.fromstring(convert(source))
    except Exception:  # noqa: BLE001 - any failure of the converter means: show the text
        return None
    clean = _clean_copy(root, None)
    if clean is None:
        return None
    clean.set("xmlns", "http://www.w3.org/1998/Math/MathML")
    clean.set("display", "inline")
    return ET.tostring(clean, encoding="unicode", short_empty_elements=False)


def math_html(text: str) -> Markup:
    """Plain text as HTML, with each `$...$` formula as MathML (falling back to the text)."""
    out, position = [], 0
    for match in INLINE_MATH.finditer(text):
        mathml = latex_to_mathml(match.group(1))
        if mathml is None:
            continue
        out.append(html.escape(text[position:match.start()], quote=False))
        out.append(mathml)
        position = match.end()
    out.append(html.escape(text[position:], quote=False))
    return Markup("".join(out))


class _MathPattern(InlineProcessor):
    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown's name
        # The body was written by md_text, which backslash-escapes LaTeX's own characters.
        mathml = latex_to_mathml(md_unescape(m.group(1)))
        if mathml is None:
            return None, None, None
        return self.md.htmlStash.store(mathml), m.start(0), m.end(0)


class MathExtension(Extension):
    """`markdown_extensions: [generator.mathtext]` in mkdocs.yml: `$...$` in page text as MathML."""

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        # Before backslash escapes (priority 180), so the formula is seen as written.
        md.inlinePatterns.register(_MathPattern(INLINE_MATH.pattern, md), "paperboy-math", 185)


def makeExtension(**kwargs):  # noqa: N802 - how Python-Markdown finds an extension by module name
    return MathExtension(**kwargs)
