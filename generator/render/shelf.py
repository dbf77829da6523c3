"""What papers released on the Hub, as text (pure: records in, text out).

A paper page's "Released" section, a card's mark ("11 models · up to 235B"), the Models page
(the shelf: new models by week, newest week first, by size band, each paper once per group)
and its Atom feed of new small models. Everything from the Hub is escaped by the template
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
from ..releases import BANDS, KINDS, RELATION_WORDS, Listed, Releases, Repo, band, size_label
from .feeds import new_feed, timestamp
from .words import plural

TITLES = {"models": "Models", "datasets": "Datasets", "spaces": "Spaces"}
NOUNS = {"models": "model", "datasets": "dataset", "spaces": "Space"}
FORMAT_NAMES = {"gguf": "GGUF", "mlx": "MLX", "awq": "AWQ", "gptq": "GPTQ", "bitsandbytes": "bitsandbytes"}
SHELF_WEEKS = 26
"""Weeks the models page shows: the newest that have a new model."""


def amount(count: int, noun: str) -> str:
    """A stored count as it is true: stored counts are the power of ten they reach
    (generator/releases.py: `banded`), so `1,000+ downloads`, and `a few downloads` below ten."""
    if count < 10:
        return f"a few {noun}s"  # 1 to 9
    return f"{count:,}+ {noun}s"


def count_line(kind: str, listed: Listed) -> str:
    """"300 models" / "more than 3,000 models" / "1 Space"."""
    return f"{'more than ' if listed.more else ''}{plural(listed.count, NOUNS[kind])}".replace(
        f"{listed.count} ", f"{listed.count:,} ", 1)


def made_from(repo: Repo) -> str:
    """"quantization of Qwen/Qwen3-8B", "fine-tune", "" for an original."""
    if not repo.relation:
        return ""
    word = RELATION_WORDS[repo.relation]
    return f"{word} of {repo.base}" if repo.base else word


def details(kind: str, repo: Repo, own: bool) -> list[str]:
    """What a row says after the repo's name, in order."""
    out = []
    if kind == "models":
        out.append(size_label(repo))
        if repo.format:
            out.append(FORMAT_NAMES[repo.format])
        if made_from(repo):
            out.append(made_from(repo))
    if repo.downloads:
        out.append(amount(repo.downloads, "download"))
    if repo.likes >= 10:
        out.append(f"♥ {repo.likes:,}+")
    if repo.task:
        out.append(repo.task)
    if kind != "spaces":
        out.append(f"licence {repo.license or 'unknown'}")
    if repo.gated:
        out.append("gated")
    if repo.modified:
        out.append(f"updated {repo.modified.isoformat()}")
    if kind == "models" and not own:
        out.append("by others")
    return out


def _biggest(models: Sequence[Repo]) -> Repo | None:
    sized = [repo for repo in models if repo.total is not None]
    return max(sized, key=lambda repo: (repo.total, repo.repo_id)) if sized else None


def card_mark(releases: Releases | None, organization: str | None = None) -> str:
    """A card's note of what a paper released: "11 models · up to 235B", counting the authors'
    own when there are any, else every model that cites the paper; empty when none does.
    (`organization` is no longer needed: the authors' namespaces are decided at lookup.)"""
    if releases is None or releases.of("models").count == 0:
        return ""
    models = releases.of("models")
    own = [repo for repo in models.kept if releases.own(repo)]
    if own:
        text, biggest = plural(len(own), "model"), _biggest(own)
    else:
        text, biggest = count_line("models", models), _biggest(models.kept)
    return text + (f" · up to {size_label(biggest).split(',')[0]}" if biggest else "")


def released_section(env: jinja2.Environment, releases: Releases | None, paper: Paper) -> Markup:
    """The paper page's "Released" section, or nothing when the paper released nothing known."""
    if releases is None or releases.empty:
        return Markup("")
    kinds = []
    for kind in KINDS:
        listed = releases.of(kind)
        if listed.count == 0:
            continue
        ordered = sorted(listed.kept, key=lambda r: (not releases.own(r), -(r.total or 0) if kind == "models" else 0,
                                                     -r.downloads, r.repo_id))
        rows = [(repo, urls.hub_repo_url(kind, repo.repo_id), " · ".join(details(kind, repo, releases.own(repo))))
                for repo in ordered]
        shown = "" if listed.count <= len(rows) else urls.hub_list_url(kind, paper.arxiv_id)
        kinds.append((TITLES[kind], count_line(kind, listed), rows, shown))
    return Markup(env.get_template("released.html.j2").render(
        kinds=kinds, has_models=releases.of("models").count > 0).strip())


@dataclass(frozen=True)
class Shelved:
    """One model on the shelf, with the paper it came with."""

    repo: Repo
    paper: Paper
    authors: bool
    """The paper's authors' own."""

    @property
    def day(self) -> dt.date:
        """When it came out: the Hub's creation date, else the paper's day."""
        return self.repo.created or self.paper.sort_day


def shelf(papers: Sequence[Paper], releases: Mapping[str, Releases]) -> list[Shelved]:
    """Every model kept for the papers, newest first (a repo citing two papers: once, with the
    newer paper)."""
    seen: dict[str, Shelved] = {}
    for paper in papers:
        found = releases.get(paper.arxiv_id)
        if found is None:
            continue
        for repo in found.of("models").kept:
            item = Shelved(repo, paper, found.own(repo))
            if repo.repo_id not in seen or seen[repo.repo_id].paper.sort_day < paper.sort_day:
                seen[repo.repo_id] = item
    return sorted(seen.values(), key=lambda s: (s.day, s.repo.downloads, s.repo.repo_id), reverse=True)


def week_of(day: dt.date) -> dt.date:
    """The Monday of a day's week."""
    return day - dt.timedelta(days=day.weekday())


def models_page(env: jinja2.Environment, papers: Sequence[Paper], releases: Mapping[str, Releases],
                here: str) -> Markup:
    """The models page's body: new models by week (newest first), by size band, each paper once
    per group with its models under it (see the template)."""
    items = shelf(papers, releases)
    weeks: dict[dt.date, list[Shelved]] = {}
    for item in items:
        weeks.setdefault(week_of(item.day), []).append(item)
    shown = []
    for monday in sorted(weeks, reverse=True)[:SHELF_WEEKS]:
        bands = []
        for slug, label in [(slug, label) for slug, label, _ in BANDS] + [("unknown", "size unknown")]:
            chosen = [s for s in weeks[monday] if band(s.repo.total) == slug]
            if not chosen:
                continue
            groups: dict[str, list[Shelved]] = {}
            for s in sorted(chosen, key=lambda s: (not s.authors, -(s.repo.total or 0), s.repo.repo_id)):
                groups.setdefault(s.paper.arxiv_id, []).append(s)
            rows = [(group[0].paper, urls.href(here, urls.paper_path(group[0].paper.slug)),
                     [(s.repo, urls.hub_repo_url("models", s.repo.repo_id), _shelf_details(s)) for s in group])
                    for group in groups.values()]
            bands.append((label, rows))
        shown.append((monday, len(weeks[monday]), bands))
    return Markup(env.get_template("shelf.html.j2").render(
        weeks=shown, total=len(items), papers=len({s.paper.arxiv_id for s in items}),
        feed=urls.href(here, urls.MODELS_FEED), older=max(0, len(weeks) - SHELF_WEEKS),
    ).strip())


def _shelf_details(item: Shelved) -> str:
    parts = [size_label(item.repo)]
    if item.repo.format:
        parts.append(FORMAT_NAMES[item.repo.format])
    if item.authors:
        parts.append("by the authors")
    else:
        parts.append(f"{made_from(item.repo)}, by others" if item.repo.relation else "by others")
    if item.repo.downloads:
        parts.append(amount(item.repo.downloads, "download"))
    parts.append(item.day.isoformat())
    return " · ".join(parts)


def is_small(repo: Repo, settings: Settings) -> bool:
    """Up to `hub.small` billion parameters (a model of unknown size is not called small)."""
    return repo.total is not None and repo.total <= settings.hub.small * 1e9


def models_feed(papers: Sequence[Paper], releases: Mapping[str, Releases], settings: Settings) -> bytes:
    """An Atom feed of the newest small models (`hub.small`; `feed_size` entries): what came
    out since a reader last looked. Larger models stay on the page."""
    chosen = [s for s in shelf(papers, releases) if is_small(s.repo, settings)][: settings.feed_size]
    fg = new_feed(settings, title=f"{settings.site_name}: new small models", feed_path=urls.MODELS_FEED,
                  page_path=urls.MODELS_INDEX, newest=max((s.day for s in chosen), default=None),
                  subtitle=f"Models up to {settings.hub.small:g}B parameters released on the Hugging Face Hub "
                           "with this site's papers.")
    for item in chosen:
        link = urls.hub_repo_url("models", item.repo.repo_id)
        entry = fg.add_entry(order="append")
        entry.id(link)
        entry.title(f"{item.repo.repo_id} ({size_label(item.repo)})")
        entry.link(href=link, rel="alternate", type="text/html")
        entry.link(href=urls.paper_url(settings.site_url, item.paper.slug), rel="related", type="text/html")
        entry.updated(timestamp(item.day))
        entry.summary(f"With the paper \"{item.paper.title}\" ({item.paper.arxiv_id}): "
                      + ", ".join(details("models", item.repo, item.authors)) + ".", type="text")
    return fg.atom_str(pretty=True)
