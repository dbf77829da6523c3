"""`paperboy label`: one person's decision about one paper, recorded by hand."""

from __future__ import annotations

from ..config import Settings
from ..storage.labels import Recorded, record_labels
from ..topic.labels import make_label


def label_paper(settings: Settings, arxiv_id: str, verdict: str, why: str = "", by: str = "") -> Recorded:
    """Record one label (InvalidRecord for an id or reason that is not one); the next build
    decides again with it."""
    (done,) = record_labels(settings.labels_file, [make_label(arxiv_id, verdict, why, by=by)])
    return done
