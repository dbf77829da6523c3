"""What a page kind renders: files for the docs folder and for the theme folder."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Output:
    """A page kind's files, each as {path: text}."""

    docs: dict[str, str] = field(default_factory=dict)
    """Paths relative to docs_dir (Markdown pages MkDocs builds)."""
    theme: dict[str, str] = field(default_factory=dict)
    """Paths relative to the theme folder (HTML the theme includes)."""
