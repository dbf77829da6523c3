"""Pages and paper fragments (generator/render/pages.py): one rule for each thing they show."""

from __future__ import annotations

from generator.models import make_paper
from generator.render.pages import render_pages, render_paper_fragments


def test_a_tag_without_a_rule_has_one_title_on_cards_and_on_its_paper_page(settings):
    """A hand-added tag is titled by Settings.tag everywhere (it once was the slug on paper pages)."""
    paper = make_paper(arxiv_id="2401.00001", title="A paper", abstract="small", tags=["machine-learning"],
                       featured="2024-01-02", code="https://example.org/code")
    fragment = render_paper_fragments([paper], settings)["generated/2401.00001.html"]
    tag_page = render_pages([paper], settings)["tags/machine-learning.md"]
    link = '<a class="pb-tag" href="../../tags/machine-learning/"'
    assert f'{link} data-pagefind-filter="tag">Machine learning</a>' in fragment
    assert f"{link}>Machine learning</a>" in tag_page  # a card, on the tag page
    assert '<a href="../../archive/2024/01/02/">2024-01-02</a> on Daily Papers' in fragment
    assert '<a href="https://example.org/code" rel="nofollow noopener">Code</a>' in fragment
