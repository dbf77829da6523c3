"""Related papers and BibTeX: deterministic, sensible, and safe to include in a template."""

from __future__ import annotations

import datetime as dt
import random

import jinja2

from generator.render.cite import bibtex, cite_key
from generator.errors import SourceError
from generator.models import make_paper
from generator.render.kinds import paper as paper_kind
from generator.render.gathered import Site
from generator.render.templating import template_inert, template_raw
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
    html = paper_kind.render(Site.gather([hostile], settings)).theme["generated/2401.00001.html"]
    theme = jinja2.Environment(loader=jinja2.DictLoader({"fragment.html": html}))  # as MkDocs' own
    page = theme.get_template("fragment.html").render(page={"content": "<p>ABSTRACT</p>"}, config="SECRET")
    assert f"<h1>{title}</h1>" in page
    assert '<p class="pb-authors" data-pagefind-meta="authors">{{ 7*7 }}</p>' in page
    assert "<dd>{% endraw %}{{ 7*7 }}</dd>" in page
    assert '<div class="pb-abstract"><p>ABSTRACT</p></div>' in page
    assert "SECRET" not in page and "49" not in page
    assert template_raw("a{%b%}c") != "a{%b%}c" and template_inert("a{b}c") == "a&#123;b&#125;c"


def test_a_new_day_changes_only_the_related_lists_it_enters(archive):
    """Within a month the term weights are fixed (learned from the months before), so a day's new
    papers change an older paper's related list only by entering it; a new month learns them again."""
    from generator.render.related import basis_start
    from generator.sources.hf import decode_json, parse_daily_papers

    papers = {}
    for path in sorted(archive.glob("2025-0[1-3]-*.json")):
        try:
            parsed = parse_daily_papers(decode_json(path.read_bytes(), str(path)),
                                        day=dt.date.fromisoformat(path.stem), origin=str(path))
        except SourceError:  # the archive's warts: a malformed day is left out
            continue
        for paper in parsed.papers:
            papers.setdefault(paper.arxiv_id, paper)
    everything = sorted(papers.values(), key=lambda p: p.arxiv_id)
    days = sorted({p.sort_day for p in everything})
    cut = days[-3]  # the month's last three days arrive "a day later"
    assert cut.month == days[-1].month and basis_start(everything) == dt.date(2025, 3, 1)
    before = related_papers([p for p in everything if p.sort_day < cut])
    after = related_papers(everything)
    new = {p.arxiv_id for p in everything if p.sort_day >= cut}
    changed = [key for key in before if before[key] != after[key]]
    assert changed and all(set(after[key]) & new for key in changed)
