"""The one reader of what the site is decided and built from: candidates, records and labels.

A `Corpus` is the folders as they are at one moment. Each part is read from disk on first use
and kept: the topic stage, settle, fetch, generate and the digest take a corpus instead of
reading files themselves, so a stage that needs nothing (the topic stage when nothing it reads
changed) reads nothing, and a stage that needs a part shares it with the next. A pipeline that
writes (the topic stage adds records, a fetch enriches them) reads a new corpus after, `since`
the one before: only the record files that were written are parsed again (and the first read of
a run parses only what changed since the records cache, generator/storage/cache.py, last saw).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import Settings
from ..topic.labels import Label
from .cache import Cache
from .candidates import Candidates, LoadedCandidates
from .labels import read_labels
from .store import Loaded, Store

if TYPE_CHECKING:  # only `generate` on a large archive needs the process machinery
    from ..parallel import Workers


class Corpus:
    """The candidates, the records and the labels of one site, each read once, when first asked for."""

    def __init__(self, settings: Settings, *, since: Corpus | None = None) -> None:
        """`since`: the corpus read before this one in the same run; the records it parsed whose
        files did not change since are taken from it, not parsed again."""
        self._settings = settings
        self._known = since._records.parsed if since is not None and since._records is not None else None
        self._records: Loaded | None = None
        self._candidates: LoadedCandidates | None = None
        self._labels: dict[str, Label] | None = None

    def records(self, workers: Workers | None = None) -> Loaded:
        """Every record (and a message for each file that cannot be read); with `workers`, a
        large number of stale records are parsed in worker processes."""
        if self._records is None:
            cache = Cache.beside(self._settings.config_file)
            store = Store(self._settings.papers_dir)
            if workers is not None:
                self._records = store.load_all(cache, workers, known=self._known)
            else:  # a pool of its own, started only when there are enough stale records to pay for it
                from ..parallel import Workers

                with Workers() as own:
                    self._records = store.load_all(cache, own, known=self._known)
        return self._records

    def candidates(self) -> LoadedCandidates:
        """Every candidate, whole or compact (and a message for each line that cannot be read)."""
        if self._candidates is None:
            self._candidates = Candidates(self._settings.candidates_dir).load_all()
        return self._candidates

    def labels(self) -> dict[str, Label]:
        """The topic labels by id; ConfigError when the file is malformed."""
        if self._labels is None:
            self._labels = read_labels(self._settings.labels_file)
        return self._labels
