"""What each paper released on the Hugging Face Hub, through the real commands: `paperboy
fetch` against a stand-in Hub on 127.0.0.1 (tests/support/hub_standin.py) with families shaped
like real ones (tests/fixtures/hub/), stored beside the records, and shown by the real `paperboy
build`: the paper page's "Released" section, the cards' mark, the models page and its feed.
Hostile answers stay text; faults lose nothing. Parsing, the files and the schedule, in this
process: tests/unit/test_hub.py.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import feedparser
import lxml.html
import pytest
from lxml import etree

from generator.storage.hub import ReleaseStore

from tests.support.hub_papers import (
    FAULTY, GEMMA, HOSTILE, HOSTILE_ITEMS, HTML_PAGE, HUNYUAN, LIMITED, MISSING, NEW_FINETUNE, OUT_OF_RANGE, POPULAR, QWEN,
    SMOL, TINY, WILD,
)
from tests.support.hub_standin import Hub, families, many_models, recorded
from tests.support.inprocess import paperboy
from tests.support.site import configure, make_site, run_paperboy


# Through the real commands.

def _hub() -> Hub:
    hub = Hub()
    for kind in ("models", "datasets", "spaces"):
        hub.repos[(kind, TINY)] = recorded(kind, TINY)
    for arxiv_id, family in families().items():
        hub.repos[("models", arxiv_id)] = family["models"]
    hub.repos[("models", POPULAR)] = [*many_models(POPULAR, 300), NEW_FINETUNE]
    hub.repos[("models", HOSTILE)] = HOSTILE_ITEMS
    hub.repos[("models", OUT_OF_RANGE)] = WILD
    hub.repos[("models", FAULTY)] = [{"id": "faulty-org/recovered-2B", "downloads": 10,
                                      "safetensors": {"total": 2_000_000_000}, "createdAt": "2023-08-20T00:00:00Z"}]
    hub.repos[("models", LIMITED)] = [{"id": "patient/model-350M", "downloads": 40, "createdAt": "2023-10-20T00:00:00Z"}]
    hub.faults[("models", FAULTY)] = [429, 503]  # retried: stored all the same
    hub.faults[("datasets", FAULTY)] = ["truncated"] * 3  # every try: named, the rest stored, asked again next run
    hub.faults[("spaces", HTML_PAGE)] = ["html"] * 3
    hub.faults[("datasets", MISSING)] = [404]  # not retried: named
    hub.faults[("models", LIMITED)] = ["ratelimit"]
    return hub


def _with_organizations(root: Path) -> None:
    """The records of the families' papers, filed under their organization as Hugging Face does."""
    for arxiv_id, family in families().items():
        path = root / "content" / "papers" / f"{arxiv_id}.md"
        text = path.read_text()
        path.write_text(text.replace("\nnum_authors:", f"\norganization: {family['organization']}\nnum_authors:", 1))


@pytest.fixture(scope="module")
def fetched(tmp_path_factory):
    """The test site, `paperboy fetch` against the stand-in Hub (no new day; the 31 records are
    looked up), then `paperboy build`: (site folder, fetch result, the stand-in)."""
    root = make_site(tmp_path_factory.mktemp("hub") / "src", hub=True)
    _with_organizations(root)
    configure(root, backoff=0.01, attempts=3)
    with _hub() as hub:
        env = {"PAPERBOY_HF_API": hub.api, "PAPERBOY_HUB_INTERVAL": "0", "HF_TOKEN": "hf_secret_token_123"}
        result = run_paperboy(root, "fetch", "--source", "hf", "--date", "2026-12-01", env=env)
        run_paperboy(root, "build")
        yield root, result, hub


def page(root: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(root / "site" / path)).getroot()


def rows(root: Path, arxiv_id: str, kind: int = 0) -> dict[str, str]:
    section = page(root, f"papers/{arxiv_id}/index.html").get_element_by_id("released").getparent()
    return {li.find("a").text_content(): li.text_content() for li in section.find_class("pb-released__list")[kind]}


def test_every_authors_checkpoint_of_a_family_is_theirs_with_its_size_as_the_name_says(fetched):
    """Qwen3: base and instruct of each size, the MoE, the authors' AWQ and MLX are Qwen's; the
    stranger's look-alike is by others; sizes as written, the MoE with its active size."""
    root, result, _ = fetched
    assert result.returncode == 0, result.stderr
    qwen = rows(root, QWEN)
    own = [name for name, text in qwen.items() if "by others" not in text]
    assert len(own) == 11 and all(name.startswith("Qwen/") for name in own)
    assert "by others" in qwen["qwen-fan/Qwen3-8B"]
    assert " · 0.6B, 752M counted · fine-tune of Qwen/Qwen3-0.6B-Base" in qwen["Qwen/Qwen3-0.6B"]
    assert " · 32B · " in qwen["Qwen/Qwen3-32B"] and " · 1.7B, 2.03B counted · " in qwen["Qwen/Qwen3-1.7B"]
    assert " · 235B, 22B active · " in qwen["Qwen/Qwen3-235B-A22B"]
    assert " · 8B · AWQ · quantization of Qwen/Qwen3-8B" in qwen["Qwen/Qwen3-8B-AWQ"]
    assert " · 1.7B, 2.03B counted · MLX · " in qwen["Qwen/Qwen3-1.7B-MLX-4bit"], "its base's count, not 266M packed"
    assert list(qwen)[0] == "Qwen/Qwen3-235B-A22B", "the authors' own first, the biggest first"
    smol = rows(root, SMOL)
    assert all("by others" not in smol[f"HuggingFaceTB/SmolLM2-{s}"] for s in ("135M-Instruct", "360M", "1.7B-Instruct"))
    assert " · 360M · " in smol["HuggingFaceTB/SmolLM2-360M"]
    assert " · 1.7B · MLX · quantization of HuggingFaceTB/SmolLM2-1.7B-Instruct" in smol["mlx-community/SmolLM2-1.7B-Instruct-4bit"]


def test_a_quantized_9b_shows_9b_and_a_gguf_shows_its_count(fetched):
    root, _, _ = fetched
    gemma = rows(root, GEMMA)
    assert " · 9B · AWQ · " in gemma["solidrust/gemma-2-9b-it-AWQ"] and "2.36B" not in gemma["solidrust/gemma-2-9b-it-AWQ"]
    assert "2.61B counted · GGUF" in gemma["bartowski/gemma-2-it-GGUF"]
    assert "by others" not in gemma["google/gemma-2-2b-it"] and "by others" in gemma["bartowski/gemma-2-it-GGUF"]


def test_an_organization_named_differently_on_the_hub_is_recognised(fetched):
    root, _, _ = fetched
    hunyuan = rows(root, HUNYUAN)
    assert "by others" not in hunyuan["tencent/Hunyuan-7B-Instruct"] and "by others" in hunyuan["random-user/Hunyuan-7B-Instruct-GGUF"]
    assert " · 80.4B, 13B active · " in hunyuan["tencent/Hunyuan-A13B-Instruct"]
    assert " · 7B · GGUF · quantization of tencent/Hunyuan-7B-Instruct" in hunyuan["random-user/Hunyuan-7B-Instruct-GGUF"]


def test_the_paper_page_shows_counts_relations_and_the_hubs_full_list(fetched):
    """TinyStories: 5 models, 3 datasets, 2 Spaces; downloads as bands ("10,000+"), never "1
    downloads"; a kind with more than is kept links to the Hub's own list."""
    root, _, _ = fetched
    section = page(root, f"papers/{TINY}/index.html").get_element_by_id("released").getparent()
    assert [h.text_content() for h in section.findall(".//h3")] == ["Models", "Datasets", "Spaces"]
    assert [p.text_content() for p in section.find_class("pb-released__count")] == ["5 models", "3 datasets", "2 Spaces"]
    tiny = rows(root, TINY)
    assert "10,000+ downloads" in tiny["roneneldan/TinyStories-33M"] and "licence mit" in tiny["roneneldan/TinyStories-33M"]
    assert "quantization of roneneldan/TinyStories-33M" in tiny["quant-fan/TinyStories-33M-GGUF"]
    assert "by others" in tiny["quant-fan/TinyStories-33M-GGUF"] and "gated" in tiny["roneneldan/TinyStories-Instruct-3M"]
    popular = page(root, f"papers/{POPULAR}/index.html").get_element_by_id("released").getparent()
    count = popular.find_class("pb-released__count")[0]
    assert count.text_content() == "301 models · see all on the Hub"
    assert count.find("a").get("href") == f"https://huggingface.co/models?other=arxiv:{POPULAR}"
    assert "a few downloads" in rows(root, POPULAR)["newbie/SmolLM2-135M-math-ft"]
    html = (root / "site" / "papers" / TINY / "index.html").read_text()
    assert not re.search(r"\b1 downloads\b", html)


def test_cards_count_every_model_the_authors_released(fetched):
    root, _, _ = fetched
    marks = {p.text_content() for path in (root / "site" / "archive").rglob("index.html")
             for p in lxml.html.parse(str(path)).getroot().find_class("pb-card__released")}
    assert {"11 models · up to 235B", "4 models · up to 33M", "301 models · up to 135M"} <= marks


def test_the_shelf_shows_new_models_by_week_newest_first_and_the_paper_once(fetched):
    """The new fine-tune with 3 downloads among 300 is in its week, the newest; a paper's
    title once per group; no owner's command on the page."""
    root, _, _ = fetched
    shelf = page(root, "models/index.html")
    weeks = [h.get("id") for h in shelf.xpath("//h2[starts-with(@id, 'week-')]")]
    assert weeks[0] == "week-2026-11-30" and weeks == sorted(weeks, reverse=True)
    first = shelf.get_element_by_id("week-2026-11-30")
    names = []
    for sibling in first.itersiblings():
        if sibling.tag == "h2":
            break
        names += [a.text_content() for a in sibling.xpath(".//li/a[1]")]
    assert names == ["newbie/SmolLM2-135M-math-ft"]
    qwen_week = shelf.get_element_by_id("week-2025-04-21").getparent()
    titles = [p.text_content() for p in shelf.find_class("pb-shelf__paper")]
    assert len(titles) == len(set(zip(titles, range(len(titles))))), "each group names its paper once"
    assert "paperboy fetch" not in shelf.text_content() and qwen_week.tag == "div"


def test_the_feed_carries_new_small_models_only(fetched, atom_schema):
    root, _, _ = fetched
    raw = (root / "site" / "feeds" / "models.atom.xml").read_bytes()
    assert atom_schema.validate(etree.fromstring(raw)), atom_schema.error_log
    feed = feedparser.parse(raw)
    assert not feed.bozo
    titles = [entry.title for entry in feed.entries]
    assert "newbie/SmolLM2-135M-math-ft (135M)" == titles[0]
    assert not any(name in " ".join(titles) for name in ("235B", "32B", "27b", "14B", "30B"))
    assert "Qwen/Qwen3-8B (8B)" in titles and "HuggingFaceTB/SmolLM2-1.7B (1.7B)" in titles


def test_out_of_range_values_never_reach_a_page_or_feed(fetched):
    root, result, _ = fetched
    assert "big-user/huge-1B: " in result.stderr and "9999-12-31 is out of range" in result.stderr
    wild = rows(root, OUT_OF_RANGE)["big-user/huge-1B"]
    assert wild == "big-user/huge-1B · 1B · licence unknown · by others", "no size, count or date from the answer"
    assert "9999" not in (root / "site" / "feeds" / "models.atom.xml").read_text()


def test_hostile_answers_stay_inert_and_are_named(fetched):
    root, result, _ = fetched
    assert "not a repository id: '<script>alert(1)</script>/x'" in result.stderr
    html = (root / "site" / "papers" / HOSTILE / "index.html").read_text()
    assert "alert(1)" not in html and "onerror" not in html and "passwd" not in html
    assert "licence unknown" in rows(root, HOSTILE)["ok-user/inert-model-1B"]


def test_a_429_with_only_the_ratelimit_header_waits_for_its_window(fetched):
    """The Hub's 429 says `RateLimit: "api";r=0;t=1` and no Retry-After: the retry comes after
    the window (1 s), not after the 0.01 s backoff."""
    root, _, hub = fetched
    asked = [t for path, t in zip(hub.requests, hub.times) if f"arxiv%3A{LIMITED}" in path and "/models" in path]
    assert len(asked) == 2 and asked[1] - asked[0] >= 1.0
    assert "patient/model-350M" in rows(root, LIMITED)


def test_the_token_is_sent_and_never_shown(fetched):
    root, result, hub = fetched
    assert set(hub.authorization) - {""} == {"Bearer hf_secret_token_123"}
    assert "hf_secret_token_123" not in result.stderr + result.stdout
    assert not any("hf_secret" in p.read_text() for p in (root / "content" / "releases").iterdir())


def test_faults_are_retried_or_named_and_a_failed_kind_is_asked_again_next_run(fetched, tmp_path):
    """429 and 503 are retried and stored; truncated JSON, an HTML page and a 404 are warnings
    (exit 0), the paper's other lists stored, and the failed kinds are due on the next run."""
    root, result, _ = fetched
    store = ReleaseStore(root / "content" / "releases")
    faulty = store.load([FAULTY]).releases[FAULTY]
    assert faulty.of("models").kept[0].repo_id == "faulty-org/recovered-2B"
    assert "datasets" not in faulty.kinds and "spaces" in faulty.kinds
    assert f"Hub datasets of {FAULTY}" in result.stderr and "not valid JSON" in result.stderr
    assert f"Hub spaces of {HTML_PAGE}" in result.stderr and "an HTML page, not JSON" in result.stderr
    assert f"Hub datasets of {MISSING}" in result.stderr and "HTTP 404" in result.stderr
    assert len(store.load().releases) == 31, "every published paper was looked up"
    schedule = store.load_schedule()
    assert schedule.retry == {FAULTY: ("datasets",), HTML_PAGE: ("spaces",), MISSING: ("datasets",)}
    site = tmp_path / "again"
    shutil.copytree(root, site, ignore=shutil.ignore_patterns("site"))
    with Hub() as hub:
        hub.repos[("datasets", FAULTY)] = [{"id": "faulty-org/data", "downloads": 5}]
        paperboy(site, "fetch", "--source", "hf", "--date", "2026-12-01",
                 env={"PAPERBOY_HF_API": hub.api, "PAPERBOY_HUB_INTERVAL": "0"})
    asked = [p.split("?")[0].rsplit("/", 1)[1] + " " + p.split("arxiv%3A")[1].split("&")[0]
             for p in hub.requests if "arxiv%3A" in p]
    assert asked[:3] == [f"datasets {FAULTY}", f"spaces {HTML_PAGE}", f"datasets {MISSING}"], "the failed kinds first"
    assert len(asked) == 3 + 3 * 2, "then two papers of the monthly rotation (31 papers over 22 days), whole"
    again = ReleaseStore(site / "content" / "releases")
    assert again.load([FAULTY]).releases[FAULTY].of("datasets").kept[0].repo_id == "faulty-org/data"
    assert again.load_schedule().retry == {}


def test_a_hub_outage_keeps_the_last_lists_and_the_run_succeeds(fetched, tmp_path):
    """The Hub answers 503 to everything: exit 0, a warning, and every stored file as it was."""
    root, _, _ = fetched
    site = tmp_path / "site"
    shutil.copytree(root, site, ignore=shutil.ignore_patterns("site"))
    releases = site / "content" / "releases"
    before = {p.name: p.read_bytes() for p in releases.glob("[0-9]*.json")}
    with Hub(down=True) as hub:
        result = paperboy(site, "fetch", "--source", "hf", "--date", "2026-12-01",
                          env={"PAPERBOY_HF_API": hub.api}, check=False)
    assert result.returncode == 0, result.stderr
    assert {p.name: p.read_bytes() for p in releases.glob("[0-9]*.json")} == before
    assert "the last known list stays" in result.stderr


def test_a_malformed_file_is_named_by_check_and_skipped_by_build(fetched, tmp_path):
    root, _, _ = fetched
    site = tmp_path / "site"
    shutil.copytree(root, site, ignore=shutil.ignore_patterns("site"))
    path = site / "content" / "releases" / "2023-05.json"
    path.write_text(path.read_text().replace('"downloads": 10000', '"downloads": "10000"', 1))
    check = paperboy(site, "check", check=False)
    assert check.returncode == 1
    assert f"2023-05.json: {TINY} models.kept[" in check.stderr and "].downloads: expected a whole number" in check.stderr
    build = run_paperboy(site, "build", check=False)
    assert build.returncode == 0, build.stderr
    assert f"{TINY} models.kept[" in build.stderr
    assert 'id="released"' not in (site / "site" / "papers" / TINY / "index.html").read_text()
