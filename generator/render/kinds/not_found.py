"""The 404 page's body (search, the newest papers, the way home), as the fragment
theme_overrides/404.html includes. Links are absolute paths: the host serves this page at any
address that has no page."""

from __future__ import annotations

from markupsafe import Markup

from ... import urls
from ..periods import newest_first
from ..gathered import Site
from ..templating import template_inert
from .output import Output

NOT_FOUND_PAPERS = 8
"""The newest papers the 404 page offers."""


def render(site: Site) -> Output:
    env, settings = site.templates.html, site.settings
    card = env.get_template("card.html.j2")
    url = lambda target: urls.site_path(settings.site_url, target)  # noqa: E731
    html = env.get_template("not_found.html.j2").render(
        search=url(urls.SEARCH_PAGE), home=url(urls.HOME), archive=url(urls.ARCHIVE_INDEX), tags=url(urls.TAGS_INDEX),
        cards=[Markup(card.render(paper=p, compact=True, votes=True, rank=None, url=url).strip())
               for p in newest_first(site.papers)[:NOT_FOUND_PAPERS]],
    )
    return Output(theme={urls.NOT_FOUND_FRAGMENT: template_inert(html)})
