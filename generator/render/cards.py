"""Paper cards, as every listing page shows them, and the memo that spares rendering them twice.

A card is rendered once per run (or while its record is unchanged, across runs: `RenderMemo`)
and then placed on each page that lists the paper, with its links made relative to that page.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterable, Mapping

import jinja2
from markupsafe import Markup

from .. import urls
from ..models import Paper
from .templating import Templates

_ROOT = "\x00root\x00"  # stands for "the site root, seen from this page"; outside text has no NUL


class RenderMemo:
    """HTML rendered for single papers (cards, page fragments), keyed by a hash of the records
    it shows: what the last run rendered (kept by generator/storage/cache.py) and what this run used.

    Only speed depends on it. The caller starts from an empty memo whenever the config or the
    generator's code changed, since the same records then render differently.
    """

    def __init__(self, previous: dict[str, str] | None = None) -> None:
        self.previous = previous or {}
        self.used: dict[str, str] = {}
        self._hashes: dict[int, str] = {}

    def hash_of(self, paper: object) -> str:
        found = self._hashes.get(id(paper))
        if found is None:
            found = hashlib.blake2b(pickle.dumps(paper, protocol=5), digest_size=16).hexdigest()
            self._hashes[id(paper)] = found
        return found

    def get(self, key: str, make: Callable[[], str]) -> str:
        html = self.used.get(key)
        if html is None:
            html = self.previous.get(key)
            if html is None:
                html = make()
            self.used[key] = html
        return html


class Cards:
    """Cards for the Markdown pages: `html(papers, here)` for Python, `listing` for templates."""

    def __init__(self, templates: Templates, memo: RenderMemo, marks: Mapping[str, str]) -> None:
        self._template = templates.html.get_template("card.html.j2")
        self._memo = memo
        self._marks = marks

    def card(self, paper: Paper) -> str:
        """Rendered once (per run, or while the record is unchanged), then placed on each of its pages."""
        mark = self._marks.get(paper.arxiv_id, "")
        return self._memo.get("card:" + self._memo.hash_of(paper) + (":" + mark if mark else ""), lambda: self._template.render(
            paper=paper, compact=False, mark=mark, url=lambda target: _ROOT + urls.url_of(target)).strip())

    def html(self, papers: Iterable[Paper], here: str, compact: bool = False, kind: str = "") -> Markup:
        """Paper cards (escaped by their own environment) as one raw HTML block of the page built
        from `here`; `compact`: ranked lines with upvotes (home's trending, a month's papers);
        `kind`: one more class for the list.

        One block, no blank line inside: Python-Markdown copies the rest of the page at the end
        of every raw block, so a tag page of thousands of separate cards took quadratic time.
        """
        if compact:
            inner = "\n".join(self._template.render(
                paper=paper, compact=True, votes=True, rank=rank, url=lambda target: _ROOT + urls.url_of(target),
            ).strip() for rank, paper in enumerate(papers, start=1))
            kind = f"pb-cards pb-cards--compact {kind}".strip()
        else:
            inner = "\n".join(self.card(paper) for paper in papers)
            kind = f"pb-cards {kind}".strip()
        return Markup(f'<div class="{kind}">\n{inner}\n</div>'.replace(_ROOT, urls.root_prefix(here)))

    @jinja2.pass_context
    def listing(self, context, papers: Iterable[Paper], compact: bool = False, kind: str = "") -> Markup:
        """`html` for the page a template is rendering (`cards(...)` in the templates)."""
        return self.html(papers, context["here"], compact, kind)
