"""Every derived page of the site: the list of page kinds, and one merge of what they render.

A page kind is a module of generator/render/kinds/ with `render(site) -> Output`, reading the site
record that generate gathers once (generator/render/gathered.py). A new kind is one module, one
template, one `urls` constant and one line in KINDS. The merge refuses a path that two kinds
render, or one outside what the generator owns (`urls.GENERATED_*`): the writer removes stale
files there, so a page anywhere else would never be cleaned up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .. import urls
from ..config import Settings
from ..errors import PaperboyError
from ..models import Paper
from ..releases import Releases
from .kinds import archive, home, models_page, not_found, paper, past_digests, subscribe, tags
from .kinds.output import Output
from .gathered import Site
from .templating import Templates

KINDS = (home, tags, subscribe, past_digests, models_page, archive, not_found, paper)
"""Every page kind, in the order they render (`paper` last: it waits for the related papers)."""


def _owned(path: str, files: tuple[str, ...], dirs: tuple[str, ...]) -> bool:
    return path in files or path.split("/", 1)[0] in dirs and "/" in path


def render_site(site: Site, kinds: Sequence = KINDS) -> Output:
    """Every kind's files, merged; PaperboyError for a path rendered twice or not ours."""
    merged = Output()
    for kind in kinds:
        rendered = kind.render(site)
        for into, files, (owned_files, owned_dirs) in (
            (merged.docs, rendered.docs, (urls.GENERATED_FILES, urls.GENERATED_DIRS)),
            (merged.theme, rendered.theme, ((), urls.THEME_GENERATED_DIRS)),
        ):
            for path, text in files.items():
                if path in into:
                    raise PaperboyError(f"{path} is rendered twice (page kind {kind.__name__})")
                if not _owned(path, owned_files, owned_dirs):
                    raise PaperboyError(f"{path} is outside the generator's folders (page kind {kind.__name__})")
                into[path] = text
    return merged


def render_pages(
    papers: Sequence[Paper], settings: Settings, digests: Mapping[str, dict] | None = None,
    releases: Mapping[str, Releases] | None = None, templates: Templates | None = None,
) -> dict[str, str]:
    """The Markdown pages alone, {docs path: text}: for tests and tools that read pages (a caller
    that renders many times passes one `templates`, compiled once)."""
    site = Site.gather(papers, settings, digests=digests, releases=releases, templates=templates)
    return render_site(site, [kind for kind in KINDS if kind not in (paper, not_found)]).docs
