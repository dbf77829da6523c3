"""Settings: the site's `mkdocs.yml`, read with MkDocs' own loader, and its `extra.paperboy` part.

The topic filter, the tag rules and the source URLs live in `extra.paperboy`, so a site is
configured in one file. Environment variables override the source URLs (tests, mirrors).
"""

from __future__ import annotations

import difflib
import logging
import os
import re
from dataclasses import dataclass, fields
from dataclasses import field as dataclass_field
from pathlib import Path
from urllib.parse import urlsplit

from . import urls
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

    name: str
    """What the site follows, in words (shown on the home page)."""
    enabled: bool
    """When false every paper is kept (an all-papers site)."""
    include: tuple[re.Pattern[str], ...]
    """Hard overrides: a paper without a label is on topic when one of these matches its title,
    abstract or a keyword, and none of `exclude` does."""
    exclude: tuple[re.Pattern[str], ...]
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
    topic: Topic
    tags: tuple[TagRule, ...]
    feed_size: int
    """How many entries the site feed and each tag feed carry."""
    trending_days: int
    """The home page's "trending" window in days."""
    hf_api: str
    arxiv_api: str
    arxiv: ArxivStream
    """Which of arXiv's new papers are fetched, and what is kept of them."""
    contact: str
    """URL or address named in the User-Agent of every request."""
    http: HttpPolicy
    """Timeouts, retries and backoff for every request."""
    fetch_concurrency: int
    """How many days a backfill fetches at once from Hugging Face."""
    refetch_days: int
    """`paperboy fetch` with no dates fetches this many days, ending today (lists keep growing)."""
    refresh_days: int
    """Counts (upvotes, comments) of the days after `refetch_days` up to this many days back are
    refreshed by `paperboy fetch` too, each day once every `refresh_every` days."""
    refresh_every: int
    """How often (in days) each of those older days is asked for again."""
    hub: HubLookups
    """What each published paper released on the Hub: looked up in `paperboy fetch`."""
    search_shard_size: int
    """Paper pages per search-index shard (generator/publish/searchindex.py): bounds Pagefind's memory."""
    digest_unsubscribe: str
    """URL or mailto: for the digest's List-Unsubscribe header (default: mail the sender)."""
    newsletter: Newsletter | None = None
    """The e-mail sign-up form shown on Subscribe and on the home page; None: no form (the
    Subscribe page then offers the digest feed for any RSS-to-e-mail service)."""
    thumbnails: str = "previews"
    """Hugging Face's thumbnail of a paper: "off", "previews" (in link previews only: og:image
    and twitter:image; no reader's browser loads it) or "cards" (also on every card, loaded
    lazily from Hugging Face's servers by each reader's browser)."""

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


def _patterns(values: object, where: str) -> tuple[re.Pattern[str], ...]:
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
        rule = rule or {}
        if not isinstance(rule, dict):
            raise ConfigError(f"{where}: expected a mapping (title, patterns, keywords)")
        keywords = rule.get("keywords") or []
        if not isinstance(keywords, list):
            raise ConfigError(f"{where}.keywords: expected a list")
        rules.append(
            TagRule(
                slug=slug,
                title=str(rule.get("title") or slug.replace("-", " ").capitalize()),
                description=str(rule.get("description") or ""),
                patterns=_patterns(rule.get("patterns"), f"{where}.patterns"),
                title_patterns=_patterns(rule.get("title_patterns"), f"{where}.title_patterns"),
                threshold=_fraction(rule, "threshold", 0.5, where),
                keywords=frozenset(str(k).strip().lower() for k in keywords),
            )
        )
    return tuple(rules)


def _fraction(section: dict, key: str, default: float, where: str) -> float:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ConfigError(f"{where}.{key}: expected a number from 0 to 1 (a probability)")
    return float(value)


def _borderline(value: object) -> bool:
    # YAML 1.1 reads a bare on/off as true/false: accept both spellings.
    if value in (True, "on"):
        return True
    if value in (False, "off"):
        return False
    raise ConfigError("extra.paperboy.topic.borderline: expected on or off (whether borderline papers are published)")


def _positive_int(section: dict, key: str, default: int) -> int:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"extra.paperboy.{key}: expected a whole number of at least 1")
    return value


def _http_policy(raw: object) -> HttpPolicy:
    if raw is None:
        return HttpPolicy()
    if not isinstance(raw, dict):
        raise ConfigError("extra.paperboy.http: expected a mapping")
    known = HttpPolicy.__dataclass_fields__
    values = {}
    for key, value in raw.items():
        if key not in known:
            raise ConfigError(f"extra.paperboy.http.{key}: unknown (known: {', '.join(known)})")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ConfigError(f"extra.paperboy.http.{key}: expected a number of at least 0")
        values[key] = int(value) if key == "attempts" else float(value)
    if values.get("attempts", 1) < 1:
        raise ConfigError("extra.paperboy.http.attempts: expected at least 1")
    return HttpPolicy(**values)


ARXIV_HOSTS = re.compile(r"(?:[a-z0-9-]+\.)*arxiv\.org", re.IGNORECASE)
"""arXiv's own hosts (export.arxiv.org, arxiv.org): its 3-second rule holds for them."""


def _arxiv_interval(raw: dict, api: str) -> float:
    """The seconds between arXiv requests: the environment, else the config, else 3; never
    under 3 for arXiv's own hosts."""
    where, value = "extra.paperboy.arxiv.interval", raw.get("interval", ArxivStream.interval)
    if os.environ.get("PAPERBOY_ARXIV_INTERVAL"):
        where, value = "PAPERBOY_ARXIV_INTERVAL", os.environ["PAPERBOY_ARXIV_INTERVAL"]
        try:
            value = float(value)
        except ValueError:
            raise ConfigError(f"{where}: expected a number of seconds, got {value[:40]!r}") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 60:
        raise ConfigError(f"{where}: expected a number of seconds from 0 to 60")
    host = urlsplit(api).hostname or ""
    if value < ArxivStream.interval and ARXIV_HOSTS.fullmatch(host):
        raise ConfigError(f"{where}: {value:g} s is less than the 3 s between requests arXiv asks for "
                          f"({host}); a shorter interval is only for a mirror or stand-in (PAPERBOY_ARXIV_API)")
    return float(value)


def _hub_lookups(raw: object) -> HubLookups:
    where = "extra.paperboy.hub"
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping (enabled, budget, interval, small, aliases)")
    default = HubLookups()
    enabled = raw.get("enabled", default.enabled)
    if not isinstance(enabled, bool):
        raise ConfigError(f"{where}.enabled: expected true or false")
    budget = raw.get("budget", default.budget)
    if isinstance(budget, bool) or not isinstance(budget, int) or not 0 <= budget <= 100_000:
        raise ConfigError(f"{where}.budget: expected a whole number of requests from 0 to 100000")
    interval = os.environ.get("PAPERBOY_HUB_INTERVAL", raw.get("interval", default.interval))
    try:
        interval = float(interval)
    except (TypeError, ValueError):
        interval = -1.0
    if not 0 <= interval <= 60:
        raise ConfigError(f"{where}.interval (or PAPERBOY_HUB_INTERVAL): expected seconds from 0 to 60")
    small = raw.get("small", default.small)
    if isinstance(small, bool) or not isinstance(small, (int, float)) or not 0 < small <= 10_000:
        raise ConfigError(f"{where}.small: expected billions of parameters, more than 0 and at most 10000")
    aliases = raw.get("aliases", {})
    name = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,95}")
    if not isinstance(aliases, dict) or not all(
            isinstance(org, str) and name.fullmatch(org) and isinstance(names, list)
            and all(isinstance(n, str) and name.fullmatch(n) for n in names) for org, names in aliases.items()):
        raise ConfigError(f"{where}.aliases: expected organization: [Hub namespaces], such as Tencent-Hunyuan: [tencent]")
    return HubLookups(enabled=enabled, budget=budget, interval=interval, small=float(small),
                      aliases=tuple((org, tuple(names)) for org, names in sorted(aliases.items())),
                      token=os.environ.get("HF_TOKEN", "").strip())


def _arxiv_stream(raw: object, api: str) -> ArxivStream:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError("extra.paperboy.arxiv: expected a mapping (categories, lookback_days, page_size, interval, compact_below)")
    default = ArxivStream()
    categories = raw.get("categories", list(default.categories))
    if isinstance(categories, str):
        categories = [categories]
    if not isinstance(categories, list) or not categories:
        raise ConfigError("extra.paperboy.arxiv.categories: expected a list of arXiv categories (cs.CL, cs.LG)")
    for category in categories:
        if not isinstance(category, str) or not CATEGORY_PATTERN.fullmatch(category):
            raise ConfigError(f"extra.paperboy.arxiv.categories: {str(category)[:40]!r} is not an arXiv category (cs.CL)")
    lookback = raw.get("lookback_days", default.lookback_days)
    if isinstance(lookback, bool) or not isinstance(lookback, int) or not 0 <= lookback <= 14:
        raise ConfigError("extra.paperboy.arxiv.lookback_days: expected a whole number from 0 to 14")
    page_size = raw.get("page_size", default.page_size)
    if isinstance(page_size, bool) or not isinstance(page_size, int) or not 1 <= page_size <= 2000:
        raise ConfigError("extra.paperboy.arxiv.page_size: expected a whole number from 1 to 2000 (arXiv's limit)")
    return ArxivStream(
        categories=tuple(dict.fromkeys(categories)),
        lookback_days=lookback,
        page_size=page_size,
        interval=_arxiv_interval(raw, api),
        compact_below=_fraction(raw, "compact_below", default.compact_below, "extra.paperboy.arxiv"),
    )


# The keys `extra.paperboy` may have, nested as its sections are; `_EACH` stands for a key the
# site names (a tag slug). Read off the records' own fields, so a new setting is known here
# the moment it has a field. Settings' other fields come from MkDocs' part of mkdocs.yml.
_EACH = "<each>"
_FROM_MKDOCS = {"config_file", "docs_dir", "site_dir", "theme_dir", "site_name", "site_url", "site_description"}


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


def _newsletter(raw: object) -> Newsletter | None:
    if raw is None:
        return None
    where = "extra.paperboy.newsletter"
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping (action, field, name)")
    action = raw.get("action")
    if not isinstance(action, str) or not re.fullmatch(r"https://[^/\s\"'<>]+[^\s\"'<>]*", action):
        raise ConfigError(f"{where}.action: expected the https URL the sign-up form posts to, got {action!r}")
    field = raw.get("field", "email")
    if not isinstance(field, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\[\]-]{0,63}", field):
        raise ConfigError(f"{where}.field: expected the form field's name (letters, digits, _ . - [ ]), got {field!r}")
    name = raw.get("name", "")
    if not isinstance(name, str):
        raise ConfigError(f"{where}.name: expected the service's name as text")
    return Newsletter(action, field, " ".join(name.split()))


def _thumbnails(value: object) -> str:
    # YAML 1.1 reads a bare off as false.
    value = "off" if value is False else value
    if value not in THUMBNAIL_MODES:
        raise ConfigError(f"extra.paperboy.thumbnails: expected one of {', '.join(THUMBNAIL_MODES)}, got {value!r}")
    return str(value)


def _theme_dir(cfg, path: Path) -> Path:
    custom_dir = cfg.theme.custom_dir
    if not custom_dir:
        raise ConfigError(f"{path}: theme.custom_dir must name the theme overrides folder (theme_overrides)")
    return Path(custom_dir)


def load_settings(config_file: str | Path = "mkdocs.yml") -> Settings:
    """Read mkdocs.yml with MkDocs' loader; raise ConfigError with a one-line reason."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    path = Path(config_file)
    if not path.is_file():
        raise ConfigError(f"{path}: no such config file (run from the site's folder or pass --config)")
    # MkDocs logs every config warning itself; keep them, but not its INFO chatter.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        cfg = load_config(str(path))
    except ConfigurationError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    section = (cfg.extra or {}).get("paperboy") or {}
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: extra.paperboy must be a mapping")
    unknown = _unknown_keys(section, _schema(), "extra.paperboy")
    if unknown:
        raise ConfigError(f"{path}: {'; '.join(unknown)}")
    topic_raw = section.get("topic") or {}
    if not isinstance(topic_raw, dict):
        raise ConfigError(f"{path}: extra.paperboy.topic must be a mapping")
    site_url = cfg.site_url or ""
    if not re.match(r"https?://[^/]+", site_url):
        raise ConfigError(f"{path}: site_url (or PAPERBOY_SITE_URL) must be the absolute http(s) URL of the site (feeds need it)")
    if not site_url.endswith("/"):
        site_url += "/"
    arxiv_api = os.environ.get("PAPERBOY_ARXIV_API") or section.get("arxiv_api") or DEFAULT_ARXIV_API
    return Settings(
        config_file=path,
        docs_dir=Path(cfg.docs_dir),
        site_dir=Path(cfg.site_dir),
        theme_dir=_theme_dir(cfg, path),
        site_name=cfg.site_name,
        site_url=site_url,
        site_description=cfg.site_description or "",
        topic=Topic(
            name=str(topic_raw.get("name") or ""),
            enabled=bool(topic_raw.get("enabled", True)),
            include=_patterns(topic_raw.get("include"), "extra.paperboy.topic.include"),
            exclude=_patterns(topic_raw.get("exclude"), "extra.paperboy.topic.exclude"),
            threshold=_fraction(topic_raw, "threshold", Topic.threshold, "extra.paperboy.topic"),
            arxiv_threshold=_fraction(topic_raw, "arxiv_threshold", Topic.arxiv_threshold, "extra.paperboy.topic"),
            borderline=_borderline(topic_raw.get("borderline", "on")),
            description=" ".join(str(topic_raw.get("description") or "").split()),
        ),
        tags=_tag_rules(section.get("tags")),
        feed_size=_positive_int(section, "feed_size", 50),
        trending_days=_positive_int(section, "trending_days", 7),
        hf_api=os.environ.get("PAPERBOY_HF_API") or section.get("hf_api") or DEFAULT_HF_API,
        arxiv_api=arxiv_api,
        arxiv=_arxiv_stream(section.get("arxiv"), arxiv_api),
        contact=str(section.get("contact") or site_url),
        http=_http_policy(section.get("http")),
        fetch_concurrency=_positive_int(section, "fetch_concurrency", 2),
        refetch_days=_positive_int(section, "refetch_days", 3),
        refresh_days=_positive_int(section, "refresh_days", 30),
        refresh_every=_positive_int(section, "refresh_every", 7),
        hub=_hub_lookups(section.get("hub")),
        search_shard_size=_positive_int(section, "search_shard_size", 3000),
        digest_unsubscribe=str(section.get("digest_unsubscribe") or ""),
        newsletter=_newsletter(section.get("newsletter")),
        thumbnails=_thumbnails(section.get("thumbnails", "previews")),
    )
