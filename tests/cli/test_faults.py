"""Faults: a kill at any moment, a full disk, a read-only disk. Nothing whole is ever lost.

Full and read-only disks are real: a small tmpfs mounted in a private mount namespace
(`unshare -rm`, no privileges needed), with the site copied onto it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from lxml import etree

from generator.storage.store import Store

from tests.support.inprocess import paperboy
from tests.support.site import FIXTURES, REPO, configure, make_site, snapshot


def kill_when(command: list[str], cwd: Path, ready, *, env: dict | None = None) -> None:
    """Start `command`, SIGKILL it as soon as `ready()` is true (it must still be running)."""
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not ready() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    assert process.poll() is None, "the run ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_a_kill_during_import_leaves_every_record_whole(archive, empty_site):
    configure(empty_site, topic=False)
    files = [str(p) for p in sorted(archive.glob("2025-0[4-6]-*.json"))]
    papers = empty_site / "content" / "papers"
    command = [sys.executable, "-m", "generator", "import", *files]
    for at in (1, 400, 900):
        kill_when(command, empty_site, lambda: len(list(papers.glob("*.md"))) >= at)
        assert Store(papers).load_all().problems == ()
    paperboy(empty_site, "import", *files)  # what the process did to the files is checked: the rest in-process
    clean = make_site(empty_site.parent / "clean", with_papers=False)
    configure(clean, topic=False)
    paperboy(clean, "import", *files)
    assert snapshot(papers) == snapshot(clean / "content" / "papers"), "the rerun ends where a clean run does"


def test_a_kill_during_generate_leaves_every_output_whole(archive, empty_site):
    configure(empty_site, topic=False)
    paperboy(empty_site, "import", *map(str, sorted(archive.glob("2025-0[4-6]-*.json"))))
    feeds = empty_site / "content" / "feeds" / "tags"
    content = empty_site / "content"
    command = [sys.executable, "-m", "generator", "generate"]
    # A fresh site's folders are written aside, then renamed into place: killed half-way, the
    # folder is not there at all, and the next run starts it again.
    kill_when(command, empty_site, lambda: (content / ".archive.tmp").exists())
    assert not (content / "archive").exists()
    kill_when(command, empty_site, lambda: (content / "archive").exists())
    staging = re.compile(r"/\.[^/]+\.tmp/")  # hidden: MkDocs leaves out every dot-folder
    for page in content.rglob("*.md"):
        assert staging.search(page.as_posix()) or page.read_text().strip(), page
    for feed in (content / "feeds").rglob("*.xml"):
        etree.parse(str(feed))  # every feed that exists is whole XML
    paperboy(empty_site, "generate")
    leftovers = [p for root in (content, empty_site / "theme_overrides") for p in root.rglob(".*.tmp")]
    assert leftovers == [], "the next run removes what the killed one was writing"
    first = snapshot(content)
    result = paperboy(empty_site, "generate")
    assert "records: 0 files written" in result.stderr and snapshot(content) == first
    del feeds


# --- full and read-only disks, in a private mount namespace ---------------------------------

HELPER = textwrap.dedent(
    """
    import json, os, shutil, subprocess, sys
    from pathlib import Path

    mode, source, mount, day = sys.argv[1:5]
    mount = Path(mount)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)], check=True)
    site = mount / "site"
    shutil.copytree(source, site, symlinks=True)
    papers = site / "content" / "papers"
    if mode == "full":
        free = shutil.disk_usage(mount).free
        with open(mount / "filler", "wb") as handle:  # leave less room than one record needs
            try:
                handle.write(b"x" * (free - 1024))
            except OSError:
                pass
    elif mode == "readonly-records":
        subprocess.run(["mount", "--bind", str(papers), str(papers)], check=True)
        subprocess.run(["mount", "-o", "remount,bind,ro", str(papers)], check=True)
    elif mode == "readonly":
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    before = {p.name: p.read_bytes() for p in papers.glob("*.md")}
    result = subprocess.run([sys.executable, "-m", "generator", "import", day], cwd=site,
                            capture_output=True, text=True)
    after = {p.name: p.read_bytes() for p in papers.glob("*.md")}
    leftovers = sorted(p.name for p in papers.iterdir() if p.name.endswith(".tmp"))
    print(json.dumps({"code": result.returncode, "stderr": result.stderr,
                      "changed": sorted(n for n in before if after.get(n) != before[n]),
                      "leftovers": leftovers}))
    """
)


def unshare_available() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode == 0


@pytest.fixture
def in_namespace(tmp_path: Path):
    if not unshare_available():
        if os.environ.get("CI"):
            pytest.fail("unshare -rm is not available: the disk-fault tests cannot run")
        pytest.skip("unshare -rm is not available here")
    helper = tmp_path / "helper.py"
    helper.write_text(HELPER)
    mount = tmp_path / "mnt"
    mount.mkdir()

    def run(mode: str, site: Path, day: Path) -> dict:
        env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(["unshare", "-rm", sys.executable, str(helper), mode, str(site), str(mount), str(day)],
                                capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    return run


def hostile_update(tmp_path: Path) -> Path:
    """A day that updates a bundled record first, then brings new papers."""
    items = json.loads((FIXTURES / "hf-daily-papers-2026-05-13.json").read_bytes())
    items[0]["paper"]["id"] = "2305.07759"
    items[0]["paper"]["title"] = "TinyStories: small language models"
    items[0]["paper"]["upvotes"] = 999
    day = tmp_path / "2026-05-13.json"
    day.write_text(json.dumps(items))
    return day


def test_a_full_disk_is_a_clear_error_and_changes_nothing(in_namespace, site, tmp_path):
    outcome = in_namespace("full", site, hostile_update(tmp_path))
    assert outcome["code"] == 1
    assert "cannot write" in outcome["stderr"] and "No space left on device" in outcome["stderr"]
    assert "(the file is left as it was)" in outcome["stderr"]
    assert outcome["changed"] == [] and outcome["leftovers"] == []
    assert "Traceback" not in outcome["stderr"]


def test_read_only_records_are_a_clear_error_and_change_nothing(in_namespace, site, tmp_path):
    outcome = in_namespace("readonly-records", site, hostile_update(tmp_path))
    assert outcome["code"] == 1
    assert "2305.07759.md: Read-only file system" in outcome["stderr"]
    assert outcome["changed"] == [] and "Traceback" not in outcome["stderr"]


def test_a_read_only_site_is_a_clear_error_and_changes_nothing(in_namespace, site, tmp_path):
    outcome = in_namespace("readonly", site, hostile_update(tmp_path))
    assert outcome["code"] == 1
    assert "cannot create the lock file" in outcome["stderr"] and "Read-only file system" in outcome["stderr"]
    assert outcome["changed"] == [] and "Traceback" not in outcome["stderr"]
