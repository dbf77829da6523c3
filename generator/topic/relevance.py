"""The relevance model: learned from labelled papers, it scores how well a paper fits the topic.

A logistic regression over TF-IDF weights of words and word pairs (scikit-learn), read from a
paper's title (counted twice), abstract, Hugging Face keywords and AI summary. Two things are
made visible to the linear model that plain words hide:

- parameter counts ("1.5B parameters", "270M model") also become a size word (`sizetiny` under
  1B, `sizesmall` up to 4B, `sizemid` up to 10B, `sizelarge` above), so "a 1.5B model" and
  "a 0.5B model" count as the same evidence;
- each title word is also seen with the paper's context (`lmctx`, `visctx`, `noctx`: does the
  opening talk about language models or about images, video, speech, robots?), so
  "quantization" can weigh for a language-model paper and against a diffusion paper;
- a few signals of what the paper is about, as one word each (`signals`): the scale it states
  (any parameter count, the smallest at most 10B or under 1B, all above 10B, any above 30B, or
  none), the modality of its title and of its abstract (language, other, mixed, none), whether
  it means a spoken language model, and how often its title says small, compact, on-device,
  quantized, pruned and the like. Measured by cross-validation before adopting them
  (benchmarks/TOPIC.md): average precision 0.816 -> 0.830 on the archive and 0.883 -> 0.913 on
  two arXiv listing days; each lever tried that did not pay is listed there.

Papers labelled borderline are left out of training (generator/topic/decide.py): a paper a
curator could judge either way teaches the model nothing about where the line is.

Deterministic: examples are sorted by key before training, and lbfgs has no randomness.
"""

from __future__ import annotations

import math

import numpy
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Paper

_SIZE = re.compile(
    r"\b(\d+(?:\.\d+)?)\s?([MB])\b(?=[- ]?(?:param|model|LLM|LM|scale|size|\b))", re.IGNORECASE
)


class _Words:
    """Counts the words of a pattern in a text, case-insensitively.

    On ASCII text (nearly every title and abstract) the text is lowercased and matched against
    the lowercased pattern, which finds exactly what `re.IGNORECASE` finds at about twice the
    speed; other text goes through `re.IGNORECASE` itself, whose Unicode case folding lowercasing
    would not reproduce (the dotted I, the Kelvin sign)."""

    def __init__(self, pattern: str) -> None:
        assert not re.search(r"\\[A-Z]", pattern), "an escape such as \\B would change meaning when lowercased"
        self._exact = re.compile(pattern, re.IGNORECASE)
        self._lower = re.compile(pattern.lower())

    def count(self, text: str) -> int:
        if text.isascii():
            return len(self._lower.findall(text.lower()))
        return len(self._exact.findall(text))


_LANGUAGE = _Words(r"\b(language models?|LLMs?|SLMs?|LMs?|chat ?bots?|text generation|tokens?)\b")
_OTHER = _Words(
    r"\b(image|video|visual|vision|diffusion|3D|speech|audio|robot\w*|pixel|scene|camera|"
    r"point cloud|VLA|embodied)\b"
)
# Wider than _LANGUAGE/_OTHER (which only mark the opening's context): the modality signal reads
# the whole title or abstract, where "text", "reasoning" or "segmentation" also tell which it is.
_LANGUAGE_WIDE = _Words(
    r"\b(language models?|LLMs?|SLMs?|LMs?|chat ?bots?|text|tokens?|NLP|reasoning|instruction|transformer)\b"
)
_OTHER_WIDE = _Words(
    r"\b(images?|videos?|visual|vision|diffusion|3D|speech|audio|robot\w*|pixel|scene|camera|point clouds?|VLA|"
    r"embodied|driving|segmentation|detection|music|molecul\w*|protein)\b"
)
_SPOKEN = _Words(r"\bspoken language models?\b")
_SMALL_WORDS = _Words(
    r"\b(small(er)?|tiny|compact|lightweight|sub-billion|edge|on-device|mobile|smartphones?|efficient|"
    r"compress\w*|distill\w*|quantiz\w*|prun\w*|sparsity|low-bit|\d-bit)\b"
)
STRENGTH = 64.0
"""The logistic regression's C (inverse regularisation), chosen by cross-validation on the
default site's labels (benchmarks/RESULTS.md)."""

_WORD = re.compile(r"[a-z][a-z0-9-]+")
_STOP_WORDS = frozenset(("a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "for", "from", "how", "in",
                         "into", "is", "it", "its", "not", "of", "on", "or", "than", "that", "the", "their",
                         "to", "via", "we", "what", "when", "where", "which", "with", "without", "you", "your"))


@dataclass(frozen=True)
class Text:
    """What the model reads of a paper."""

    title: str
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    summary: str = ""
    """Hugging Face's AI summary, when there is one."""


@dataclass(frozen=True)
class Example:
    """One labelled paper to learn from."""

    key: str
    """A stable name (the arXiv id): examples are sorted by it, so order never matters."""
    text: Text
    on: bool


def _size_word(match: re.Match[str]) -> str:
    billions = float(match.group(1)) / (1000 if match.group(2).upper() == "M" else 1)
    if billions < 1:
        size = "sizetiny"
    elif billions <= 4:
        size = "sizesmall"
    elif billions <= 10:
        size = "sizemid"
    else:
        size = "sizelarge"
    return f"{match.group(0)} {size}"


def _billions(text: str) -> list[float]:
    return [float(m.group(1)) / (1000 if m.group(2).upper() == "M" else 1) for m in _SIZE.finditer(text)]


def _modality(text: str) -> str:
    language, other = _LANGUAGE_WIDE.count(text), _OTHER_WIDE.count(text)
    if language > 2 * other:
        return "lang"
    if other > language:
        return "other"
    return "mixed" if language else "none"


def signals(text: Text) -> list[str]:
    """What the paper is about, as made-up words the vectorizer counts: its stated scale, the
    modality of its title and abstract, a spoken language model, small-model words in its title."""
    sizes = _billions(f"{text.title} {text.abstract}")
    found = []
    if not sizes:
        found.append("sigsizenone")
    else:
        found.append("sigsizeany")
        if min(sizes) <= 10:
            found.append("sigsizele10")
        if min(sizes) < 1:
            found.append("sigsizesub1")
        if min(sizes) > 10:
            found.append("sigsizeallbig")
        if max(sizes) > 30:
            found.append("sigsizehuge")
    found.append(f"sigtitle{_modality(text.title)}")
    found.append(f"sigabstract{_modality(text.abstract)}")
    if _SPOKEN.count(f"{text.title} {text.abstract}"):
        found.append("sigspoken")
    # Capped: a title that says "efficient compact quantized" is not three times as small.
    found.extend(["sigsmalltitle"] * min(_SMALL_WORDS.count(text.title), 2))
    return found


def document(text: Text) -> str:
    """The string the vectorizer reads: the words (`words`) and what the paper is about (`signals`)."""
    return f"{words(text)} {' '.join(signals(text))}"


def words(text: Text) -> str:
    """The fields, size words and context-marked title words."""
    opening = f"{text.title} {text.abstract[:400]}"
    language, other = _LANGUAGE.count(opening), _OTHER.count(opening)
    context = "lmctx" if language > other else "visctx" if other else "noctx"
    title = _SIZE.sub(_size_word, text.title)
    marked = " ".join(f"{context}x{word}" for word in _WORD.findall(title.lower()) if word not in _STOP_WORDS)
    body = " ".join((title, title, text.abstract, " ; ".join(text.keywords), text.summary))
    return f"{_SIZE.sub(_size_word, body)} {marked} {context}"


def text_of(paper: Paper) -> Text:
    """What the model reads of a record or candidate."""
    return Text(paper.title, paper.abstract, paper.keywords, paper.ai_summary)


class NotEnoughLabels(ValueError):
    """The examples cannot train a model: both an on-topic and an off-topic paper are needed."""


class RelevanceModel:
    """A trained model: `scores` gives each text a probability of being on topic."""

    def __init__(self, vectorizer, classifier) -> None:
        self._vectorizer = vectorizer
        self._classifier = classifier
        self._terms = vectorizer.get_feature_names_out()

    @classmethod
    def train(cls, examples: Sequence[Example], *, strength: float = STRENGTH) -> RelevanceModel:
        """Learn from labelled examples; `strength` is the inverse regularisation (C)."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        ordered = sorted(examples, key=lambda example: example.key)
        labels = [example.on for example in ordered]
        if all(labels) or not any(labels):
            raise NotEnoughLabels(
                f"{len(ordered)} labelled papers, {sum(labels)} on topic: "
                "the model needs at least one paper on topic and one off topic"
            )
        # Few examples: keep every term; many: drop terms seen once (noise, names).
        vectorizer = TfidfVectorizer(
            ngram_range=(1, 2),
            min_df=2 if len(ordered) >= 200 else 1,
            sublinear_tf=True,
            stop_words="english",
            dtype=numpy.float64,
        )
        matrix = vectorizer.fit_transform([document(example.text) for example in ordered])
        classifier = LogisticRegression(C=strength, class_weight="balanced", max_iter=5000)
        classifier.fit(matrix, labels)
        return cls(vectorizer, classifier)

    def scores(self, texts: Sequence[Text]) -> list[float]:
        """Probability of being on topic, for each text, rounded to 4 places (stable output)."""
        if not texts:
            return []
        matrix = self._vectorizer.transform([document(text) for text in texts])
        return [round(float(p), 4) for p in self._classifier.predict_proba(matrix)[:, 1]]

    def contributions(self, texts: Sequence[Text]) -> list[list[tuple[str, float]]]:
        """For each text, every term it has with its share of the score's log-odds: the model's
        coefficient times the text's TF-IDF value (positive: for the topic)."""
        if not texts:
            return []
        matrix = self._vectorizer.transform([document(text) for text in texts]).tocsr()
        weights = self._classifier.coef_[0]
        out = []
        for row in range(matrix.shape[0]):
            start, end = matrix.indptr[row], matrix.indptr[row + 1]
            out.append([(str(self._terms[column]), float(value * weights[column]))
                        for column, value in zip(matrix.indices[start:end], matrix.data[start:end])])
        return out

    def explain(self, text: Text, count: int = 6) -> list[tuple[str, float]]:
        """The terms that weighed most in this text's score, strongest first, with their weight."""
        row = self._vectorizer.transform([document(text)])
        weights = self._classifier.coef_[0]
        contributions = [
            (str(self._terms[column]), float(value * weights[column]))
            for column, value in zip(row.indices, row.data)
        ]
        contributions.sort(key=lambda item: (-abs(item[1]), item[0]))
        return [(term, round(weight, 3)) for term, weight in contributions[:count] if not math.isclose(weight, 0)]
