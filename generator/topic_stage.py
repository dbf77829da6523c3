"""The topic stage: decide the topic again over every candidate, and bring the records in line.
No network.

Runs first in every build (generator/build.py) and at the end of every import or fetch. It
reads the candidates (generator/storage/candidates.py), the labels (`content/topic/labels.yml`)
and the records through the corpus reader (generator/storage/corpus.py), learns the topic model
and the tag models from the labels, decides every paper (generator/topic/decide.py), and then:

- a kept paper without a record gets one, made from its candidate, with the tags decided for it;
- a record whose paper is no longer kept becomes a short removal page at the same URL (cool
  URIs don't change): its feed entries, search entry and links from other pages go with it;
- a kept paper that has a record keeps it as it is: a fetch refreshes it, a person may have
  edited it;
- a candidate from arXiv's listing far below the threshold is made compact (the rule and what it
  means for re-deciding the history: generator/storage/candidates.py).

When nothing it reads has changed since its last run, it does nothing (a fingerprint in the
cache): the daily build with nothing new pays nothing for the model.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from .config import Settings
from .models import Compact, Paper
from .render.removed import removal_page
from .storage.cache import Cache, TopicState, code_fingerprint, file_fingerprint, folder_stats
from .storage.candidates import Candidates
from .storage.corpus import Corpus
from .storage.store import Store
from .topic.considered import considered_days
from .topic.decide import Decision, decide, examples
from .topic.explain import Shown, Why, explain, modelled_tags, tag_origins
from .topic.labels import Label
from .topic.relevance import NotEnoughLabels, RelevanceModel, text_of
from .topic.tagging import Tagger

log = logging.getLogger("paperboy")


@dataclass(frozen=True)
class Decided:
    """Every paper's decision, and what it was made from (for the curator: generator/curator/)."""

    papers: dict[str, Paper]
    """Every candidate, and every record that has no candidate, by id."""
    decisions: dict[str, Decision]
    labels: dict[str, Label]
    model: RelevanceModel | None
    model_note: str
    """How the model was made, or why there is none, in words."""
    published: frozenset[str]
    """Ids that have a record now."""
    removed: frozenset[str]
    """Ids whose record is a removal page now."""
    problems: tuple[str, ...]
    compact: Mapping[str, Compact] = field(default_factory=dict)
    """Compact candidates by id: not decided again (no text), shown as they were judged."""


@dataclass(frozen=True)
class TopicReport:
    """What the topic stage did."""

    candidates: int
    kept: int
    added: tuple[str, ...]
    """Papers that got a record."""
    removed: tuple[str, ...]
    """Papers whose record became a removal page."""
    model: str
    problems: tuple[str, ...]
    unchanged: bool = False
    """Nothing it reads had changed since its last run: nothing was decided or written."""


def _train(settings: Settings, papers: list[Paper], labels: dict[str, Label]) -> tuple[RelevanceModel | None, str]:
    found = examples(papers, labels, settings.topic)
    try:
        model = RelevanceModel.train(found)
    except NotEnoughLabels as exc:
        return None, f"no model yet: {exc}"
    labelled = [example for example in found if example.key in labels]
    on = sum(example.on for example in labelled)
    return model, f"trained on {len(labelled)} labelled papers ({on} on topic) and the topic's description"


def decide_all(settings: Settings, corpus: Corpus, *, score_all: bool = False) -> Decided:
    """Decide every paper of the corpus (writes nothing).

    Labelled papers are decided by their label; the model scores them too only with `score_all`.
    """
    candidates, loaded = corpus.candidates(), corpus.records()
    papers = {paper.arxiv_id: paper for paper in candidates.papers}
    for record in loaded.papers:
        papers.setdefault(record.arxiv_id, record)
    labels = corpus.labels()
    ordered = [papers[key] for key in sorted(papers)]
    model, note = (None, "the topic filter is off") if not settings.topic.enabled else _train(settings, ordered, labels)
    scored = [p for p in ordered if score_all or p.arxiv_id not in labels] if model else []
    scores = dict(zip((p.arxiv_id for p in scored), model.scores([text_of(p) for p in scored]))) if model else {}
    published = frozenset(p.arxiv_id for p in loaded.papers)
    decisions = {
        key: decide(papers[key], labels, settings.topic, scores.get(key), published=key in published)
        for key in sorted(papers)
    }
    return Decided(papers, decisions, labels, model, note, published, frozenset(loaded.removed),
                   candidates.problems + loaded.problems, candidates.compact)


def topic_fingerprint(settings: Settings) -> str:
    """What the topic stage reads now (candidates, records, labels, config, code), as a digest."""
    listing = sorted((folder.name, *stats) for folder in (settings.candidates_dir, settings.papers_dir)
                     for stats in folder_stats(folder))
    parts = [listing, file_fingerprint(settings.labels_file), file_fingerprint(settings.config_file), code_fingerprint()]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def apply_topic(settings: Settings, corpus: Corpus) -> TopicReport:
    """Decide every paper of `corpus` and add or remove records to match (see the module
    docstring); the corpus is not read at all when nothing it holds changed since the last run."""
    cache = Cache.beside(settings.config_file)
    before = topic_fingerprint(settings)
    remembered = cache.load_topic()
    if remembered is not None and remembered.fingerprint == before and cache.load_shown(before) is not None:
        return TopicReport(remembered.candidates, remembered.kept, (), (), remembered.model, (), unchanged=True)
    decided = decide_all(settings, corpus)
    store = Store(settings.papers_dir)
    kept = [key for key, decision in decided.decisions.items() if decision.kept]
    to_add = [decided.papers[key] for key in kept if key not in decided.published]
    to_remove = [
        decided.papers[key] for key, decision in decided.decisions.items()
        if not decision.kept and key in decided.published
    ]
    problems = list(decided.problems)
    tags = {paper.arxiv_id: paper.tags for paper in corpus.records().papers}
    if to_add:
        tagger = Tagger.train(settings.tags, list(decided.papers.values()), decided.labels)
        tags.update(tagger.tags(to_add, decided.labels))
        counts = store.upsert([paper.replace(tags=tags[paper.arxiv_id]) for paper in to_add], replace_removed=True)
        problems.extend(counts.problems)
    for paper in to_remove:
        store.write_removal(paper, removal_page(paper, settings))
    compact = to_compact(decided, settings)
    if compact:
        counts = Candidates(settings.candidates_dir).compact(compact)
        problems.extend(counts.problems)
        log.info("%d candidates far below the threshold made compact", counts.updated)
    for paper in to_add:
        log.info("added %s: %s", paper.arxiv_id, decided.decisions[paper.arxiv_id].reason)
    for paper in to_remove:
        log.info("removed %s: %s", paper.arxiv_id, decided.decisions[paper.arxiv_id].reason)
    report = TopicReport(
        len(decided.papers), len(kept), tuple(p.arxiv_id for p in to_add), tuple(p.arxiv_id for p in to_remove),
        decided.model_note, tuple(problems),
    )
    if not problems:
        after = topic_fingerprint(settings)
        cache.save_shown(after, shown(decided, settings, tags))
        cache.save_topic(TopicState(after, report.candidates, report.kept, report.model))
    return report


def last_shown(settings: Settings, fingerprint: str) -> Shown | None:
    """What the topic stage's last run showed for the inputs `fingerprint` (`topic_fingerprint`);
    None when that run did not finish or the cache is gone: the pages then say no why."""
    return Cache.beside(settings.config_file).load_shown(fingerprint)


def shown(decided: Decided, settings: Settings, tags: Mapping[str, tuple[str, ...]]) -> Shown:
    """What readers see of the decisions: why each kept paper is kept (with the tags its record
    has, `tags` by id), and what each day considered."""
    kept = [key for key, decision in decided.decisions.items() if decision.kept]
    whys = dict(zip(kept, whys_of(decided, settings, kept, tags)))
    days = considered_days(decided.papers, decided.decisions, decided.compact, decided.labels, settings.topic,
                           settings.arxiv.categories)
    return Shown(whys, days)


def whys_of(decided: Decided, settings: Settings, keys: list[str], tags: Mapping[str, tuple[str, ...]]) -> list[Why]:
    """Why each paper of `keys` is decided as it is, in a reader's words (the paper page and
    `paperboy check --topic` both ask here); `tags`: the tags of their records, by id."""
    scored = [key for key in keys if decided.model is not None and decided.decisions[key].score is not None
              and key not in decided.labels]
    contributions = dict(zip(scored, decided.model.contributions([text_of(decided.papers[k]) for k in scored]))) \
        if decided.model is not None else {}
    modelled = modelled_tags(decided.labels)
    out = []
    for key in keys:
        paper = decided.papers[key].replace(tags=tags.get(key, ()))
        label = decided.labels.get(key)
        out.append(explain(paper, decided.decisions[key], label, settings.topic, contributions.get(key, ()),
                           tag_origins(paper, settings.tags, label, modelled)))
    return out


def model_id(decided: Decided, settings: Settings) -> str:
    """A short fingerprint of what the model learned from (the labels and the topic's words),
    stored with a compact candidate's score so that a reader knows which model gave it."""
    labels = sorted((key, label.verdict) for key, label in decided.labels.items())
    what = [labels, settings.topic.name, settings.topic.description, settings.topic.borderline]
    return hashlib.sha256(json.dumps(what).encode()).hexdigest()[:8]


def to_compact(decided: Decided, settings: Settings) -> list[Compact]:
    """The whole candidates to keep compact: first seen on arXiv (they have a version), never
    featured on Hugging Face, unlabelled, without a record or removal page, and scored below
    `extra.paperboy.arxiv.compact_below`. Labelled candidates keep their text: the model learns from it."""
    below = settings.arxiv.compact_below
    if decided.model is None or below <= 0:
        return []
    model = model_id(decided, settings)
    out = []
    for key, paper in decided.papers.items():
        score = decided.decisions[key].score
        if (score is not None and score < below and paper.featured is None and paper.version is not None
                and key not in decided.labels and key not in decided.published and key not in decided.removed
                and not decided.decisions[key].kept):
            # Two places are enough to say how far below it was, and pack better than four.
            out.append(Compact(key, paper.categories, paper.published, round(score, 2), model))
    return out
