"""The page a paper's URL shows once the topic no longer keeps it (pure).

Cool URIs don't change: a reader may have bookmarked the paper or followed a feed entry, so the
URL answers with a short note and the paper's arXiv link instead of a 404. The note does not
say why (readers never see the topic machinery); `paperboy check --topic ID` does.
"""

from __future__ import annotations

from .. import urls
from ..config import Settings
from ..escape import md_text
from ..models import Paper


def removal_page(paper: Paper, settings: Settings) -> str:
    """The Markdown body of the removal page (the store adds the front matter, whose title
    Material shows as the heading)."""
    site = md_text(settings.site_name)
    topic = f" ({md_text(settings.topic.name)})" if settings.topic.name else ""
    return (
        f"This paper is no longer listed on {site}: it was found to be outside the site's topic{topic}.\n\n"
        f"It is still on arXiv: [arXiv:{md_text(paper.arxiv_id)}]({urls.arxiv_abs(paper.arxiv_id)}).\n"
    )
