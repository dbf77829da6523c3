"""Search in shards, the plan: each Pagefind bundle holds whole arXiv months, oldest first
(the built bundles and the search page: tests/site/test_search_shards.py, tests/browser/)."""

from __future__ import annotations

from generator.publish.searchindex import BUNDLE, month_of, plan_shards


def test_shards_hold_whole_months_oldest_first():
    folders = ["2401.00001", "2401.00002", "2402.00001", "2403.00001", "2403.00002", "2403.00003",
               "hep-th_9901001", "2410.00001"]
    assert month_of("2401.00001") == "2401." and month_of("hep-th_9901001") == "hep-th_"
    shards = plan_shards(folders, 3)
    assert [s.prefixes for s in shards] == [("hep-th_", "2401."), ("2402.",), ("2403.",), ("2410.",)]
    assert [s.bundle for s in shards] == [BUNDLE, "pagefind-2402", "pagefind-2403", "pagefind-2410"]
    assert sum(s.pages for s in shards) == len(folders)
    assert [s.pages for s in plan_shards(folders, 100)] == [len(folders)], "a small site has one index"
