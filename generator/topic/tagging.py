"""Which tags an on-topic paper gets: a person's tags, then the patterns, then the tag models (pure).

A tag is decided only for papers the site publishes. For each tag rule:
- a label that lists tags (`tags: [...]` in labels.yml) is a person's decision: exactly those;
- otherwise the rule's `keywords`, `patterns` and `title_patterns` give the tag when one matches
  (hard overrides: precise patterns for rare tags);
- otherwise the tag's model, learned like the topic's from the labelled papers' tags, gives the
  tag when its score reaches the rule's `threshold`. A tag with fewer than MIN_POSITIVES
  labelled papers has no model (its patterns alone decide).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..config import TagRule
from ..models import Paper
from .decide import matching_pattern
from .labels import Label
from .relevance import Example, RelevanceModel, text_of

MIN_POSITIVES = 10


def rule_matches(rule: TagRule, paper: Paper) -> bool:
    if rule.keywords and any(k.lower() in rule.keywords for k in paper.keywords):
        return True
    if any(p.search(paper.title) for p in rule.title_patterns):
        return True
    return matching_pattern(paper, rule.patterns) is not None


@dataclass(frozen=True)
class Tagger:
    """The tag rules with the models learned for them."""

    rules: tuple[TagRule, ...]
    models: Mapping[str, RelevanceModel]

    @classmethod
    def train(cls, rules: Sequence[TagRule], papers: Sequence[Paper], labels: Mapping[str, Label]) -> Tagger:
        tagged = [p for p in papers if (label := labels.get(p.arxiv_id)) is not None and label.tags is not None]
        models: dict[str, RelevanceModel] = {}
        for rule in rules:
            examples = [Example(p.arxiv_id, text_of(p), rule.slug in labels[p.arxiv_id].tags) for p in tagged]
            if sum(example.on for example in examples) >= MIN_POSITIVES:
                models[rule.slug] = RelevanceModel.train(examples)
        return cls(tuple(rules), models)

    def tags(self, papers: Sequence[Paper], labels: Mapping[str, Label]) -> dict[str, tuple[str, ...]]:
        """The tags the site gives each paper, by id (before any a person adds in its record)."""
        texts = [text_of(paper) for paper in papers]
        scores = {slug: model.scores(texts) for slug, model in self.models.items()}
        decided: dict[str, tuple[str, ...]] = {}
        for index, paper in enumerate(papers):
            label = labels.get(paper.arxiv_id)
            if label is not None and label.tags is not None:
                decided[paper.arxiv_id] = label.tags
                continue
            decided[paper.arxiv_id] = tuple(
                rule.slug for rule in self.rules
                if rule_matches(rule, paper)
                or (rule.slug in scores and scores[rule.slug][index] >= rule.threshold)
            )
        return decided
