"""Related papers and BibTeX: deterministic, sensible, and safe to include in a template."""

from __future__ import annotations

import random

import jinja2

from generator.render.cite import bibtex, cite_key
from generator.models import make_paper
from generator.render.pages import render_paper_fragments, template_inert, template_raw
from generator.render.related import related_papers
from generator.storage.store import Store


def test_related_papers_are_deterministic_whatever_the_order(settings):
    papers = list(Store(settings.papers_dir).load_all().papers)
    first = related_papers(papers)
    random.Random(7).shuffle(papers)
    assert related_papers(papers) == first
    assert all(pid not in others and len(others) <= 5 for pid, others in first.items())


def test_related_papers_share_a_subject(settings):
    papers = Store(settings.papers_dir).load_all().papers
    related = related_papers(papers)
    assert "2411.08028" in related["2305.02301"], "two distillation papers"
    assert "2507.03160" in related["2501.19085"], "two code generation papers"


def test_a_paper_with_nothing_in_common_has_no_related_papers():
    papers = [
        make_paper(arxiv_id="2401.00001", title="Quantum chromodynamics lattice", abstract="gluon quark lattice"),
        make_paper(arxiv_id="2401.00002", title="Baking sourdough bread", abstract="flour water yeast"),
    ]
    assert related_papers(papers) == {"2401.00001": (), "2401.00002": ()}


def test_bibtex_fields_and_escapes():
    paper = make_paper(arxiv_id="2305.07759", title="Q&A at 100% with #tags and {unbalanced",
                       authors=["Ronen Eldan", "Yuanzhi Li"], featured="2023-05-12", categories=["cs.CL"])
    text = bibtex(paper)
    assert text.startswith(f"@misc{{{cite_key(paper)},")
    assert cite_key(paper) == "eldan2023with"
    assert r"title         = {{Q\&A at 100\% with \#tags and \textbraceleft{}unbalanced}}" in text
    assert "author        = {Ronen Eldan and Yuanzhi Li}" in text
    assert "primaryClass  = {cs.CL}" in text
    assert text.endswith("url           = {https://arxiv.org/abs/2305.07759}\n}")


def test_fragments_are_text_to_the_theme_but_the_abstract(settings):
    """The theme includes the fragments, so Jinja parses them: what a record says comes out as
    it was written, never run; only `page.content` (the abstract) is filled in."""
    title = "{{ config }} {% include 'base.html' %} {# x #} {% endraw %} {%- raw -%} {{"
    hostile = make_paper(arxiv_id="2401.00001", title=title, authors=["{{ 7*7 }}"], abstract="small",
                         arxiv_comment="{% endraw %}{{ 7*7 }}")
    html = render_paper_fragments([hostile], settings)["generated/2401.00001.html"]
    theme = jinja2.Environment(loader=jinja2.DictLoader({"fragment.html": html}))  # as MkDocs' own
    page = theme.get_template("fragment.html").render(page={"content": "<p>ABSTRACT</p>"}, config="SECRET")
    assert f"<h1>{title}</h1>" in page
    assert '<p class="pb-authors" data-pagefind-meta="authors">{{ 7*7 }}</p>' in page
    assert "<dd>{% endraw %}{{ 7*7 }}</dd>" in page
    assert '<div class="pb-abstract"><p>ABSTRACT</p></div>' in page
    assert "SECRET" not in page and "49" not in page
    assert template_raw("a{%b%}c") != "a{%b%}c" and template_inert("a{b}c") == "a&#123;b&#125;c"
