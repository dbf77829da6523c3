"""Why a paper is on the site, in a reader's words (pure: a `Why` in, text out).

The paper page shows `summary` as one short line and `sentence`, the terms and the tags one
click away; `paperboy check --topic` prints `sentence` and the same terms, so the page and the
command never disagree about a paper's reason or score.
"""

from __future__ import annotations

from ..config import Settings
from ..topic.explain import Term, Why

STREAMS = {"hf": "papers Hugging Face featured", "arxiv": "papers only arXiv listed"}


def terms_text(terms: tuple[Term, ...]) -> str:
    """“small language” +0.84, “on-device” +0.51"""
    return ", ".join(f"{term.words} {term.weight:+.2f}" for term in terms)


def summary(why: Why) -> str:
    """The short line: what decided, and for the model its score and its three strongest terms."""
    if why.kind == "label":
        verdict = {"on": "on topic", "off": "off topic"}.get(why.verdict, why.verdict)
        return f"A person labelled it {verdict}"
    if why.kind == "pattern":
        return f"It matches the pattern “{why.pattern}”" + (f" in its {why.where}" if why.where else "")
    if why.kind == "model":
        words = ", ".join(term.words for term in why.terms_for[:3])
        return f"The topic model scores it {why.score:.2f} (threshold {why.threshold:.2f})" + (f": {words}" if words else "")
    if why.kind == "unfiltered":
        return "The site publishes every paper it fetches"
    return "It was published before the topic model had enough labels"


def sentence(why: Why, settings: Settings) -> str:
    """The whole reason, in one or two sentences."""
    if why.kind == "label":
        who = "the site's curator" if not why.by else (
            f"{why.by.removeprefix('github:')} on GitHub" if why.by.startswith("github:")
            else "a helper reading it against the topic's rubric" if why.by == "helper" else why.by)
        when = f" on {why.at[:10]}" if why.at else ""
        verdict = {"on": "on topic", "off": "off topic",
                   "borderline": "borderline (" + ("the site publishes borderline papers" if settings.topic.borderline
                                                  else "the site leaves borderline papers out") + ")"}[why.verdict]
        reason = f": “{why.reason}”" if why.reason else "."
        return f"Labelled {verdict} by {who}{when}{reason}"
    if why.kind == "pattern":
        where = f" in its {why.where}" if why.where else ""
        side = "include" if why.kept else "exclude"
        return f"It matches the topic's {side} pattern “{why.pattern}”{where}: a rule the site's owner set."
    if why.kind == "model":
        relation = "at or above" if why.kept else "below"
        return (f"The topic model, learned from the papers people labelled, scores it {why.score:.2f}: {relation} the "
                f"threshold of {why.threshold:.2f} for {STREAMS[why.stream]}.")
    if why.kind == "unfiltered":
        return "The topic filter is off: the site publishes every paper it fetches."
    return "It was published before the topic model had enough labels to decide, and is kept until a label says otherwise."


def why_text(why: Why, settings: Settings) -> str:
    """What `paperboy check --topic` prints after the curator's lines: the reader's words, as
    the paper's page has them."""
    lines = [f"  reader's why: {sentence(why, settings)}"]
    if why.terms_for:
        lines.append(f"  its words for: {terms_text(why.terms_for)}")
    if why.terms_against:
        lines.append(f"  its words against: {terms_text(why.terms_against)}")
    return "\n".join(lines) + "\n"
