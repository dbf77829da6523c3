"""Review's order on real candidates: the papers whose label would most likely change the
published set come first, on both sides of the threshold (generator/curator/review.py, `near_threshold`).

A month of the archive has its labels taken out; the model learns from every other label and
decides that month, as it would a new one; the month's true labels say which decisions a
curator's label would have flipped.
"""

from __future__ import annotations

import pytest

from generator.config import load_settings
from generator.curator.review import near_threshold
from generator.topic_stage import Decided
from generator.storage.candidates import Candidates
from generator.storage.labels import read_labels
from generator.topic.decide import decide, examples
from generator.topic.model import RelevanceModel, text_of

from .conftest import REPO

MONTH = "2025-02"


@pytest.fixture(scope="module")
def month():
    """The month's labelled papers decided by a model that never saw their labels, and the labels."""
    settings = load_settings(REPO / "mkdocs.yml")
    candidates = {p.arxiv_id: p for p in Candidates(settings.candidates_dir).load_all().papers}
    labels = read_labels(settings.labels_file)
    held = sorted(k for k in labels if k in candidates and str(candidates[k].day).startswith(MONTH))
    rest = {k: v for k, v in labels.items() if k not in held}
    model = RelevanceModel.train(examples(list(candidates.values()), rest, settings.topic))
    papers = {k: candidates[k] for k in held}
    scores = dict(zip(held, model.scores([text_of(papers[k]) for k in held])))
    decisions = {k: decide(papers[k], {}, settings.topic, scores[k]) for k in held}
    decided = Decided(papers, decisions, {}, model, "", frozenset(), frozenset(), ())
    return decided, {k: labels[k].verdict for k in held}, settings.topic.threshold


def _flips(decided: Decided, truth: dict[str, str], key: str) -> bool:
    """Whether the paper's true label reverses the model's decision about it."""
    return truth[key] != "borderline" and (truth[key] == "on") != decided.decisions[key].kept


def test_review_lists_papers_from_both_sides_of_the_threshold(month):
    """On a real month, the ten listed first hold published papers and unpublished ones."""
    decided, _, threshold = month
    listed = near_threshold(decided, threshold, days=31, limit=10)
    assert len(listed) == 10
    kept = [item.decision.kept for item in listed]
    assert any(kept) and not all(kept), "papers from both sides of the threshold"


def test_a_paper_whose_label_flips_the_published_set_comes_before_one_far_from_the_threshold(month):
    """On a month's real papers, the top of review holds the decisions a curator would reverse."""
    decided, truth, threshold = month
    order = [item.paper.arxiv_id for item in near_threshold(decided, threshold, days=31, limit=len(truth))]
    assert sorted(order) == sorted(truth), "every unlabelled paper of the month is listed once"
    far = min(order, key=lambda k: (decided.decisions[k].score, k))
    first_flip = next(k for k in order if _flips(decided, truth, k))
    assert order.index(first_flip) < 10 < order.index(far)
    top, rest = order[:10], order[10:]
    top_rate = sum(_flips(decided, truth, k) for k in top) / len(top)
    rest_rate = sum(_flips(decided, truth, k) for k in rest) / len(rest)
    assert top_rate > 5 * rest_rate, (top_rate, rest_rate)
