"""The package's rooms: names a newcomer cannot mix up (issue 32)."""

from __future__ import annotations

import itertools
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"


def _one_letter_apart(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def test_no_two_modules_are_named_one_letter_apart():
    """`released`/`releases`, `label`/`labels`, `model`/`models` were; none is now."""
    names = {p.stem for p in PACKAGE.rglob("*.py") if p.stem != "__init__" and "__pycache__" not in p.parts}
    names |= {p.name for p in PACKAGE.rglob("*") if p.is_dir() and p.name not in ("__pycache__", "templates")}
    assert [(a, b) for a, b in itertools.combinations(sorted(names), 2) if _one_letter_apart(a, b)] == []
    assert _one_letter_apart("released", "releases") and _one_letter_apart("label", "labels")
