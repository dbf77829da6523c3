"""The Hub's test papers (ids of the test site's records) and the answers no real repository
gives: hostile items and values out of range. Parsed alone by tests/unit/test_hub.py, served by
the stand-in Hub (hub_standin.py) to the real `paperboy fetch` in tests/cli/test_hub.py."""

from __future__ import annotations

import datetime as dt

TODAY = dt.date(2026, 12, 6)
TINY = "2305.07759"  # TinyStories: 4 models by its authors, a GGUF by others, 3 datasets, 2 Spaces; no organization
POPULAR = "2507.03160"  # 300 fine-tunes, and a new one with 3 downloads
QWEN, GEMMA, SMOL, HUNYUAN = "2505.07961", "2407.05841", "2411.17501", "2412.13337"
HOSTILE = "2306.07951"
FAULTY = "2308.04711"
HTML_PAGE = "2310.03262"
MISSING = "2310.08513"
LIMITED = "2310.11324"  # a 429 that says its window only in the `RateLimit` header
OUT_OF_RANGE = "2311.11045"
HOSTILE_ITEMS = [
    {"id": "<script>alert(1)</script>/x", "downloads": 5},
    {"id": "../../etc/passwd", "downloads": 4},
    {"id": "evil/model\"onmouseover=\"alert(1)", "downloads": 3},
    {"id": "ok-user/inert-model-1B", "downloads": 2, "likes": "many", "pipeline_tag": "<img src=x onerror=alert(1)>",
     "tags": ["license:<b>mit</b>", f"arxiv:{HOSTILE}", "base_model:finetune:../x"], "gated": "sometimes",
     "createdAt": "yesterday", "safetensors": {"total": "lots"}},
    "not an object",
]
WILD = [  # sizes, counts and dates no repository has
    {"id": "big-user/huge-1B", "downloads": 10**40, "likes": 10**20, "createdAt": "9999-12-31T00:00:00Z",
     "safetensors": {"parameters": {"F32": 10**30}, "total": 10**30}, "tags": [f"arxiv:{OUT_OF_RANGE}"]},
]
NEW_FINETUNE = {"id": "newbie/SmolLM2-135M-math-ft", "downloads": 3, "likes": 0, "pipeline_tag": "text-generation",
                "tags": [f"arxiv:{POPULAR}", "base_model:finetune:org/base-135M"], "createdAt": "2026-12-01T08:00:00.000Z"}
