"""How well the topic model decides, and what it costs: writes benchmarks/TOPIC.md.

Run with `make bench-topic` (about 3 minutes). Everything comes from the repository: the
candidates of the whole archive (content/candidates/), the labels (content/topic/labels.yml),
the default config (mkdocs.yml).

- Cross-validated (5 folds, stratified): the model alone, on labelled papers it never saw.
- Held out through the real pipeline: a fifth of the labels is set aside (never trained on, not
  in labels.yml); the whole archive is imported with the rest; the kept set is scored against the
  fifth. Both count `on` against `off`; `borderline` papers are left out of the score (a curator
  could go either way), and are learned from as on topic (the default `borderline: on`).
- Tags: each tag's precision and recall on the labelled tags of the on-topic papers, with the
  tag models trained on the other folds (4 folds) and the tag patterns of mkdocs.yml.
- Cost: training on every label and scoring every candidate, and scoring one day.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from generator.config import load_settings
from generator.storage.candidates import Candidates
from generator.topic.decide import examples
from generator.storage.labels import read_labels, write_labels
from generator.topic.model import RelevanceModel, text_of
from generator.topic.tagging import Tagger

REPO = Path(__file__).resolve().parents[1]
ARCHIVE = REPO / "tests" / "fixtures" / "hf-archive" / "hf-daily-papers-2024-05-27_2026-08-21.tar.xz"


def folds(keys: list[str], positive: dict[str, bool], k: int, seed: int = 0) -> list[set[str]]:
    """k stratified folds of `keys` (deterministic)."""
    rng = random.Random(seed)
    out: list[set[str]] = [set() for _ in range(k)]
    for flag in (True, False):
        group = sorted(key for key in keys if positive[key] == flag)
        rng.shuffle(group)
        for n, key in enumerate(group):
            out[n % k].add(key)
    return out


def counts(kept: set[str], truth: dict[str, str]) -> dict[str, int]:
    """Confusion counts of `on` against `off` (borderline left out)."""
    c = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for key, verdict in truth.items():
        if verdict == "borderline":
            continue
        on, k = verdict == "on", key in kept
        c["tp" if on and k else "fp" if k else "fn" if on else "tn"] += 1
    return c


def pr(c: dict[str, int]) -> tuple[float, float]:
    return c["tp"] / max(c["tp"] + c["fp"], 1), c["tp"] / max(c["tp"] + c["fn"], 1)


def table(c: dict[str, int]) -> str:
    p, r = pr(c)
    return (f"| | labelled on | labelled off |\n| --- | ---: | ---: |\n| published | {c['tp']} | {c['fp']} |\n"
            f"| not published | {c['fn']} | {c['tn']} |\n\nprecision **{p:.2f}**, recall **{r:.2f}**")


def main() -> None:
    settings = load_settings(REPO / "mkdocs.yml")
    topic = settings.topic
    candidates = {p.arxiv_id: p for p in Candidates(settings.candidates_dir).load_all().papers}
    labels = read_labels(settings.labels_file)
    labelled = sorted(key for key in labels if key in candidates)
    verdict = {key: labels[key].verdict for key in labelled}
    positive = {key: verdict[key] == "on" or (verdict[key] == "borderline" and topic.borderline) for key in labelled}
    lines = [f"# The topic model\n\nMeasured {dt.date.today()} with `make bench-topic` on this machine (2 cores). "
             f"{len(candidates)} candidates (the whole archive), {len(labelled)} of them labelled: "
             f"{sum(v == 'on' for v in verdict.values())} on, {sum(v == 'borderline' for v in verdict.values())} "
             f"borderline, {sum(v == 'off' for v in verdict.values())} off. Threshold {topic.threshold}.\n"]

    # Cross-validated: the model alone.
    total = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    per_fold = []
    for test in folds(labelled, positive, 5):
        train = [key for key in labelled if key not in test]
        model = RelevanceModel.train(examples([candidates[k] for k in train], {k: labels[k] for k in train}, topic))
        scores = model.scores([text_of(candidates[k]) for k in sorted(test)])
        kept = {k for k, s in zip(sorted(test), scores) if s >= topic.threshold}
        c = counts(kept, {k: verdict[k] for k in test})
        per_fold.append(pr(c))
        total = {name: total[name] + c[name] for name in total}
    lines.append("## Cross-validated (5 folds): the model alone, on papers it never trained on\n")
    lines.append(table(total) + "\n")
    lines.append("per fold (precision / recall): " + ", ".join(f"{p:.2f} / {r:.2f}" for p, r in per_fold) + "\n")

    # Held out through the real pipeline.
    held = folds(labelled, positive, 5, seed=1)[0]
    with tempfile.TemporaryDirectory(prefix="paperboy-topic-") as tmp:
        work = Path(tmp)
        with tarfile.open(ARCHIVE) as tar:
            tar.extractall(work / "days", filter="data")
        site = work / "site"
        (site / "content" / "papers").mkdir(parents=True)
        shutil.copy(REPO / "mkdocs.yml", site / "mkdocs.yml")
        shutil.copytree(REPO / "theme_overrides", site / "theme_overrides", ignore=shutil.ignore_patterns("generated"))
        write_labels(site / "content" / "topic" / "labels.yml", {k: v for k, v in labels.items() if k not in held})
        days = sorted(str(p) for p in (work / "days" / "Paper_metadata_download").glob("*.json"))
        start = time.monotonic()
        subprocess.run([sys.executable, "-m", "generator", "-q", "import", *days], cwd=site, check=False,
                       stderr=subprocess.DEVNULL)
        seconds = time.monotonic() - start
        kept = {p.stem for p in (site / "content" / "papers").glob("*.md")}
    c = counts(kept, {k: verdict[k] for k in held})
    lines.append(f"## Held out: the whole archive imported with the default config, a fifth of the labels set aside\n")
    lines.append(f"{len(held)} labelled papers set aside ({sum(verdict[k] == 'on' for k in held)} on, "
                 f"{sum(verdict[k] == 'off' for k in held)} off); import of the 580 days took {seconds:.0f} s "
                 f"and kept {len(kept)} papers.\n")
    lines.append(table(c) + "\n")

    # Tags.
    tagged = sorted(k for k in labelled if labels[k].tags is not None)
    lines.append(f"## Tags: {len(tagged)} on-topic papers with a person's tags, 4 folds\n")
    lines.append("| tag | labelled with it | given | precision | recall |\n| --- | ---: | ---: | ---: | ---: |")
    given: dict[str, set[str]] = {rule.slug: set() for rule in settings.tags}
    for test in folds(tagged, {k: True for k in tagged}, 4):
        train = {k: labels[k] for k in tagged if k not in test}
        tagger = Tagger.train(settings.tags, [candidates[k] for k in train], train)
        for key, slugs in tagger.tags([candidates[k] for k in sorted(test)], {}).items():
            for slug in slugs:
                given[slug].add(key)
    for rule in settings.tags:
        truth = {k for k in tagged if rule.slug in labels[k].tags}
        hit = len(given[rule.slug] & truth)
        precision = f"{hit / len(given[rule.slug]):.2f}" if given[rule.slug] else "-"
        recall = f"{hit / len(truth):.2f}" if truth else "-"
        lines.append(f"| {rule.slug} | {len(truth)} | {len(given[rule.slug])} | {precision} | {recall} |")
    lines.append("")

    # Cost.
    everything = list(candidates.values())
    start = time.monotonic()
    model = RelevanceModel.train(examples(everything, labels, topic))
    train_s = time.monotonic() - start
    start = time.monotonic()
    model.scores([text_of(p) for p in everything])
    score_s = time.monotonic() - start
    day = [p for p in everything if p.day == max(q.day for q in everything if q.day)]
    start = time.monotonic()
    model.scores([text_of(p) for p in day])
    day_s = time.monotonic() - start
    lines.append("## Cost\n")
    lines.append(f"- train on {len(labelled)} labelled papers: **{train_s:.1f} s**\n"
                 f"- score all {len(everything)} candidates: **{score_s:.1f} s**\n"
                 f"- score one day ({len(day)} papers): **{day_s * 1000:.0f} ms**\n"
                 f"- the topic stage re-runs only when the candidates, labels, records, config or code changed "
                 f"(a fingerprint in `.paperboy-cache/topic.json`); labelled papers are not scored, so a "
                 f"cold topic stage costs training plus scoring the unlabelled candidates.\n")
    (REPO / "benchmarks" / "TOPIC.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
