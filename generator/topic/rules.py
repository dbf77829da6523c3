"""The topic filter and the tag rules: pure functions of a Paper and the settings."""

from __future__ import annotations

from ..config import Settings, TagRule, Topic
from ..models import Paper


def _texts(paper: Paper) -> tuple[str, ...]:
    return (paper.title, paper.abstract, *paper.keywords)


def on_topic(paper: Paper, topic: Topic) -> bool:
    """True when the site keeps this paper (always true when the filter is off)."""
    if not topic.enabled:
        return True
    texts = _texts(paper)
    if topic.exclude and any(p.search(t) for p in topic.exclude for t in texts):
        return False
    return any(p.search(t) for p in topic.include for t in texts)


def rule_matches(rule: TagRule, paper: Paper) -> bool:
    if rule.keywords and any(k.lower() in rule.keywords for k in paper.keywords):
        return True
    return any(p.search(t) for p in rule.patterns for t in _texts(paper))


def with_tags(paper: Paper, settings: Settings) -> Paper:
    """The paper with every tag its rules earn added to the tags it already has."""
    earned = [rule.slug for rule in settings.tags if rule_matches(rule, paper)]
    merged = tuple(dict.fromkeys((*paper.tags, *earned)))
    return paper if merged == paper.tags else paper.replace(tags=merged)
