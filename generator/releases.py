"""What a paper released on the Hugging Face Hub: its models, datasets and Spaces.

The records (`Repo`, `Listed`, `Releases`) and the rules every part of the code shares about
them: the size read from a repo's name, the order of the top repositories, the size bands of
the models shelf, the rounding that keeps the stored counts from moving every day, and which
models are the authors' own. Made by generator/sources/hub.py, stored by
generator/storage/releases.py, shown by generator/render/releases.py.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

KINDS = ("models", "datasets", "spaces")
"""What a paper can release, as the Hub's API names the lists."""
TOP = 10
"""Repositories kept per paper and kind: the most downloaded (then liked)."""
BANDS = (("under-1b", "under 1B", 1e9), ("1-4b", "1-4B", 4e9), ("4-10b", "4-10B", 10e9),
         ("over-10b", "over 10B", math.inf))
"""The models shelf's size bands: (slug, label, upper bound, exclusive); no size: `unknown`."""

_SIZE_IN_NAME = re.compile(r"(?<![A-Za-z0-9.])(\d+(?:\.\d+)?)([MBmb])(?![A-Za-z0-9])")


@dataclass(frozen=True)
class Repo:
    """One repository on the Hub that cites a paper."""

    repo_id: str
    """`owner/name`, checked against the Hub's rule (it becomes a URL)."""
    downloads: int
    """Downloads in the last 30 days, as the Hub counts them (0 when it says nothing)."""
    likes: int
    params: int | None = None
    """Parameters (models): the Hub's `safetensors.total`, else read from the name, else None."""
    params_from_name: bool = False
    """`params` was read from the repo's name (`0.5B`, `135M`), not counted by the Hub."""
    task: str = ""
    """The Hub's `pipeline_tag` (`text-generation`...), empty when unknown."""
    license: str = ""
    """From the `license:` tag, empty when unknown."""
    gated: bool | None = None
    """Whether downloading needs an approval (`gated: "auto"|"manual"`); None: the Hub did not say."""
    created: dt.date | None = None
    derived: bool = False
    """The Hub tags it as made from another model (`base_model:finetune:`, `...:quantized:`,
    `...:adapter:`, `...:merge:`): a fine-tune, quantization, adapter or merge."""


@dataclass(frozen=True)
class Listed:
    """One kind of release of one paper, as one lookup found it."""

    count: int
    """How many repositories cite the paper (counted up to MAX_PAGES pages)."""
    more: bool
    """There were more than the pages counted: `count` is a floor."""
    top: tuple[Repo, ...]
    """The TOP most downloaded, then most liked."""
    dropped: tuple[str, ...]
    """One line per repository left out, naming it and why."""


@dataclass(frozen=True)
class Releases:
    """Everything the Hub lists as citing one paper, by kind."""

    arxiv_id: str
    kinds: dict[str, Listed] = field(default_factory=dict)
    """`models`, `datasets`, `spaces`: what one lookup found (a kind never looked up is absent)."""

    def of(self, kind: str) -> Listed:
        return self.kinds.get(kind) or Listed(0, False, (), ())

    @property
    def empty(self) -> bool:
        return all(self.of(kind).count == 0 for kind in KINDS)


def size_in_name(repo_id: str) -> int | None:
    """Parameters as a repo's name states them (`Qwen2.5-0.5B`, `SmolLM2-135M`), or None."""
    name = repo_id.rsplit("/", 1)[-1]
    found = _SIZE_IN_NAME.findall(name)
    if len(found) != 1:
        return None  # none, or ambiguous (`1.5B-to-7B`): unknown rather than wrong
    number, unit = found[0]
    value = float(number) * (1e9 if unit in "Bb" else 1e6)
    return int(value) if 1e6 <= value <= 5e12 else None


def ranked(repos: list[Repo]) -> tuple[Repo, ...]:
    """The TOP most downloaded, then most liked, then by id (so ties repeat)."""
    return tuple(sorted(repos, key=lambda r: (-r.downloads, -r.likes, r.repo_id))[:TOP])


def rounded(count: int) -> int:
    """A count that moves every day, kept to two significant figures (1,234 -> 1,200; 87 -> 87):
    a day's refresh then rewrites only the files whose counts really moved."""
    if count < 100:
        return count
    scale = 10 ** (len(str(count)) - 2)
    return round(count / scale) * scale


def band(params: int | None) -> str:
    """The size band's slug of a parameter count (`unknown` without one)."""
    if params is None:
        return "unknown"
    return next(slug for slug, _, upper in BANDS if params < upper)


def size_label(params: int | None) -> str:
    """135M, 1.7B, 70B: how a model's size is said."""
    if params is None:
        return "size unknown"
    if params >= 1e9:
        value = params / 1e9
        return f"{value:.1f}B".replace(".0B", "B") if value < 10 else f"{value:.0f}B"
    return f"{params / 1e6:.0f}M"


def by_authors(repo: Repo, organization: str | None) -> bool:
    """Whether a repo is the paper's authors' own. Where Hugging Face names the paper's
    organization: its owner is that organization (case aside). Otherwise: it is not tagged as
    made from another model (a fine-tune, quantization, adapter or merge by someone else says
    `base_model:<relation>:<model>` on the Hub; an original checkpoint does not)."""
    if organization:
        return repo.repo_id.split("/", 1)[0].lower() == organization.lower()
    return not repo.derived
