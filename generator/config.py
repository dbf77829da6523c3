"""Settings: the site's `mkdocs.yml`, read with MkDocs' own loader, and its `extra.paperboy` part.

The topic filter, the tag rules and the source URLs live in `extra.paperboy`, so a site is
configured in one file. Environment variables (generator/environment.py) override the source
URLs and the spacing of requests (tests, mirrors).

How this file is laid out, so that a new setting is one field and one line:
1. the records, one per section of `extra.paperboy` (`HttpPolicy` is `http`, `HubLookups` is
   `hub`, ...) and `Settings` for the whole: every field with its default and a docstring. A
   key `extra.paperboy` may have is a field of these records (`_schema`), so a misspelled key is
   named with the key meant;
2. `_Section`, the one way a value is read and checked: a number against its range, a flag, a
   choice, each error naming the key, where it is and what it allows;
3. one reader per section (`_http_policy`, `_hub_lookups`, `_arxiv_stream`, `_topic`, ...), then
   `load_settings`, which puts them together.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from dataclasses import field as dataclass_field
from pathlib import Path
from urllib.parse import urlsplit

from . import environment, urls
from .environment import Variable
from .errors import ConfigError
from .models import CATEGORY_PATTERN, TAG_PATTERN

DEFAULT_HF_API = "https://huggingface.co/api"
DEFAULT_ARXIV_API = "https://export.arxiv.org/api/query"


@dataclass(frozen=True)
class HttpPolicy:
    """How patient and how polite the HTTP client is (`extra.paperboy.http` in mkdocs.yml)."""

    connect_timeout: float = 10.0
    """Seconds to wait for a connection."""
    read_timeout: float = 60.0
    """Seconds to wait for the server between bytes."""
    attempts: int = 5
    """Tries per request, the first included."""
    backoff: float = 2.0
    """Seconds before the first retry, doubled for each retry after it, up to `backoff_cap`;
    each wait is a random time between half that and that (jitter)."""
    backoff_cap: float = 120.0
    """The longest wait between two tries."""
    retry_after_cap: float = 300.0
    """The longest `Retry-After` honoured; a server asking for more gets this."""


@dataclass(frozen=True)
class HubLookups:
    """What each published paper released on the Hugging Face Hub (`extra.paperboy.hub`;
    docs/hub.md)."""

    enabled: bool = True
    """Look the releases up in `paperboy fetch` (false: never ask; the last known lists stay)."""
    budget: int = 1800
    """Requests to the Hub at most in one run (one listing a kind a paper, more for a paper
    with over 1,000 repositories of a kind): new papers first, then the failed lists, the
    recent papers' weekly refresh and the monthly rotation; what does not fit waits."""
    interval: float = 0.65
    """Seconds between two requests to the Hub (`PAPERBOY_HUB_INTERVAL` overrides it): 0.65 s
    keeps under the Hub's anonymous 500 requests a 5-minute window."""
    small: float = 10.0
    """Billions of parameters a "small" model has at most: the shelf's feed carries these only."""
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Hub namespaces that are an organization's own besides its name (`Tencent-Hunyuan:
    [tencent]`), as (organization, namespaces) pairs."""
    token: str = dataclass_field(default="", repr=False)
    """`HF_TOKEN` from the environment, sent to the Hub when set (never in the config file,
    never logged)."""

    def aliases_of(self, organization: str) -> tuple[str, ...]:
        """The namespaces an organization also publishes under (case aside)."""
        return next((names for org, names in self.aliases if org.lower() == organization.lower()), ())


@dataclass(frozen=True)
class ArxivStream:
    """arXiv's own listing as a source (`extra.paperboy.arxiv` in mkdocs.yml)."""

    categories: tuple[str, ...] = ("cs.CL", "cs.LG", "cs.AI")
    """The categories whose new papers are fetched (cross-lists included; a paper in several is
    one candidate)."""
    lookback_days: int = 2
    """How many days before a fetch window the arXiv stream asks for too: arXiv announces a
    day's submissions a day or a weekend later, so a paper's submission day (its day on the site)
    is before the day its listing appears."""
    page_size: int = 200
    """Papers asked for per request (`max_results`); requests are 3 seconds apart."""
    interval: float = 3.0
    """Seconds between two requests to the arXiv API (`PAPERBOY_ARXIV_INTERVAL` overrides it).
    arXiv asks for at most one request every 3 seconds, so less is refused for arXiv's own hosts:
    a shorter interval is only for a mirror or stand-in of your own (`PAPERBOY_ARXIV_API`)."""
    compact_below: float = 0.1
    """A candidate first seen on arXiv, unlabelled, never featured and scored below this by the
    topic model is stored compactly (id, categories, day, score, model): see
    generator/storage/candidates.py. 0 keeps every candidate whole."""


@dataclass(frozen=True)
class TagRule:
    """How a paper earns a tag."""

    slug: str
    """URL-safe name: `tags/<slug>/`, `feeds/tags/<slug>.atom.xml`."""
    title: str
    """Name shown to readers."""
    description: str
    """One sentence shown on the tag page."""
    patterns: tuple[re.Pattern[str], ...]
    """Case-insensitive regexes tried on the title, the abstract and each keyword."""
    keywords: frozenset[str]
    """Hugging Face `ai_keywords` (lower-cased) that give the tag when present exactly."""
    title_patterns: tuple[re.Pattern[str], ...] = ()
    """Case-insensitive regexes tried on the title alone (precise: for rare tags)."""
    threshold: float = 0.5
    """The tag model's score from which a paper gets the tag (generator/topic/tagging.py)."""


@dataclass(frozen=True)
class Topic:
    """Which fetched papers the site keeps."""

    name: str = ""
    """What the site follows, in words (shown on the home page)."""
    enabled: bool = True
    """When false every paper is kept (an all-papers site)."""
    include: tuple[re.Pattern[str], ...] = ()
    """Hard overrides: a paper without a label is on topic when one of these matches its title,
    abstract or a keyword, and none of `exclude` does."""
    exclude: tuple[re.Pattern[str], ...] = ()
    """A paper none of whose labels says otherwise is off topic when one of these matches."""
    threshold: float = 0.46
    """The relevance model's score (a probability) from which an unlabelled paper that Hugging
    Face featured is published (default: the best F1 of the default site's cross-validated
    scores, benchmarks/TOPIC.md)."""
    arxiv_threshold: float = 0.46
    """The same for a paper only arXiv's listing brought (no Hugging Face feature, so no AI
    summary or keywords): the two streams read differently, so each has its own threshold."""
    borderline: bool = True
    """Whether papers labelled `borderline` are published (the model never learns from them)."""
    description: str = ""
    """The topic in a few sentences; the model learns it as one more paper on topic."""
    near_margin: float = 0.25
    """A day page lists, under "Just below the line", the day's unpublished papers whose score is
    at most this far below the threshold of their stream (0: none)."""
    near_count: int = 3
    """At most this many near-misses a day (0 to 10)."""

    def threshold_for(self, featured: bool) -> float:
        """The threshold of a paper's stream: Hugging Face featured it, or only arXiv listed it."""
        return self.threshold if featured else self.arxiv_threshold


@dataclass(frozen=True)
class Newsletter:
    """A newsletter service's sign-up form (`extra.paperboy.newsletter`): readers sign up there,
    the service sends the mail (e.g. from the digest feed), so the site needs no server."""

    action: str
    """The https URL the form posts to (Buttondown's, a self-hosted listmonk's, ...)."""
    field: str = "email"
    """The name of the form's e-mail address field, as the service expects it."""
    name: str = ""
    """The service's name, shown beside the form ("Sign up with Buttondown")."""


THUMBNAIL_MODES = ("off", "previews", "cards")
"""`thumbnails`: none; in link previews only (og:image, twitter:image); on cards too."""


@dataclass(frozen=True)
class Settings:
    """Everything the generator needs to know about the site."""

    config_file: Path
    docs_dir: Path
    """MkDocs' docs_dir (`content/`): records live in `papers/`, generated pages beside them."""
    site_dir: Path
    theme_dir: Path
    """MkDocs' theme custom_dir (`theme_overrides/`): the generator writes `generated/` in it."""
    site_name: str
    site_url: str
    """Absolute URL of the published site, ending in `/` (feeds need absolute links)."""
    site_description: str
    topic: Topic = Topic()
    tags: tuple[TagRule, ...] = ()
    feed_size: int = 50
    """How many entries the site feed and each tag feed carry."""
    trending_days: int = 7
    """The home page's "trending" window in days."""
    hf_api: str = DEFAULT_HF_API
    """Hugging Face's API (`PAPERBOY_HF_API` overrides it)."""
    arxiv_api: str = DEFAULT_ARXIV_API
    """arXiv's API (`PAPERBOY_ARXIV_API` overrides it)."""
    arxiv: ArxivStream = ArxivStream()
    """Which of arXiv's new papers are fetched, and what is kept of them."""
    contact: str = ""
    """URL or address named in the User-Agent of every request (default: the site's URL)."""
    http: HttpPolicy = HttpPolicy()
    """Timeouts, retries and backoff for every request."""
    fetch_concurrency: int = 2
    """How many days a backfill fetches at once from Hugging Face."""
    refetch_days: int = 3
    """`paperboy fetch` with no dates fetches this many days, ending today (lists keep growing)."""
    refresh_days: int = 30
    """Counts (upvotes, comments) of the days after `refetch_days` up to this many days back are
    refreshed by `paperboy fetch` too, each day once every `refresh_every` days."""
    refresh_every: int = 7
    """How often (in days) each of those older days is asked for again."""
    hub: HubLookups = HubLookups()
    """What each published paper released on the Hub: looked up in `paperboy fetch`."""
    search_shard_size: int = 3000
    """Paper pages per search-index shard (generator/publish/searchindex.py): bounds Pagefind's memory."""
    digest_unsubscribe: str = ""
    """URL or mailto: for the digest's List-Unsubscribe header (default: mail the sender)."""
    newsletter: Newsletter | None = None
    """The e-mail sign-up form shown on Subscribe and on the home page; None: no form (the
    Subscribe page then offers the digest feed for any RSS-to-e-mail service)."""
    thumbnails: str = "previews"
    """Hugging Face's thumbnail of a paper: "off", "previews" (in link previews only: og:image
    and twitter:image; no reader's browser loads it) or "cards" (also on every card, loaded
    lazily from Hugging Face's servers by each reader's browser)."""
    repo_url: str = ""
    """The site's repository (MkDocs' `repo_url`, else GitHub Actions' GITHUB_SERVER_URL and
    GITHUB_REPOSITORY): where readers report a paper in the wrong place. Empty: no such links."""

    @property
    def papers_dir(self) -> Path:
        return self.docs_dir / urls.PAPERS

    @property
    def candidates_dir(self) -> Path:
        """Every fetched paper, on topic or not (generator/storage/candidates.py)."""
        return self.docs_dir / urls.CANDIDATES

    @property
    def releases_dir(self) -> Path:
        """What each published paper released on the Hub (generator/storage/hub.py)."""
        return self.docs_dir / urls.RELEASES

    @property
    def status_dir(self) -> Path:
        """What each stream said for each day, and when (generator/storage/daystatus.py)."""
        return self.docs_dir / urls.STATUS

    @property
    def labels_file(self) -> Path:
        """The topic labels (generator/topic/labels.py)."""
        return self.docs_dir / urls.LABELS

    @property
    def digest_log(self) -> Path:
        """Which digests went to whom (generator/publish/digest.py); the digest archive page lists it."""
        return self.docs_dir / ".digests.json"

    def tag(self, slug: str) -> TagRule:
        for rule in self.tags:
            if rule.slug == slug:
                return rule
        # A tag added by hand that has no rule still gets a page.
        return TagRule(slug, slug.replace("-", " ").capitalize(), "", (), frozenset())


# --- reading a value: one way, one kind of message ------------------------------------------

def _shown(value: object) -> str:
    return repr(value)[:40]


class _Section:
    """One mapping of `extra.paperboy` as mkdocs.yml has it (`where`: its place, such as
    `extra.paperboy.arxiv`), and the one way its values are read: each reader returns the value
    or raises ConfigError naming the key, where it is and what it allows (never a silent default)."""

    def __init__(self, raw: object, where: str, keys: str = "") -> None:
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise ConfigError(f"{where}: expected a mapping{f' ({keys})' if keys else ''}")
        self.raw: Mapping[str, object] = raw
        self.where = where

    def at(self, key: str) -> str:
        return f"{self.where}.{key}"

    def get(self, key: str, default: object = None) -> object:
        return self.raw.get(key, default)

    def section(self, key: str, keys: str = "") -> _Section:
        return _Section(self.raw.get(key), self.at(key), keys)

    def number(self, key: str, default: float, *, low: float, high: float | None = None, whole: bool = False,
               unit: str = "", why: str = "", env: Variable | None = None) -> float:
        """A number from `low` to `high` (or at least `low`), a whole one if `whole`; `env`, when
        set, overrides the config (and is named instead when it is wrong)."""
        kind = f"{'a whole number' if whole else 'a number'}{f' of {unit}' if unit else ''}"
        span = f"from {low:g} to {high:g}" if high is not None else f"of at least {low:g}"
        where, value = self.at(key), self.raw.get(key, default)
        if env is not None and env.get():
            where, text = env.name, env.get()
            try:
                value = int(text) if whole else float(text)
            except ValueError:
                raise ConfigError(f"{where}: expected {kind}, got {text[:40]!r} ({span}; it overrides "
                                  f"{self.at(key)})") from None
        if (isinstance(value, bool) or not isinstance(value, (int, float)) or (whole and not isinstance(value, int))
                or not low <= value <= (high if high is not None else value)):
            raise ConfigError(f"{where}: expected {kind} {span}{why}, got {_shown(value)}")
        return value if whole else float(value)

    def whole(self, key: str, default: int, *, low: int = 1, high: int | None = None, why: str = "") -> int:
        return int(self.number(key, default, low=low, high=high, whole=True, why=why))

    def fraction(self, key: str, default: float) -> float:
        """A probability: a number from 0 to 1."""
        return self.number(key, default, low=0, high=1, why=" (a probability)")

    def flag(self, key: str, default: bool) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            raise ConfigError(f"{self.at(key)}: expected true or false, got {_shown(value)}")
        return value

    def choice(self, key: str, default: str, choices: tuple[str, ...], *,
               spelled: Mapping[object, str] | None = None) -> str:
        """One of `choices`; `spelled` maps other spellings to them (YAML 1.1 reads a bare on/off
        as true/false)."""
        value = self.raw.get(key, default)
        value = (spelled or {}).get(value, value) if not isinstance(value, (list, dict)) else value
        if value not in choices:
            raise ConfigError(f"{self.at(key)}: expected one of {', '.join(choices)}, got {_shown(value)}")
        return str(value)

    def text(self, key: str, default: str = "") -> str:
        return str(self.raw.get(key) or default)

    def patterns(self, key: str) -> tuple[re.Pattern[str], ...]:
        """Case-insensitive regular expressions (one, or a list of them)."""
        values, where = self.raw.get(key), self.at(key)
        if values is None:
            return ()
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list):
            raise ConfigError(f"{where}: expected a list of regular expressions")
        compiled = []
        for value in values:
            try:
                compiled.append(re.compile(str(value), re.IGNORECASE))
            except re.error as exc:
                raise ConfigError(f"{where}: bad regular expression {value!r}: {exc}") from None
        return tuple(compiled)


# --- one reader per section ------------------------------------------------------------------

def _topic(section: _Section) -> Topic:
    default = Topic()
    return Topic(
        name=section.text("name"),
        enabled=bool(section.get("enabled", default.enabled)),
        include=section.patterns("include"),
        exclude=section.patterns("exclude"),
        threshold=section.fraction("threshold", default.threshold),
        arxiv_threshold=section.fraction("arxiv_threshold", default.arxiv_threshold),
        borderline=section.choice("borderline", "on", ("on", "off"), spelled={True: "on", False: "off"}) == "on",
        description=" ".join(section.text("description").split()),
        near_margin=section.fraction("near_margin", default.near_margin),
        near_count=section.whole("near_count", default.near_count, low=0, high=10),
    )


def _tag_rules(raw: object) -> tuple[TagRule, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        raise ConfigError("extra.paperboy.tags: expected a mapping of tag slug to rule")
    rules = []
    for slug, rule in raw.items():
        where = f"extra.paperboy.tags.{slug}"
        if not isinstance(slug, str) or not TAG_PATTERN.fullmatch(slug):
            raise ConfigError(f"{where}: a tag slug is lowercase letters, digits and '-'")
        rule = _Section(rule, where, "title, patterns, keywords")
        keywords = rule.get("keywords") or []
        if not isinstance(keywords, list):
            raise ConfigError(f"{where}.keywords: expected a list")
        rules.append(
            TagRule(
                slug=slug,
                title=rule.text("title", slug.replace("-", " ").capitalize()),
                description=rule.text("description"),
                patterns=rule.patterns("patterns"),
                title_patterns=rule.patterns("title_patterns"),
                threshold=rule.fraction("threshold", TagRule.threshold),
                keywords=frozenset(str(k).strip().lower() for k in keywords),
            )
        )
    return tuple(rules)


_REPO = re.compile(r"https://[A-Za-z0-9.-]+(?::\d+)?/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


def _repo_url(configured: str | None, path: Path) -> str:
    """The repository readers report to: MkDocs' `repo_url`, else the one GitHub Actions runs
    in; "" with neither. Only https://host/owner/name: the URL is put into links on every page."""
    if configured:
        url = configured.rstrip("/").removesuffix(".git")
        if not _REPO.fullmatch(url):
            raise ConfigError(f"{path}: repo_url: expected https://<host>/<owner>/<repository>, got {configured!r}")
        return url
    server, repository = environment.GITHUB_SERVER_URL.get(), environment.GITHUB_REPOSITORY.get()
    url = f"{server.rstrip('/')}/{repository}"
    return url if server and repository and _REPO.fullmatch(url) else ""


def _http_policy(section: _Section) -> HttpPolicy:
    default = HttpPolicy()
    return HttpPolicy(**{
        f.name: section.whole(f.name, getattr(default, f.name), low=1) if f.type == "int"
        else section.number(f.name, getattr(default, f.name), low=0)
        for f in fields(HttpPolicy)
    })


ARXIV_HOSTS = re.compile(r"(?:[a-z0-9-]+\.)*arxiv\.org", re.IGNORECASE)
"""arXiv's own hosts (export.arxiv.org, arxiv.org): its 3-second rule holds for them."""


def _arxiv_interval(section: _Section, api: str) -> float:
    """The seconds between arXiv requests: the environment, else the config, else 3; never
    under 3 for arXiv's own hosts."""
    value = section.number("interval", ArxivStream.interval, low=0, high=60, unit="seconds",
                           env=environment.ARXIV_INTERVAL)
    host = urlsplit(api).hostname or ""
    if value < ArxivStream.interval and ARXIV_HOSTS.fullmatch(host):
        where = environment.ARXIV_INTERVAL.name if environment.ARXIV_INTERVAL.get() else section.at("interval")
        raise ConfigError(f"{where}: {value:g} s is less than the 3 s between requests arXiv asks for "
                          f"({host}); a shorter interval is only for a mirror or stand-in "
                          f"({environment.ARXIV_API.name})")
    return value


def _arxiv_stream(section: _Section, api: str) -> ArxivStream:
    default = ArxivStream()
    categories = section.get("categories", list(default.categories))
    if isinstance(categories, str):
        categories = [categories]
    if not isinstance(categories, list) or not categories:
        raise ConfigError(f"{section.at('categories')}: expected a list of arXiv categories (cs.CL, cs.LG)")
    for category in categories:
        if not isinstance(category, str) or not CATEGORY_PATTERN.fullmatch(category):
            raise ConfigError(f"{section.at('categories')}: {str(category)[:40]!r} is not an arXiv category (cs.CL)")
    return ArxivStream(
        categories=tuple(dict.fromkeys(categories)),
        lookback_days=section.whole("lookback_days", default.lookback_days, low=0, high=14),
        page_size=section.whole("page_size", default.page_size, low=1, high=2000, why=" (arXiv's limit)"),
        interval=_arxiv_interval(section, api),
        compact_below=section.fraction("compact_below", default.compact_below),
    )


_HUB_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,95}")


def _hub_lookups(section: _Section) -> HubLookups:
    default = HubLookups()
    aliases = section.get("aliases", {})
    if not isinstance(aliases, dict) or not all(
            isinstance(org, str) and _HUB_NAME.fullmatch(org) and isinstance(names, list)
            and all(isinstance(n, str) and _HUB_NAME.fullmatch(n) for n in names) for org, names in aliases.items()):
        raise ConfigError(f"{section.at('aliases')}: expected organization: [Hub namespaces], such as "
                          "Tencent-Hunyuan: [tencent]")
    return HubLookups(
        enabled=section.flag("enabled", default.enabled),
        budget=section.whole("budget", default.budget, low=0, high=100_000),
        interval=section.number("interval", default.interval, low=0, high=60, unit="seconds",
                                env=environment.HUB_INTERVAL),
        small=section.number("small", default.small, low=0.001, high=10_000, unit="billions of parameters"),
        aliases=tuple((org, tuple(names)) for org, names in sorted(aliases.items())),
        token=environment.HF_TOKEN.get().strip(),
    )


def _newsletter(raw: object) -> Newsletter | None:
    if raw is None:
        return None
    section = _Section(raw, "extra.paperboy.newsletter", "action, field, name")
    action = section.get("action")
    if not isinstance(action, str) or not re.fullmatch(r"https://[^/\s\"'<>]+[^\s\"'<>]*", action):
        raise ConfigError(f"{section.at('action')}: expected the https URL the sign-up form posts to, got {action!r}")
    field = section.get("field", Newsletter.field)
    if not isinstance(field, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\[\]-]{0,63}", field):
        raise ConfigError(f"{section.at('field')}: expected the form field's name (letters, digits, _ . - [ ]), "
                          f"got {field!r}")
    name = section.get("name", Newsletter.name)
    if not isinstance(name, str):
        raise ConfigError(f"{section.at('name')}: expected the service's name as text")
    return Newsletter(action, field, " ".join(name.split()))


# --- the keys `extra.paperboy` may have -----------------------------------------------------
# Nested as its sections are; `_EACH` stands for a key the site names (a tag slug). Read off the
# records' own fields, so a new setting is known here the moment it has a field. Settings'
# other fields come from MkDocs' part of mkdocs.yml.
_EACH = "<each>"
_FROM_MKDOCS = {"config_file", "docs_dir", "site_dir", "theme_dir", "site_name", "site_url", "site_description",
                "repo_url"}


def _keys(record: type, nested: dict | None = None, leave_out: set[str] = frozenset()) -> dict:
    return {f.name: (nested or {}).get(f.name) for f in fields(record) if f.name not in leave_out}


def _schema() -> dict:
    return _keys(Settings, {
        "topic": _keys(Topic),
        "tags": {_EACH: _keys(TagRule, leave_out={"slug"})},
        "http": _keys(HttpPolicy),
        "newsletter": _keys(Newsletter),
        "arxiv": _keys(ArxivStream),
        "hub": _keys(HubLookups, leave_out={"token"}),
    }, leave_out=_FROM_MKDOCS)


def _unknown_keys(raw: dict, schema: dict, where: str) -> list[str]:
    """Each key of `raw` that `schema` does not have, named with where it is and the closest
    valid key: a misspelled key would otherwise leave its setting at the default, silently."""
    problems = []
    for key, value in raw.items():
        sub = schema[_EACH] if _EACH in schema else schema.get(key, _EACH)
        if sub == _EACH:
            valid = sorted(schema)
            close = difflib.get_close_matches(str(key), valid, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"valid: {', '.join(valid)}"
            problems.append(f"unknown key '{key}' in {where} ({hint})")
        elif sub and isinstance(value, dict):
            problems += _unknown_keys(value, sub, f"{where}.{key}")
    return problems


# --- the whole ------------------------------------------------------------------------------

def _theme_dir(cfg, path: Path) -> Path:
    custom_dir = cfg.theme.custom_dir
    if not custom_dir:
        raise ConfigError(f"{path}: theme.custom_dir must name the theme overrides folder (theme_overrides)")
    return Path(custom_dir)


def _site_url(cfg, path: Path) -> str:
    site_url = cfg.site_url or ""
    if not re.match(r"https?://[^/]+", site_url):
        raise ConfigError(f"{path}: site_url (or {environment.SITE_URL.name}) must be the absolute http(s) URL of "
                          "the site (feeds need it)")
    return site_url if site_url.endswith("/") else site_url + "/"


def _paperboy(section: _Section, site_url: str) -> dict[str, object]:
    """Settings' fields from `extra.paperboy`, one line a setting."""
    arxiv_api = environment.ARXIV_API.get() or section.text("arxiv_api", Settings.arxiv_api)
    return dict(
        topic=_topic(section.section("topic")),
        tags=_tag_rules(section.get("tags")),
        feed_size=section.whole("feed_size", Settings.feed_size),
        trending_days=section.whole("trending_days", Settings.trending_days),
        hf_api=environment.HF_API.get() or section.text("hf_api", Settings.hf_api),
        arxiv_api=arxiv_api,
        arxiv=_arxiv_stream(section.section("arxiv", "categories, lookback_days, page_size, interval, compact_below"),
                            arxiv_api),
        contact=section.text("contact", site_url),
        http=_http_policy(section.section("http")),
        fetch_concurrency=section.whole("fetch_concurrency", Settings.fetch_concurrency),
        refetch_days=section.whole("refetch_days", Settings.refetch_days),
        refresh_days=section.whole("refresh_days", Settings.refresh_days),
        refresh_every=section.whole("refresh_every", Settings.refresh_every),
        hub=_hub_lookups(section.section("hub", "enabled, budget, interval, small, aliases")),
        search_shard_size=section.whole("search_shard_size", Settings.search_shard_size),
        digest_unsubscribe=section.text("digest_unsubscribe", Settings.digest_unsubscribe),
        newsletter=_newsletter(section.get("newsletter")),
        thumbnails=section.choice("thumbnails", Settings.thumbnails, THUMBNAIL_MODES, spelled={False: "off"}),
    )


def load_settings(config_file: str | Path = "mkdocs.yml") -> Settings:
    """Read mkdocs.yml with MkDocs' loader; raise ConfigError with a one-line reason that names
    the file, the key and what it allows."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    path = Path(config_file)
    if not path.is_file():
        raise ConfigError(f"{path}: no such config file (run from the site's folder or pass --config)")
    # MkDocs logs every config warning itself; keep them, but not its INFO chatter.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        cfg = load_config(str(path))
    except ConfigurationError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except Abort:  # MkDocs logged which value it refused, just before
        raise ConfigError(f"{path}: MkDocs refused a value of the config (named in the line above)") from None
    raw = (cfg.extra or {}).get("paperboy") or {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: extra.paperboy must be a mapping")
    unknown = _unknown_keys(raw, _schema(), "extra.paperboy")
    if unknown:
        raise ConfigError(f"{path}: {'; '.join(unknown)}")
    site_url = _site_url(cfg, path)
    try:
        paperboy = _paperboy(_Section(raw, "extra.paperboy"), site_url)
    except ConfigError as exc:
        # A key of the file is named with the file; a variable of the environment as it is.
        message = str(exc)
        raise ConfigError(f"{path}: {message}" if message.startswith("extra.") else message) from None
    return Settings(
        config_file=path,
        docs_dir=Path(cfg.docs_dir),
        site_dir=Path(cfg.site_dir),
        theme_dir=_theme_dir(cfg, path),
        site_name=cfg.site_name,
        site_url=site_url,
        site_description=cfg.site_description or "",
        repo_url=_repo_url(cfg.repo_url, path),
        **paperboy,
    )
