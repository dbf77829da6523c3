"""What the topic stage considered for each day, and the day's near-misses (pure).

A paper is filed under its day as everywhere on the site (`Paper.day`: the day Hugging Face
featured it, else the day it was submitted to arXiv). For each day: how many papers each stream
brought and how many of those the topic keeps, how many were considered in all and how many are
kept, and "just below the line": the unpublished papers the model scored within
`topic.near_margin` below the threshold of their stream (not those a label or a pattern
excluded: a person or a rule decided those). Compact candidates count as considered (arXiv
listed them) but cannot be near-misses: they are kept compact only far below the threshold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..config import Topic
from ..models import Compact, Paper
from .decide import Decision, matching_pattern
from .labels import Label


@dataclass(frozen=True)
class NearMiss:
    """An unpublished paper of the day that the model scored just below the line."""

    arxiv_id: str
    title: str
    score: float
    threshold: float
    """The threshold of its stream."""


@dataclass(frozen=True)
class Considered:
    """One day as the topic stage saw it."""

    day: dt.date
    hf: int = 0
    """Papers Hugging Face featured on the day."""
    hf_kept: int = 0
    """Of those, the papers the topic keeps."""
    arxiv: int = 0
    """Papers submitted to arXiv on the day in the configured categories."""
    arxiv_kept: int = 0
    considered: int = 0
    """Every paper filed under the day (either stream)."""
    kept: int = 0
    near: tuple[NearMiss, ...] = ()
    """Best first, at most `topic.near_count`."""


def considered_days(papers: Mapping[str, Paper], decisions: Mapping[str, Decision], compact: Mapping[str, Compact],
                    labels: Mapping[str, Label], topic: Topic, categories: Iterable[str]) -> dict[dt.date, Considered]:
    """Every day that has a paper, with its counts and near-misses."""
    wanted = frozenset(categories)
    counts: dict[dt.date, dict[str, int]] = {}
    near: dict[dt.date, list[NearMiss]] = {}

    def count(day: dt.date | None, key: str, kept: bool) -> None:
        if day is None:
            return
        found = counts.setdefault(day, {})
        found[key] = found.get(key, 0) + 1
        if kept:
            found[key + "_kept"] = found.get(key + "_kept", 0) + 1

    for key, paper in papers.items():
        decision = decisions.get(key)
        kept = bool(decision and decision.kept)
        count(paper.day, "considered", kept)
        count(paper.featured, "hf", kept)
        if paper.published is not None and wanted.intersection(paper.categories):
            count(paper.published, "arxiv", kept)
        if (not kept and decision is not None and decision.score is not None and paper.day is not None
                and key not in labels and topic.near_count and topic.near_margin
                and not matching_pattern(paper, topic.exclude)):
            threshold = topic.threshold_for(paper.featured is not None)
            if threshold - topic.near_margin <= decision.score < threshold:
                near.setdefault(paper.day, []).append(NearMiss(key, paper.title, decision.score, threshold))
    for key, entry in compact.items():
        if key in papers:
            continue
        count(entry.published, "considered", False)
        if wanted.intersection(entry.categories):
            count(entry.published, "arxiv", False)
    return {
        day: Considered(
            day, found.get("hf", 0), found.get("hf_kept", 0), found.get("arxiv", 0), found.get("arxiv_kept", 0),
            found.get("considered", 0), found.get("considered_kept", 0),
            tuple(sorted(near.get(day, ()), key=lambda m: (-m.score, m.arxiv_id))[:topic.near_count]),
        )
        for day, found in sorted(counts.items())
    }


def considered_to_json(entry: Considered) -> dict:
    return {"day": entry.day.isoformat(), "counts": [entry.hf, entry.hf_kept, entry.arxiv, entry.arxiv_kept,
                                                     entry.considered, entry.kept],
            "near": [[m.arxiv_id, m.title, m.score, m.threshold] for m in entry.near]}


def considered_from_json(data: object) -> Considered | None:
    """A Considered from the cache's JSON; None when it is not one."""
    try:
        hf, hf_kept, arxiv, arxiv_kept, total, kept = (int(n) for n in data["counts"])  # type: ignore[index]
        near = tuple(NearMiss(str(i), str(t), float(s), float(h)) for i, t, s, h in data["near"])  # type: ignore[index]
        return Considered(dt.date.fromisoformat(data["day"]), hf, hf_kept, arxiv, arxiv_kept, total, kept, near)  # type: ignore[index]
    except (KeyError, TypeError, ValueError):
        return None
