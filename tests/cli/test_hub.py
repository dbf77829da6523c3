"""What each paper released on the Hugging Face Hub: parsed from the Hub's layout, looked up by
the real `paperboy fetch` against a stand-in Hub on 127.0.0.1 (tests/support/hub_standin.py) with
families shaped like real ones (tests/fixtures/hub/), stored beside the records, and shown by
the real `paperboy build`: the paper page's "Released" section, the cards' mark, the models
page and its feed. Hostile answers stay text; faults lose nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import feedparser
import lxml.html
import pytest
from lxml import etree

from generator.lookups import LAP_DAYS, Done, after_run, plan
from generator.releases import (
    Listed, Releases, Repo, Schedule, band, banded, keep, size_in_name, size_label, size_value, whose_namespaces,
)
from generator.render.shelf import amount, card_mark, count_line
from generator.sources.hub.parse import counted, parse_repos, with_base_counts
from generator.storage.hub import ReleaseStore, check_paper, encode_paper

from tests.support.site import configure, make_site, run_paperboy, set_config
from tests.support.hub_standin import HUB, Hub, families, many_models, recorded

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


# Parsing (pure).

def _parse(items: list, kind: str = "models"):
    return parse_repos(json.dumps(items).encode(), kind, "hub", TODAY)


def test_the_recorded_models_give_sizes_counted_and_named():
    """safetensors' count beside the name's size when they differ; the name's size alone when
    the Hub has no count; a GGUF quantization by others, with its base and format."""
    parsed = parse_repos((HUB / f"models-{TINY}.json").read_bytes(), "models", "models", TODAY)
    by_id = {repo.repo_id: repo for repo in parsed.repos}
    assert parsed.warnings == [] and len(by_id) == 5
    assert size_label(by_id["roneneldan/TinyStories-33M"]) == "33M, 68.5M counted"
    assert size_label(by_id["roneneldan/TinyStories-1M"]) == "1M"
    assert by_id["roneneldan/TinyStories-1M"].license == "" and by_id["roneneldan/TinyStories-33M"].license == "mit"
    assert by_id["roneneldan/TinyStories-Instruct-3M"].gated is True and by_id["roneneldan/TinyStories-8M"].gated is False
    gguf = by_id["quant-fan/TinyStories-33M-GGUF"]
    assert (gguf.relation, gguf.base, gguf.format, gguf.size) == ("quantized", "roneneldan/TinyStories-33M", "gguf", "33M")
    assert by_id["roneneldan/TinyStories-33M"].created == dt.date(2023, 5, 12)


def test_hostile_repo_ids_are_dropped_by_name_and_odd_fields_degrade_to_unknown():
    """An id with markup, a path or a quote is left out and named; a task with markup, a licence
    that is not one, a base that is not a repo, `gated: "sometimes"`, a size that is not a number: unknown."""
    parsed = _parse(HOSTILE_ITEMS)
    assert [r.repo_id for r in parsed.repos] == ["ok-user/inert-model-1B"]
    assert len(parsed.warnings) == 4 and all(line.startswith("hub: item ") for line in parsed.warnings)
    assert "not a repository id: '<script>alert(1)</script>/x'" in parsed.warnings[0]
    repo = parsed.repos[0]
    assert (repo.task, repo.license, repo.gated, repo.created, repo.likes, repo.relation) == ("", "", None, None, 0, "")
    assert (repo.params, repo.size) == (None, "1B")


def test_sizes_counts_and_dates_out_of_range_are_dropped_with_a_warning_naming_the_repo():
    parsed = _parse(WILD)
    repo = parsed.repos[0]
    assert (repo.params, repo.downloads, repo.likes, repo.created) == (None, 0, 0, None)
    assert repo.size == "1B", "the name's size is still right"
    assert len(parsed.warnings) == 4 and all(w.startswith("big-user/huge-1B: ") for w in parsed.warnings)
    assert any("9999-12-31 is out of range" in w for w in parsed.warnings)


@pytest.mark.parametrize(("name", "size"), [
    ("HuggingFaceTB/SmolLM2-135M", "135M"), ("Qwen/Qwen2.5-0.5B-Instruct", "0.5B"), ("HuggingFaceTB/SmolLM2-1.7B", "1.7B"),
    ("mistralai/Mixtral-8x7B-v0.1", "8x7B"), ("Qwen/Qwen3-30B-A3B", "30B-A3B"), ("google/gemma-2-9b-it", "9B"),
    ("tencent/Hunyuan-A13B-Instruct", "A13B"), ("org/model-1B-to-7B", ""), ("google/bert-base-uncased", ""), ("x/model-99999B", ""),
])
def test_a_size_is_read_from_a_name_as_people_write_it(name, size):
    """One size standing alone in the name, experts (`8x7B`) and active size (`30B-A3B`) kept;
    none, two, or one no model has: none."""
    assert size_in_name(name) == size


def test_labels_say_the_names_size_first_and_the_count_when_they_differ():
    assert size_label(Repo("Qwen/Qwen3-32B", params=32_762_123_264, size="32B")) == "32B"
    assert size_label(Repo("Qwen/Qwen3-1.7B", params=1_711_376_384, size="1.7B")) == "1.7B"
    assert size_label(Repo("Qwen/Qwen3-30B-A3B", params=30_532_122_624, size="30B-A3B")) == "30B, 3B active"
    assert size_label(Repo("m/Mixtral-8x7B", params=46_702_792_704, size="8x7B")) == "8x7B, 46.7B counted"
    assert size_label(Repo("tencent/Hunyuan-A13B-Instruct", params=80_393_183_232, size="A13B")) == "80.4B, 13B active"
    assert size_label(Repo("x/y", params=68_500_000)) == "68.5M" and size_label(Repo("x/y")) == "size unknown"
    assert size_value("30B-A3B") == (30e9, 3e9) and size_value("8x7B") == (56e9, None)
    assert (band(135e6), band(1.7e9), band(9e9), band(32e9), band(235e9), band(None)) == \
        ("under-1b", "1-4b", "4-10b", "10-40b", "over-40b", "unknown")


def test_packed_weights_are_not_a_models_count_and_a_quantization_takes_its_bases():
    """AWQ's I32, MLX's U32: the safetensors total is not the model's; GGUF's total is."""
    assert counted({"parameters": {"I32": 1_354_301_440, "F16": 1_008_793_600}, "total": 2_363_095_040}, None) == \
        (None, "packed")
    assert counted({"parameters": {"BF16": 100}, "total": 100}, None) == (100, "")
    assert counted({"total": 2_363_095_040}, None, packs=True) == (None, "packed"), "an AWQ repo with no dtypes"
    assert counted(None, {"total": 2_614_341_888}) == (2_614_341_888, "")
    base = Repo("google/gemma-2-9b-it", params=9_241_705_984, size="9B")
    awq = Repo("solidrust/gemma-2-9b-it-AWQ", size="9B", relation="quantized", base="google/gemma-2-9b-it", format="awq")
    assert with_base_counts([base, awq])[1].params == 9_241_705_984


def test_counts_are_stored_as_the_power_of_ten_they_reach_and_ordinary_drift_keeps_it():
    """A count that grew keeps its stored power until twice the next; one that fell below it
    moves at once (so "1,000+" stays true)."""
    assert (banded(0), banded(7), banded(87), banded(296), banded(1234)) == (0, 1, 10, 100, 1000)
    assert banded(19_000, stored=1000) == 1000 and banded(20_000, stored=1000) == 10_000
    assert banded(999, stored=1000) == 100 and banded(1500, stored=1000) == 1000
    assert amount(1000, "download") == "1,000+ downloads" and amount(1, "download") == "a few downloads"


def test_whose_the_organization_its_aliases_else_the_first_to_publish():
    """The paper's organization or an alias when a repo is there; otherwise the namespace of the
    first original model; a stranger's look-alike, later, is not the authors'."""
    day = dt.date(2025, 7, 30)
    hunyuan = [Repo("tencent/Hunyuan-7B-Pretrain", created=day),
               Repo("random-user/Hunyuan-7B-Instruct-GGUF", relation="quantized", created=day + dt.timedelta(5))]
    assert whose_namespaces("Tencent-Hunyuan", (), hunyuan) == ("Tencent-Hunyuan", "tencent")
    assert whose_namespaces("Tencent-Hunyuan", ("tencent",), hunyuan) == ("Tencent-Hunyuan", "tencent")
    tiny = [Repo("someone/TinyStories-33M", created=dt.date(2024, 1, 1)), Repo("roneneldan/TinyStories-33M", created=dt.date(2023, 5, 12))]
    assert whose_namespaces("", (), tiny) == ("roneneldan",)
    assert whose_namespaces("Qwen", (), [Repo("Qwen/Qwen3-0.6B", relation="finetune")]) == ("Qwen",)
    stranger = [Repo("qwen-fan/Qwen3-8B", created=dt.date(2025, 5, 20))]
    assert whose_namespaces("Qwen", (), stranger) == ("Qwen",), "an organization's paper: a stranger is never its own"
    assert whose_namespaces("", (), stranger) == ("qwen-fan",), "no organization: the first to publish"


def test_kept_are_the_authors_own_the_newest_and_the_most_downloaded():
    others = [Repo(f"u{n}/ft-{n}", downloads=1000 - n, created=dt.date(2024, 1, 1)) for n in range(300)]
    new = Repo("newbie/ft-new", downloads=3, created=dt.date(2026, 12, 1))
    own = [Repo(f"org/m-{n}", downloads=n) for n in range(12)]
    kept = {r.repo_id for r in keep([*others, new, *own], ("org",))}
    assert {r.repo_id for r in own} <= kept and "newbie/ft-new" in kept and "u0/ft-0" in kept
    assert len(kept) == 12 + 10 + 5
    tenth = [Repo(f"u{n}/m", downloads=1000 - n) for n in range(10)] + [Repo("old/kept", downloads=600)]
    assert "old/kept" not in {r.repo_id for r in keep(tenth, (), newest=0)}
    assert "old/kept" in {r.repo_id for r in keep(tenth, (), newest=0, kept_before=["old/kept"])}, \
        "one kept before stays until another has twice its downloads"


def test_the_count_line_and_the_card_mark_count_the_authors_own():
    """A card: the authors' own models and the biggest as its name says; else every model."""
    top = tuple(Repo(f"u{n}/m-135M", 100 - n, size="135M", relation="finetune") for n in range(10))
    assert count_line("models", Listed(3000, True, top)) == "more than 3,000 models"
    assert card_mark(Releases("x", {"models": Listed(300, False, top)}), None) == "300 models · up to 135M"
    own = (Repo("Qwen/Qwen3-235B-A22B", size="235B-A22B"), Repo("Qwen/Qwen3-0.6B", size="0.6B", relation="finetune"))
    assert card_mark(Releases("x", {"models": Listed(5, False, (*own, top[0]))}, ("Qwen",))) == "2 models · up to 235B"
    assert card_mark(Releases("x", {"datasets": Listed(3, False, ())})) == ""


def test_the_ratelimit_header_says_when_the_window_resets():
    from generator.sources.net import ratelimit_reset

    assert ratelimit_reset('"api";r=0;t=89') == 89.0 and ratelimit_reset('"api"; r=0; t=5') == 5.0
    assert ratelimit_reset(None) is None and ratelimit_reset('"api";r=0') is None and ratelimit_reset("t=soon") is None


# The files.

def test_a_months_file_reads_back_as_written_with_banded_counts(tmp_path):
    store = ReleaseStore(tmp_path)
    repo = Repo("a/b-1B", 123_456, 1_234, params=1_000_000_000, size="1B", relation="finetune", base="a/c",
                task="text-generation", license="mit", gated=True, created=dt.date(2024, 1, 2), modified=dt.date(2024, 2, 3))
    assert store.save([Releases(TINY, {"models": Listed(12, False, (repo,))}, ("a",))], {}) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["2023-05.json"]
    back = store.load(today=TODAY).releases[TINY]
    assert back.of("models").kept[0] == Repo("a/b-1B", 100_000, 1_000, 1_000_000_000, "1B", "finetune", "a/c", "",
                                            "text-generation", "mit", True, dt.date(2024, 1, 2), dt.date(2024, 2, 3))
    assert back.authors == ("a",) and back.of("models").count == 12 and "datasets" not in back.kinds
    assert store.save([back], {TINY: back}) == 0, "the same again rewrites nothing"


def test_a_bad_field_is_named_with_its_file_paper_and_path_and_the_rest_is_read(tmp_path):
    good = encode_paper(Releases("2305.00001", {"models": Listed(0, False, ())}))
    (tmp_path / "2023-05.json").write_text(
        '{"2305.07759": {"models": {"count": 1, "more": false, "kept": [{"id": "a/b", "downloads": "lots"}]}},\n'
        f'"2305.00001": {good}}}\n')
    (tmp_path / "2023-06.json").write_text("{not json")
    loaded = ReleaseStore(tmp_path).load(today=TODAY)
    assert list(loaded.releases) == ["2305.00001"]
    assert any("2023-05.json: 2305.07759 models.kept[0].downloads: expected a whole number" in p for p in loaded.problems)
    assert any("2023-06.json: left out, not a releases file" in p for p in loaded.problems)
    with pytest.raises(ValueError, match="created: expected a date"):
        check_paper("x", {"models": {"count": 1, "kept": [{"id": "a/b", "created": "9999-12-31"}]}}, TODAY)


# The schedule (pure).

def _papers(n: int, first: dt.date) -> dict[str, dt.date]:
    return {f"{(first + dt.timedelta(i // 10)):%y%m}.{i:05d}": first + dt.timedelta(i // 10) for i in range(n)}


def test_new_papers_come_first_and_what_a_full_run_cannot_take_waits_in_order():
    papers = _papers(40, dt.date(2026, 11, 1))
    planned = plan(papers, {}, Schedule(), TODAY, refresh_days=30, refresh_every=7)
    assert [t.why for t in planned.tasks] == ["new"] * 40
    assert planned.tasks[0].arxiv_id == max(papers, key=lambda i: (papers[i], i))


def test_a_failed_kind_is_asked_again_on_the_next_run_and_only_it():
    papers = {"2411.00001": dt.date(2024, 11, 1)}
    stored = {"2411.00001": Releases("2411.00001", {k: Listed(0, False, ()) for k in ("models", "datasets", "spaces")})}
    first = plan(papers, stored, Schedule(), TODAY, refresh_days=30, refresh_every=7)
    schedule = after_run(Schedule(), first, papers, [Done(first.tasks[0], ("spaces",))], TODAY, refresh_days=30)
    assert schedule.retry == {"2411.00001": ("spaces",)}
    second = plan(papers, stored, schedule, TODAY + dt.timedelta(1), refresh_days=30, refresh_every=7)
    assert [(t.arxiv_id, t.kinds, t.why) for t in second.tasks][0] == ("2411.00001", ("spaces",), "retry")
    assert after_run(schedule, second, papers, [Done(second.tasks[0], ())], TODAY, refresh_days=30).retry == {}


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
        run_paperboy(site, "fetch", "--source", "hf", "--date", "2026-12-01",
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
        result = run_paperboy(site, "fetch", "--source", "hf", "--date", "2026-12-01",
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
    check = run_paperboy(site, "check", check=False)
    assert check.returncode == 1
    assert f"2023-05.json: {TINY} models.kept[" in check.stderr and "].downloads: expected a whole number" in check.stderr
    build = run_paperboy(site, "build", check=False)
    assert build.returncode == 0, build.stderr
    assert f"{TINY} models.kept[" in build.stderr
    assert 'id="released"' not in (site / "site" / "papers" / TINY / "index.html").read_text()


def test_the_lookups_are_bounded_by_the_budget_and_new_papers_come_first(tmp_path):
    """budget 15: five papers (three listings each), the newest first; 26 wait for the next run."""
    root = make_site(tmp_path / "src", hub=True)
    set_config(root, {("extra", "paperboy", "hub", "budget"): 15})
    with Hub() as hub:
        result = run_paperboy(root, "fetch", "--source", "hf", "--date", "2026-12-01",
                              env={"PAPERBOY_HF_API": hub.api, "PAPERBOY_HUB_INTERVAL": "0"})
    assert "releases of 5 papers looked up on the Hub (5 changed, 26 wait)" in result.stderr
    assert sorted(ReleaseStore(root / "content" / "releases").load().releases, reverse=True)[0] == "2510.07962"
    assert len([p for p in hub.requests if "/api/models" in p]) == 5


@pytest.mark.parametrize(("key", "value", "said"), [
    ("budget", "lots", "extra.paperboy.hub.budget: expected a whole number"),
    ("small", 0, "extra.paperboy.hub.small: expected a number of billions of parameters from 0.001 to 10000, got 0"),
    ("aliases", {"Tencent-Hunyuan": "tencent"}, "extra.paperboy.hub.aliases: expected organization: [Hub namespaces]"),
])
def test_the_hubs_settings_are_checked_by_name(tmp_path, key, value, said):
    root = make_site(tmp_path / "src", hub=True)
    set_config(root, {("extra", "paperboy", "hub", key): value})
    result = run_paperboy(root, "check", check=False)
    assert result.returncode != 0 and said in result.stderr


def test_the_token_comes_from_the_environment_only(tmp_path, monkeypatch):
    """`HF_TOKEN` is read; a `token` in mkdocs.yml is an unknown key; settings never print it."""
    from generator.config import load_settings

    root = make_site(tmp_path / "src", hub=True)
    monkeypatch.setenv("HF_TOKEN", "hf_abc")
    settings = load_settings(root / "mkdocs.yml")
    assert settings.hub.token == "hf_abc" and "hf_abc" not in repr(settings)
    set_config(root, {("extra", "paperboy", "hub", "aliases"): {"Tencent-Hunyuan": ["tencent"]}})
    assert load_settings(root / "mkdocs.yml").hub.aliases_of("tencent-hunyuan") == ("tencent",)
    text = (root / "mkdocs.yml").read_text().replace("    hub:\n", "    hub:\n      token: hf_in_the_file\n", 1)
    (root / "mkdocs.yml").write_text(text)
    result = run_paperboy(root, "check", check=False)
    assert result.returncode != 0 and "unknown key 'token' in extra.paperboy.hub" in result.stderr


def test_the_rotation_looks_every_older_paper_up_once_a_lap_though_newer_ones_keep_growing_older():
    """Each day a newer paper grows older (a higher id); the lap still ends and a new one begins,
    so no paper waits more than a lap."""
    papers = _papers(2000, dt.date(2024, 1, 1))
    stored = {i: Releases(i, {k: Listed(0, False, ()) for k in ("models", "datasets", "spaces")}) for i in papers}
    schedule, seen = Schedule(), {}
    for n in range(60):
        today = dt.date(2026, 1, 1) + dt.timedelta(n)
        grown = f"2512.{50000 + n:05d}"  # a paper that is 30 days old today
        papers[grown], stored[grown] = today - dt.timedelta(30), Releases(grown, stored["2401.00000"].kinds)
        planned = plan(papers, stored, schedule, today, refresh_days=30, refresh_every=7)
        schedule = after_run(schedule, planned, papers, [Done(t, ()) for t in planned.tasks], today, refresh_days=30)
        for t in planned.tasks:
            seen.setdefault(t.arxiv_id, []).append(n)
    firsts = [days for i, days in seen.items() if i.startswith("2401")]
    assert all(len(days) >= 2 and max(b - a for a, b in zip(days, days[1:])) <= LAP_DAYS + 2 for days in firsts)
