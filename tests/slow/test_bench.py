"""`make bench` end to end on a small synthetic site, so the 15-minute benchmark cannot rot."""

from __future__ import annotations

import re
from pathlib import Path

from benchmarks.bench import bench_site, chart, report, synthetic_days

from tests.support.browser import chromium_path


def test_the_benchmark_runs_every_stage_and_writes_its_report(tmp_path: Path):
    days, new_days = synthetic_days(tmp_path, 300)
    run = bench_site("Synthetic (300 papers)", days, new_days, tmp_path, topic=False)
    assert run.papers == 300
    names = [stage.name for stage in run.stages]
    assert names[:3] == ["import", "generate (cold)", "generate (nothing new)"]
    assert "build (full)" in names and names[-2:] == ["daily: import the new papers", "daily: build"]
    assert "incremental build" in run.stage("daily: build").note
    assert ": 0 files written" in run.stage("generate (nothing new)").note
    text = report([run])
    assert re.search(r"the daily build \(30 new papers\) takes \*\*\d+%\*\* of a full build", text)
    assert re.search(r"peak memory of any generate or build stage: \*\*\d+ MB\*\*", text)
    assert "paper page weight: " in text and "search index: " in text
    assert chart([run]).startswith("<svg")
    if chromium_path() is not None:
        measured = r"Pagefind, downloaded before the first result: \d+ KB as a host that compresses text sends it \(\d+ KB"
        assert re.search(measured, text), text
