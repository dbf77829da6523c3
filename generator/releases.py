"""What a paper released on the Hugging Face Hub: its models, datasets and Spaces.

The records (`Repo`, `Listed`, `Releases`) and the rules every part of the code shares about
them: whose a repository is, how big a model is and how that is said, the size bands of the
shelf, and the bands that keep stored counts from moving every day. Made by
generator/sources/hub/, stored by generator/storage/hub.py, shown by generator/render/shelf.py.
Pure: values in, values out.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

KINDS = ("models", "datasets", "spaces")
"""What a paper can release, as the Hub's API names the lists."""
RELATIONS = ("finetune", "quantized", "adapter", "merge")
"""How a model is made from another, as the Hub's `base_model:<relation>:<id>` tags say."""
RELATION_WORDS = {"finetune": "fine-tune", "quantized": "quantization", "adapter": "adapter", "merge": "merge"}
BANDS = (("under-1b", "under 1B", 1e9), ("1-4b", "1-4B", 4e9), ("4-10b", "4-10B", 10e9),
         ("10-40b", "10-40B", 40e9), ("over-40b", "over 40B", math.inf))
"""The shelf's size bands: (slug, label, upper bound, exclusive); no size: `unknown`."""

# Bounds: what an answer or a file may say. Outside them a value is dropped with a warning
# naming the repository (generator/sources/hub/parse.py, generator/storage/hub.py).
MIN_PARAMS, MAX_PARAMS = 10_000, 20 * 10**12
"""Parameters a model may have: 10 thousand to 20 trillion."""
MAX_DOWNLOADS = 10**10
MAX_LIKES = 10**7
MAX_COUNT = 10**6
"""Repositories citing one paper."""
FIRST_DAY = dt.date(2016, 1, 1)
"""No repository on the Hub is older."""

_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9_])?"
REPO_ID = re.compile(rf"{_NAME}/{_NAME}", re.ASCII)
"""`owner/name` as the Hub allows them: it becomes a link to `huggingface.co/<id>`, so nothing
else (no `..`, no scheme, no quote, no space) may pass."""
NAMESPACE = re.compile(_NAME, re.ASCII)
"""A Hub user or organization, as the first half of REPO_ID."""
WORD = re.compile(r"[a-z0-9][a-z0-9.+-]{0,63}", re.ASCII)
"""A licence or task name as the Hub's tags say them (`apache-2.0`, `text-generation`)."""
FORMATS = ("gguf", "mlx", "awq", "gptq", "bitsandbytes")
"""How weights are stored when not plain, as `Repo.format` says it."""

_NUMBER = r"\d{1,4}(?:\.\d{1,3})?"
_SIZE = re.compile(  # `8x7B`, `30B-A3B`, `1.7B`, `135M` standing alone in a name
    rf"(?<![A-Za-z0-9.])(?:(?P<experts>\d{{1,3}})x(?P<each>{_NUMBER})(?P<eunit>[BbMm])"
    rf"|(?P<total>{_NUMBER})(?P<tunit>[BbMm])(?:-[Aa](?P<active>{_NUMBER})(?P<aunit>[BbMm]))?)(?![A-Za-z0-9])")
_ACTIVE = re.compile(rf"(?<![A-Za-z0-9.])[Aa](?P<active>{_NUMBER})(?P<aunit>[BbMm])(?![A-Za-z0-9])")
SIZE_TEXT = re.compile(rf"(?:\d{{1,3}}x{_NUMBER}[BM]|{_NUMBER}[BM](?:-A{_NUMBER}[BM])?|A{_NUMBER}[BM])", re.ASCII)
"""A size as stored: what `size_in_name` returns."""


@dataclass(frozen=True)
class Repo:
    """One repository on the Hub that cites a paper."""

    repo_id: str
    """`owner/name`, checked against the Hub's rule (it becomes a URL)."""
    downloads: int = 0
    """Downloads in the last 30 days (0 when the Hub says nothing); stored as its band (`banded`)."""
    likes: int = 0
    """Likes; stored as its band (`banded`)."""
    params: int | None = None
    """Parameters as counted: the Hub's safetensors count when no weights are packed, a GGUF
    file's count, or, for a quantization, its base model's count; None when none is right."""
    size: str = ""
    """The size its name says (`1.7B`, `135M`, `8x7B`, `30B-A3B`), or its base model's name's
    for a model derived from one whose own name says none; empty when no name says one."""
    relation: str = ""
    """How it is made from another model (one of RELATIONS), empty for an original."""
    base: str = ""
    """The model it is made from (`owner/name`), when the Hub says."""
    format: str = ""
    """How its weights are stored when not plain (`gguf`, `mlx`, `awq`, `gptq`, `bitsandbytes`)."""
    task: str = ""
    """The Hub's `pipeline_tag` (`text-generation`...), empty when unknown."""
    license: str = ""
    """From the `license:` tag, empty when unknown."""
    gated: bool | None = None
    """Whether downloading needs an approval (`gated: "auto"|"manual"`); None: the Hub did not say."""
    created: dt.date | None = None
    """When it was created on the Hub."""
    modified: dt.date | None = None
    """When it was last changed on the Hub."""

    @property
    def owner(self) -> str:
        return self.repo_id.split("/", 1)[0]

    @property
    def total(self) -> float | None:
        """Its size as one number, for the bands and "small": the count, else the name's total."""
        if self.params is not None:
            return float(self.params)
        return size_value(self.size)[0] if self.size else None


@dataclass(frozen=True)
class Listed:
    """One kind of release of one paper, as one lookup found it."""

    count: int
    """How many repositories cite the paper (counted up to the pages asked)."""
    more: bool
    """There were more than the pages counted: `count` is a floor."""
    kept: tuple[Repo, ...]
    """The ones kept (`keep`), by id."""


@dataclass(frozen=True)
class Releases:
    """Everything the Hub lists as citing one paper, by kind."""

    arxiv_id: str
    kinds: dict[str, Listed] = field(default_factory=dict)
    """`models`, `datasets`, `spaces`: what a lookup found (a kind never looked up is absent)."""
    authors: tuple[str, ...] = ()
    """The Hub namespaces that are the authors' own (`whose_namespaces`), decided at lookup."""

    def of(self, kind: str) -> Listed:
        return self.kinds.get(kind) or Listed(0, False, ())

    @property
    def empty(self) -> bool:
        return all(self.of(kind).count == 0 for kind in KINDS)

    def own(self, repo: Repo) -> bool:
        """Whether `repo` is the paper's authors' own: its owner is one of their namespaces."""
        return repo.owner.lower() in {name.lower() for name in self.authors}


# Sizes.

def _value(number: str, unit: str) -> float:
    return float(number) * (1e9 if unit in "Bb" else 1e6)


def _text(number: str, unit: str) -> str:
    return f"{number}{unit.upper()}"


def size_in_name(repo_id: str) -> str:
    """The size a repo's name states, as people write it (`Qwen3-1.7B` -> `1.7B`,
    `Mixtral-8x7B` -> `8x7B`, `Qwen3-30B-A3B` -> `30B-A3B`, `Hunyuan-A13B` -> `A13B`, the
    active size alone); empty when it says none, or two different ones (`1.5B-to-7B`: unknown
    rather than wrong)."""
    name = repo_id.rsplit("/", 1)[-1]
    found = set()
    active_only = [_text(m["active"], m["aunit"]) for m in _ACTIVE.finditer(name)]
    for match in _SIZE.finditer(name):
        if match["experts"]:
            found.add(f"{int(match['experts'])}x{_text(match['each'], match['eunit'])}")
        elif match["active"]:
            found.add(f"{_text(match['total'], match['tunit'])}-A{_text(match['active'], match['aunit'])}")
        else:
            found.add(_text(match["total"], match["tunit"]))
    if not found and len(set(active_only)) == 1:
        found.add("A" + active_only[0])
    if len(found) != 1:
        return ""
    size = found.pop()
    return size if size_in_range(size) else ""


def size_in_range(size: str) -> bool:
    """Whether a stored size is one a model can have (its total, or its active size)."""
    total, active = size_value(size)
    value = total if total is not None else active
    return value is not None and MIN_PARAMS <= value <= MAX_PARAMS


def size_value(size: str) -> tuple[float | None, float | None]:
    """(total, active) parameters of a size as stored (`30B-A3B` -> 30e9, 3e9; `8x7B` -> 56e9,
    None; `1.7B` -> 1.7e9, None); (None, None) when it is not one."""
    match = _SIZE.fullmatch(size)
    if not match:
        alone = _ACTIVE.fullmatch(size)
        return (None, _value(alone["active"], alone["aunit"])) if alone else (None, None)
    if match["experts"]:
        return int(match["experts"]) * _value(match["each"], match["eunit"]), None
    active = _value(match["active"], match["aunit"]) if match["active"] else None
    return _value(match["total"], match["tunit"]), active


def short(params: float) -> str:
    """A count in three figures: 68.5M, 1.71B, 135M, 32.8B, 2B."""
    for scale, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if params >= scale * 0.9995 or unit == "K":
            value = params / scale
            text = f"{value:.3g}"
            return (text if "e" not in text else f"{value:.0f}") + unit
    return str(int(params))  # pragma: no cover - the loop always returns


def size_label(repo: Repo) -> str:
    """How a model's size is said: the name's size first (`1.7B`, `30B, 3B active`, `8x7B`),
    with the count beside it when they differ by more than a tenth (`33M, 68.5M counted`); the
    count alone when no name says one; `size unknown` without either."""
    if repo.size.startswith("A"):  # the active size alone: the count is the total
        active = repo.size[1:]
        return f"{short(repo.params)}, {active} active" if repo.params is not None else f"{active} active"
    if repo.size:
        total, active = size_value(repo.size)
        said = repo.size.split("-A")[0] + (f", {repo.size.split('-A')[1]} active" if active else "")
        if repo.params is not None and total and abs(repo.params - total) > 0.1 * total:
            return f"{said}, {short(repo.params)} counted"
        return said
    if repo.params is not None:
        return short(repo.params)
    return "size unknown"


def band(total: float | None) -> str:
    """The size band's slug of a parameter count (`unknown` without one)."""
    if total is None:
        return "unknown"
    return next(slug for slug, _, upper in BANDS if total < upper)


# Whose.

def _words(name: str) -> set[str]:
    return {word for word in re.split(r"[^a-z0-9]+", name.lower()) if word}


def whose_namespaces(organization: str, aliases: Iterable[str], repos: Iterable[Repo], fullname: str = "") -> tuple[str, ...]:
    """The Hub namespaces that are the paper's authors' own, decided when it is looked up.

    The paper's organization on Hugging Face and the site's aliases for it (`hub.aliases`:
    `Tencent-Hunyuan: [tencent]`), when a repository citing the paper is in one of them.
    Otherwise the namespace that published the first original model citing the paper (the
    earliest created that is not made from another model): the authors publish first, a
    stranger's look-alike comes after. When the paper names an organization, that namespace
    must be made of the organization's words (`tencent` of `Tencent-Hunyuan`, or of its full
    name), so a stranger's upload never passes for an organization's. None when nothing says."""
    repos = list(repos)
    named = [name for name in (organization, *aliases) if name]
    owners = {repo.owner.lower() for repo in repos}
    if any(name.lower() in owners for name in named):
        return tuple(dict.fromkeys(named))
    originals = [repo for repo in repos if not repo.relation and repo.created is not None]
    if not originals:
        return tuple(dict.fromkeys(named))
    first = min(originals, key=lambda repo: (repo.created, repo.repo_id))
    if organization and not _words(first.owner) <= _words(organization) | _words(fullname):
        return tuple(dict.fromkeys(named))
    return tuple(dict.fromkeys([*named, first.owner]))


def keep(repos: Iterable[Repo], authors: tuple[str, ...], *, kept_before: Iterable[str] = (), own: int = 50,
         newest: int = 5, most: int = 10) -> tuple[Repo, ...]:
    """What is kept of one kind, by id: the authors' own (up to `own`), then of the others the
    `newest` created and the `most` downloaded (then liked). A repository kept before counts
    its downloads twice in that ranking, so two near the tenth place do not swap every refresh."""
    names = {name.lower() for name in authors}
    before = set(kept_before)
    mine = [r for r in repos if r.owner.lower() in names]
    others = [r for r in repos if r.owner.lower() not in names]
    chosen = {r.repo_id: r for r in sorted(mine, key=lambda r: (-r.downloads, r.repo_id))[:own]}
    dated = sorted((r for r in others if r.created), key=lambda r: (r.created, r.repo_id), reverse=True)
    chosen.update((r.repo_id, r) for r in dated[:newest])
    ranked = sorted(others, key=lambda r: (-r.downloads * (2 if r.repo_id in before else 1), -r.likes, r.repo_id))
    chosen.update((r.repo_id, r) for r in ranked[:most])
    return tuple(sorted(chosen.values(), key=lambda r: r.repo_id))


# Counts that do not move every day.

def banded(count: int, stored: int | None = None) -> int:
    """A count as stored: the power of ten it reaches (1,234 -> 1,000; 296 -> 100; 3 -> 1; 0 -> 0),
    which a page shows as "1,000+". A count that grew keeps its stored power until it reaches
    twice the next one, and falls to a lower one as soon as it is below it, so ordinary drift
    rewrites nothing and "1,000+" stays true."""
    if count <= 0:
        return 0
    floor = 10 ** (len(str(count)) - 1)
    if stored is not None and is_banded(stored) and stored >= 1 and stored <= count < 20 * stored:
        return stored
    return floor


def is_banded(count: int) -> bool:
    """Whether a count is as `banded` stores it (0 or a power of ten)."""
    return count == 0 or (count > 0 and str(count).rstrip("0") == "1")


@dataclass(frozen=True)
class Schedule:
    """When papers are looked up again (generator/lookups.py), as stored between runs."""

    cursor: str = ""
    """The monthly rotation's place: the last paper it refreshed, as `<day> <id>`
    (`2025-07-04 2507.03160`); a lap goes from the newest older paper down; empty at its start."""
    lap_started: dt.date | None = None
    """The day the rotation's current lap began (every paper once a lap)."""
    lap_end: str = ""
    """The last paper of the current lap (`<day> <id>`, the oldest): a lap covers the papers
    that were older when it began; one that grew older since is the first of the next lap."""
    looked: dict[str, dt.date] = field(default_factory=dict)
    """When each recent paper (the last `refresh_days` days) was last looked up: the weekly refresh."""
    retry: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Kinds whose lookup failed, by paper: asked again on the next run."""
