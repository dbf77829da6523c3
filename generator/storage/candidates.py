"""Every paper ever fetched or imported, on topic or not: what the topic is decided from.

`content/candidates/YYYY-MM.jsonl`, one paper a line (JSON, sorted by id), filed by the month
of its arXiv id, so a paper never moves between files and a day's fetch touches one or two
files. A candidate is a paper as the sources last described it, merged like a record (counts
only go up, the first featured day stays), without what a person adds to a record (tags,
note). Because every candidate is kept, a new label, model or threshold decides the whole
history again without the network. Committed beside the records; MkDocs does not publish it
(`exclude_docs` in mkdocs.yml).

Compact candidates. arXiv's listing brings about 500 papers a day, nearly all far from the
topic; whole, each would cost the repository several hundred bytes packed. So the topic stage
(generator/topic_stage.py) asks for a candidate to be kept compact (`Compact`: id, categories, day,
score, model; one short line) when it was first seen on arXiv, was never featured on Hugging
Face, has no label and no record, and scored below `extra.paperboy.arxiv.compact_below`.
What re-deciding the history can and cannot do with one:
- it cannot score it again (no text): it stays unpublished, with the score and the model it had;
- a label makes the next `paperboy fetch` look the paper up on arXiv by id and store it whole
  again (generator/fetch.py), so a label `on` publishes it and it can teach the model;
- seen again by a stream (a re-fetched day, Hugging Face featuring it), it is whole again and
  the topic stage judges it anew.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..errors import PaperboyError
from ..models import Compact, Paper, compact_from_json, compact_to_json, id_month, paper_from_json, paper_to_json
from .atomic import remove_stale_temp_files, write_atomic
from .merge import merge

_Item = TypeVar("_Item", Paper, Compact)


@dataclass(frozen=True)
class LoadedCandidates:
    papers: tuple[Paper, ...]
    """Every readable whole candidate, sorted by id."""
    compact: dict[str, Compact]
    """Every readable compact candidate, by id (sorted)."""
    problems: tuple[str, ...]
    """Files or lines that could not be read, each named by file and line."""


@dataclass
class CandidateCounts:
    new: int = 0
    updated: int = 0
    problems: list[str] = field(default_factory=list)
    """Files left as they are because a line of theirs could not be read."""


def _file_name(arxiv_id: str) -> str:
    return f"{id_month(arxiv_id):%Y-%m}.jsonl"


def _line(paper: Paper | Compact) -> str:
    if isinstance(paper, Compact):
        return json.dumps(compact_to_json(paper), ensure_ascii=False, separators=(",", ":"))
    return json.dumps(paper_to_json(paper), ensure_ascii=False)


def _bare(paper: Paper) -> Paper:
    """What a candidate keeps of a paper: not the site's tags, not a person's note."""
    return paper.replace(tags=(), note="") if paper.tags or paper.note else paper


class Candidates:
    """The candidates folder; the only code that reads or writes it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _read(self, path: Path) -> tuple[dict[str, Paper | Compact], list[str]]:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}, []
        except (OSError, UnicodeDecodeError) as exc:
            return {}, [f"{path}: cannot read ({exc})"]
        papers: dict[str, Paper | Compact] = {}
        problems: list[str] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                fields = json.loads(line)
                if isinstance(fields, dict) and "score" in fields and "title" not in fields:
                    paper: Paper | Compact = compact_from_json(fields)
                else:
                    paper = paper_from_json(fields)
            except ValueError as exc:  # JSON that is not JSON
                problems.append(f"{path}:{number}: not valid JSON ({exc})")
                continue
            except PaperboyError as exc:
                problems.append(f"{path}:{number}: {exc}")
                continue
            papers[paper.arxiv_id] = paper
        return papers, problems

    def get(self, arxiv_id: str) -> Paper | None:
        """One candidate, reading only its month's file (a curator's comment names a few ids)."""
        return self._read(self.folder / _file_name(arxiv_id))[0].get(arxiv_id)

    def load_all(self) -> LoadedCandidates:
        papers: dict[str, Paper | Compact] = {}
        problems: list[str] = []
        for path in sorted(self.folder.glob("*.jsonl")):
            found, trouble = self._read(path)
            papers.update(found)
            problems.extend(trouble)
        whole = tuple(p for key in sorted(papers) if isinstance(p := papers[key], Paper))
        compact = {key: p for key in sorted(papers) if isinstance(p := papers[key], Compact)}
        return LoadedCandidates(whole, compact, tuple(problems))

    def upsert(self, papers: Iterable[Paper]) -> CandidateCounts:
        """Merge each paper into its candidate (a compact one becomes whole again); write only
        the files whose bytes change. A file with a line that cannot be read is left as it is."""
        if self.folder.is_dir():
            remove_stale_temp_files(self.folder)
        return self._rewrite([_bare(paper) for paper in papers], "papers not stored", _merge_into)

    def compact(self, entries: Iterable[Compact]) -> CandidateCounts:
        """Replace each whole candidate named by an entry with that compact entry; write only the
        files whose bytes change. A file with a line that cannot be read is left as it is."""
        return self._rewrite(list(entries), "candidates not made compact", _make_compact)

    def _rewrite(self, items: list[_Item], not_done: str,
                 change: Callable[[dict[str, Paper | Compact], _Item, CandidateCounts], None]) -> CandidateCounts:
        """Apply `change` to each item in its month's file, then write the file (only when its
        bytes change). A file with a line that cannot be read is never rewritten (that line
        would be lost): its items are named in `problems` and the file is left as it is."""
        by_file: dict[str, list[_Item]] = defaultdict(list)
        for item in items:
            by_file[_file_name(item.arxiv_id)].append(item)
        counts = CandidateCounts()
        for name, batch in sorted(by_file.items()):
            path = self.folder / name
            stored, problems = self._read(path)
            if problems:
                counts.problems.append(f"{problems[0]} (file left as it is; {len(batch)} {not_done})")
                continue
            for item in batch:
                change(stored, item, counts)
            text = "".join(_line(stored[key]) + "\n" for key in sorted(stored))
            write_atomic(path, text.encode("utf-8"))
        return counts


def _merge_into(stored: dict[str, Paper | Compact], paper: Paper, counts: CandidateCounts) -> None:
    old = stored.get(paper.arxiv_id)
    if isinstance(old, Compact):
        counts.updated += 1  # whole again: the topic stage judges it anew
        stored[paper.arxiv_id] = paper if paper.categories else paper.replace(categories=old.categories)
    elif old is None:
        counts.new += 1
        stored[paper.arxiv_id] = paper
    else:
        merged = merge(old, paper)
        if merged != old:
            counts.updated += 1
        stored[paper.arxiv_id] = merged


def _make_compact(stored: dict[str, Paper | Compact], entry: Compact, counts: CandidateCounts) -> None:
    if entry.arxiv_id in stored and stored[entry.arxiv_id] != entry:
        stored[entry.arxiv_id] = entry
        counts.updated += 1


class Batched:
    """Candidates written a batch of sources at a time: a long import rewrites each month's file
    once per `every` sources instead of once per day (a 580-day import had rewritten about a
    gigabyte). `upsert` keeps the papers and writes when the batch is full; `flush` writes the
    rest, and must be called before anything reads the candidates. A run killed mid-batch leaves
    every file whole; the papers of the unwritten batch are simply stored by the next run."""

    def __init__(self, candidates: Candidates, every: int) -> None:
        self.candidates = candidates
        self.every = every
        self._papers: list[Paper] = []
        self._sources = 0

    def upsert(self, papers: Iterable[Paper]) -> CandidateCounts:
        self._papers.extend(papers)
        self._sources += 1
        return self.flush() if self._sources >= self.every else CandidateCounts()

    def flush(self) -> CandidateCounts:
        papers, self._papers, self._sources = self._papers, [], 0
        return self.candidates.upsert(papers) if papers else CandidateCounts()
