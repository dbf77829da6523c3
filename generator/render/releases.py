"""What papers released on the Hub, as text (pure: records in, text out).

A paper page's "Released" section, a card's mark ("3 models · up to 1.7B"), the models page (the
shelf, by size band) and its Atom feed. Everything from the Hub is escaped by the template
environment like any title; repo ids were checked by the source before they got here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from .. import urls
from ..config import Settings
from ..models import Paper
from ..releases import BANDS, KINDS, Listed, Releases, Repo, band, by_authors, size_label
from .feeds import new_feed, timestamp
from .words import plural

TITLES = {"models": "Models", "datasets": "Datasets", "spaces": "Spaces"}
SHELF_BAND = 200
"""Models shown per size band on the models page (the newest)."""


def count_line(kind: str, listed: Listed) -> str:
    """"300 models, the 10 most downloaded" / "3 datasets"."""
    noun = {"models": "model", "datasets": "dataset", "spaces": "Space"}[kind]
    total = f"{'more than ' if listed.more else ''}{plural(listed.count, noun)}"
    if listed.count > len(listed.top):
        order = "most liked" if kind == "spaces" else "most downloaded"
        return f"{total}, the {len(listed.top)} {order}"
    return total


def _biggest(models: Sequence[Repo]) -> int | None:
    sizes = [repo.params for repo in models if repo.params is not None]
    return max(sizes) if sizes else None


def card_mark(releases: Releases | None, organization: str | None) -> str:
    """A card's note of what a paper released: "3 models · up to 1.7B", counting the authors'
    own (generator/releases.py: `by_authors`) when there are any among the top, else every
    model that cites the paper; empty when none does."""
    if releases is None or releases.of("models").count == 0:
        return ""
    models = releases.of("models")
    own = [repo for repo in models.top if by_authors(repo, organization)]
    if own:
        biggest, text = _biggest(own), plural(len(own), "model")
    else:
        biggest = _biggest(models.top)
        text = f"{'more than ' if models.more else ''}{plural(models.count, 'model')}"
    return text + (f" · up to {size_label(biggest)}" if biggest else "")


def released_section(env: jinja2.Environment, releases: Releases | None, paper: Paper) -> Markup:
    """The paper page's "Released" section, or nothing when the paper released nothing known."""
    if releases is None or releases.empty:
        return Markup("")
    kinds = []
    for kind in KINDS:
        listed = releases.of(kind)
        if listed.count == 0:
            continue
        rows = [(repo, size_label(repo.params), by_authors(repo, paper.organization)) for repo in listed.top]
        rows.sort(key=lambda row: not row[2])  # the authors' own first, each group by downloads
        kinds.append((kind, TITLES[kind], listed, rows))
    return Markup(env.get_template("released.html.j2").render(
        kinds=kinds, has_models=releases.of("models").count > 0, count_line=count_line, hub_url=urls.hub_repo_url,
    ).strip())


@dataclass(frozen=True)
class Shelved:
    """One model on the shelf, with the paper it came with."""

    repo: Repo
    paper: Paper
    authors: bool
    """The paper's authors' own (generator/releases.py: `by_authors`)."""

    @property
    def day(self) -> dt.date:
        """When it came out: the Hub's creation date, else the paper's day."""
        return self.repo.created or self.paper.sort_day


def shelf(papers: Sequence[Paper], releases: Mapping[str, Releases]) -> list[Shelved]:
    """Every model released with the papers, newest first (a repo citing two papers: once, with
    the newer paper)."""
    seen: dict[str, Shelved] = {}
    for paper in papers:
        found = releases.get(paper.arxiv_id)
        if found is None:
            continue
        for repo in found.of("models").top:
            item = Shelved(repo, paper, by_authors(repo, paper.organization))
            if repo.repo_id not in seen or seen[repo.repo_id].paper.sort_day < paper.sort_day:
                seen[repo.repo_id] = item
    return sorted(seen.values(), key=lambda s: (s.day, s.repo.downloads, s.repo.repo_id), reverse=True)


def models_page(env: jinja2.Environment, papers: Sequence[Paper], releases: Mapping[str, Releases],
                here: str) -> Markup:
    """The models page's body: the shelf by size band (see the template)."""
    items = shelf(papers, releases)
    bands = []
    for slug, label in [(slug, label) for slug, label, _ in BANDS] + [("unknown", "Size unknown")]:
        chosen = [s for s in items if band(s.repo.params) == slug][:SHELF_BAND]
        rows = [(s.repo, size_label(s.repo.params), s.paper, urls.href(here, urls.paper_path(s.paper.slug)), s.authors)
                for s in chosen]
        own = [row[:4] for row in rows if row[4]]
        others = [row[:4] for row in rows if not row[4]]
        bands.append((slug, label, own, others))
    return Markup(env.get_template("models_shelf.html.j2").render(
        bands=bands, total=len(items), papers=len({s.paper.arxiv_id for s in items}),
        feed=urls.href(here, urls.MODELS_FEED), hub=lambda repo_id: urls.hub_repo_url("models", repo_id),
    ).strip())


def models_feed(papers: Sequence[Paper], releases: Mapping[str, Releases], settings: Settings) -> bytes:
    """An Atom feed of the newest models the papers' authors released (`settings.feed_size`):
    "new small models" in a feed reader. Fine-tunes by others stay on the page."""
    chosen = [s for s in shelf(papers, releases) if s.authors][: settings.feed_size]
    fg = new_feed(settings, title=f"{settings.site_name}: new models", feed_path=urls.MODELS_FEED,
                  page_path=urls.MODELS_INDEX, newest=max((s.day for s in chosen), default=None),
                  subtitle="Models released on the Hugging Face Hub with this site's papers, by their authors.")
    for item in chosen:
        entry = fg.add_entry(order="append")
        entry.id(urls.hub_repo_url("models", item.repo.repo_id))
        entry.title(f"{item.repo.repo_id} ({size_label(item.repo.params)})")
        entry.link(href=urls.hub_repo_url("models", item.repo.repo_id), rel="alternate", type="text/html")
        entry.link(href=urls.paper_url(settings.site_url, item.paper.slug), rel="related", type="text/html")
        entry.updated(timestamp(item.day))
        details = [size_label(item.repo.params)]
        if item.repo.task:
            details.append(item.repo.task)
        details.append(f"licence {item.repo.license or 'unknown'}")
        if item.repo.gated:
            details.append("gated")
        entry.summary(f"Released with the paper \"{item.paper.title}\" ({item.paper.arxiv_id}): "
                      + ", ".join(details) + ".", type="text")
    return fg.atom_str(pretty=True)
