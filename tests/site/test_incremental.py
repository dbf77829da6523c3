"""`paperboy build` rebuilds only what changed, and what it makes is the site a full build makes.

Every test builds real sites with the real commands (MkDocs --strict, Pagefind) and compares
the built files byte for byte with a full build of the same inputs.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from generator.build import build as build_pipeline
from generator.config import load_settings
from generator.publish.mkdocs import SiteBuild

from tests.support.site import make_site, pagefind_unstable, run_paperboy

MANIFEST = Path(".paperboy-cache") / "site.json"


def build(root: Path, *, full: bool = False) -> SiteBuild:
    """The build pipeline on the site in `root`; returns what it did to site/."""
    report = build_pipeline(load_settings(root / "mkdocs.yml"), full=full)
    assert report.ok and report.site is not None and report.search is not None
    assert report.search.shards == 1 and report.search.remade == 0, "the search bundle is pruned, not made anew"
    assert [stage for stage, _ in report.seconds] == ["topic", "generate", "site", "search index"]
    return report.site


def tree_sources(root: Path) -> list[str]:
    """The files MkDocs builds from the site's docs_dir."""
    from generator.publish.incremental import docs_files

    return docs_files(root / "content")


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not pagefind_unstable(p.relative_to(site).as_posix())}


def fragments(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / "theme_overrides" / "generated").glob("*.html")}


def search_files(site: Path) -> dict[str, int]:
    """Files per folder of the search bundle (some of their names vary between runs)."""
    counts: dict[str, int] = {}
    for path in (site / "pagefind").rglob("*"):
        if path.is_file():
            key = path.parent.name if path.parent.name != "pagefind" else path.suffix
            counts[key] = counts.get(key, 0) + 1
    return counts


def full_build_of(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """The same inputs, built from scratch somewhere else (and the same number of search files)."""
    other = make_site(tmp_path / "reference", with_papers=False)
    shutil.rmtree(other / "content" / "papers")
    shutil.copytree(root / "content" / "papers", other / "content" / "papers")
    shutil.copy(root / "mkdocs.yml", other / "mkdocs.yml")
    assert build(other, full=True) == SiteBuild(True, "asked for", len(tree_sources(other)), len(tree_sources(other)))
    assert search_files(root / "site") == search_files(other / "site"), "no stale search files"
    return tree(other / "site")


def test_a_new_day_rebuilds_a_few_pages_and_gives_the_full_build_site(tmp_path: Path):
    root = make_site(tmp_path / "src")
    papers = root / "content" / "papers"
    held = tmp_path / "held"
    held.mkdir()
    for name in ("2505.07961.md", "2411.08028.md"):  # the "new day": two papers, shown on old pages
        shutil.move(papers / name, held / name)
    assert build(root).reason == "no record of an earlier build"
    before = fragments(root)

    for record in held.iterdir():
        shutil.move(record, papers / record.name)
    edited = papers / "2305.02301.md"  # and a hand edit of an old record
    edited.write_text(edited.read_text().replace("upvotes: 0", "upvotes: 7", 1))
    done = build(root)

    assert not done.full and done.files == len(tree_sources(root))
    assert 0 < done.rebuilt < done.files / 2
    assert done.reason == f"{done.rebuilt} of {done.files} files changed"
    # Papers whose record did not change but whose related list did: their pages are rebuilt too.
    after = fragments(root)
    assert {name for name in before if before[name] != after[name]} - {"2305.02301.html"}
    assert tree(root / "site") == full_build_of(root, tmp_path)
    assert "▲ 7" in (root / "site" / "papers" / "2305.02301" / "index.html").read_text()


def test_nothing_new_rebuilds_nothing_and_repairs_tampered_output(tmp_path: Path):
    root = make_site(tmp_path / "src")
    build(root)
    site = root / "site"
    first = tree(site)
    files = len(json.loads((root / MANIFEST).read_text())["files"])
    sitemap = (site / "sitemap.xml").stat().st_mtime_ns
    assert build(root) == SiteBuild(False, f"0 of {files} files changed", 0, files)
    assert (site / "sitemap.xml").stat().st_mtime_ns == sitemap, "MkDocs, which writes the sitemap each time, did not run"

    (site / "sitemap.xml").unlink()  # made by MkDocs from no file of docs_dir: a build makes it again
    assert build(root) == SiteBuild(False, f"0 of {files} files changed", 0, files)
    assert tree(site) == first

    (site / "papers" / "2305.02301" / "index.html").unlink()
    (site / "tags" / "distillation" / "index.html").write_text("defaced")
    again = build(root)
    assert not again.full and again.rebuilt == 2
    assert tree(site) == first


def test_a_removed_record_or_a_theme_change_means_a_full_build(tmp_path: Path):
    root = make_site(tmp_path / "src")
    build(root)
    (root / "content" / "papers" / "2305.02301.md").unlink()
    done = build(root)
    assert done.full and re.fullmatch(r"\d+ files removed since the last build, such as \S+", done.reason)
    assert not (root / "site" / "papers" / "2305.02301").exists()
    assert tree(root / "site") == full_build_of(root, tmp_path)

    main = root / "theme_overrides" / "main.html"
    main.write_text(main.read_text().replace("{% block extrahead %}", "{% block extrahead %}<!-- changed -->"))
    done = build(root)
    assert done.full and done.reason == "the config, theme, packages or generator changed"
    assert "<!-- changed -->" in (root / "site" / "papers" / "2301.12726" / "index.html").read_text()


def test_a_failed_build_leaves_nothing_to_trust(tmp_path: Path):
    root = make_site(tmp_path / "src")
    build(root)
    broken = root / "content" / "broken.md"
    broken.write_text("# Broken\n\n[nowhere](missing.md)\n")  # a warning: --strict fails
    result = run_paperboy(root, "build", check=False)
    assert result.returncode == 1
    assert not (root / MANIFEST).exists()
    broken.unlink()
    done = build(root)
    assert done.full and done.reason == "no record of an earlier build"


def test_the_search_bundle_keeps_only_what_its_index_names(built_site: Path, tmp_path: Path):
    from generator.publish.searchindex import prune

    bundle = tmp_path / "pagefind"
    shutil.copytree(built_site / "pagefind", bundle)
    pages = len(list((built_site / "papers").glob("*/index.html")))
    stray = [bundle / "fragment" / "en_0123456789.pf_fragment", bundle / "index" / "en_abcdef0.pf_index",
             bundle / "pagefind.en_0000000000.pf_meta"]
    for path in stray:
        path.write_bytes(b"from an earlier build")
    assert prune(bundle)
    assert not any(path.exists() for path in stray)
    assert len(list((bundle / "fragment").iterdir())) == pages
    assert search_files(tmp_path) == search_files(built_site)

    # Metadata it cannot read: nothing is removed, and the caller makes the bundle anew.
    for path in stray:
        path.write_bytes(b"from an earlier build")
    next(p for p in bundle.glob("*.pf_meta") if p not in stray).write_bytes(b"not gzip")
    assert not prune(bundle)
    assert all(path.exists() for path in stray)
