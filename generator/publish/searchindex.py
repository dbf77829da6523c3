"""The search index: Pagefind over the built paper pages, in shards of at most `search_shard_size`.

Pagefind holds a whole index in memory while it builds it: 1.3 GB for the 9.5k papers of the
real archive. So the papers are split, by arXiv month (oldest first), into shards of at most
`search_shard_size` pages (mkdocs.yml, `extra.paperboy`; 3,000 by default: with real abstracts
Pagefind needs about 130 KB a page, so that stays under 500 MB). Each shard is its own Pagefind
bundle (`pagefind/` for the first, `pagefind-<month>/` for the others), and the search page
merges them (Pagefind's `mergeIndex`, which loads its code once and then costs a shard's
metadata and one index chunk per query).
`pagefind/paperboy-shards.js` tells the search page which bundles there are.

A shard whose pages' indexed text (the `<article>` of each paper page) is unchanged since the
last run is left as it is (a page is read again only when its output changed); usually only the
newest shard is indexed again. Pagefind writes into
an existing bundle without touching the files that are already right (half the time of writing
them all anew) but never removes a file, so afterwards the files its new metadata does not name
are removed. If the metadata cannot account for every page, the bundle is made anew.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .. import urls
from ..errors import PaperboyError
from ..progress import progress
from ..storage.cache import Cache, code_fingerprint, stat_key

BUNDLE = urls.SEARCH_BUNDLE
SHARDS_SCRIPT = "paperboy-shards.js"
HASHED_FOLDERS = ("fragment", "index", "filter")
_HASH = re.compile(rb"_([0-9a-f]{6,})")
"""A file's hash in the metadata: files are named `<language>_<hash>.<kind>`; the bytes before
a name (its CBOR length) may be letters, so the hash is what is matched."""
_ARTICLE = re.compile(rb"<article\b.*?</article>", re.S)
log = logging.getLogger("paperboy")


@dataclass(frozen=True)
class Shard:
    bundle: str
    """Its folder in the site: `pagefind` or `pagefind-<first month>`."""
    prefixes: tuple[str, ...]
    """The paper folders it holds, by name prefix: `2405.` (a month) or `hep-th_` (an old archive)."""
    folders: tuple[str, ...]

    @property
    def pages(self) -> int:
        return len(self.folders)


def month_of(folder: str) -> str:
    """`2405.01234` -> `2405.`; an old-style id folder `hep-th_9901001` -> `hep-th_`."""
    head, dot, _ = folder.partition(".")
    return head + dot if dot and head.isdigit() else folder.partition("_")[0] + "_"


def plan_shards(folders: list[str], size: int) -> list[Shard]:
    """Whole months, oldest first, packed into shards of at most `size` pages (a single month
    larger than that is a shard of its own)."""
    months: dict[str, list[str]] = {}
    for folder in folders:
        months.setdefault(month_of(folder), []).append(folder)
    order = sorted(months, key=lambda m: (m[0].isdigit(), m))  # old-style archives first
    groups: list[list[str]] = []
    count = 0
    for month in order:
        if not groups or count + len(months[month]) > size:
            groups.append([])
            count = 0
        groups[-1].append(month)
        count += len(months[month])
    return [
        Shard(urls.search_shard_dir(i, group[0].rstrip("._")), tuple(group),
              tuple(folder for month in group for folder in months[month]))
        for i, group in enumerate(groups)
    ]


def glob_of(shard: Shard) -> str:
    return urls.papers_output_glob(shard.prefixes)


def run_pagefind(site_dir: Path, shard: Shard) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", glob_of(shard),
               "--output-subdir", shard.bundle, "--quiet"]
    result = subprocess.run(command, check=False)
    if result.returncode != 0:
        raise PaperboyError(f"pagefind failed on {shard.bundle} (exit {result.returncode}); see its messages above")


def prune(bundle: Path) -> bool:
    """Remove the files the bundle's current index does not name; False (nothing removed) when
    the metadata cannot be read or does not name a fragment for every page."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        live: set[str] = set()
        metas: set[str] = set()
        pages = 0
        for language in entry["languages"].values():
            meta = f"pagefind.{language['hash']}.pf_meta"
            live |= {name.decode() for name in _HASH.findall(gzip.decompress((bundle / meta).read_bytes()))}
            metas.add(meta)
            pages += int(language["page_count"])
        hashed = [p for folder in HASHED_FOLDERS if (bundle / folder).is_dir() for p in (bundle / folder).iterdir()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False

    def named(path: Path) -> bool:
        return path.name.split(".")[0].rpartition("_")[2] in live

    if sum(1 for p in hashed if p.parent.name == "fragment" and named(p)) < pages:
        return False
    for path in hashed:
        if not named(path):
            path.unlink()
    for path in bundle.glob("pagefind.*.pf_meta"):
        if path.name not in metas:
            path.unlink()
    return True


def _page_digests(site_dir: Path, folders: list[str], known: dict) -> dict[str, list]:
    """Per paper page, a digest of what search indexes of it (its article) with the stats of the
    page it was read from; a page whose stats are as `known` from the last run is not read again."""
    digests = {}
    for folder in folders:
        page = site_dir / urls.paper_page_output(folder)
        stats = list(stat_key(page))
        old = known.get(folder)
        if isinstance(old, list) and len(old) == 3 and old[:2] == stats:
            digests[folder] = old
            continue
        article = b"".join(_ARTICLE.findall(page.read_bytes()))
        digests[folder] = [*stats, hashlib.blake2b(article, digest_size=16).hexdigest()]
    return digests


def shards_script(shards: list[Shard]) -> str:
    """The bundles after the first, for the search page (relative to it, `search/`)."""
    others = [urls.search_shard_url(shard.bundle) for shard in shards[1:]]
    return f"window.PAPERBOY_SEARCH_SHARDS = {json.dumps(others)};\n"


@dataclass(frozen=True)
class Indexed:
    """What `index_search` did."""

    made: int
    """Shards indexed anew (the others were unchanged)."""
    shards: int
    remade: int = 0
    """Shards whose old files could not be told from new ones, so they were made from scratch."""


def _make_shard(site_dir: Path, shard: Shard) -> int:
    """Run Pagefind on one shard; 1 when its bundle had to be made from scratch, else 0."""
    run_pagefind(site_dir, shard)
    if prune(site_dir / shard.bundle):
        return 0
    log.warning("search index: cannot tell the current files of %s from old ones "
                "(Pagefind's metadata format changed?); making it anew", shard.bundle)
    shutil.rmtree(site_dir / shard.bundle)
    run_pagefind(site_dir, shard)
    return 1


def index_search(site_dir: Path, cache: Cache, shard_size: int) -> Indexed:
    """Every paper page of the built site into the search shards."""
    papers = site_dir / urls.PAPERS
    folders = sorted(p.name for p in papers.iterdir() if (p / "index.html").is_file()) if papers.is_dir() else []
    shards = plan_shards(folders, shard_size)
    # Shards made by other code or another Pagefind (whose bundles must not be mixed) are made again.
    made_by = [code_fingerprint(), metadata.version("pagefind"), str(site_dir.resolve())]
    previous = cache.load_search_manifest()
    if previous is None or previous["made_by"] != made_by:
        previous = {"shards": {}, "pages": {}}
    pages = _page_digests(site_dir, folders, previous["pages"])
    done: dict[str, str] = {}
    indexed = remade = 0
    with progress("search index", len(shards), "shard") as bar:
        for shard in shards:
            digest = hashlib.blake2b(json.dumps([[f, pages[f][2]] for f in shard.folders]).encode(),
                                     digest_size=16).hexdigest()
            bundle = site_dir / shard.bundle
            if not (previous["shards"].get(shard.bundle) == digest and (bundle / "pagefind-entry.json").is_file()):
                remade += _make_shard(site_dir, shard)
                indexed += 1
            done[shard.bundle] = digest
            bar.update()
    for stale in site_dir.glob(f"{BUNDLE}-*"):
        if stale.is_dir() and stale.name not in done:
            shutil.rmtree(stale)
    (site_dir / BUNDLE).mkdir(exist_ok=True)
    (site_dir / BUNDLE / SHARDS_SCRIPT).write_text(shards_script(shards), encoding="utf-8")
    cache.save_search_manifest({"made_by": made_by, "shards": done, "pages": pages})
    return Indexed(indexed, len(shards), remade)
