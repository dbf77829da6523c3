"""Which papers the site publishes: labels first, then the patterns, then the model (pure).

For each candidate, in this order:
1. a person's label (`content/topic/labels.yml`): `on` keeps it, `off` drops it, `borderline`
   goes the way the topic's `borderline` setting says;
2. an `exclude` pattern that matches drops it; an `include` pattern that matches keeps it;
3. the relevance model's score keeps it when it is at or above the threshold of its stream
   (`threshold` for a paper Hugging Face featured, `arxiv_threshold` for one only arXiv listed).
With the topic filter off, every candidate is kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..config import Topic
from ..models import Paper
from .labels import Label
from .relevance import Example, Text, text_of


@dataclass(frozen=True)
class Decision:
    """Whether one paper is published, and why."""

    arxiv_id: str
    kept: bool
    score: float | None
    """The model's probability that the paper is on topic (None: no model was needed or trained)."""
    reason: str
    """Why, in words: the label and its reason, the pattern, or the score and the threshold."""


def label_is_on(label: Label, topic: Topic) -> bool:
    return label.verdict == "on" or (label.verdict == "borderline" and topic.borderline)


def examples(candidates: Sequence[Paper], labels: Mapping[str, Label], topic: Topic) -> list[Example]:
    """The candidates labelled on or off, and the topic's description as one more paper on topic.

    Borderline papers are left out: they are the ones a curator could judge either way, so they
    blur the line the model learns (cross-validated: benchmarks/TOPIC.md). They are still
    published or not as the topic's `borderline` says."""
    found = [
        Example(paper.arxiv_id, text_of(paper), labels[paper.arxiv_id].verdict == "on")
        for paper in candidates
        if paper.arxiv_id in labels and labels[paper.arxiv_id].verdict != "borderline"
    ]
    if topic.description:
        found.append(Example("~description", Text(topic.name, topic.description), True))
    return found


def matching_pattern(paper: Paper, patterns: Sequence[re.Pattern[str]]) -> str | None:
    """The first pattern that matches the paper's title, abstract or a keyword (None: none does)."""
    for pattern in patterns:
        for text in (paper.title, paper.abstract, *paper.keywords):
            if pattern.search(text):
                return pattern.pattern
    return None


def decide(
    paper: Paper, labels: Mapping[str, Label], topic: Topic, score: float | None, *, published: bool = False
) -> Decision:
    """One paper's decision; `score` is the model's, or None when there is no model.

    Without a model (too few labels yet) the site does not change its mind: a published paper
    stays, a new candidate is not added, until labels or patterns say otherwise.
    """
    if not topic.enabled:
        return Decision(paper.arxiv_id, True, score, "the topic filter is off")
    label = labels.get(paper.arxiv_id)
    if label is not None:
        kept = label_is_on(label, topic)
        why = f": {label.why}" if label.why else ""
        return Decision(paper.arxiv_id, kept, score, f"labelled {label.verdict}{why}")
    excluded = matching_pattern(paper, topic.exclude)
    if excluded:
        return Decision(paper.arxiv_id, False, score, f"matches exclude pattern {excluded!r}")
    included = matching_pattern(paper, topic.include)
    if included:
        return Decision(paper.arxiv_id, True, score, f"matches include pattern {included!r}")
    if score is None:
        if published:
            return Decision(paper.arxiv_id, True, None, "no model yet (too few labels): kept as published")
        return Decision(paper.arxiv_id, False, None, "no model yet (too few labels): not added")
    threshold = topic.threshold_for(paper.featured is not None)
    kept = score >= threshold
    relation = "≥" if kept else "<"
    stream = "" if paper.featured is not None else " (arXiv only)"
    return Decision(paper.arxiv_id, kept, score, f"model score {score:.2f} {relation} threshold{stream} {threshold:.2f}")
