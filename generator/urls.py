"""The site's address scheme: every published URL and every output path, and nothing else.

Paths are relative to docs_dir (`papers/<slug>.md`, `tags/<slug>.md`, ...) or, for the per-paper
fragments, to the theme folder (`generated/<slug>.html`). MkDocs publishes a Markdown path at a
directory URL (`tags/x.md` -> `tags/x/`, built as `tags/x/index.html`); absolute URLs are the
site's `site_url` plus that. Cool URIs don't change: what is published here stays (DESIGN.md).

Pages, feeds, the digest, the writer, the incremental build, the search index and the templates
ask this module; none of them spells a path itself.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from urllib.parse import quote, urlencode, urlsplit

PAPERS = "papers"
"""Records, one page each: `papers/<slug>.md` in docs_dir (the store's folder)."""
CANDIDATES = "candidates"
"""Every fetched paper, on topic or not (`candidates/YYYY-MM.jsonl` in docs_dir): not published."""
LABELS = "topic/labels.yml"
"""The topic labels, in docs_dir: not published."""
RELEASES = "releases"
"""What each published paper released on the Hub (`releases/<slug>.json` in docs_dir): not published."""
STATUS = "status"
"""What each stream said for each day, and when (`status/YYYY-MM.jsonl` in docs_dir): not published."""
UNPUBLISHED = ("candidates/", "topic/", "releases/", "status/")
"""Folders of docs_dir that hold data, not pages: MkDocs leaves them out (`exclude_docs`)."""
FRAGMENTS = "generated"
"""In the theme folder: per-paper HTML the paper layout includes (`generated/<slug>.html`)."""

HOME = "index.md"
SUBSCRIBE = "subscribe.md"
TAGS_INDEX = "tags/index.md"
ARCHIVE_INDEX = "archive/index.md"
DIGESTS_INDEX = "digests/index.md"
MODELS_INDEX = "models/index.md"
"""The models shelf: every model released with the site's papers, by size."""
MODELS_FEED = "feeds/models.atom.xml"
"""The models the papers' authors released, newest first."""
SITE_FEED = "feeds/all.atom.xml"
DIGEST_FEED = "feeds/digests.atom.xml"
"""One entry per e-mail digest sent, with the e-mail's content: for RSS-to-e-mail services."""
OPML = "feeds/subscriptions.opml"
FEED_SITEMAPS = ("feeds/sitemap.xml", "feeds/tags/sitemap.xml")
"""Empty sitemaps beside the feeds (see generator/render/feeds.py for why)."""

GENERATED_FILES = (HOME, SUBSCRIBE)
GENERATED_DIRS = ("tags", "archive", "feeds", "digests", "models")
"""What the generator owns in docs_dir: written on every run, stale files removed."""
THEME_GENERATED_DIRS = (FRAGMENTS,)
"""What the generator owns in the theme folder."""


def generated_paths(docs_dir: str = "content", theme_dir: str = "theme_overrides") -> list[str]:
    """Everything the generator writes, as paths from the site folder (`make clean` removes them)."""
    return [f"{docs_dir}/{name}" for name in (*GENERATED_FILES, *GENERATED_DIRS)] + [
        f"{theme_dir}/{name}" for name in THEME_GENERATED_DIRS
    ]


# --- paths in docs_dir ------------------------------------------------------------------------

def arxiv_abs(arxiv_id: str) -> str:
    """The paper's abstract page on arXiv (feed entry ids, citations, removal pages, cards)."""
    return f"https://arxiv.org/abs/{arxiv_id}"


def arxiv_pdf(arxiv_id: str) -> str:
    """The paper's PDF on arXiv (its newest version)."""
    return f"https://arxiv.org/pdf/{arxiv_id}"


def paper_path(slug: str) -> str:
    return f"{PAPERS}/{slug}.md"


def tag_path(slug: str) -> str:
    return f"tags/{slug}.md"


def tag_month_path(slug: str, month: dt.date) -> str:
    """A tag's papers of one month: pages of a tag stay small, and past months stay unchanged."""
    return f"tags/{slug}/{month:%Y/%m}.md"


def tag_feed_path(slug: str) -> str:
    return f"feeds/tags/{slug}.atom.xml"


def day_path(day: dt.date) -> str:
    return f"archive/{day:%Y/%m/%d}.md"


def week_path(key: tuple[int, int]) -> str:
    """`key` is an ISO (year, week)."""
    return f"archive/weeks/{key[0]}-W{key[1]:02d}.md"


def month_path(month: dt.date) -> str:
    return f"archive/{month:%Y/%m}/index.md"


NOT_FOUND_FRAGMENT = f"{FRAGMENTS}/404.html"
"""In the theme folder: the 404 page's newest papers, which theme_overrides/404.html includes."""


def fragment_path(slug: str) -> str:
    """Relative to the theme folder: the paper page's included HTML (BibTeX, related papers)."""
    return f"{FRAGMENTS}/{slug}.html"


def paper_slug_of(source: str) -> str | None:
    """The slug of a record's docs path (`papers/<slug>.md`), None for any other path."""
    head, _, name = source.partition("/")
    if head == PAPERS and name.endswith(".md") and "/" not in name:
        return name[: -len(".md")]
    return None


# --- URLs -------------------------------------------------------------------------------------

def page_url(path: str) -> str:
    """Where MkDocs publishes a Markdown path (directory URLs): `tags/x.md` -> `tags/x/`."""
    stem = path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def url_of(path: str) -> str:
    """The site-root-relative URL of a docs path (a page or a file)."""
    return page_url(path) if path.endswith(".md") else path


def output_of(source: str) -> str:
    """Where MkDocs writes a docs file (directory URLs): `papers/x.md` -> `papers/x/index.html`."""
    return page_url(source) + "index.html" if source.endswith(".md") else source


def relative(here: str, target: str) -> str:
    """A link from the page built from docs path `here` to the docs path `target`, as written in
    Markdown (MkDocs turns `.md` targets into page URLs)."""
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def href(here: str, target: str) -> str:
    """A link in HTML (which no MkDocs rewrites) from the page built from docs path `here` to
    the docs path `target`: `papers/a.md` -> `papers/b.md` is `../b/`."""
    base, dest = page_url(here), url_of(target)
    link = posixpath.relpath(dest or ".", base or ".")
    return link + "/" if dest.endswith("/") or not dest else link


def root_prefix(here: str) -> str:
    """From the page built from `here` up to the site root: '', '../', '../../', ..."""
    return "../" * page_url(here).count("/")


def absolute(site_url: str, path: str) -> str:
    """The absolute URL of a docs path; `site_url` ends with a slash (config.py sees to it)."""
    return site_url + url_of(path)


def paper_url(site_url: str, slug: str) -> str:
    return absolute(site_url, paper_path(slug))


# --- other sites ------------------------------------------------------------------------------

HF = "https://huggingface.co/"


def hf_paper_url(arxiv_id: str) -> str:
    """The paper's page on Hugging Face Daily Papers (upvotes live there)."""
    return f"{HF}papers/{arxiv_id}"


def hf_discussion_url(arxiv_id: str) -> str:
    """The discussion under the paper's Hugging Face page (its comments)."""
    return f"{HF}papers/{arxiv_id}#community"


def site_path(site_url: str, path: str) -> str:
    """A docs path as an absolute path on the site's host (`/paperboy/papers/x/`): for the 404
    page, which the host serves at any missing address, so relative links cannot work there."""
    base = urlsplit(site_url).path.strip("/")
    return f"/{base}/{url_of(path)}" if base else f"/{url_of(path)}"


def hub_repo_url(kind: str, repo_id: str) -> str:
    """A repository on the Hugging Face Hub: a model, a dataset or a Space (`repo_id` was checked
    against the Hub's rule for ids by generator/sources/hub/parse.py)."""
    prefix = {"models": "", "datasets": "datasets/", "spaces": "spaces/"}[kind]
    return f"https://huggingface.co/{prefix}{repo_id}"


REPORTS = {"wrong-topic": "Wrong topic", "belongs-here": "Belongs here"}
"""The readers' report forms (`.github/ISSUE_TEMPLATE/<kind>.yml`), with the title each report gets."""


def report_url(repo_url: str, kind: str, arxiv_id: str) -> str:
    """A new issue on the site's repository, with the report form `kind` pre-filled with the
    paper's id (GitHub fills a form's fields from query parameters named by their ids)."""
    query = urlencode({"template": f"{kind}.yml", "title": f"{REPORTS[kind]}: {arxiv_id}", "paper": arxiv_id},
                      quote_via=quote)
    return f"{repo_url}/issues/new?{query}"


def hub_list_url(kind: str, arxiv_id: str) -> str:
    """The Hub's own list of a kind of repositories citing a paper (`arxiv_id` is a parsed id)."""
    return f"https://huggingface.co/{kind}?other=arxiv:{arxiv_id}"


def hf_profile_url(name: str) -> str:
    """A Hugging Face user's or organization's page; `name` matched models.HF_NAME_PATTERN."""
    return HF + name


# --- the built site (site_dir) ----------------------------------------------------------------

def paper_page_output(slug: str) -> str:
    """A paper's built page in site_dir, which the search index reads."""
    return output_of(paper_path(slug))


def papers_output_glob(prefixes: tuple[str, ...]) -> str:
    """Pagefind's `--glob` for the built paper pages whose folder names start with `prefixes`."""
    return f"{PAPERS}/{{" + ",".join(f"{prefix}*" for prefix in prefixes) + "}/*.html"


SEARCH_BUNDLE = "pagefind"
"""The first search shard's folder in site_dir; the others are `pagefind-<first month>`."""
SEARCH_PAGE = "search.md"


def search_shard_dir(index: int, first_month: str) -> str:
    return SEARCH_BUNDLE if index == 0 else f"{SEARCH_BUNDLE}-{first_month}"


def search_shard_url(bundle: str) -> str:
    """A shard's URL as the search page (`search/`) loads it."""
    return root_prefix(SEARCH_PAGE) + bundle + "/"
