"""Hostile strings, as a stranger could put them in any field of a fetched paper, and a site
built from a day of them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .site import configure, make_site, run_paperboy

HOSTILE_STRINGS = [
    "<script>alert('title')</script>",
    "</title><script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[ref]: javascript:alert(1)",
    "---\ntitle: owned\n---",
    "key: value",
    "!!python/object/apply:os.system ['echo owned']",
    "{{ config.site_name }} {% include 'base.html' %}",
    "{: onclick=\"alert(1)\" }",
    "# Heading",
    "- item",
    "1. item",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "<!-- material/tags -->",
    '--8<-- "/etc/passwd"',
    "a\x00b\x1b[31mc\u202eevil\u200b",
    "*emph* _under_ `code` \\ back\\slash &amp; & < >",
    "G_{stack} 54.6\\% $\\mathtt{F}$",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\" onmouseover=\"alert(1)",
    "' onmouseover='alert(1)",
    "$\\href{javascript:alert(1)}{x}$ and $<script>alert(1)</script>$ and $\\unknown{$",
]


def hostile_day() -> list:
    """A day of Daily Papers items in the API's shape, hostile in every field we read.

    Items 1..len(HOSTILE_STRINGS) are benign papers carrying hostile text (they must be
    published, inert); the items after them are malformed (they must be skipped and named).
    """
    items = []
    for i, text in enumerate(HOSTILE_STRINGS):
        items.append({
            "paper": {
                "id": f"2401.{i + 1:05d}",
                "title": f"{text} small language models",
                "summary": f"A small language model. {text}",
                "authors": [{"name": text}, {"name": "Ada Lovelace"}, {"_id": "no name"}],
                "publishedAt": "2024-01-01T00:00:00.000Z",
                "upvotes": i,
                "githubRepo": "javascript:alert(1)" if i % 2 else "https://github.com/ok/repo",
                "projectPage": "data:text/html,<script>alert(1)</script>",
                "ai_keywords": [text, "small language models"],
                "githubStars": None,
                "ai_summary": f"{text} summary",
                "ai_summary_model": text,
                # Even items: a real HF name and a hostile display name; odd items: a hostile
                # name, which must not become a link (the organization is left out and named).
                "organization": {"name": f"org-{i}" if i % 2 == 0 else text, "fullname": f"{text} org"},
                "submittedOnDailyBy": {"name": f"user-{i}" if i % 2 == 0 else text, "fullname": f"{text} user"},
            },
            "numComments": 1,
        })
    benign_extra = [
        # An old-style id with a slash, a duplicate of item 1 (merged), nulls where allowed.
        {"paper": {"id": "hep-th/9901001", "title": "Tiny strings, small language models", "summary": None,
                   "authors": [], "upvotes": None, "publishedAt": None}},
        {"paper": {"id": "2401.00001v2", "title": "duplicate small language models", "upvotes": 99}},
    ]
    malformed = [
        {"paper": {"id": "../../../etc/passwd", "title": "small language model"}},
        {"paper": {"id": "2401.99999", "title": "small language model", "upvotes": "9; rm -rf /"}},
        {"paper": {"id": "2401.99998", "title": "x" * 5000}},
        {"paper": {"id": "2401.99997", "title": "small language model", "summary": "y" * 30000}},
        {"paper": {"id": "2401.99996", "title": 12345}},
        {"paper": {"id": "2401.99995"}},
        {"paper": {"id": "2401.99994", "title": "small language model", "authors": "Ada Lovelace"}},
        {"paper": {"id": "2401.99993", "title": "small language model"}, "numComments": "5"},
        {"paper": {"id": None, "title": "small language model"}},
        {"paper": "a string"},
        {"no paper": True},
        None,
        ["a", "list"],
        "a string",
    ]
    items += benign_extra + malformed
    return items


BENIGN = len(HOSTILE_STRINGS) + 1  # distinct papers published: the duplicate merges into item 1
MALFORMED = 14


@dataclass(frozen=True)
class HostileSite:
    """An empty site that imported `hostile_day()` with the topic filter off, then was built."""

    root: Path
    """The site's folder (mkdocs.yml, content/, site/)."""
    site: Path
    """The built site."""
    imported: str
    """stderr of the import."""
    before: frozenset[Path]
    """Every path under root's parent before the import: the run may write only in content/ and site/."""


def make_hostile_site(folder: Path) -> None:
    """Build the hostile site in folder/src, and keep what `hostile_site` reads back beside it."""
    base = folder / "base"
    root = make_site(base / "src", with_papers=False)
    configure(root, topic=False)  # every well-formed item is published, whatever it is about
    day = base / "2024-01-02.json"
    day.write_text(json.dumps(hostile_day()))
    (folder / "before.txt").write_text("\n".join(sorted(str(p) for p in base.rglob("*"))))
    result = run_paperboy(root, "import", str(day))
    (folder / "import.log").write_text(result.stderr)
    run_paperboy(root, "build")


def hostile_site(folder: Path) -> HostileSite:
    """The site `make_hostile_site(folder)` built."""
    root = folder / "base" / "src"
    before = frozenset(Path(p) for p in (folder / "before.txt").read_text().splitlines())
    return HostileSite(root, root / "site", (folder / "import.log").read_text(), before)
