"""A deterministic synthetic archive: N papers in the Hugging Face `daily_papers` shape.

Written as one JSON file per day (about 14 papers a weekday), so it goes through the same
`paperboy import` path as the real archive. Same N, same files, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

WORDS = (
    "small language model distillation reasoning instruction tuning scaling law prompt code "
    "generation efficient inference quantization pruning sparse attention transformer memory "
    "benchmark evaluation dataset synthetic data alignment safety retrieval agent tool planning "
    "multilingual tokenizer vocabulary curriculum teacher student rationale chain thought math "
    "verification reward policy optimization preference feedback compression edge device mobile "
    "latency throughput context window long sequence state space mixture experts routing adapter "
    "low rank fine grained robust generalization emergent ability probing interpretability"
).split()
FIRST = ("Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "John", "Margaret", "Ken")
LAST = ("Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "McCarthy", "Hamilton", "Thompson")


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def make_archive(target: Path, count: int, *, seed: int = 20261128, per_day: int = 14) -> list[Path]:
    """Write `count` papers as daily files under `target`; returns the files."""
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    day = dt.date(2024, 1, 1)
    files, made = [], 0
    while made < count:
        if day.weekday() < 5:
            items = []
            for _ in range(min(per_day, count - made)):
                made += 1
                yymm = f"{day:%y%m}"
                items.append({
                    "paper": {
                        "id": f"{yymm}.{made:05d}",
                        "title": f"{_sentence(rng, 3).title()}: {_sentence(rng, rng.randint(4, 9))}",
                        "summary": ". ".join(_sentence(rng, rng.randint(12, 24)) for _ in range(8)) + ".",
                        "authors": [{"name": f"{rng.choice(FIRST)} {rng.choice(LAST)}"} for _ in range(rng.randint(1, 12))],
                        "publishedAt": f"{day.isoformat()}T00:00:00.000Z",
                        "upvotes": int(rng.paretovariate(1.2)) - 1,
                        "ai_keywords": [_sentence(rng, 2) for _ in range(rng.randint(0, 6))],
                        "githubRepo": f"https://github.com/example/repo{made}" if rng.random() < 0.3 else None,
                        "githubStars": rng.randint(0, 500) if rng.random() < 0.3 else None,
                    },
                    "numComments": rng.randint(0, 5),
                })
            path = target / f"{day.isoformat()}.json"
            path.write_text(json.dumps(items, indent=1))
            files.append(path)
        day += dt.timedelta(days=1)
    return files
