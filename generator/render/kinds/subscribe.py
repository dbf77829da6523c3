"""The subscribe page: the feeds, the digest, and the newsletter form when there is one."""

from __future__ import annotations

from ... import urls
from ..gathered import Site
from .output import Output

DIGEST_TOP = 10
"""Papers in each weekly digest (generator/publish/digest.py's TOP: the subscribe page says so)."""


def render(site: Site) -> Output:
    settings = site.settings
    return Output({urls.SUBSCRIBE: site.page(
        "subscribe.md.j2", urls.SUBSCRIBE, {"title": "Subscribe", "hide": ["navigation", "toc"],
                                            "description": f"{settings.site_name} by e-mail, in a feed reader, or by tag."},
        tags=site.tags, counts=site.tag_counts, newsletter=site.parts.newsletter_form("subscribe"), digest_top=DIGEST_TOP)})
