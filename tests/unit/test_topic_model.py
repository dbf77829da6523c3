"""The relevance model (generator/topic/relevance.py), trained on real labelled papers."""

from __future__ import annotations

import json
import random
import re

import pytest
from hypothesis import example, given, strategies as st

from generator.topic.relevance import Example, NotEnoughLabels, RelevanceModel, Text, document

from tests.support.site import FIXTURES, REPO


def _real_examples() -> list[Example]:
    """The papers of the recorded days that the bundled labels judge, as examples."""
    from generator.storage.labels import read_labels

    labels = read_labels(REPO / "content" / "topic" / "labels.yml")
    found = {}
    for path in sorted(FIXTURES.glob("hf-daily-papers-*.json")):
        for item in json.loads(path.read_text()):
            paper = item["paper"]
            if paper["id"] in labels:
                text = Text(paper["title"], paper.get("summary", ""), tuple(paper.get("ai_keywords") or ()))
                found[paper["id"]] = Example(paper["id"], text, labels[paper["id"]].verdict != "off")
    return list(found.values())


def test_a_tiny_topic_of_twenty_labels_trains_and_scores():
    examples = _real_examples()
    on = [e for e in examples if e.on][:5]
    tiny = on + [e for e in examples if not e.on][: 20 - len(on)]
    assert len(tiny) == 20 and 0 < sum(e.on for e in tiny) < 20
    model = RelevanceModel.train(tiny)
    scores = model.scores([e.text for e in tiny])
    assert all(0 <= s <= 1 for s in scores)
    assert min(s for s, e in zip(scores, tiny) if e.on) > max(s for s, e in zip(scores, tiny) if not e.on)


def test_the_same_examples_in_any_order_give_the_same_scores():
    examples = _real_examples()
    shuffled = examples[:]
    random.Random(4).shuffle(shuffled)
    texts = [e.text for e in examples]
    assert RelevanceModel.train(examples).scores(texts) == RelevanceModel.train(shuffled).scores(texts)


def test_one_class_of_labels_cannot_train_a_model():
    on = [e for e in _real_examples() if e.on]
    with pytest.raises(NotEnoughLabels, match="at least one paper on topic and one off"):
        RelevanceModel.train(on)


def test_explain_names_the_terms_that_weighed_most():
    examples = _real_examples()
    model = RelevanceModel.train(examples)
    small = Text("A 0.5B small language model for phones", "We train a compact language model on device.")
    terms = dict(model.explain(small))
    assert terms and all(isinstance(w, float) for w in terms.values())
    assert model.scores([small])[0] > model.scores([Text("Video diffusion for 3D scenes")])[0]


def test_sizes_and_contexts_become_words_the_model_can_weigh():
    doc = document(Text("Quantizing a 1.5B LLM", "We quantize language models of 270M parameters."))
    assert "sizesmall" in doc and "sizetiny" in doc and "lmctxxquantizing" in doc
    assert "visctx" in document(Text("Quantized video diffusion models", "Image and video generation."))


def test_signals_say_what_real_papers_are_about():
    """A small LM report, a video-generation paper and a 72B MoE report get their scale and modality."""
    from generator.storage.candidates import Candidates
    from generator.topic.relevance import signals, text_of

    papers = {p.arxiv_id: p for p in Candidates(REPO / "content" / "candidates").load_all().papers}
    smol = signals(text_of(papers["2502.02737"]))  # SmolLM2: 135M to 1.7B
    video = signals(text_of(papers["2505.11497"]))  # QVGen: quantized video diffusion models
    moe = signals(text_of(papers["2505.21411"]))  # Pangu Pro MoE: 72B
    assert {"sigsizele10", "sigtitlelang", "sigabstractlang"} <= set(smol) and "sigsizeallbig" not in smol
    assert {"sigtitleother", "sigabstractother"} <= set(video) and "sigtitlelang" not in video
    assert {"sigsizeallbig", "sigsizehuge"} <= set(moe) and "sigsizele10" not in moe
    assert f" {' '.join(smol)}" in document(text_of(papers["2502.02737"])), "the vectorizer reads them"


WORDY = st.lists(st.one_of(st.sampled_from(["LLMs", "Language Model", "TINY", "3D", "Robotic", "spoken language models",
                                             "İmage", "\u212aelvin", "ſmall", "on-device", "4-bit", "ß", "Σ"]),
                           st.text(max_size=6)), max_size=12).map(" ".join)


@given(WORDY)
@example("SMALL İMAGE robots")
def test_the_models_word_counts_are_what_a_case_insensitive_search_finds(text):
    """Counting on lowercased ASCII text finds what re.IGNORECASE finds, and on any other text too."""
    from generator.topic import relevance as model

    for words in (model._LANGUAGE, model._OTHER, model._LANGUAGE_WIDE, model._OTHER_WIDE, model._SPOKEN, model._SMALL_WORDS):
        assert words.count(text) == len(re.compile(words._lower.pattern, re.IGNORECASE).findall(text))
