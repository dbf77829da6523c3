"""The topic labels file, `content/topic/labels.yml`: the only code that reads or writes it.

What a label is and how the file's text is parsed and written: generator/topic/labels.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..topic.labels import Label, dumps_labels, parse_labels, relabel, supersedes
from .atomic import write_atomic


def read_labels(path: Path) -> dict[str, Label]:
    """The labels file, or no labels when there is none yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    return parse_labels(text, str(path))


def write_labels(path: Path, labels: Mapping[str, Label]) -> bool:
    """Write the labels file atomically; True when its bytes changed."""
    return write_atomic(path, dumps_labels(labels.values()).encode("utf-8"))


@dataclass(frozen=True)
class Recorded:
    """One label as it was recorded, and what it replaced."""

    label: Label
    """The label now in the file."""
    before: Label | None
    """The label it replaced (None: the paper had none), or, when `stale`, the newer one kept."""
    stale: bool = False
    """The file holds a newer decision for the paper (`supersedes`): nothing was written, and
    `label` is the one asked for, not applied."""


def record_labels(path: Path, new: Iterable[Label]) -> tuple[Recorded, ...]:
    """Record labels in the file, each over any label the paper had (see `relabel`), in order.

    The one writer of a person's decisions: `paperboy label` and a curator's comment on GitHub
    both come here, so a label means the same whichever way it came. A label decided before the
    one the file holds is not applied (`Recorded.stale`): the newest decision wins, whatever the
    order in which runs finish.
    """
    labels = read_labels(path)
    done = []
    for label in new:
        before = labels.get(label.arxiv_id)
        if not supersedes(before, label):
            done.append(Recorded(label, before, stale=True))
            continue
        labels[label.arxiv_id] = relabel(before, label)
        done.append(Recorded(labels[label.arxiv_id], before))
    if any(not item.stale for item in done):
        write_labels(path, labels)
    return tuple(done)
