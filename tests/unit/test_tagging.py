"""Which tags a published paper gets (generator/topic/tagging.py)."""

from __future__ import annotations

from generator.models import make_paper
from generator.topic.labels import make_label
from generator.topic.tagging import MIN_POSITIVES, Tagger, rule_matches


def _paper(n: int, title: str, abstract: str = "") -> object:
    return make_paper(arxiv_id=f"2401.{n:05d}", title=title, abstract=abstract)


def test_a_tag_is_earned_by_a_title_pattern_or_an_exact_keyword(settings):
    paper = make_paper(arxiv_id="2401.00001", title="LoRA for small models", keywords=["Knowledge Distillation"])
    assert rule_matches(settings.tag("distillation"), paper), "the exact Hugging Face keyword"
    assert rule_matches(settings.tag("fine-tuning"), paper), "a title pattern"
    assert not rule_matches(settings.tag("surveys"), paper)
    abstract_only = make_paper(arxiv_id="2401.00002", title="A new model", abstract="We survey of many models.")
    assert not rule_matches(settings.tag("surveys"), abstract_only), "title patterns never read the abstract"


def test_a_persons_tags_beat_the_rules_and_the_models(settings):
    paper = make_paper(arxiv_id="2401.00001", title="A survey of small language models")
    labels = {"2401.00001": make_label("2401.00001", "on", "", ["safety"])}
    tagger = Tagger.train(settings.tags, [paper], labels)
    assert tagger.tags([paper], labels) == {"2401.00001": ("safety",)}
    assert tagger.tags([paper], {})["2401.00001"] == ("small-models", "surveys")


def test_a_tag_with_enough_labelled_papers_gets_a_model_that_tags_new_papers(settings):
    quant = [_paper(n, f"Weight rounding method {n}", "We round the weights of language models to 4 bits, "
                       "with per-group scales and outlier channels.") for n in range(MIN_POSITIVES)]
    other = [_paper(100 + n, f"Reward shaping study {n}", "We train policies with reinforcement learning "
                          "rewards on math problems.") for n in range(MIN_POSITIVES)]
    labels = {p.arxiv_id: make_label(p.arxiv_id, "on", "", ["quantization"]) for p in quant}
    labels.update({p.arxiv_id: make_label(p.arxiv_id, "on", "", ["reasoning"]) for p in other})
    tagger = Tagger.train(settings.tags, quant + other, labels)
    assert "quantization" in tagger.models and "surveys" not in tagger.models
    new = _paper(999, "Group-wise rounding", "Weights of language models rounded to 4 bits with scales per group.")
    assert "quantization" in tagger.tags([new], {})[new.arxiv_id]
