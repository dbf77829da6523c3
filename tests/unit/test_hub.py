"""What each paper released on the Hugging Face Hub, in this process: parsed from the Hub's
layout (pure), the sizes, counts and owners read from it, the files beside the records, the
lookups' schedule, and `paperboy fetch` / `check` through `main([...])` against a stand-in Hub on
127.0.0.1 (tests/support/hub_standin.py) for the budget and the settings. What a fetch stores
and a build shows, on the real commands: tests/cli/test_hub.py."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from generator.lookups import LAP_DAYS, Done, after_run, plan
from generator.releases import (
    Listed, Releases, Repo, Schedule, band, banded, keep, size_in_name, size_label, size_value, whose_namespaces,
)
from generator.render.shelf import amount, card_mark, count_line
from generator.sources.hub.parse import counted, parse_repos, with_base_counts
from generator.storage.hub import ReleaseStore, check_paper, encode_paper

from tests.support.hub_papers import HOSTILE_ITEMS, TINY, TODAY, WILD
from tests.support.hub_standin import HUB, Hub
from tests.support.inprocess import paperboy
from tests.support.site import make_site, set_config


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


# Through `main([...])`, in this process.

def test_the_lookups_are_bounded_by_the_budget_and_new_papers_come_first(tmp_path):
    """budget 15: five papers (three listings each), the newest first; 26 wait for the next run."""
    root = make_site(tmp_path / "src", hub=True)
    set_config(root, {("extra", "paperboy", "hub", "budget"): 15})
    with Hub() as hub:
        result = paperboy(root, "fetch", "--source", "hf", "--date", "2026-12-01",
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
    result = paperboy(root, "check", check=False)
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
    result = paperboy(root, "check", check=False)
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

