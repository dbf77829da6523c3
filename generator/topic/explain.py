"""Why a paper is on the site, in a reader's words, from the decision the topic stage made (pure).

A `Why` says what decided (a label, a pattern, the model, or no filter at all) and, for the
model, its score against the threshold of the paper's stream with the paper's own words that
weighed most for it and against it: each term's weight is the model's coefficient times this
paper's TF-IDF value (`RelevanceModel.contributions`), so the words are the model's reasons, not
a second heuristic's. The model also reads made-up words (`sigsizele10`, `lmctxxsmall`: see
generator/topic/relevance.py); `readable` says each in words. Each tag has its origin too.

The same record feeds the paper's page (generator/render/why.py) and `paperboy check --topic`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..config import TagRule, Topic
from ..models import Paper
from .decide import Decision, matching_pattern
from .labels import Label
from .tagging import MIN_POSITIVES

WORDS_FOR = 5
"""Terms shown for the paper (the strongest first)."""
WORDS_AGAINST = 3

_SIGNALS = {
    "sigsizenone": "states no model size",
    "sigsizeany": "states a model size",
    "sigsizele10": "a model of 10B parameters or fewer",
    "sigsizesub1": "a model under 1B parameters",
    "sigsizeallbig": "only models above 10B parameters",
    "sigsizehuge": "a model above 30B parameters",
    "sigtitlelang": "a title about language",
    "sigtitleother": "a title about images, video, speech or robots",
    "sigtitlemixed": "a title about language and other media",
    "sigtitlenone": "a title about neither language nor other media",
    "sigabstractlang": "an abstract about language",
    "sigabstractother": "an abstract about images, video, speech or robots",
    "sigabstractmixed": "an abstract about language and other media",
    "sigabstractnone": "an abstract about neither language nor other media",
    "sigspoken": "a spoken language model",
    "sigsmalltitle": "small-model words in the title (small, compact, on-device, quantized...)",
    "sizetiny": "a size under 1B parameters",
    "sizesmall": "a size of 1B to 4B parameters",
    "sizemid": "a size of 4B to 10B parameters",
    "sizelarge": "a size above 10B parameters",
    "lmctx": "opens about language models",
    "visctx": "opens about images, video, speech or robots",
    "noctx": "opens about neither language models nor other media",
}
_TITLE_WORD = re.compile(r"^(lmctx|visctx|noctx)x(.+)$")


def _token(token: str) -> tuple[str, str]:
    """One token of a model term as (kind, words): `plain`, `title` (a title word) or `signal`."""
    if token in _SIGNALS:
        return "signal", _SIGNALS[token]
    found = _TITLE_WORD.match(token)
    if found:
        return "title", found.group(2)
    return "plain", token


def readable(term: str) -> str:
    """A model term in a reader's words: `small language` -> “small language”,
    `lmctxxsmall lmctxxmodels` -> “small models” in the title, `sigsizele10` -> a model of 10B
    parameters or fewer."""
    tokens = [_token(token) for token in term.split()]
    kinds = {kind for kind, _ in tokens}
    if kinds == {"plain"}:
        return "“" + " ".join(words for _, words in tokens) + "”"
    if kinds == {"title"}:
        return "“" + " ".join(words for _, words in tokens) + "” in the title"
    if kinds == {"signal"}:
        return ", ".join(dict.fromkeys(words for _, words in tokens))
    shown = []
    for kind, words in tokens:
        shown.append(f"“{words}”" + (" in the title" if kind == "title" else "") if kind != "signal" else words)
    return " with ".join(shown)


@dataclass(frozen=True)
class Term:
    """One of the paper's own terms and how much it moved the model's score."""

    words: str
    """The term in a reader's words (`readable`)."""
    weight: float
    """Its share of the score's log-odds: positive for the topic, negative against."""


@dataclass(frozen=True)
class TagWhy:
    """One of the paper's tags and what gave it."""

    slug: str
    origin: str
    """In words: "a label", "Hugging Face keyword “x”", "pattern “x” in the title", "the tag's
    model", "added by hand"."""


@dataclass(frozen=True)
class Why:
    """Why one paper is (or is not) on the site."""

    arxiv_id: str
    kind: str
    """What decided: `label`, `pattern`, `model`, `unfiltered` (the topic filter is off) or
    `kept` (no model yet, and the paper was already published)."""
    kept: bool
    verdict: str = ""
    """A label's verdict (`on`, `off`, `borderline`)."""
    reason: str = ""
    """A label's reason, in the labeller's words."""
    by: str = ""
    """Who made the label (`github:<login>`, `helper`; empty: the site's curator)."""
    at: str = ""
    """When the label was made (ISO date or time), when known."""
    link: str = ""
    """Where the label was decided (a GitHub comment's URL), when known."""
    pattern: str = ""
    """The include (or exclude) pattern that matched."""
    where: str = ""
    """Where it matched: `title`, `abstract` or `keyword`."""
    score: float | None = None
    """The model's score (a probability), when it scored the paper."""
    threshold: float | None = None
    """The threshold of the paper's stream."""
    stream: str = ""
    """`hf` (Hugging Face featured it) or `arxiv` (only arXiv's listing brought it)."""
    terms_for: tuple[Term, ...] = ()
    terms_against: tuple[Term, ...] = ()
    tags: tuple[TagWhy, ...] = ()


def _pattern_where(paper: Paper, pattern: str, patterns: Sequence[re.Pattern[str]]) -> str:
    compiled = next((p for p in patterns if p.pattern == pattern), None)
    if compiled is None:
        return ""
    if compiled.search(paper.title):
        return "title"
    if compiled.search(paper.abstract):
        return "abstract"
    return "keyword"


def terms(contributions: Sequence[tuple[str, float]]) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    """The paper's terms for and against, in a reader's words: terms that read the same are
    added up, and the strongest of each side are kept."""
    summed: dict[str, float] = {}
    for term, weight in contributions:
        words = readable(term)
        summed[words] = summed.get(words, 0.0) + weight
    # A word that a stronger phrase of the same sign holds ("language" in “small language”)
    # is counted in that phrase: a reader sees the phrase once, not its pieces again.
    ranked = sorted(summed.items(), key=lambda item: (-abs(item[1]), item[0]))
    phrases: dict[str, float] = {}
    for words, weight in ranked:
        inner = words.removeprefix("“").split("”")[0]
        holder = next((kept for kept, total in phrases.items() if " " not in inner and (total > 0) == (weight > 0)
                       and kept.startswith("“") and inner in kept.removeprefix("“").split("”")[0].split()), None)
        if holder is not None:
            phrases[holder] += weight
        else:
            phrases[words] = weight
    ranked = sorted(phrases.items(), key=lambda item: (-abs(item[1]), item[0]))
    for_ = tuple(Term(words, round(weight, 2)) for words, weight in ranked if weight > 0.005)[:WORDS_FOR]
    against = tuple(Term(words, round(weight, 2)) for words, weight in ranked if weight < -0.005)[:WORDS_AGAINST]
    return for_, against


def modelled_tags(labels: Mapping[str, Label]) -> frozenset[str]:
    """The tags that have a model: enough labelled papers have them (generator/topic/tagging.py)."""
    counts: dict[str, int] = {}
    for label in labels.values():
        for slug in label.tags or ():
            counts[slug] = counts.get(slug, 0) + 1
    return frozenset(slug for slug, count in counts.items() if count >= MIN_POSITIVES)


def tag_origins(paper: Paper, rules: Sequence[TagRule], label: Label | None,
                modelled: frozenset[str]) -> tuple[TagWhy, ...]:
    """What gave each of the paper's tags: a label, a keyword, a pattern, the tag's model, or a
    person's edit of the record. A tag no label or rule explains is put down to the tag's model
    when the tag has one (`modelled`), else to a person: the tag models are not run again to
    tell the two apart (training them costs more than the rest of the topic stage)."""
    by_slug = {rule.slug: rule for rule in rules}
    out = []
    for slug in paper.tags:
        rule = by_slug.get(slug)
        if label is not None and label.tags is not None and slug in label.tags:
            origin = "a label"
        elif rule is None:
            origin = "added by hand"
        elif rule.keywords and (keyword := next((k for k in paper.keywords if k.lower() in rule.keywords), None)):
            origin = f"Hugging Face keyword “{keyword}”"
        elif title := next((p for p in rule.title_patterns if p.search(paper.title)), None):
            origin = f"pattern “{title.pattern}” in the title"
        elif (found := matching_pattern(paper, rule.patterns)) is not None:
            origin = f"pattern “{found}” in the {_pattern_where(paper, found, rule.patterns)}"
        elif slug in modelled:
            origin = "the tag's model"
        else:
            origin = "added by hand"
        out.append(TagWhy(slug, origin))
    return tuple(out)


def explain(paper: Paper, decision: Decision, label: Label | None, topic: Topic,
            contributions: Sequence[tuple[str, float]] = (), tags: tuple[TagWhy, ...] = ()) -> Why:
    """The paper's `Why` from its decision (generator/topic/decide.py follows the same order:
    label, exclude, include, model); `contributions` are the model's terms for this paper."""
    base = dict(arxiv_id=paper.arxiv_id, kept=decision.kept, tags=tags, score=decision.score)
    featured = paper.featured is not None
    if not topic.enabled:
        return Why(kind="unfiltered", **base)
    if label is not None:
        return Why(kind="label", verdict=label.verdict, reason=label.why, by=label.by,
                   at=label.at, link=label.comment, **base)
    for patterns in (topic.exclude, topic.include):
        found = matching_pattern(paper, patterns)
        if found:
            return Why(kind="pattern", pattern=found, where=_pattern_where(paper, found, patterns), **base)
    if decision.score is None:
        return Why(kind="kept", **base)
    for_, against = terms(contributions)
    return Why(kind="model", threshold=topic.threshold_for(featured), stream="hf" if featured else "arxiv",
               terms_for=for_, terms_against=against, **base)


# --- JSON (the topic stage keeps these in the cache for generate) ----------------------------

def why_to_json(why: Why) -> dict:
    data = {key: value for key, value in why.__dict__.items() if value not in ("", None, ())}
    data["kept"] = why.kept
    data["terms_for"] = [[t.words, t.weight] for t in why.terms_for]
    data["terms_against"] = [[t.words, t.weight] for t in why.terms_against]
    data["tags"] = [[t.slug, t.origin] for t in why.tags]
    return data


def why_from_json(data: object) -> Why | None:
    """A Why from the cache's JSON; None when it is not one (a cache is never trusted)."""
    if not isinstance(data, dict):
        return None
    try:
        fields = dict(data)
        fields["terms_for"] = tuple(Term(str(w), float(x)) for w, x in fields.get("terms_for", ()))
        fields["terms_against"] = tuple(Term(str(w), float(x)) for w, x in fields.get("terms_against", ()))
        fields["tags"] = tuple(TagWhy(str(s), str(o)) for s, o in fields.get("tags", ()))
        return Why(**fields)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Shown:
    """What readers see of the topic stage's decisions: why each published paper is there, and
    what each day considered (generator/topic/considered.py). Kept in the cache for generate."""

    whys: Mapping[str, Why]
    """By id: every paper the topic keeps."""
    days: Mapping  # dt.date -> Considered
    """By day: its counts and near-misses."""
