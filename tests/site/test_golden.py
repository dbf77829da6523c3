"""Golden files: one paper page, byte for byte, as MkDocs builds it. The tag page and the feed,
rendered without MkDocs: tests/unit/test_golden.py.

After an intended change of output, rewrite them with `make golden` and review the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.rendered import compare_golden


def test_paper_page(built_site: Path):
    text = (built_site / "papers" / "2305.02301" / "index.html").read_text()
    # The paper's article (what search indexes), then its BibTeX and related papers.
    article = re.search(r'<article class="pb-paper"[^>]*>.*?</article>.*?<section class="pb-related".*?</section>', text, re.S)
    assert article
    compare_golden("paper-2305.02301.html", article.group(0).encode() + b"\n")
