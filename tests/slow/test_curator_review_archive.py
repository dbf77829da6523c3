"""Review's order on real papers with fixed labels: the papers whose label would most likely
change the published set come first, on both sides of the threshold
(generator/curator/review.py, `near_threshold`).

The papers are the 580-day archive's (tests/fixtures/hf-archive), the labels the 1,204 fixed ones
of tests/fixtures/topic/labels.jsonl, so this test does not move as the site's own content grows.
The archive's last four months have their labels taken out; the model learns from every other
label and decides those months, as it would new ones; their true labels say which decisions a
curator's label would have flipped.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from generator.config import load_settings
from generator.curator.review import near_threshold
from generator.errors import SourceError
from generator.sources.hf import parse_daily_papers
from generator.topic.decide import decide, examples
from generator.topic.labels import Label
from generator.topic.relevance import RelevanceModel, text_of
from generator.topic_stage import Decided

from tests.support.site import DATA, REPO

HELD_FROM = "2026-05"
"""The held-out months: from this one to the archive's last (2026-08-21): 228 labelled papers."""
TOP = 20


def _labels() -> dict[str, Label]:
    rows = map(json.loads, (DATA / "topic" / "labels.jsonl").read_text().splitlines())
    return {row["id"]: Label(row["id"], row["label"], row["why"]) for row in rows}


def _labelled_papers(archive, labels: dict[str, Label]) -> dict:
    """Each labelled paper as the archive first featured it (days in the wrong shape are skipped)."""
    found = {}
    for path in sorted(archive.glob("*.json")):
        try:
            parsed = parse_daily_papers(json.loads(path.read_text()), day=dt.date.fromisoformat(path.stem),
                                        origin=path.name)
        except SourceError:
            continue
        for paper in parsed.papers:
            if paper.arxiv_id in labels:
                found.setdefault(paper.arxiv_id, paper)
    return found


@pytest.fixture(scope="module")
def held(archive):
    """The held-out months decided by a model that never saw their labels, their true labels, the
    threshold, and how many days back from the archive's last day they reach."""
    settings = load_settings(REPO / "mkdocs.yml")
    labels = _labels()
    papers = _labelled_papers(archive, labels)
    assert len(papers) == len(labels) == 1204, "every fixed label has its paper in the archive"
    keys = sorted(k for k in papers if str(papers[k].day) >= HELD_FROM)
    rest = {k: v for k, v in labels.items() if k not in keys}
    model = RelevanceModel.train(examples(list(papers.values()), rest, settings.topic))
    scores = dict(zip(keys, model.scores([text_of(papers[k]) for k in keys])))
    decided = Decided({k: papers[k] for k in keys}, {k: decide(papers[k], {}, settings.topic, scores[k]) for k in keys},
                      {}, model, "", frozenset(), frozenset(), ())
    days = (max(papers[k].day for k in keys) - dt.date.fromisoformat(f"{HELD_FROM}-01")).days + 1
    return decided, {k: labels[k].verdict for k in keys}, settings.topic.threshold, days


def _flips(decided: Decided, truth: dict[str, str], key: str) -> bool:
    """Whether the paper's true label reverses the model's decision about it."""
    return truth[key] != "borderline" and (truth[key] == "on") != decided.decisions[key].kept


def test_review_lists_papers_from_both_sides_of_the_threshold(held):
    """On real papers, the ten listed first hold published papers and unpublished ones."""
    decided, _, threshold, days = held
    listed = near_threshold(decided, threshold, days=days, limit=10)
    assert len(listed) == 10
    kept = [item.decision.kept for item in listed]
    assert any(kept) and not all(kept), "papers from both sides of the threshold"


def test_a_paper_whose_label_flips_the_published_set_comes_before_one_far_from_the_threshold(held):
    """On real papers, the top of review holds the decisions a curator would reverse: of the
    first twenty, a share at least five times the share among the rest."""
    decided, truth, threshold, days = held
    order = [item.paper.arxiv_id for item in near_threshold(decided, threshold, days=days, limit=len(truth))]
    assert sorted(order) == sorted(truth), "every unlabelled paper of the months is listed once"
    far = min(order, key=lambda k: (decided.decisions[k].score, k))
    first_flip = next(k for k in order if _flips(decided, truth, k))
    assert order.index(first_flip) < TOP < order.index(far)
    top, rest = order[:TOP], order[TOP:]
    top_rate = sum(_flips(decided, truth, k) for k in top) / len(top)
    rest_rate = sum(_flips(decided, truth, k) for k in rest) / len(rest)
    assert top_rate > 5 * rest_rate, (top_rate, rest_rate)
