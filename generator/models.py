"""The Paper record and the rules every value in it obeys.

Everything that comes from outside (an API, a recorded file, a hand-edited page) becomes a
`Paper` through `make_paper`, which cleans each string once and rejects what cannot be a paper.
The rest of the code trusts a `Paper` and never re-validates it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from .errors import InvalidRecord

# New style: YYMM.NNNN (2007-2014) or YYMM.NNNNN (2015-), optional version suffix.
_NEW_ID = re.compile(r"(?P<id>\d{4}\.\d{4,5})(?:v(?P<version>\d+))?", re.ASCII)  # ASCII digits only
# Old style: archive[.SUBJECT]/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136.
_OLD_ID = re.compile(r"(?P<id>[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{7})(?:v(?P<version>\d+))?", re.ASCII)

MAX_TITLE = 1_000
MAX_ABSTRACT = 20_000
MAX_AUTHOR = 300
MAX_AUTHORS = 5_000
MAX_KEYWORD = 200
MAX_URL = 2_000
MAX_NOTE = 20_000
MAX_SUMMARY = 5_000
MAX_NAME = 300

TAG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CATEGORY_PATTERN = re.compile(r"[a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?")
DOI_PATTERN = re.compile(r"10\.\d{4,9}/[^\s\"<>\\]+")
HF_NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,95}")
"""A Hugging Face user or organization name: it becomes a URL path (`huggingface.co/<name>`), so
nothing else (no slash, no `..` at the start, no query or scheme) may pass."""

# Characters that are removed from every outside string: they are invisible, can reorder what a
# reader sees (bidi overrides), or cannot be written to XML at all (surrogates, U+FFFE/U+FFFF).
_KEEP_FORMAT = {"\u200c", "\u200d"}  # ZWNJ/ZWJ are needed to spell some scripts and emoji.


def _is_dropped(ch: str) -> bool:
    if ch in "\t\n\r":
        return False  # whitespace: collapsed, not dropped
    if ch in ("\ufffe", "\uffff"):
        return True
    category = unicodedata.category(ch)
    if category in ("Cc", "Cs"):
        return True
    return category == "Cf" and ch not in _KEEP_FORMAT


_WHITESPACE = re.compile(r"\s+")
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """Outside text made safe to store: control/format characters removed, NFC, one line."""
    if (
        value.isprintable()  # no control, format or surrogate character, no whitespace but " "
        and (value.isascii() or unicodedata.is_normalized("NFC", value))
        and "  " not in value
        and value[:1] != " "
        and value[-1:] != " "
    ):
        return value  # already clean, as every stored record is: checked at C speed
    return _clean(value)


def _clean(value: str) -> str:
    if value.isascii():  # ASCII is NFC and has no format characters: regexes, at C speed
        text = _ASCII_CONTROLS.sub("", value)
    else:
        text = "".join(ch for ch in value if not _is_dropped(ch))
        text = unicodedata.normalize("NFC", text)
    return _WHITESPACE.sub(" ", text).strip()


def _new_id_is_well_formed(arxiv_id: str) -> bool:
    # Numbers have 4 digits from 0704 to 1412 and 5 digits from 1501 on; months are 01-12.
    yymm, number = arxiv_id.split(".")
    month = int(yymm[2:])
    return 1 <= month <= 12 and (len(number) == 5) == (yymm >= "1501") and yymm >= "0704"


def parse_arxiv_id(raw: str) -> tuple[str, int | None]:
    """Split an arXiv identifier into (id without version, version or None).

    Accepts `2305.07759`, `2305.07759v3`, `hep-th/9901001`, `hep-th/9901001v2`, with or without
    an `arXiv:` prefix. Anything else raises InvalidRecord.
    """
    text = raw.strip() if isinstance(raw, str) else raw
    if text is None:
        raise InvalidRecord("arxiv_id", "is missing")
    if not isinstance(text, str):
        raise InvalidRecord("arxiv_id", f"expected a string, got {type(raw).__name__}")
    if text[:6].lower() == "arxiv:":
        text = text[6:]
    for pattern in (_NEW_ID, _OLD_ID):
        match = pattern.fullmatch(text)
        if match and (pattern is _OLD_ID or _new_id_is_well_formed(match.group("id"))):
            version = match.group("version")
            return match.group("id"), int(version) if version else None
    raise InvalidRecord("arxiv_id", f"not an arXiv identifier: {clean_text(str(raw))[:80]!r}")


def id_to_slug(arxiv_id: str) -> str:
    """The file and URL name of a paper: old-style ids trade their slash for an underscore."""
    return arxiv_id.replace("/", "_")


def slug_to_id(slug: str) -> str:
    """The inverse of `id_to_slug` (archive names never contain an underscore)."""
    return parse_arxiv_id(slug.replace("_", "/", 1))[0]


def id_month(arxiv_id: str) -> dt.date:
    """The first day of the month an arXiv id was issued in (ids encode YYMM)."""
    digits = arxiv_id.split("/")[-1][:4]
    year, month = int(digits[:2]), int(digits[2:4])
    return dt.date(2000 + year if year < 91 else 1900 + year, month, 1)


_URL_STRIPPED = dict.fromkeys(map(ord, "\t\r\n"))


def clean_url(value: object, field: str) -> str | None:
    """An http(s) URL with a host, or None when empty; anything else raises InvalidRecord."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InvalidRecord(field, f"expected a URL string, got {type(value).__name__}")
    # Browsers remove tab, CR and LF anywhere in a URL before parsing it (WHATWG URL standard:
    # "remove all ASCII tab or newline"); HF sends `https://github.com/owner/` + newline + `repo`.
    url = clean_text(value.translate(_URL_STRIPPED))
    if not url:
        return None
    if len(url) > MAX_URL or " " in url or not value.translate(_URL_STRIPPED).strip().isprintable():
        raise InvalidRecord(field, f"not a valid URL (a space or control character): {url[:60]!r}")
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise InvalidRecord(field, f"not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidRecord(field, f"only http(s) links are published, not {url[:60]!r}")
    if any(ch in url for ch in "<>\"'`\\"):
        raise InvalidRecord(field, "URL contains characters that are not allowed")
    return url


@dataclass(frozen=True)
class Paper:
    """One paper, as stored in `content/papers/<slug>.md` and shown on the site."""

    arxiv_id: str
    """arXiv identifier without version: `2305.07759` or `hep-th/9901001`."""
    title: str
    """Title as plain text (cleaned, one line)."""
    authors: tuple[str, ...] = ()
    """Author names in paper order; may be empty when only a count is known."""
    num_authors: int | None = None
    """How many authors the paper has, when that is known without the names."""
    abstract: str = ""
    """Abstract as plain text (cleaned, one paragraph)."""
    published: dt.date | None = None
    """Day the paper first appeared on arXiv."""
    featured: dt.date | None = None
    """Day the paper was (first) featured on Hugging Face Daily Papers."""
    upvotes: int = 0
    """Hugging Face upvotes, as last seen."""
    comments: int = 0
    """Hugging Face discussion comments, as last seen."""
    code: str | None = None
    """http(s) URL of the code repository."""
    stars: int | None = None
    """GitHub stars of `code`, as last seen."""
    project: str | None = None
    """http(s) URL of the project page."""
    keywords: tuple[str, ...] = ()
    """Keywords (Hugging Face `ai_keywords`)."""
    categories: tuple[str, ...] = ()
    """arXiv categories, the primary one first (`cs.CL`, `cs.LG`)."""
    version: int | None = None
    """Latest arXiv version seen (None: never looked up on arXiv)."""
    arxiv_comment: str = ""
    """The authors' arXiv comment: pages, figures, venue."""
    journal_ref: str = ""
    """Journal reference, once published."""
    doi: str = ""
    """DOI of the published version."""
    withdrawn: bool = False
    """True when arXiv says the paper was withdrawn."""
    ai_summary: str = ""
    """Hugging Face's one-line summary of the paper, written by a language model (shown marked
    as machine-written; the abstract stays the paper's own words)."""
    ai_summary_model: str = ""
    """The model Hugging Face names as the writer of `ai_summary` (e.g. `Qwen/Qwen2.5-Coder-32B-Instruct`)."""
    organization: str = ""
    """Hugging Face name of the organization the paper is filed under (`google`): its page is
    `huggingface.co/<organization>`; checked against HF_NAME_PATTERN."""
    organization_fullname: str = ""
    """That organization's display name (`Google`)."""
    submitted_by: str = ""
    """Hugging Face user name of whoever submitted the paper to Daily Papers; checked against
    HF_NAME_PATTERN."""
    submitted_by_fullname: str = ""
    """That user's display name."""
    tags: tuple[str, ...] = ()
    """Site tags (slugs), from the tag rules and from hand edits."""
    note: str = ""
    """A note written by hand by whoever runs the site; never touched by a fetch."""
    thumbnail: str | None = None
    """http(s) URL of Hugging Face's preview picture of the paper (its `thumbnail`), shown on
    cards and in link previews when `thumbnails` is on in mkdocs.yml."""

    @property
    def slug(self) -> str:
        return id_to_slug(self.arxiv_id)

    @property
    def day(self) -> dt.date | None:
        """The day the archive files this paper under: featured, else published (None: neither)."""
        return self.featured or self.published

    @property
    def sort_day(self) -> dt.date:
        """The day for ordering and feed timestamps; a paper with no day falls back to its id month."""
        return self.day or id_month(self.arxiv_id)

    @property
    def author_count(self) -> int:
        return len(self.authors) or (self.num_authors or 0)

    def replace(self, **changes: object) -> Paper:
        return dataclasses.replace(self, **changes)


def _text(value: object, field: str, limit: int, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidRecord(field, f"expected text, got {type(value).__name__}")
    text = clean_text(value)
    if required and not text:
        raise InvalidRecord(field, "is empty")
    if len(text) > limit:
        raise InvalidRecord(field, f"is {len(text)} characters long (limit {limit})")
    return text


def _count(value: object, field: str, *, optional: bool = False) -> int | None:
    if value is None or value == "":
        return None if optional else 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRecord(field, f"expected a whole number, got {type(value).__name__}")
    if value < 0:
        raise InvalidRecord(field, "is negative")
    return value


def _day(value: object, field: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise InvalidRecord(field, f"not a date: {clean_text(str(value))[:40]!r}")


def _strings(value: object, field: str, limit: int, count_limit: int) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)):
        raise InvalidRecord(field, f"expected a list, got {type(value).__name__}")
    if len(value) > count_limit:
        raise InvalidRecord(field, f"has {len(value)} entries (limit {count_limit})")
    items: list[str] = []
    for item in value:
        text = _text(item, field, limit)
        if text and text not in items:
            items.append(text)
    return tuple(items)


def _matching(value: object, field: str, pattern: re.Pattern[str], what: str) -> tuple[str, ...]:
    items = _strings(value, field, 200, 200)
    for item in items:
        if not pattern.fullmatch(item):
            raise InvalidRecord(field, f"{item[:60]!r} is not {what}")
    return items


def _doi(value: object) -> str:
    doi = _text(value, "doi", 200)
    if doi and not DOI_PATTERN.fullmatch(doi):
        raise InvalidRecord("doi", f"{doi[:60]!r} is not a DOI (10.NNNN/...)")
    return doi


def _flag(value: object, field: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InvalidRecord(field, f"expected true or false, got {type(value).__name__}")
    return value


def clean_hf_name(value: object, field: str) -> str:
    """A Hugging Face user or organization name ('' when empty); anything that is not one
    (it would become a URL path) raises InvalidRecord."""
    name = _text(value, field, MAX_NAME)
    if name and not HF_NAME_PATTERN.fullmatch(name):
        raise InvalidRecord(field, f"{name[:60]!r} is not a Hugging Face name (letters, digits, '.', '_', '-')")
    return name


def _tags(value: object) -> tuple[str, ...]:
    return _matching(value, "tags", TAG_PATTERN, "a tag slug (lowercase letters, digits, '-')")


def _optional_count(value: object, field: str) -> int | None:
    return _count(value, field, optional=True)


def _zero_or_more(value: object, field: str) -> int:
    return _count(value, field) or 0


def _limited(limit: int, *, required: bool = False) -> Callable[[object, str], str]:
    return lambda value, field: _text(value, field, limit, required=required)


CLEANERS: dict[str, Callable[[object, str], object]] = {
    "title": _limited(MAX_TITLE, required=True),
    "authors": lambda value, field: _strings(value, field, MAX_AUTHOR, MAX_AUTHORS),
    "num_authors": _optional_count,
    "abstract": _limited(MAX_ABSTRACT),
    "published": _day,
    "featured": _day,
    "upvotes": _zero_or_more,
    "comments": _zero_or_more,
    "code": clean_url,
    "stars": _optional_count,
    "project": clean_url,
    "keywords": lambda value, field: _strings(value, field, MAX_KEYWORD, 200),
    "categories": lambda value, field: _matching(value, field, CATEGORY_PATTERN, "an arXiv category"),
    "version": _optional_count,
    "arxiv_comment": _limited(MAX_NOTE),
    "journal_ref": _limited(MAX_TITLE),
    "doi": lambda value, field: _doi(value),
    "withdrawn": _flag,
    "ai_summary": _limited(MAX_SUMMARY),
    "ai_summary_model": _limited(MAX_NAME),
    "organization": clean_hf_name,
    "organization_fullname": _limited(MAX_NAME),
    "submitted_by": clean_hf_name,
    "submitted_by_fullname": _limited(MAX_NAME),
    "tags": lambda value, field: _tags(value),
    "note": _limited(MAX_NOTE),
    "thumbnail": clean_url,
}
"""The one table of a paper's fields after its id: how each value from outside is checked and
cleaned, in the order `Paper` declares them (so the first bad field is the one named). The
record's front matter (generator/storage/store.py) and its JSON form (`paper_to_json`) follow
`Paper`'s fields too: a new field is a `Paper` field, a line here, and its rule in merge.py."""

assert tuple(CLEANERS) == tuple(f.name for f in dataclasses.fields(Paper))[1:], "CLEANERS must follow Paper"


def make_paper(**values: object) -> Paper:
    """Build a Paper from untrusted values (`arxiv_id` and the keys of CLEANERS), cleaning each
    one; raises InvalidRecord(field, why)."""
    unknown = sorted(str(key) for key in values if key != "arxiv_id" and key not in CLEANERS)
    if unknown:
        raise InvalidRecord(unknown[0], "is not a field of a paper")
    paper_id, _version = parse_arxiv_id(values.get("arxiv_id"))  # type: ignore[arg-type]
    return Paper(paper_id, **{name: clean(values.get(name), name) for name, clean in CLEANERS.items()})


def paper_to_json(paper: Paper) -> dict[str, object]:
    """A paper as JSON values (dates as ISO strings, tuples as lists), every field present."""
    return {
        name: value.isoformat() if isinstance(value, dt.date) else list(value) if isinstance(value, tuple) else value
        for name, value in dataclasses.asdict(paper).items()
    }


def paper_from_json(fields: object) -> Paper:
    """The inverse of `paper_to_json`, checked like any value from outside (`make_paper`)."""
    if not isinstance(fields, dict):
        raise InvalidRecord("paper", f"expected an object, got {type(fields).__name__}")
    return make_paper(**{str(key): value for key, value in fields.items()})


@dataclass(frozen=True)
class Compact:
    """What a candidate nowhere near the topic keeps: enough to know it was seen and how it was
    judged, not enough to judge it again (generator/storage/candidates.py says why)."""

    arxiv_id: str
    """arXiv identifier without version."""
    categories: tuple[str, ...] = ()
    """arXiv categories, the primary one first."""
    published: dt.date | None = None
    """Day its first version was submitted (its day on the site, had it been kept)."""
    score: float = 0.0
    """The topic model's score when it was made compact."""
    model: str = ""
    """Which model gave that score: a short fingerprint of what it was trained from."""


COMPACT_FIELDS = ("arxiv_id", "categories", "published", "score", "model")


def compact_to_json(entry: Compact) -> dict[str, object]:
    """A compact candidate as JSON values; its keys tell it from a paper (it has no title)."""
    return {"arxiv_id": entry.arxiv_id, "categories": list(entry.categories),
            "published": entry.published.isoformat() if entry.published else None,
            "score": entry.score, "model": entry.model}


def compact_from_json(fields: dict[str, object]) -> Compact:
    """The inverse of `compact_to_json`, checked like any value from outside."""
    unknown = sorted(str(key) for key in fields if key not in COMPACT_FIELDS)
    if unknown:
        raise InvalidRecord(unknown[0], "is not a field of a compact candidate")
    arxiv_id, _version = parse_arxiv_id(fields.get("arxiv_id"))  # type: ignore[arg-type]
    score = fields.get("score")
    if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 1:
        raise InvalidRecord("score", "expected a number from 0 to 1")
    model = _text(fields.get("model"), "model", 64)
    return Compact(
        arxiv_id=arxiv_id,
        categories=_matching(fields.get("categories"), "categories", CATEGORY_PATTERN, "an arXiv category"),
        published=_day(fields.get("published"), "published"),
        score=float(score),
        model=model,
    )
