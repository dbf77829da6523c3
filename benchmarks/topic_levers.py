"""The topic model's levers, each one trainer, measured by benchmarks/topic.py.

A trainer takes the labelled examples (`Example`, `on` true or false) and gives back a scorer:
texts in, probabilities of being on topic out. `adopted` is the model the site runs
(generator/topic/relevance.py); every other trainer is a variant of it that was tried and measured
against it, kept here so `make bench-topic` can show what each lever gave. None of this is
imported by the generator.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy

from generator.topic.relevance import (STRENGTH, Example, RelevanceModel, Text, _STOP_WORDS, _WORD, document, signals,
                                   words)

Scorer = Callable[[Sequence[Text]], list[float]]
Trainer = Callable[[Sequence[Example]], Scorer]

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_CONTRIBUTION = re.compile(
    r"\b(we|this (paper|work|study|report)|here)\b[^.]{0,60}?\b(propose|introduce|present|develop|design|release|"
    r"train|build|study|investigate|explore|show)\w*",
    re.IGNORECASE,
)


def adopted(examples: Sequence[Example]) -> Scorer:
    """The site's model: words and signals, logistic regression (generator/topic/relevance.py)."""
    return RelevanceModel.train(examples).scores


def _linear(document: Callable[[Text], str], classifier: str = "lr", char: bool = False) -> Trainer:
    """A TF-IDF model like the site's, with another document, classifier or char n-grams."""

    def train(examples: Sequence[Example]) -> Scorer:
        from scipy import sparse
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.svm import LinearSVC

        ordered = sorted(examples, key=lambda example: example.key)
        texts, labels = [e.text for e in ordered], [e.on for e in ordered]
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, stop_words="english")
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3, sublinear_tf=True,
                                max_features=100_000)

        def matrix(batch: Sequence[Text], fit: bool = False):
            docs = [document(t) for t in batch]
            found = vectorizer.fit_transform(docs) if fit else vectorizer.transform(docs)
            if char:
                plain = [f"{t.title} {t.abstract}" for t in batch]
                found = sparse.hstack([found, chars.fit_transform(plain) if fit else chars.transform(plain)]).tocsr()
            return found

        fitted = matrix(texts, fit=True)
        if classifier == "svm":
            model = LinearSVC(C=1.0, class_weight="balanced").fit(fitted, labels)
            return lambda batch: [float(1 / (1 + numpy.exp(-2 * d))) for d in model.decision_function(matrix(batch))]
        logistic = LogisticRegression(C=STRENGTH, class_weight="balanced", max_iter=5000)
        if classifier == "calibrated":
            model = CalibratedClassifierCV(logistic, cv=3).fit(fitted, labels)
        else:
            model = logistic.fit(fitted, labels)
        return lambda batch: [float(p) for p in model.predict_proba(matrix(batch))[:, 1]]

    return train


def contribution(abstract: str) -> str:
    """The abstract's first sentence that says what the paper does ("we propose ...")."""
    for sentence in _SENTENCE.split(abstract):
        if _CONTRIBUTION.search(sentence):
            return sentence
    return ""


def _marked(prefix: str, text: str) -> str:
    return " ".join(prefix + w for w in _WORD.findall(text.lower()) if w not in _STOP_WORDS)


def with_title_and_contribution(text: Text) -> str:
    """The site's document plus the title's and the contribution sentence's words, marked apart."""
    return " ".join((words(text), " ".join(signals(text)), _marked("ttl", text.title),
                     _marked("ctb", contribution(text.abstract))))


def _dense(text: Text) -> list[float]:
    found = signals(text)
    return [float(found.count(word)) for word in (
        "sigsizenone", "sigsizele10", "sigsizesub1", "sigsizeallbig", "sigsizehuge", "sigtitlelang", "sigtitleother",
        "sigabstractlang", "sigabstractother", "sigabstractmixed", "sigspoken", "sigsmalltitle")]


def stacked(examples: Sequence[Example]) -> Scorer:
    """Gradient boosting on the dense signals plus the words-only model's out-of-fold score."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    ordered = sorted(examples, key=lambda example: example.key)
    words_only = _linear(words)
    out_of_fold = numpy.zeros(len(ordered))
    for fold in range(4):
        test = [n for n in range(len(ordered)) if n % 4 == fold]
        scorer = words_only([e for n, e in enumerate(ordered) if n % 4 != fold])
        out_of_fold[test] = scorer([ordered[n].text for n in test])
    features = numpy.array([[s, *_dense(e.text)] for s, e in zip(out_of_fold, ordered)])
    boosted = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15,
                                             class_weight="balanced", random_state=0)
    boosted.fit(features, [e.on for e in ordered])
    full = words_only(ordered)

    def score(batch: Sequence[Text]) -> list[float]:
        rows = numpy.array([[s, *_dense(t)] for s, t in zip(full(batch), batch)])
        return [float(p) for p in boosted.predict_proba(rows)[:, 1]]

    return score


def without_seed_listing(examples: Sequence[Example]) -> Scorer:
    """The site's model, not learning from the seed listing's labels: `paperboy import` labels a
    listing's papers on (why "seed listing") without judging them against the rubric."""
    from generator.storage.labels import read_labels

    labels = read_labels(Path(__file__).resolve().parents[1] / "content" / "topic" / "labels.yml")
    return adopted([e for e in examples if e.key not in labels or labels[e.key].why != "seed listing"])


LEVERS: dict[str, tuple[Trainer, bool, bool, bool]] = {
    # name: (trainer, borderline learned as on, adopted, only with --all (slow))
    "before: borderline learned as on, words only": (_linear(words), True, False, False),
    "(a) borderline left out of training, words only": (_linear(words), False, False, False),
    "(a)+(b) signals: scale, modality, spoken LM, small words in the title": (adopted, False, True, False),
    "(a)+(b)+ title and contribution sentence as their own words": (_linear(with_title_and_contribution), False,
                                                                      False, False),
    "(a)+(b), linear SVM instead of logistic regression": (_linear(document, "svm"), False, False, False),
    "(a)+(b), seed-listing labels left out of training": (without_seed_listing, False, False, False),
    "(a)+(b), calibrated logistic regression (3-fold sigmoid)": (_linear(document, "calibrated"), False, False, True),
    "(a)+(b)+ char 3-5-grams of title and abstract": (_linear(document, char=True), False, False, True),
    "(a)+ gradient boosting on the signals stacked on the words' score": (stacked, False, False, True),
}
"""Every lever measured, in the order TOPIC.md lists them."""
