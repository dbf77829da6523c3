"""The topic labels file, `content/topic/labels.yml`: the only code that reads or writes it.

What a label is and how the file's text is parsed and written: generator/topic/labels.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import ConfigError
from ..topic.labels import Label, dumps_labels, parse_labels
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
