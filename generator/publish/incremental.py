"""Rebuild only the pages whose inputs changed: MkDocs' `--dirty`, told exactly what is stale.

MkDocs' own `--dirty` rebuilds a page when its source file is newer than its output. Alone that
is not a correct site: a paper page whose related-papers fragment (a theme include) changed is
not rebuilt, a fresh checkout rebuilds everything, and the output of a removed page stays.

So Paperboy keeps a manifest of the last successful build (`.paperboy-cache/site.json`): for
every file of docs_dir, a hash of what its output is made from (its bytes; for a paper page also
its fragment) and the stats of the output as that build left it. Before MkDocs runs, the output
of every file whose hash changed, or whose output is not as recorded, is removed (MkDocs then
builds it) and every other output is dated after its source (MkDocs then skips it).

A full build instead, whenever something every page depends on changed (mkdocs.yml, the theme
folder, any installed package or the generator's code), a file was removed since the last build
(its output, and links to it, must go), or there is no usable manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .. import urls
from ..config import Settings
from ..storage.cache import SITE, Cache, code_fingerprint, stat_key


def _digest(*chunks: bytes) -> str:
    h = hashlib.blake2b(digest_size=16)
    for chunk in chunks:
        h.update(len(chunk).to_bytes(8, "little"))
        h.update(chunk)
    return h.hexdigest()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b"\x00missing"


def site_fingerprint(settings: Settings) -> str:
    """What every page depends on: config, theme (not the fragments), packages, our code."""
    theme = sorted(
        (p.relative_to(settings.theme_dir).as_posix(), _digest(p.read_bytes()))
        for p in settings.theme_dir.rglob("*")
        if p.is_file() and p.relative_to(settings.theme_dir).parts[0] not in urls.THEME_GENERATED_DIRS
    ) if settings.theme_dir.is_dir() else []
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    # site_url too: mkdocs.yml may take it from PAPERBOY_SITE_URL, and every page links to it.
    parts = [settings.config_file.read_text(encoding="utf-8", errors="replace"), settings.site_url, theme,
             packages, code_fingerprint(), sys.version]
    return _digest(json.dumps(parts).encode())


def docs_files(docs_dir: Path) -> list[str]:
    """The files MkDocs builds from docs_dir (it leaves out dot-files and dot-folders, and the
    data folders mkdocs.yml excludes: candidates and topic labels)."""
    found = []
    for folder, dirs, files in os.walk(docs_dir):
        base = Path(folder).relative_to(docs_dir)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and f"{(base / d).as_posix()}/" not in urls.UNPUBLISHED
        )
        found += [(base / name).as_posix() for name in files if not name.startswith(".")]
    return sorted(found)


def input_hash(settings: Settings, source: str) -> str:
    chunks = [(settings.docs_dir / source).read_bytes()]
    slug = urls.paper_slug_of(source)
    if slug is not None:
        chunks.append(_read(settings.theme_dir / urls.fragment_path(slug)))
    return _digest(*chunks)


@dataclass
class Plan:
    full: bool
    reason: str
    hashes: dict[str, str]
    stale: list[str] = field(default_factory=list)
    """Files whose output is rebuilt (all of them in a full build)."""
    fingerprint: str = ""


def _stat(path: Path) -> list[int] | None:
    try:
        return list(stat_key(path))
    except OSError:
        return None


def plan(settings: Settings) -> Plan:
    """Compare the docs files with the last build's manifest; change nothing on disk."""
    fingerprint = site_fingerprint(settings)
    sources = docs_files(settings.docs_dir)
    hashes = {source: input_hash(settings, source) for source in sources}
    manifest = Cache.beside(settings.config_file).load_site_manifest()
    if manifest is None or manifest["site_dir"] != str(settings.site_dir.resolve()):
        return Plan(True, "no record of an earlier build", hashes, sources, fingerprint)
    built = manifest["files"]
    if manifest["fingerprint"] != fingerprint:
        return Plan(True, "the config, theme, packages or generator changed", hashes, sources, fingerprint)
    removed = sorted(set(built) - set(hashes))
    if removed:
        return Plan(True, f"{len(removed)} files removed since the last build, such as {removed[0]}", hashes, sources, fingerprint)
    stale = [
        source for source in sources
        if source not in built or built[source][0] != hashes[source]
        or _stat(settings.site_dir / urls.output_of(source)) != built[source][1]
    ]
    return Plan(False, f"{len(stale)} of {len(sources)} files changed", hashes, stale, fingerprint)


MKDOCS_MADE = ("sitemap.xml", "404.html")
"""Outputs MkDocs makes from no file of docs_dir: the manifest cannot vouch for them."""


def nothing_to_build(settings: Settings, chosen: Plan) -> bool:
    """True when the site is what the last build made of these same inputs: no stale file
    (every input hashes as recorded, every output has the size and time the build left it
    with) and MkDocs' own outputs in place."""
    return not chosen.full and not chosen.stale and all((settings.site_dir / name).is_file() for name in MKDOCS_MADE)


def prepare(settings: Settings, chosen: Plan) -> None:
    """Make MkDocs' `--dirty` rebuild exactly the stale files: remove their output, and date
    every other output after its source."""
    stale = set(chosen.stale)
    for source in chosen.hashes:
        output = settings.site_dir / urls.output_of(source)
        if source in stale:
            output.unlink(missing_ok=True)
            continue
        src_ns = (settings.docs_dir / source).stat().st_mtime_ns
        out = output.stat()
        if out.st_mtime_ns <= src_ns:
            os.utime(output, ns=(out.st_atime_ns, src_ns + 1_000_000_000))


def record(settings: Settings, chosen: Plan) -> None:
    """After a successful build: what each output was made from, and how it was left."""
    files = {
        source: [digest, _stat(settings.site_dir / urls.output_of(source))]
        for source, digest in chosen.hashes.items()
    }
    manifest = {"fingerprint": chosen.fingerprint, "site_dir": str(settings.site_dir.resolve()), "files": files}
    Cache.beside(settings.config_file).save_site_manifest(manifest)


def forget(settings: Settings) -> None:
    """Before a build: a build that fails half-way must not leave a manifest that vouches for it."""
    Cache.beside(settings.config_file).forget(SITE)
