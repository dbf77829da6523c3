"""The e-mail digests page: every digest sent, newest first, with its papers."""

from __future__ import annotations

from ... import urls
from ..gathered import Site
from .output import Output


def render(site: Site) -> Output:
    by_id = {p.arxiv_id: p for p in site.papers}
    sent = [
        (entry.get("label", key), entry.get("tag"), [by_id[i] for i in entry.get("papers", []) if i in by_id])
        for key, entry in sorted(site.digests.items(), key=lambda item: str(item[1].get("start", "")), reverse=True)
        if isinstance(entry, dict)
    ]
    return Output({urls.DIGESTS_INDEX: site.page(
        "digests.md.j2", urls.DIGESTS_INDEX, {"title": "Email digests", "hide": ["navigation", "toc"]}, sent=sent)})
