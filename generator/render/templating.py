"""The Jinja environments every renderer uses, made in this module only, once per run.

Three ways to render, one environment each, all reading `generator/render/templates/`:

- `html`: HTML made outside MkDocs (cards, page layouts, the 404 page, the e-mail digest);
  `*.html.j2` templates are autoescaped, a plain-text template (the digest's text part) is not;
- `article`: the paper page's article, autoescaped, with whitespace as MkDocs' own environment
  keeps it (it was once a theme template, and its pages stay byte for byte the same);
- `markdown`: the derived Markdown pages. Every value a template prints is Markdown-escaped by
  `finalize` unless it is `Markup` that we built (links from ids and validated URLs), so a
  forgotten filter cannot leak outside text into a page as markup.

A `Templates` is made once per run (generate, the digest) and handed to every renderer: each
environment compiles a template once, however many pages use it.
"""

from __future__ import annotations

from functools import cached_property

import jinja2
import yaml
from markupsafe import Markup

from .. import urls
from ..config import Settings
from ..escape import html_text, md_text
from .mathtext import math_html
from .words import author_line, blurb, paper_links, plural, snippet

try:  # libyaml's emitter: the same text, several times faster (a thousand pages at 10k papers)
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


def _finalize(value: object) -> object:
    if isinstance(value, Markup) or value is None:
        return value if value is not None else ""
    return md_text(str(value))


@jinja2.pass_context
def _link(context, text: str, target: str) -> Markup:
    """A Markdown link from the current page to another page of the site."""
    return Markup(f"[{md_text(str(text))}]({urls.relative(context['here'], target)})")


def _paper_path(paper) -> str:
    return urls.paper_path(paper.slug)


def _loader() -> jinja2.BaseLoader:
    return jinja2.PackageLoader("generator.render", "templates")


class Templates:
    """The site's template environments (see the module docstring), each made on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def _common(self) -> dict[str, object]:
        settings = self.settings
        return dict(tag=settings.tag, tag_path=urls.tag_path, day_path=urls.day_path, profile=urls.hf_profile_url,
                    plural=plural, paper_links=paper_links, hf_paper=urls.hf_paper_url,
                    hf_discussion=urls.hf_discussion_url)

    @cached_property
    def html(self) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=_loader(),
            autoescape=jinja2.select_autoescape(["html.j2"]),
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        env.globals.update(
            self._common(), paper_path=_paper_path, snippet=snippet, author_line=author_line, blurb=blurb,
            thumbnails=self.settings.thumbnails == "cards",
        )
        env.filters["math"] = math_html
        return env

    @cached_property
    def article(self) -> jinja2.Environment:
        env = jinja2.Environment(loader=_loader(), autoescape=True, undefined=jinja2.StrictUndefined)
        env.globals.update(self._common())
        return env

    @cached_property
    def markdown(self) -> jinja2.Environment:
        from . import periods

        env = jinja2.Environment(
            loader=_loader(),
            autoescape=False,  # the output is Markdown: `_finalize` escapes for Markdown instead
            finalize=_finalize,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        env.globals.update(
            plural=plural, link=_link, paper_path=_paper_path, tag_path=urls.tag_path,
            tag_feed_path=urls.tag_feed_path, day_path=urls.day_path, period_of=periods.Period.of, urls=urls,
            tag=self.settings.tag, snippet=snippet, author_line=author_line, settings=self.settings,
        )
        return env

    def html_block(self, template: str, **context: object) -> Markup:
        """An autoescaped HTML template's output as one raw block of a Markdown page."""
        return raw_block(self.html.get_template(template).render(**context))

    def page(self, template: str, here: str, meta: dict, **context: object) -> str:
        """A Markdown page built from docs path `here`: front matter `meta`, then the template.

        Front matter is dumped, not templated: a title can never break out of its YAML value.
        Material prints `title` into the HTML as it is, so it is stored as HTML text;
        `description` too (the page's meta description and link preview)."""
        meta = {**meta, **{key: html_text(meta[key]) for key in ("title", "description") if key in meta}}
        body = self.markdown.get_template(template).render(here=here, **context)
        if meta:
            front = yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
            body = f"---\n{front}---\n\n{body}"
        return body


def raw_block(html: str) -> Markup:
    """HTML made by an autoescaping template, as one raw block of a Markdown page (no blank line
    inside, so Python-Markdown keeps it whole)."""
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))


def template_inert(html: str) -> str:
    """HTML that a template engine includes as plain text: every brace as a character reference.

    The theme *includes* these fragments, which makes Jinja (or Zensical's minijinja) parse them
    as templates; a title holding `{{ ... }}` or `{% ... %}` must stay text, never become code.
    """
    return html.replace("{", "&#123;").replace("}", "&#125;")


def template_raw(html: str, *, live: str = "") -> str:
    """HTML that a template engine includes as plain text, byte for byte, except that each
    `live` marker in it becomes `{{ page.content }}` (the one value the theme fills in).

    Unlike `template_inert` the text comes out unchanged: it sits in `{% raw %}` blocks, and the
    one sequence that could end such a block early, `{%`, is printed by an expression instead.
    """
    def raw(text: str) -> str:
        return "{% raw %}" + text.replace("{%", "{% endraw %}{{ '{%' }}{% raw %}") + "{% endraw %}"

    parts = html.split(live) if live else [html]
    return "{{ page.content }}".join(raw(part) for part in parts)
