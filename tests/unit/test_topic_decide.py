"""What the site publishes: labels, then patterns, then the model (generator/topic/decide.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from generator.models import make_paper
from generator.topic.decide import decide, examples
from generator.topic.labels import make_label

PAPER = make_paper(arxiv_id="2401.00001", title="Protein folding with small language models")


def test_a_label_beats_the_model_both_ways(settings):
    topic = settings.topic
    off = {PAPER.arxiv_id: make_label(PAPER.arxiv_id, "off", "biology")}
    on = {PAPER.arxiv_id: make_label(PAPER.arxiv_id, "on")}
    assert not decide(PAPER, off, topic, 0.99).kept
    assert decide(PAPER, on, topic, 0.01).kept
    assert decide(PAPER, off, topic, 0.99).reason == "labelled off: biology"


def test_the_model_decides_at_the_threshold_of_the_papers_stream(settings):
    """A featured paper is decided at `threshold`, an arXiv-only one at `arxiv_threshold`."""
    topic = dataclasses.replace(settings.topic, threshold=0.6, arxiv_threshold=0.3)
    featured = dataclasses.replace(PAPER, featured=dt.date(2024, 1, 2))
    assert decide(featured, {}, topic, 0.6).kept and not decide(featured, {}, topic, 0.59).kept
    assert decide(featured, {}, topic, 0.59).reason == "model score 0.59 < threshold 0.60"
    assert decide(PAPER, {}, topic, 0.3).kept and not decide(PAPER, {}, topic, 0.29).kept
    assert decide(PAPER, {}, topic, 0.29).reason == "model score 0.29 < threshold (arXiv only) 0.30"


def test_patterns_override_the_model_and_exclude_wins(settings):
    topic = dataclasses.replace(settings.topic, include=(re.compile("protein", re.I),))
    assert decide(PAPER, {}, topic, 0.0).kept
    topic = dataclasses.replace(topic, exclude=(re.compile("folding", re.I),))
    assert not decide(PAPER, {}, topic, 1.0).kept
    assert not decide(PAPER, {PAPER.arxiv_id: make_label(PAPER.arxiv_id, "borderline")},
                      dataclasses.replace(topic, borderline=False), 1.0).kept


def test_borderline_goes_the_way_the_topic_says(settings):
    labels = {PAPER.arxiv_id: make_label(PAPER.arxiv_id, "borderline")}
    assert decide(PAPER, labels, settings.topic, None).kept
    assert not decide(PAPER, labels, dataclasses.replace(settings.topic, borderline=False), None).kept
    assert examples([PAPER], labels, dataclasses.replace(settings.topic, description="")) == [], (
        "a borderline paper is published as the topic says, but not learned from"
    )


def test_without_a_model_the_site_does_not_change_its_mind(settings):
    assert decide(PAPER, {}, settings.topic, None, published=True).kept
    assert not decide(PAPER, {}, settings.topic, None, published=False).kept


def test_with_the_filter_off_everything_is_kept(settings):
    labels = {PAPER.arxiv_id: make_label(PAPER.arxiv_id, "off")}
    assert decide(PAPER, labels, dataclasses.replace(settings.topic, enabled=False), 0.0).kept
