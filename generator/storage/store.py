"""The records on disk: `content/papers/<slug>.md`, YAML front matter plus the abstract.

These files are the database: committed, readable, hand-editable. This is the only module that
reads or writes them. Writes are atomic (temp file + rename) and happen only when the bytes
change, so a run with nothing new leaves every file (and git) untouched.

The page is also what MkDocs renders, so what Material prints unescaped is stored escaped:
`title` holds HTML text (`&amp;`, `&lt;`, `&gt;`, `&quot;`) and the body holds the abstract as
Markdown text (`md_text`). Reading undoes both.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import frontmatter
import yaml

from ..errors import PaperboyError, StoreError
from ..escape import html_text, html_unescape, md_text, md_unescape
from ..models import Paper, id_to_slug, make_paper, parse_arxiv_id, slug_to_id
from .atomic import remove_stale_temp_files, write_atomic
from .cache import Cache, stat_key
from .merge import merge

if TYPE_CHECKING:  # only `generate` on a large archive needs the process machinery
    from ..parallel import Workers

try:  # libyaml's C loader is several times faster on a big archive; same results.
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# The front-matter keys, in the order they are written: every field of a paper but the abstract
# (the page's body). Empty optional keys are left out.
FIELDS = tuple(field.name for field in dataclasses.fields(Paper) if field.name != "abstract")
ALWAYS = {"arxiv_id", "title", "authors", "upvotes", "comments", "tags"}


class _YAML(frontmatter.YAMLHandler):
    def load(self, fm: str, **kwargs: object) -> object:
        return yaml.load(fm, Loader=_Loader)  # noqa: S506 - a safe loader

    def export(self, metadata: dict, **kwargs: object) -> str:
        text = yaml.dump(
            metadata, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
            default_flow_style=False, width=10_000,
        )
        return text.rstrip("\n")


_HANDLER = _YAML()


def _front_matter_value(name: str, value: object) -> object:
    """A field as YAML writes it: the title as HTML text, lists for tuples, a false flag left out."""
    if name == "title":
        return html_text(value)  # type: ignore[arg-type]
    if isinstance(value, tuple):
        return list(value)
    return None if value is False else value


def dumps(paper: Paper) -> str:
    """The page text of a record: deterministic, keys in FIELDS order."""
    values = {name: _front_matter_value(name, getattr(paper, name)) for name in FIELDS}
    meta = {k: v for k, v in values.items() if k in ALWAYS or v not in (None, "", [])}
    post = frontmatter.Post(md_text(paper.abstract), handler=_HANDLER, **meta)
    return frontmatter.dumps(post, handler=_HANDLER) + "\n"


@dataclass(frozen=True)
class Removed:
    """The page of a paper the topic no longer keeps: its URL still answers, saying so (cool
    URIs don't change). Front matter `removed: <arxiv id>` and the title; not a record."""

    arxiv_id: str


def dumps_removed(paper: Paper, body: str) -> str:
    """The removal page of `paper`; `body` is its Markdown (generator/render/removed.py)."""
    post = frontmatter.Post(body, handler=_HANDLER, removed=paper.arxiv_id, title=html_text(paper.title))
    return frontmatter.dumps(post, handler=_HANDLER) + "\n"


def loads(text: str, *, name: str = "<record>") -> Paper | Removed:
    """A record (or a removal page) from page text; StoreError names the file and the field."""
    try:
        post = frontmatter.loads(text, handler=_HANDLER)
    except yaml.YAMLError as exc:
        raise StoreError(f"{name}: front matter is not valid YAML ({exc})".replace("\n", " ")) from None
    meta = post.metadata
    if not isinstance(meta, dict) or not meta:
        raise StoreError(f"{name}: no front matter (a record starts with '---')")
    if "removed" in meta and "arxiv_id" not in meta:
        try:
            return Removed(parse_arxiv_id(str(meta["removed"]))[0])
        except PaperboyError as exc:
            raise StoreError(f"{name}: removed: {exc}") from None
    unknown = sorted(str(k) for k in meta if k not in FIELDS)
    if unknown:
        raise StoreError(f"{name}: unknown field {unknown[0]!r} (known: {', '.join(FIELDS)})")
    values = dict(meta)
    title = values.get("title")
    if isinstance(title, str):
        values["title"] = html_unescape(title)
    arxiv_id = values.get("arxiv_id")
    if isinstance(arxiv_id, (int, float)):  # an unquoted new-style id read as a number
        raise StoreError(f"{name}: arxiv_id: quote it ('2305.07759'), or YAML reads a number")
    try:
        return make_paper(**values, abstract=md_unescape(post.content.strip()))
    except PaperboyError as exc:
        raise StoreError(f"{name}: {exc}") from None


@dataclass(frozen=True)
class Loaded:
    """Every record that could be read, and a message for each file that could not."""

    papers: tuple[Paper, ...]
    problems: tuple[str, ...]
    removed: tuple[str, ...] = ()
    """Ids whose page is a removal page (the topic dropped them)."""
    parsed: Mapping[str, tuple[tuple[int, int], Paper]] = field(default_factory=dict, repr=False, compare=False)
    """Each record by file name with the (mtime, size) it was read at: what a later read of the
    same folder need not parse again (`Store.load_all`'s `known`)."""


@dataclass
class UpsertCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    """Records that could not be read, and were therefore left exactly as they are."""


def read_record(path: Path) -> Paper | Removed:
    """The record (or removal page) in `path`; StoreError names the file and what is wrong with it."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"{name}: cannot read ({exc})") from None
    paper = loads(text, name=name)
    try:
        expected = slug_to_id(path.stem)
    except PaperboyError:
        raise StoreError(f"{name}: file name is not an arXiv id") from None
    if paper.arxiv_id != expected:
        raise StoreError(f"{name}: arxiv_id: {paper.arxiv_id!r} does not match the file name")
    return paper


def read_records(paths: list[Path]) -> list[Paper | Removed | str]:
    """Each record in `paths`, or the message that says why it cannot be read (run in workers)."""
    out: list[Paper | Removed | str] = []
    for path in paths:
        try:
            out.append(read_record(path))
        except StoreError as exc:
            out.append(str(exc))
    return out


class Store:
    """The records folder."""

    def __init__(self, papers_dir: Path) -> None:
        self.papers_dir = papers_dir

    def clean_interrupted_writes(self) -> None:
        """Remove temp files left by a run that was killed mid-write; the records are whole."""
        if self.papers_dir.is_dir():
            remove_stale_temp_files(self.papers_dir)

    def path_for(self, arxiv_id: str) -> Path:
        return self.papers_dir / f"{id_to_slug(arxiv_id)}.md"

    def get(self, arxiv_id: str) -> Paper | Removed | None:
        path = self.path_for(arxiv_id)
        return read_record(path) if path.exists() else None

    def load_all(self, cache: Cache | None = None, workers: Workers | None = None, *,
                  known: Mapping[str, tuple[tuple[int, int], Paper]] | None = None) -> Loaded:
        """Every record; with a cache (or the records `known` from an earlier read in this run),
        only records whose file changed are parsed again, and with `workers`, a large number of
        them in worker processes."""
        cached = known if known is not None else cache.load_records() if cache else {}
        found: list[tuple[Path, tuple[int, int] | None, Paper | str | None]] = []
        for path in sorted(self.papers_dir.glob("*.md")):
            try:
                key = stat_key(path)
            except OSError as exc:
                found.append((path, None, f"{path}: cannot read ({exc.strerror or exc})"))
                continue
            hit = cached.get(path.name)
            found.append((path, key, hit[1] if hit and hit[0] == key else None))
        stale = [path for path, _, value in found if value is None]
        parsed = iter(workers.map_chunks(read_records, stale) if workers else read_records(stale))
        fresh: dict[str, tuple[tuple[int, int], Paper]] = {}
        papers, problems, removed = [], [], []
        for path, key, value in found:
            if value is None:
                value = next(parsed)
            if isinstance(value, str):
                problems.append(value)
            elif isinstance(value, Removed):
                removed.append(value.arxiv_id)
            else:
                fresh[path.name] = (key, value)  # type: ignore[assignment]
                papers.append(value)
        if cache and fresh != cached:
            cache.save_records(fresh)
        return Loaded(tuple(papers), tuple(problems), tuple(removed), fresh)

    def upsert(self, papers: Iterable[Paper], *, create: bool = True, replace_removed: bool = False) -> UpsertCounts:
        """Merge each paper into its record (creating it when new); write only what changed.

        With `create=False` only existing records are updated (a fetch refreshes what the topic
        kept; only the topic stage adds papers). A removal page is left alone unless
        `replace_removed` (the topic keeps that paper again). A record that cannot be read is
        never overwritten: it is named in `problems`.
        """
        counts = UpsertCounts()
        for paper in papers:
            try:
                existing = self.get(paper.arxiv_id)
            except StoreError as exc:
                counts.problems.append(f"{exc} (left as it is; {paper.arxiv_id} not updated)")
                continue
            if isinstance(existing, Removed):
                if not replace_removed:
                    continue
                existing = None
            if existing is None and not create:
                continue
            merged = paper if existing is None else merge(existing, paper)
            written = write_atomic(self.path_for(paper.arxiv_id), dumps(merged).encode("utf-8"))
            if existing is None:
                counts.new += 1
            elif written:
                counts.updated += 1
            else:
                counts.unchanged += 1
        return counts

    def write_removal(self, paper: Paper, body: str) -> bool:
        """Replace the paper's record by its removal page; True when the bytes changed."""
        return write_atomic(self.path_for(paper.arxiv_id), dumps_removed(paper, body).encode("utf-8"))
