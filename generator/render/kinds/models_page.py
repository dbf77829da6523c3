"""The models page (the shelf): every model released with the site's papers, by size."""

from __future__ import annotations

from ... import urls
from ..shelf import models_page
from ..gathered import Site
from ..templating import raw_block
from .output import Output


def render(site: Site) -> Output:
    here = urls.MODELS_INDEX
    return Output({here: site.page("models.md.j2", here, {
        "title": "Models", "feed": urls.MODELS_FEED, "hide": ["navigation", "toc"],
        "description": f"Models released with the papers of {site.settings.site_name}, newest week first, by size."},
        shelf=raw_block(models_page(site.templates.html, site.papers, site.releases, here)))})
