"""How a paper seen again merges into its stored record (pure).

- Counts (upvotes, comments, stars) only go up: the larger value is the fresher one. This keeps
  a re-import of an old recording from lowering live counts, and makes merging order-free.
- What the record already has wins for everything else: a person may have fixed a title, and
  a fetch must not undo that. Missing values are filled in.
- Tags and keywords are unions: tags added by hand stay, tags earned by the rules are added.
- `featured` keeps the first day the paper was featured; `note` is never touched by a fetch.
"""

from __future__ import annotations

from .models import Paper


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
        keywords=_union(stored.keywords, seen.keywords),
        tags=_union(stored.tags, seen.tags),
    )
