"""The topic filter and tag rules (generator/topic/rules.py)."""

from __future__ import annotations

import dataclasses

from generator.models import make_paper
from generator.topic.rules import on_topic, rule_matches, with_tags


def test_a_paper_is_on_topic_by_its_title_abstract_or_keywords(settings):
    topic = settings.topic
    assert on_topic(make_paper(arxiv_id="2401.00001", title="Small language models at work"), topic)
    assert on_topic(make_paper(arxiv_id="2401.00001", title="X", keywords=["knowledge distillation"]), topic)
    assert not on_topic(make_paper(arxiv_id="2401.00001", title="Protein folding"), topic)
    assert on_topic(make_paper(arxiv_id="2401.00001", title="Protein folding"), dataclasses.replace(topic, enabled=False))


def test_an_exclude_pattern_wins_over_an_include_pattern(settings):
    topic = dataclasses.replace(settings.topic, exclude=settings.topic.include[:1])
    assert not on_topic(make_paper(arxiv_id="2401.00001", title="Small language models at work"), topic)


def test_tags_are_earned_by_pattern_or_exact_keyword_and_hand_tags_stay_first(settings):
    paper = make_paper(arxiv_id="2401.00001", title="LoRA for small models", keywords=["Knowledge Distillation"],
                       tags=["by-hand"])
    tagged = with_tags(paper, settings)
    assert tagged.tags == ("by-hand", "small-models", "distillation", "fine-tuning")
    assert with_tags(tagged, settings) is tagged, "nothing new earned: the same record"
    assert rule_matches(settings.tag("distillation"), paper)
    assert not rule_matches(settings.tag("surveys"), paper)
