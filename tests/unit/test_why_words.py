"""Why a paper is on the site, in a reader's words (issue 33): the model's terms said in words,
who and when a label was made, and the repository readers report to. In-process."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from generator.config import load_settings
from generator.topic.explain import readable, terms

from tests.support.site import make_site, set_config


class _Text(HTMLParser):
    """An HTML fragment's text, as a browser reads it."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data):
        self.text.append(data)


def _read(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def test_model_terms_read_as_words_not_feature_names():
    """The model's made-up words are said in words; a phrase a reader sees once."""
    assert readable("sigabstractlang") == "an abstract about language"
    assert readable("lmctxxsmall") == "“small” in the title"
    assert readable("lmctxxsmall lmctxxlanguage") == "“small language” in the title"
    assert readable("small language") == "“small language”"
    assert "sig" not in readable("sigsizeany sigsizele10") and "10B" in readable("sigsizeany sigsizele10")
    for_, against = terms([("small language", 0.8), ("language", 0.2), ("small", 0.1), ("video", -0.4),
                           ("sigsmalltitle", 0.3), ("visctx", -0.05)])
    assert [t.words for t in for_][:2] == ["“small language”", "small-model words in the title (small, compact, on-device, quantized...)"]
    assert for_[0].weight == pytest.approx(1.1) and [t.words for t in against] == ["“video”", "opens about images, video, speech or robots"]


def test_the_report_repository_comes_from_the_config_or_from_actions(tmp_path, monkeypatch):
    """`repo_url` names the repository readers report to; in GitHub Actions its own repository;
    neither: no report links. A repo_url that is not https://host/owner/name is a config error."""
    from generator.errors import ConfigError

    site = make_site(tmp_path / "site", with_papers=False)
    monkeypatch.delenv("GITHUB_SERVER_URL", raising=False)
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    assert load_settings(site / "mkdocs.yml").repo_url == ""
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "fork-owner/papers")
    assert load_settings(site / "mkdocs.yml").repo_url == "https://github.com/fork-owner/papers"
    monkeypatch.setenv("GITHUB_REPOSITORY", "x/y\" onmouseover=\"alert(1)")
    assert load_settings(site / "mkdocs.yml").repo_url == ""
    text = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text("repo_url: https://github.com/me/site.git\n" + text, encoding="utf-8")
    assert load_settings(site / "mkdocs.yml").repo_url == "https://github.com/me/site"
    (site / "mkdocs.yml").write_text("repo_url: http://github.com/a/b\n" + text, encoding="utf-8")
    with pytest.raises(ConfigError, match="repo_url"):
        load_settings(site / "mkdocs.yml")
    (site / "mkdocs.yml").write_text("repo_url: javascript:alert(1)//a/b\n" + text, encoding="utf-8")
    with pytest.raises(ConfigError, match="refused a value"):
        load_settings(site / "mkdocs.yml")
    (site / "mkdocs.yml").write_text(text, encoding="utf-8")
    set_config(site, {("extra", "paperboy", "topic", "near_count"): 11})
    with pytest.raises(ConfigError, match=r"topic\.near_count: expected a whole number from 0 to 10"):
        load_settings(site / "mkdocs.yml")


def test_a_label_from_github_says_who_when_and_links_to_the_comment_only_if_it_is_one(tmp_path):
    """A curator's comment label: who, when, the reason and a link to the comment; a label whose
    address is not a GitHub comment's gets no link (labels.yml is hand-editable)."""
    from markupsafe import Markup

    from generator.models import make_paper
    from generator.render.kinds.paper import why_html
    from generator.render.templating import Templates
    from generator.topic.decide import Decision
    from generator.topic.explain import explain
    from generator.topic.labels import make_label

    site = make_site(tmp_path / "site", with_papers=False)
    settings = load_settings(site / "mkdocs.yml")
    paper = make_paper(arxiv_id="2501.00001", title="A tiny model", abstract="Small.")
    comment = "https://github.com/someone/papers/issues/12#issuecomment-345"
    for link, shown in ((comment, True), ('javascript:alert(1)//"><b>', False)):
        label = make_label("2501.00001", "on", "a 1B model <b>for phones</b>", by="github:some_one",
                           at="2026-12-01T09:02:46Z", comment=link) if shown else None
        if label is None:  # the label writer refuses such an address: a hand edit could still put one there
            from dataclasses import replace
            label = replace(make_label("2501.00001", "on", "a 1B model <b>for phones</b>", by="github:some_one",
                                       at="2026-12-01T09:02:46Z", comment=comment), comment=link)
        why = explain(paper, Decision(paper.arxiv_id, True, None, "labelled on"), label, settings.topic)
        html = why_html(Templates(settings).html.get_template("why.html.j2"), why, paper, settings)
        assert isinstance(html, Markup)
        text = " ".join(_read(html).text)
        assert "Labelled on topic by some_one on GitHub on 2026-12-01: “a 1B model <b>for phones</b>”" in text
        assert "<b>" not in html and ("Where the label was decided" in text) is shown
        assert (f'href="{comment}"' in html) is shown and "javascript" not in html
