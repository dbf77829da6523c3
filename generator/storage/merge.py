"""How a paper seen again merges into its stored record (pure).

- Counts (upvotes, comments, stars) only go up: the larger value is the fresher one. This keeps
  a re-import of an old recording from lowering live counts, and makes merging order-free.
- What the record already has wins for everything else: a person may have fixed a title, and
  a fetch must not undo that. Missing values are filled in.
- Hugging Face's own text (AI summary and its model, organization, submitter) is kept if
  present and filled in when missing, like the title and the links (the thumbnail too).
- Tags and keywords are unions: tags added by hand stay, tags earned by the rules are added.
- `featured` keeps the first day the paper was featured; `note` is never touched by a fetch.
- arXiv metadata (categories, comment, journal ref, DOI, withdrawn) is arXiv's to change: a
  fresh lookup replaces it; the version only goes up. A source without it leaves it alone.
"""

from __future__ import annotations

from ..models import Paper


def _max(a: int | None, b: int | None) -> int | None:
    if a is None or b is None:
        return b if a is None else a
    return max(a, b)


def _earliest(a, b):
    if a is None or b is None:
        return b if a is None else a
    return min(a, b)


def _union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*a, *b)))


_HF_TEXT = (("ai_summary", "ai_summary_model"), ("organization", "organization_fullname"),
            ("submitted_by", "submitted_by_fullname"))
"""Pairs that belong together: a stored summary keeps its own model, an organization its name."""


def _kept_or_filled(stored: Paper, seen: Paper, pairs: tuple[tuple[str, str], ...]) -> dict[str, object]:
    out: dict[str, object] = {}
    for first, second in pairs:
        source = stored if getattr(stored, first) else seen
        out[first], out[second] = getattr(source, first), getattr(source, second)
    return out


def merge(stored: Paper, seen: Paper) -> Paper:
    """The record after `seen` (fresh from a source) is merged into `stored` (on disk)."""
    return stored.replace(
        title=stored.title or seen.title,
        authors=stored.authors or seen.authors,
        num_authors=stored.num_authors if stored.num_authors is not None else seen.num_authors,
        abstract=stored.abstract or seen.abstract,
        published=stored.published or seen.published,
        featured=_earliest(stored.featured, seen.featured),
        upvotes=max(stored.upvotes, seen.upvotes),
        comments=max(stored.comments, seen.comments),
        code=stored.code or seen.code,
        stars=_max(stored.stars, seen.stars),
        project=stored.project or seen.project,
        thumbnail=stored.thumbnail or seen.thumbnail,
        keywords=_union(stored.keywords, seen.keywords),
        **_kept_or_filled(stored, seen, _HF_TEXT),
        tags=_union(stored.tags, seen.tags),
        **_arxiv_fields(stored, seen),
    )


def _arxiv_fields(stored: Paper, seen: Paper) -> dict[str, object]:
    if seen.version is None:  # not an arXiv lookup: nothing to say about these fields
        return {}
    if stored.version is not None and seen.version < stored.version:
        return {}  # an older answer (a stale mirror, a recording) never undoes a newer one
    return {
        "categories": seen.categories or stored.categories,
        "version": seen.version,
        "arxiv_comment": seen.arxiv_comment,
        "journal_ref": seen.journal_ref,
        "doi": seen.doi,
        "withdrawn": seen.withdrawn,
    }
