"""The curator's review on fixed records: which papers come first, and what `review` and
`check --topic` print, checked against orders and texts written out by hand (not re-derived
with the functions under test)."""

from __future__ import annotations

import datetime as dt

from generator.curator.review import Explained, near_threshold
from generator.models import Compact, make_paper
from generator.render.curator import changed, compact_text, explained_text, review_text
from generator.topic.decide import Decision
from generator.topic.labels import Label
from generator.topic_stage import Decided

DAY = dt.date(2025, 10, 20)


def _decided(rows: list[tuple[str, float, bool, int]], labelled: tuple[str, ...] = ()) -> Decided:
    """Papers by (id, score, published, days before DAY); a model that explains nothing."""

    class NoTerms:
        def explain(self, text):
            return []

    papers = {key: make_paper(arxiv_id=key, title=f"Paper {key}", published=DAY - dt.timedelta(days=back))
              for key, _, _, back in rows}
    decisions = {key: Decision(key, kept, score, "model score") for key, score, kept, _ in rows}
    labels = {key: Label(key, "on") for key in labelled}
    return Decided(papers, decisions, labels, NoTerms(), "test model", frozenset(), frozenset(), ())


def test_review_order_is_the_chance_a_label_flips_the_paper_then_nearness_to_the_threshold():
    """Threshold 0.46: a published paper at 0.50 is wrong with 0.50, an unpublished one at 0.40
    with 0.40, at 0.45 with 0.45; a published 0.55 (0.45) ties with the unpublished 0.45 and the
    nearer to the threshold goes first; far papers, labelled ones and old ones come last or not at all."""
    decided = _decided([
        ("2510.00001", 0.50, True, 0), ("2510.00002", 0.40, False, 1), ("2510.00003", 0.45, False, 2),
        ("2510.00004", 0.55, True, 3), ("2510.00005", 0.02, False, 4), ("2510.00006", 0.99, True, 5),
        ("2510.00007", 0.47, True, 6), ("2510.00008", 0.46, True, 40),
    ], labelled=("2510.00007",))
    listed = [item.paper.arxiv_id for item in near_threshold(decided, 0.46, days=30, limit=10)]
    assert listed == ["2510.00001", "2510.00003", "2510.00004", "2510.00002", "2510.00005", "2510.00006"]
    assert [item.paper.arxiv_id for item in near_threshold(decided, 0.46, days=30, limit=2)] == listed[:2]


def test_review_text_is_what_a_terminal_shows():
    paper = make_paper(arxiv_id="2502.02737", title="SmolLM2: When Smol Goes Big", published="2025-02-04")
    item = Explained(paper, Decision("2502.02737", True, 0.9, "model score"), (("small", 2.371), ("image", -0.5)))
    assert review_text([item], days=30, model_note="trained on 3 papers") == (
        "1 unlabelled papers of the last 30 days whose label would most likely change what is published, first "
        "(model trained on 3 papers); label each with `paperboy label ID on|off --why TEXT`:\n"
        "\n"
        "2502.02737  score 0.90  published  2025-02-04\n"
        "  SmolLM2: When Smol Goes Big\n"
        "  terms: small +2.37, image -0.50\n"
    )


def test_check_topic_texts_say_the_decision_the_reason_and_the_terms():
    paper = make_paper(arxiv_id="2502.02737", title="SmolLM2", published="2025-02-04")
    item = Explained(paper, Decision("2502.02737", False, None, "labelled off: not small"), ())
    assert explained_text(item) == (
        "2502.02737  not published  score -\n  SmolLM2\n  why: labelled off: not small\n  terms: -\n")
    entry = Compact("2510.18000", ("cs.CV",), DAY, 0.03, "b7b8d46e")
    assert compact_text("2510.18000", entry) == (
        "2510.18000  not published  score 0.03 (model b7b8d46e), kept compact: no text to judge again; "
        "label it and the next fetch looks it up on arXiv\n")


def test_what_a_label_replaced_is_said_in_two_words():
    assert changed(None) == "new"
    assert changed(Label("2502.02737", "off", "not small")) == "was off"
