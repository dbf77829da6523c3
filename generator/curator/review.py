"""What the curator is asked to decide, and why the model decided as it did.

`review`: the recent unlabelled papers whose label would most likely change what the site
publishes, first (`paperboy review`, and the daily review issue on GitHub). `check_topic`: one
paper's decision with the terms that weighed most (`paperboy check --topic ID`). Both decide the
topic over the corpus as the topic stage does (generator/topic_stage.py) and write nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..config import Settings
from ..models import Compact, Paper, parse_arxiv_id
from ..storage.corpus import Corpus
from ..topic.decide import Decision
from ..topic.relevance import text_of
from ..topic_stage import Decided, decide_all


@dataclass(frozen=True)
class Explained:
    """One paper's decision with what a curator needs to judge it."""

    paper: Paper
    decision: Decision
    terms: tuple[tuple[str, float], ...]
    """The terms that weighed most in the model's score, with their weight (+ on, - off topic)."""


def explain(decided: Decided, arxiv_id: str) -> Explained:
    """The decision about one paper, and why (for `paperboy check --topic ID`)."""
    paper = decided.papers[arxiv_id]
    terms = tuple(decided.model.explain(text_of(paper))) if decided.model else ()
    return Explained(paper, decided.decisions[arxiv_id], terms)


def stake(decision: Decision) -> float:
    """How much a person's label on this paper is expected to change the published set: the
    chance that the model has it wrong, because a label that says so flips it. A published paper
    is off topic with probability 1 - score; an unpublished one is on topic with probability
    score. So a paper just above the threshold outranks one just below it when the threshold is
    under 0.5 (its label more likely removes it), and a paper far from the threshold either way
    comes last. No score (no model): nothing to expect."""
    if decision.score is None:
        return 0.0
    return 1.0 - decision.score if decision.kept else decision.score


def near_threshold(decided: Decided, threshold: float, *, days: int, limit: int) -> list[Explained]:
    """Recent unlabelled papers in the order a person's label would change the published set
    most (`stake`), on both sides of the threshold; ties go to the one nearer the threshold, then
    the id (`paperboy review` and the daily review issue). "Recent" counts back from the newest
    day among the candidates, so a site fed from recordings reviews its own last days."""
    dated = [p.day for p in decided.papers.values() if p.day]
    if not dated or decided.model is None:
        return []
    since = max(dated) - dt.timedelta(days=days - 1)
    pool = [
        p for p in decided.papers.values()
        if p.arxiv_id not in decided.labels and p.day and p.day >= since
        and decided.decisions[p.arxiv_id].score is not None
    ]
    def order(paper: Paper) -> tuple[float, float, str]:
        decision = decided.decisions[paper.arxiv_id]
        return (-round(stake(decision), 4), abs(decision.score - threshold), paper.arxiv_id)

    pool.sort(key=order)
    return [explain(decided, p.arxiv_id) for p in pool[:limit]]


@dataclass(frozen=True)
class Review:
    """The papers put before the curator, the most informative first."""

    items: tuple[Explained, ...]
    model_note: str
    """How the model was made, or why there is none, in words."""
    has_model: bool
    """False: no model yet (too few labels), so nothing is reviewed."""
    decided: Decided | None = None
    """The topic decided over the corpus, from which the items were drawn."""


def review(settings: Settings, corpus: Corpus, *, days: int, limit: int) -> Review:
    """The `limit` unlabelled papers of the last `days` days whose label would most likely
    change the published set (`near_threshold`)."""
    decided = decide_all(settings, corpus)
    if decided.model is None:
        return Review((), decided.model_note, False, decided)
    return Review(tuple(near_threshold(decided, settings.topic.threshold, days=days, limit=limit)),
                  decided.model_note, True, decided)


@dataclass(frozen=True)
class Checked:
    """One paper asked about: its decision explained, or that it is kept compact (no text to
    judge again), or neither: it is not a candidate."""

    arxiv_id: str
    explained: Explained | None = None
    compact: Compact | None = None


@dataclass(frozen=True)
class TopicCheck:
    """Every paper decided, every labelled one scored too, to explain any of them."""

    decided: Decided

    @property
    def published(self) -> int:
        return sum(decision.kept for decision in self.decided.decisions.values())

    def look_up(self, raw_id: str) -> Checked:
        """The paper `raw_id` names (InvalidRecord when it names none)."""
        arxiv_id = parse_arxiv_id(raw_id)[0]
        if arxiv_id in self.decided.compact:
            return Checked(arxiv_id, compact=self.decided.compact[arxiv_id])
        if arxiv_id not in self.decided.papers:
            return Checked(arxiv_id)
        return Checked(arxiv_id, explained=explain(self.decided, arxiv_id))


def check_topic(settings: Settings, corpus: Corpus) -> TopicCheck:
    """The topic decided over the corpus with every paper scored, labelled or not."""
    return TopicCheck(decide_all(settings, corpus, score_all=True))
