"""A paper's page, but for its abstract: the HTML fragment the theme includes for each paper.

{`generated/<slug>.html`: html}. The article (title, metadata, links, tags) with the cards'
rules and escaping, then what depends on other papers (BibTeX, related papers). The page
itself is the record (`papers/<slug>.md`), which MkDocs renders; only `page.content`, the
abstract, is filled in by the theme.
"""

from __future__ import annotations

import re
from dataclasses import replace

from markupsafe import Markup

from ... import urls
from ...config import Settings
from ...escape import html_text
from ...models import Paper
from ...topic.explain import Why
from ..cite import bibtex
from ..shelf import released_section
from ..gathered import Site
from ..why import sentence, summary
from ..templating import template_inert, template_raw
from ..words import blurb, snippet
from .output import Output

_SAFE_LINK = re.compile(r"https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/issues/\d+#issuecomment-\d+")
"""The one kind of link a label may carry to where it was decided: a GitHub comment."""
_CONTENT = "\x00content\x00"  # stands for the abstract MkDocs renders; outside text has no NUL


def link_preview(paper: Paper, settings: Settings) -> dict[str, str]:
    """What a shared link to the paper's page shows: its title, its own one-line description
    (the AI summary, else the abstract's first sentence), its URL and, when allowed, HF's
    thumbnail."""
    text = blurb(paper)
    return {
        "title": paper.title, "site_name": settings.site_name,
        "description": snippet(text.text if text else paper.title, 280),
        "url": urls.paper_url(settings.site_url, paper.slug),
        "image": paper.thumbnail if settings.thumbnails != "off" and paper.thumbnail else "",
    }


def why_html(template, why: Why | None, paper: Paper, settings: Settings) -> Markup | None:
    """The paper's "Why here" line (generator/render/why.py), with "Wrong topic?" when the site
    has a repository to report to."""
    if why is None:
        return None
    report = urls.report_url(settings.repo_url, "wrong-topic", paper.arxiv_id) if settings.repo_url else ""
    link = why.link if _SAFE_LINK.fullmatch(why.link) else ""
    return Markup(template.render(why=replace(why, link=link), summary=summary(why), sentence=sentence(why, settings),
                                  report=report, topic=settings.topic.name or "this site's topic").strip())


def render(site: Site) -> Output:
    settings, memo, html_env = site.settings, site.memo, site.templates.html
    article = site.templates.article.get_template("paper_page.html.j2")
    extra = html_env.get_template("paper_extra.html.j2")
    card = html_env.get_template("card.html.j2")
    head = html_env.get_template("paper_head.html.j2")
    why_template = html_env.get_template("why.html.j2")
    by_id = {p.arxiv_id: p for p in site.papers}
    related = site.related()
    fragments = {}
    for paper in site.papers:
        here = urls.paper_path(paper.slug)
        shown = [by_id[i] for i in related[paper.arxiv_id]]
        released = site.releases.get(paper.arxiv_id)
        why = site.whys.get(paper.arxiv_id)
        key = "page:" + ":".join(memo.hash_of(p) for p in (paper, *shown)) + (
            ":" + memo.hash_of(released) if released is not None else "") + (":" + memo.hash_of(why) if why else "")
        # One fragment, two parts: the theme includes it in <head> with `paperboy_head` set
        # (the page's description and link preview), and again in the content (the article).
        fragments[urls.fragment_path(paper.slug)] = memo.get(key, lambda: "{% if paperboy_head is defined %}" + template_raw(
            head.render(**link_preview(paper, settings))
        ) + "{% else %}" + template_raw(article.render(
            paper=paper, title=Markup(html_text(paper.title)), content=Markup(_CONTENT),
            url=lambda target: urls.href(here, target), why=why_html(why_template, why, paper, settings),
        ), live=_CONTENT) + template_inert(extra.render(
            # Related papers as compact cards without their upvotes: a count that changes does
            # not make every page that lists the paper as related stale (item 3 of issue 15).
            released=released_section(html_env, released, paper),
            bibtex=bibtex(paper), related=[Markup(card.render(
                paper=other, compact=True, votes=False, rank=None, url=lambda target: urls.href(here, target),
            ).strip()) for other in shown],
        )) + "{% endif %}")
    return Output(theme=fragments)
