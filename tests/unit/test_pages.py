"""Pages and paper fragments (generator/render/pages.py): one rule for each thing they show."""

from __future__ import annotations

from generator.models import make_paper
from generator.render.gathered import Site
from generator.render.kinds import paper as paper_kind

from tests.support.rendered import render_pages, templates_for


def test_a_tag_without_a_rule_has_one_title_on_cards_and_on_its_paper_page(settings):
    """A hand-added tag is titled by Settings.tag everywhere (it once was the slug on paper pages)."""
    paper = make_paper(arxiv_id="2401.00001", title="A paper", abstract="small", tags=["machine-learning"],
                       featured="2024-01-02", code="https://example.org/code")
    site = Site.gather([paper], settings, templates=templates_for(settings))
    fragment = paper_kind.render(site).theme["generated/2401.00001.html"]
    tag_page = render_pages([paper], settings)["tags/machine-learning.md"]
    link = '<a class="pb-tag" href="../../tags/machine-learning/"'
    assert f'{link} data-pagefind-filter="tag">Machine learning</a>' in fragment
    assert f"{link}>Machine learning</a>" in tag_page  # a card, on the tag page
    assert '<a href="../../archive/2024/01/02/">2024-01-02</a> on Daily Papers' in fragment
    assert '<a href="https://example.org/code" rel="nofollow noopener">Code</a>' in fragment


def test_a_month_lists_its_papers_as_ranked_lines_and_its_days_keep_the_full_cards(settings):
    """A month page holds every paper of the month once, best first, as a compact ranked line
    (no summary, no tags); the day pages keep the full cards. A month of full cards weighed up to
    a megabyte on the real archive."""
    import datetime as dt
    import re

    from generator.render.periods import Period

    day = dt.date(2025, 10, 6)
    papers = [make_paper(arxiv_id=f"2510.{i:05d}", title=f"Paper {i}", abstract=f"We study thing {i}. More.",
                         featured=day + dt.timedelta(days=i % 3), upvotes=i, tags=["distillation"]) for i in range(1, 7)]
    pages = render_pages(papers, settings)
    month = pages[Period.of("month", day).path]
    ranked = re.findall(r'<span class="pb-card__rank">(\d+)</span><p class="pb-card__title"><a href="[./]*papers/([^/]+)/"', month)
    assert ranked == [(str(rank), f"2510.{i:05d}") for rank, i in enumerate(range(6, 0, -1), start=1)]
    assert "pb-card__summary" not in month and "pb-tag" not in month
    first_day = pages[Period.of("day", day).path]
    assert first_day.count('class="pb-card__summary"') == 2 and 'class="pb-card pb-card--compact"' not in first_day
