"""Derived Markdown pages from the records (pure: records and settings in, text out).

The home page, the tag index and tag pages, and the day/week/month archive. Every value a
template prints is Markdown-escaped by the environment's `finalize` unless it is `Markup` that
this module built (links from ids and validated URLs), so a forgotten filter cannot leak
outside text into a page as markup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

import jinja2
import yaml
from markupsafe import Markup

from .. import urls
from ..config import Settings
from ..escape import html_text, md_text
from ..models import Paper
from ..releases import Releases
from . import periods
from .calendar import DAY_NAMES, month_weeks
from .cite import bibtex
from .mathtext import math_html
from .related import related_papers
from .shelf import card_mark, models_page, released_section
from .words import blurb, paper_links, plural

try:  # libyaml's emitter: the same text, several times faster (a thousand pages at 10k papers)
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

SNIPPET_CHARS = 300
TRENDING_COUNT = 10
TAG_NEWEST = 20
"""Cards on a tag's own page; a tag with more papers also gets a page per month."""
EARLIER_DAYS = 14
DIGEST_TOP = 10
"""Papers in each weekly digest (generator/publish/digest.py's TOP: the subscribe page says so)."""
HOME_CARDS = 20
"""The home page shows whole days, newest first, until it shows at least this many cards."""
HOME_FIRST = 8
"""Cards before the trending list on a phone: the rest of the newest days follow it (beside it
on a desktop, they simply continue the list)."""


def _paper_path(paper: Paper) -> str:
    return urls.paper_path(paper.slug)


def _finalize(value: object) -> object:
    if isinstance(value, Markup) or value is None:
        return value if value is not None else ""
    return md_text(str(value))


_ROOT = "\x00root\x00"  # stands for "the site root, seen from this page"; outside text has no NUL


@jinja2.pass_context
def _link(context, text: str, target: str) -> Markup:
    """A Markdown link from the current page to another page of the site."""
    return Markup(f"[{md_text(str(text))}]({urls.relative(context['here'], target)})")


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The first `limit` characters of a text, cut at a word, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + " …"


def author_line(paper: Paper, shown: int = 3) -> str:
    names = list(paper.authors)
    count = paper.author_count
    if not names:
        return plural(count, "author") if count else ""
    if len(names) <= shown:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} et al. ({count} authors)"


def html_environment(settings: Settings) -> jinja2.Environment:
    """For HTML made outside MkDocs (paper cards, paper fragments, the e-mail digest).

    `*.html.j2` templates are autoescaped, as Jinja does it; a plain-text template (the digest's
    text part) is not.
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        autoescape=jinja2.select_autoescape(["html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(
        paper_path=_paper_path, tag_path=urls.tag_path, day_path=urls.day_path, tag=settings.tag,
        snippet=snippet, author_line=author_line, profile=urls.hf_profile_url,
        blurb=blurb, paper_links=paper_links, plural=plural, hf_paper=urls.hf_paper_url,
        hf_discussion=urls.hf_discussion_url, thumbnails=settings.thumbnails == "cards",
    )
    env.filters["math"] = math_html
    return env


def template_inert(html: str) -> str:
    """HTML that a template engine includes as plain text: every brace as a character reference.

    The theme *includes* these fragments, which makes Jinja (or Zensical's minijinja) parse them
    as templates; a title holding `{{ ... }}` or `{% ... %}` must stay text, never become code.
    """
    return html.replace("{", "&#123;").replace("}", "&#125;")


class RenderMemo:
    """HTML rendered for single papers (cards, page fragments), keyed by a hash of the records
    it shows: what the last run rendered (kept by generator/storage/cache.py) and what this run used.

    Only speed depends on it. The caller starts from an empty memo whenever the config or the
    generator's code changed, since the same records then render differently.
    """

    def __init__(self, previous: dict[str, str] | None = None) -> None:
        self.previous = previous or {}
        self.used: dict[str, str] = {}
        self._hashes: dict[int, str] = {}

    def hash_of(self, paper: Paper) -> str:
        found = self._hashes.get(id(paper))
        if found is None:
            found = hashlib.blake2b(pickle.dumps(paper, protocol=5), digest_size=16).hexdigest()
            self._hashes[id(paper)] = found
        return found

    def get(self, key: str, make: Callable[[], str]) -> str:
        html = self.used.get(key)
        if html is None:
            html = self.previous.get(key)
            if html is None:
                html = make()
            self.used[key] = html
        return html


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


_CONTENT = "\x00content\x00"  # stands for the abstract MkDocs renders; outside text has no NUL


def _page_environment(settings: Settings) -> jinja2.Environment:
    """For the paper page's article: autoescaped, and whitespace as MkDocs' own environment keeps
    it (the article was once a theme template; its pages stay byte for byte the same)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(tag=settings.tag, tag_path=urls.tag_path, day_path=urls.day_path, profile=urls.hf_profile_url,
                       plural=plural, paper_links=paper_links, hf_paper=urls.hf_paper_url, hf_discussion=urls.hf_discussion_url)
    return env


def render_paper_fragments(
    papers: Sequence[Paper], settings: Settings, memo: RenderMemo | None = None,
    related: dict[str, tuple[str, ...]] | None = None, releases: Mapping[str, Releases] | None = None,
) -> dict[str, str]:
    """Per paper, its page but for the abstract, as the HTML fragment the theme includes:
    {`generated/<slug>.html`: html}. The article (title, metadata, links, tags) with the cards'
    rules and escaping, then what depends on other papers (BibTeX, related papers).

    `related` is `related_papers(papers)`, when it has been worked out already; `releases`, what
    the papers released on the Hub (generator/storage/releases.py), by id."""
    releases = releases or {}
    article = _page_environment(settings).get_template("paper_page.html.j2")
    html_env = html_environment(settings)
    extra = html_env.get_template("paper_extra.html.j2")
    card = html_env.get_template("card.html.j2")
    memo = memo or RenderMemo()
    by_id = {p.arxiv_id: p for p in papers}
    if related is None:
        related = related_papers(papers)
    head = html_env.get_template("paper_head.html.j2")
    fragments = {}
    for paper in papers:
        here = _paper_path(paper)
        shown = [by_id[i] for i in related[paper.arxiv_id]]
        released = releases.get(paper.arxiv_id)
        key = "page:" + ":".join(memo.hash_of(p) for p in (paper, *shown)) + (
            ":" + memo.hash_of(released) if released is not None else "")
        # One fragment, two parts: the theme includes it in <head> with `paperboy_head` set
        # (the page's description and link preview), and again in the content (the article).
        fragments[urls.fragment_path(paper.slug)] = memo.get(key, lambda: "{% if paperboy_head is defined %}" + template_raw(
            head.render(**link_preview(paper, settings))
        ) + "{% else %}" + template_raw(article.render(
            paper=paper, title=Markup(html_text(paper.title)), content=Markup(_CONTENT),
            url=lambda target: urls.href(here, target),
        ), live=_CONTENT) + template_inert(extra.render(
            # Related papers as compact cards without their upvotes: a count that changes does
            # not make every page that lists the paper as related stale (item 3 of issue 15).
            released=released_section(html_env, released, paper),
            bibtex=bibtex(paper), related=[Markup(card.render(
                paper=other, compact=True, votes=False, rank=None, url=lambda target: urls.href(here, target),
            ).strip()) for other in shown],
        )) + "{% endif %}")
    return fragments


NOT_FOUND_PAPERS = 8
"""The newest papers the 404 page offers."""


def render_not_found(papers: Sequence[Paper], settings: Settings) -> dict[str, str]:
    """The 404 page's body (search, the newest papers, the way home), as the fragment
    theme_overrides/404.html includes: {`generated/404.html`: html}. Links are absolute paths:
    the host serves this page at any address that has no page."""
    env = html_environment(settings)
    card = env.get_template("card.html.j2")
    url = lambda target: urls.site_path(settings.site_url, target)  # noqa: E731
    html = env.get_template("not_found.html.j2").render(
        search=url(urls.SEARCH_PAGE), home=url(urls.HOME), archive=url(urls.ARCHIVE_INDEX), tags=url(urls.TAGS_INDEX),
        cards=[Markup(card.render(paper=p, compact=True, votes=True, rank=None, url=url).strip())
               for p in periods.newest_first(papers)[:NOT_FOUND_PAPERS]],
    )
    return {urls.NOT_FOUND_FRAGMENT: template_inert(html)}


def link_preview(paper: Paper, settings: Settings) -> dict[str, str]:
    """What a shared link to the paper's page shows: its title, its own one-line description
    (the AI summary, else the abstract's first sentence), its URL and, when allowed, HF's
    thumbnail."""
    text = blurb(paper)
    return {
        "title": paper.title, "site_name": settings.site_name,
        "description": snippet(text.text if text else paper.title, 280),
        "url": urls.paper_url(settings.site_url, paper.slug),
        "image": paper.thumbnail if settings.thumbnails != "off" and paper.thumbnail else "",
    }


def _environment(settings: Settings, memo: RenderMemo, marks: Mapping[str, str] | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        autoescape=False,  # the output is Markdown: `_finalize` escapes for Markdown instead
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    card_template = html_environment(settings).get_template("card.html.j2")

    marks = marks or {}

    def card(paper: Paper) -> str:
        """Rendered once (per run, or while the record is unchanged), then placed on each of its pages."""
        mark = marks.get(paper.arxiv_id, "")
        return memo.get("card:" + memo.hash_of(paper) + (":" + mark if mark else ""), lambda: card_template.render(
            paper=paper, compact=False, mark=mark, url=lambda target: _ROOT + urls.url_of(target)).strip())

    @jinja2.pass_context
    def card_list(context, papers: Iterable[Paper], compact: bool = False, kind: str = "") -> Markup:
        """Paper cards (escaped by their own environment) as one raw HTML block in the page;
        `compact`: ranked lines with upvotes (home's trending, a month's papers); `kind`: one
        more class for the list.

        One block, no blank line inside: Python-Markdown copies the rest of the page at the end
        of every raw block, so a tag page of thousands of separate cards took quadratic time.
        """
        return cards_html(papers, context["here"], compact, kind)

    def cards_html(papers: Iterable[Paper], here: str, compact: bool = False, kind: str = "") -> Markup:
        """`card_list` for the page built from `here`; `kind`: one more class for the list."""
        if compact:
            inner = "\n".join(card_template.render(
                paper=paper, compact=True, votes=True, rank=rank, url=lambda target: _ROOT + urls.url_of(target),
            ).strip() for rank, paper in enumerate(papers, start=1))
            kind = f"pb-cards pb-cards--compact {kind}".strip()
        else:
            inner = "\n".join(card(paper) for paper in papers)
            kind = f"pb-cards {kind}".strip()
        return Markup(f'<div class="{kind}">\n{inner}\n</div>'.replace(_ROOT, urls.root_prefix(here)))

    pager_template = html_environment(settings).get_template("pager.html.j2")

    def pager_html(here: str, older: tuple[str, str] | None, newer: tuple[str, str] | None, what: str,
                   up: tuple[str, str] | None = None) -> Markup:
        """Older / newer links, each (label, docs path), as one raw block of the page."""
        def target(pair: tuple[str, str] | None) -> dict | None:
            return {"label": pair[0], "url": urls.href(here, pair[1])} if pair else None
        return _raw_block(pager_template.render(older=target(older), newer=target(newer), up=target(up), what=what))

    @jinja2.pass_context
    def pager(context, older: periods.PeriodPage | None, newer: periods.PeriodPage | None, kind: str) -> Markup:
        pair = lambda page: (page.label, page.path) if page else None  # noqa: E731
        return pager_html(context["here"], pair(older), pair(newer), f"Older and newer {kind}s",
                          up=("Archive", urls.ARCHIVE_INDEX))

    @jinja2.pass_context
    def tag_pager(context, older: tuple | None, newer: tuple | None, slug: str) -> Markup:
        pair = lambda month: (month[0].strftime("%B %Y"), month[1]) if month else None  # noqa: E731
        return pager_html(context["here"], pair(older), pair(newer), "Older and newer months of this tag",
                          up=(settings.tag(slug).title, urls.tag_path(slug)))

    @jinja2.pass_context
    def month_calendar_of(context, period: periods.PeriodPage) -> Markup:
        per_day = Counter(p.day for p in period.papers if p.day)
        return month_calendar(period.period.start, per_day, context["here"], settings)

    env.globals.update(
        cards=card_list,
        cards_html=cards_html,
        pager=pager,
        tag_pager=tag_pager,
        month_calendar=month_calendar_of,
        plural=plural,
        link=_link,
        paper_path=_paper_path,
        tag_path=urls.tag_path,
        tag_feed_path=urls.tag_feed_path,
        day_path=urls.day_path,
        period_of=periods.Period.of,
        urls=urls,
        tag=settings.tag,
        snippet=snippet,
        author_line=author_line,
        settings=settings,
    )
    return env


def _raw_block(html: str) -> Markup:
    """HTML made by an autoescaping template, as one raw block of a Markdown page (no blank line
    inside, so Python-Markdown keeps it whole)."""
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))


def archive_chart(month_pages: Sequence[periods.PeriodPage], day_pages: Sequence[periods.PeriodPage],
                  settings: Settings) -> Markup:
    """The archive index's months, newest first: count, a bar per day, the weeks with counts."""
    here = urls.ARCHIVE_INDEX
    per_day = {d.papers[0].day: len(d.papers) for d in day_pages}
    months = []
    for month in month_pages:
        start = month.period.start
        days = [start + dt.timedelta(days=n) for n in range((month.period.end - start).days + 1)]
        top = max((per_day.get(day, 0) for day in days), default=0) or 1
        busiest = max(days, key=lambda day: (per_day.get(day, 0), -day.toordinal()))
        weeks: dict[periods.Period, int] = {}
        for day in days:
            if per_day.get(day):
                week = periods.Period.of("week", day)
                weeks[week] = weeks.get(week, 0) + per_day[day]
        months.append({
            "label": month.label, "url": urls.href(here, month.path), "count": len(month.papers),
            "busiest": f"{busiest:%B %-d} ({per_day.get(busiest, 0)})",
            "days": [{"label": f"{day:%b %-d}", "count": per_day.get(day, 0),
                      "url": urls.href(here, urls.day_path(day)) if per_day.get(day) else "",
                      "height": round(100 * per_day.get(day, 0) / top)} for day in days],
            "calendar": month_calendar(start, per_day, here, settings),
            "weeks": [{"label": f"{week.start:%b %-d} – {week.end:%b %-d}", "url": urls.href(here, week.path), "count": count}
                      for week, count in weeks.items()],
        })
    return _raw_block(html_environment(settings).get_template("archive_months.html.j2").render(months=months))


def tags_grid(tags: Sequence[str], counts: Counter[str], papers: Sequence[Paper], settings: Settings) -> Markup:
    """The tags index: per tag its title, description, count, newest paper and feed."""
    here = urls.TAGS_INDEX
    newest: dict[str, Paper] = {}
    for paper in periods.newest_first_by_id(papers):
        for slug in paper.tags:
            newest.setdefault(slug, paper)
    tiles = [{
        "title": settings.tag(slug).title, "description": settings.tag(slug).description,
        "url": urls.href(here, urls.tag_path(slug)), "feed": urls.href(here, urls.tag_feed_path(slug)),
        "count": counts[slug], "newest": newest.get(slug),
        "newest_url": urls.href(here, _paper_path(newest[slug])) if slug in newest else "",
    } for slug in tags]
    return _raw_block(html_environment(settings).get_template("tags_grid.html.j2").render(tiles=tiles))


def month_calendar(month: dt.date, per_day: Mapping[dt.date, int], here: str, settings: Settings) -> Markup:
    """The calendar of `month` on the page built from `here`, as one raw block; `per_day`: the
    papers of each day (generator/render/calendar.py)."""
    return _raw_block(html_environment(settings).get_template("calendar.html.j2").render(
        caption=f"{month:%B %Y}", weeks=month_weeks(month, per_day, here), names=DAY_NAMES))


def _listing_description(label: str, papers: Sequence[Paper]) -> str:
    """A listing page's own description (its link preview): how many papers, the first titles."""
    head = f"{plural(len(papers), 'paper')}{' of ' + label if label else ''}"
    return snippet(f"{head}: " + "; ".join(p.title for p in papers[:3]), 280)


def home_days(days: Sequence[periods.PeriodPage], here: str, cards: Callable[..., Markup], *, head: bool) -> list[dict]:
    """The home page's newest days, split in two at HOME_FIRST cards: the `head` (before the
    trending list on a phone) or the rest. A day split in two keeps its heading in the head."""
    parts, seen = [], 0
    for day in days:
        start, end = (seen, min(seen + len(day.papers), HOME_FIRST)) if head else (max(seen, HOME_FIRST), seen + len(day.papers))
        chosen = day.papers[start - seen:end - seen] if end > start else ()
        if chosen:
            parts.append({"label": day.label, "url": urls.href(here, day.path), "count": len(day.papers),
                          "heading": head or seen >= HOME_FIRST,
                          "cards": cards(chosen, here, kind="pb-cards--list")})
        seen += len(day.papers)
    return parts


def newsletter_form(settings: Settings, place: str) -> Markup | None:
    """The e-mail sign-up form of the configured newsletter service (None without one); `place`
    keeps the field's id unique on its page."""
    if settings.newsletter is None:
        return None
    return _raw_block(html_environment(settings).get_template("newsletter.html.j2").render(
        newsletter=settings.newsletter, id=place))


def _tag_counts(papers: Iterable[Paper]) -> Counter[str]:
    return Counter(tag for paper in papers for tag in paper.tags)


def render_pages(
    papers: Sequence[Paper], settings: Settings, digests: dict[str, dict] | None = None, memo: RenderMemo | None = None,
    releases: Mapping[str, Releases] | None = None,
) -> dict[str, str]:
    """Every derived page, as {path relative to docs_dir: Markdown text}.

    `digests` is the e-mail digests sent log (generator/publish/digest.py): the digest archive page lists it;
    `releases`, what the papers released on the Hub, by id: the cards' marks and the models page.
    """
    releases = releases or {}
    marks = {p.arxiv_id: card_mark(releases.get(p.arxiv_id), p.organization) for p in papers}
    env = _environment(settings, memo or RenderMemo(), {key: mark for key, mark in marks.items() if mark})
    pages: dict[str, str] = {}

    def render(template: str, here: str, meta: dict, **context: object) -> None:
        # Front matter is dumped, not templated: a title can never break out of its YAML value.
        # Material prints `title` into the HTML as it is, so it is stored as HTML text.
        # `description` too (the page's meta description and link preview).
        meta = {**meta, **{key: html_text(meta[key]) for key in ("title", "description") if key in meta}}
        body = env.get_template(template).render(here=here, **context)
        if meta:
            front = yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
            body = f"---\n{front}---\n\n{body}"
        pages[here] = body

    day_periods = periods.days(papers)
    week_periods = periods.weeks(papers)
    month_periods = periods.months(papers)
    latest = day_periods[-1] if day_periods else None
    shown_days: list[periods.PeriodPage] = []  # the latest day in full, and earlier days up to HOME_CARDS cards
    for period in reversed(day_periods):
        if sum(len(d.papers) for d in shown_days) >= HOME_CARDS:
            break
        shown_days.append(period)
    trending: list[Paper] = []
    if latest is not None:
        start = latest.papers[0].day - dt.timedelta(days=settings.trending_days - 1)
        recent = [p for p in papers if p.day and p.day >= start]
        trending = periods.by_rank(recent)[:TRENDING_COUNT]

    html_env = html_environment(settings)
    signup = newsletter_form(settings, "home")
    layout = None
    if latest is not None:
        newest_day = latest.papers[0].day
        here = urls.HOME
        layout = _raw_block(html_env.get_template("home.html.j2").render(
            # "Updated": the newest day the records hold, not the clock, so the same records
            # give the same page (a fetch that finds nothing new changes nothing).
            site_name=settings.site_name, updated=newest_day, total=len(papers), topic=settings.topic.name,
            switch={"day": urls.href(here, latest.path),
                    "week": urls.href(here, periods.Period.of("week", newest_day).path),
                    "month": urls.href(here, periods.Period.of("month", newest_day).path)},
            first=home_days(shown_days, here, env.globals["cards_html"], head=True),
            more=home_days(shown_days, here, env.globals["cards_html"], head=False),
            trending=env.globals["cards_html"](trending, here, compact=True) if trending else None,
            trending_title="Trending this week" if settings.trending_days == 7 else f"Trending in the last {settings.trending_days} days",
            newsletter=signup, subscribe=urls.href(here, urls.SUBSCRIBE),
        ))
    render(
        # No title: Material then shows just the site name; the layout holds the page's h1.
        "home.md.j2", urls.HOME, {"description": settings.site_description, "hide": ["navigation", "toc"]},
        layout=layout, earlier=day_periods[::-1][len(shown_days):len(shown_days) + EARLIER_DAYS],
    )
    tag_counts = _tag_counts(papers)
    tags = sorted(tag_counts, key=lambda t: (-tag_counts[t], t))
    render("tags_index.md.j2", urls.TAGS_INDEX, {"title": "Tags", "hide": ["navigation", "toc"]},
           grid=tags_grid(tags, tag_counts, papers, settings) if tags else None)
    render("subscribe.md.j2", urls.SUBSCRIBE, {"title": "Subscribe", "hide": ["navigation", "toc"],
           "description": f"{settings.site_name} by e-mail, in a feed reader, or by tag."},
           tags=tags, counts=tag_counts, newsletter=newsletter_form(settings, "subscribe"), digest_top=DIGEST_TOP)
    by_id = {p.arxiv_id: p for p in papers}
    sent = [
        (entry.get("label", key), entry.get("tag"), [by_id[i] for i in entry.get("papers", []) if i in by_id])
        for key, entry in sorted((digests or {}).items(), key=lambda item: str(item[1].get("start", "")), reverse=True)
        if isinstance(entry, dict)
    ]
    render("digests.md.j2", urls.DIGESTS_INDEX, {"title": "Email digests", "hide": ["navigation", "toc"]}, sent=sent)
    render("models.md.j2", urls.MODELS_INDEX, {
        "title": "Models", "feed": urls.MODELS_FEED, "hide": ["navigation", "toc"],
        "description": f"Models released with the papers of {settings.site_name}, by size, newest first."},
        shelf=_raw_block(models_page(html_env, papers, releases, urls.MODELS_INDEX)))
    for slug in tags:
        tagged = periods.newest_first(p for p in papers if slug in p.tags)
        rule = settings.tag(slug)
        by_month: dict[dt.date, list[Paper]] = {}
        if len(tagged) > TAG_NEWEST:  # a small tag is one page
            for paper in tagged:
                by_month.setdefault(paper.sort_day.replace(day=1), []).append(paper)
        months = [(month, urls.tag_month_path(slug, month), len(found)) for month, found in by_month.items()]
        meta = {"title": rule.title, "feed": urls.tag_feed_path(slug), "hide": ["navigation", "toc"],
                "description": snippet(f"{rule.title}: {rule.description + ' ' if rule.description else ''}"
                                       + _listing_description("", tagged), 280)}
        render("tag.md.j2", urls.tag_path(slug), meta, slug=slug, rule=rule, papers=tagged[:TAG_NEWEST],
               total=len(tagged), months=months)
        for i, (month, path, _) in enumerate(months):  # newest first
            meta = {"title": f"{rule.title}: {month:%B %Y}", "feed": urls.tag_feed_path(slug),
                    "hide": ["navigation", "toc"], "search": {"exclude": True}}
            render("tag_month.md.j2", path, meta, slug=slug, rule=rule, label=f"{month:%B %Y}", papers=by_month[month],
                   newer=months[i - 1] if i > 0 else None, older=months[i + 1] if i + 1 < len(months) else None)
    for period in (*day_periods, *week_periods, *month_periods):
        # Archive pages repeat the papers' titles: keep them out of the search index.
        meta = {"title": period.label, "description": _listing_description(period.label, period.papers),
                "hide": ["navigation", "toc"], "search": {"exclude": True}}
        render("period.md.j2", period.path, meta, period=period)
    render("archive_index.md.j2", urls.ARCHIVE_INDEX, {"title": "Archive", "hide": ["navigation", "toc"]}, chart=archive_chart(month_periods[::-1], day_periods, settings) if month_periods else None,
           weeks=week_periods[::-1])
    return pages
