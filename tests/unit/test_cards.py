"""A reader's morning (issue 21), the cards: papers without Hugging Face data, votes and comments
linked to Hugging Face, counts in words, and thumbnails where the config puts them. What the
built pages show: tests/site/test_morning_pages.py and tests/browser/test_morning.py."""

from __future__ import annotations

import re

from generator.config import load_settings
from generator.models import make_paper
from generator.render.kinds.paper import link_preview
from generator.render.templating import Templates
from generator.render.words import blurb, first_sentence, paper_links, plural

from tests.support.site import make_site


ARXIV_ONLY = dict(arxiv_id="2510.99999", title="An arXiv-only paper", authors=["A. Author"],
                  abstract="We study e.g. small models. They are small. More follows.", published="2025-10-20")


def _card(settings, paper) -> str:
    env = Templates(settings).html
    return env.get_template("card.html.j2").render(paper=paper, compact=False, url=lambda target: target)


def test_a_paper_without_hugging_face_data_has_a_whole_card(settings):
    """No upvotes, no HF links, no empty text: the abstract's first sentence, labelled."""
    paper = make_paper(**ARXIV_ONLY)
    html = _card(settings, paper)
    assert "▲" not in html and "huggingface.co" not in html
    assert ">Abstract</span> We study e.g. small models.</p>" in html
    assert 'href="https://arxiv.org/abs/2510.99999"' in html and 'href="https://arxiv.org/pdf/2510.99999"' in html
    assert [link.label for link in paper_links(paper)] == ["arXiv", "PDF"]


def test_a_featured_card_links_votes_and_comments_to_hugging_face_and_shows_one_code_link(settings):
    """Upvotes lead to the HF page, comments to its discussion; a project page equal to the code is shown once."""
    paper = make_paper(**ARXIV_ONLY, featured="2025-10-21", upvotes=7, comments=1,
                       code="https://github.com/a/b", project="https://github.com/a/b/")
    html = _card(settings, paper)
    assert '<a class="pb-votes" href="https://huggingface.co/papers/2510.99999"' in html
    assert 'href="https://huggingface.co/papers/2510.99999#community"' in html and ">1 comment</a>" in html
    assert [link.label for link in paper_links(paper)] == ["arXiv", "PDF", "Hugging Face", "Code"]


def test_words_plural_and_first_sentence():
    """Counts take the right number; a first sentence skips abbreviations and is cut when long."""
    assert (plural(1, "paper"), plural(0, "paper"), plural(2, "comment")) == ("1 paper", "0 papers", "2 comments")
    assert first_sentence("Fig. 1 shows the small model at work. Then more.") == "Fig. 1 shows the small model at work."
    assert first_sentence("x " * 400).endswith(" …") and len(first_sentence("x " * 400)) <= 302
    assert blurb(make_paper(arxiv_id="2510.99999", title="t")) is None


def test_thumbnails_go_to_link_previews_by_default_and_to_cards_when_asked(tmp_path):
    """`thumbnails: previews` puts HF's picture in og:image only; `cards` also on cards, lazy,
    sized and described; `off` nowhere."""
    root = make_site(tmp_path / "site", with_papers=False)
    paper = make_paper(**ARXIV_ONLY, thumbnail="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2510.99999.png")
    settings = load_settings(root / "mkdocs.yml")
    assert settings.thumbnails == "previews"
    assert link_preview(paper, settings)["image"] == paper.thumbnail and "<img" not in _card(settings, paper)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("thumbnails: previews", "thumbnails: cards"), encoding="utf-8")
    html = _card(load_settings(root / "mkdocs.yml"), paper)
    img = re.search(r"<img [^>]*>", html).group(0)
    for attribute in ('loading="lazy"', 'width="1200"', 'height="648"', 'alt="', f'src="{paper.thumbnail}"'):
        assert attribute in img
    (root / "mkdocs.yml").write_text(config.replace("thumbnails: previews", "thumbnails: off"), encoding="utf-8")
    assert link_preview(paper, load_settings(root / "mkdocs.yml"))["image"] == ""
