"""The cache (generator/storage/cache.py): each file in `.paperboy-cache/` only ever costs time.

A truncated, corrupt or foreign file (another version's format, another cache file, a pickle)
reads as "nothing cached": the build that follows is the same site, and no file of it is ever
run as code.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from generator.build import build
from generator.config import load_settings
from generator.storage.cache import FILES, STATE

from tests.support.site import make_site, pagefind_unstable


class _Touch:
    """Unpickling this creates a file: proof that a pickle was run."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (Path.touch, (self.path,))


def _tree(root: Path) -> dict[str, bytes]:
    """The built site, the generated pages and the theme fragments (the outputs of a build)."""
    found = {}
    for folder in ("site", "content", "theme_overrides"):
        for path in sorted((root / folder).rglob("*")):
            relative = path.relative_to(root).as_posix()
            if path.is_file() and not pagefind_unstable(relative.removeprefix("site/")):
                found[relative] = path.read_bytes()
    return found


def _spoilers(root: Path, name: str) -> dict[str, bytes]:
    """Ways the file `name` can be wrong, each as the bytes to put there."""
    data = (root / ".paperboy-cache" / name).read_bytes()
    other = FILES[(FILES.index(name) + 1) % len(FILES)]
    return {
        "truncated": data[: len(data) // 2],
        "another cache file": (root / ".paperboy-cache" / other).read_bytes(),
        "the right shape with wrong values": _wrong_values(json.loads(data)),
        "a pickle (not JSON either)": pickle.dumps({"papers": _Touch(root / "pickle-ran")}),
    }


def _wrong_values(value: object) -> bytes:
    """Every leaf replaced by a value of another type, keys kept."""
    def spoil(item: object) -> object:
        if isinstance(item, dict):
            return {key: spoil(v) for key, v in item.items()}
        if isinstance(item, list):
            return [spoil(v) for v in item]
        return [item] if not isinstance(item, str) else {"x": item}
    return json.dumps(spoil(value)).encode()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """The bundled site built once; its outputs, to compare every later build with."""
    root = make_site(tmp_path_factory.mktemp("cache") / "src")
    report = build(load_settings(root / "mkdocs.yml"))
    assert report.ok
    assert sorted(p.name for p in (root / ".paperboy-cache").iterdir()) == sorted(FILES)
    return root, _tree(root)


@pytest.mark.parametrize("name", FILES)
def test_a_spoilt_cache_file_gives_the_same_site(built: tuple[Path, dict[str, bytes]], name: str):
    """Whatever is in the file, the next build is the site a good cache gives, and the file is
    written anew, whole."""
    root, expected = built
    settings = load_settings(root / "mkdocs.yml")
    cache = root / ".paperboy-cache"
    for how, data in _spoilers(root, name).items():
        (cache / name).write_bytes(data)
        if name != STATE:  # else `generate` trusts the state and never reads the other files
            (cache / STATE).unlink()
        report = build(settings)
        assert report.ok, how
        assert _tree(root) == expected, how
        assert not (root / "pickle-ran").exists(), "a cache file was run as code"
        json.loads((cache / name).read_bytes())  # remade, as JSON


def test_a_cache_that_cannot_be_written_only_costs_time(site: Path):
    """A file where the cache folder should be: the build still succeeds."""
    (site / ".paperboy-cache").write_text("not a folder")
    report = build(load_settings(site / "mkdocs.yml"))
    assert report.ok and report.site is not None and report.site.full
    os.unlink(site / ".paperboy-cache")
