"""What each paper released on the Hugging Face Hub: parsed from the Hub's layout, looked up by
the real `paperboy fetch` against a stand-in Hub on 127.0.0.1 (tests/hub_standin.py), stored
beside the records, and shown by the real `paperboy build`: the paper page's "Released"
section, the cards' mark, the models page and its feed. Hostile answers stay text; faults lose
nothing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import lxml.html
import pytest
from lxml import etree

from generator.releases import Listed, Releases, Repo, band, by_authors, rounded, size_in_name, size_label
from generator.render.releases import card_mark, count_line
from generator.sources.hub import parse_repos
from generator.storage.releases import ReleaseStore, decode, encode

from tests.support.site import configure, make_site, run_paperboy
from tests.hub_standin import HUB, Hub, many_models, recorded

TINY = "2305.07759"  # TinyStories: 4 models by its authors, a quantization by others, 3 datasets, 2 Spaces
POPULAR = "2507.03160"  # 300 fine-tunes
HOSTILE = "2306.07951"
FAULTY = "2308.04711"
HTML_PAGE = "2310.03262"
MISSING = "2310.08513"
HOSTILE_ITEMS = [
    {"id": "<script>alert(1)</script>/x", "downloads": 5},
    {"id": "../../etc/passwd", "downloads": 4},
    {"id": "evil/model\"onmouseover=\"alert(1)", "downloads": 3},
    {"id": "ok-user/inert-model-1B", "downloads": 2, "likes": "many", "pipeline_tag": "<img src=x onerror=alert(1)>",
     "tags": ["license:<b>mit</b>", f"arxiv:{HOSTILE}"], "gated": "sometimes", "createdAt": "yesterday",
     "safetensors": {"total": "lots"}},
    "not an object",
]


# Parsing (pure).

def test_the_recorded_models_give_sizes_counted_or_read_from_the_name():
    """safetensors.total when the Hub has it; else the size in the name, marked so; gated, licence,
    task and the quantization by someone else as the Hub says them."""
    repos, dropped = parse_repos((HUB / f"models-{TINY}.json").read_bytes(), "models", "models")
    by_id = {repo.repo_id: repo for repo in repos}
    assert dropped == [] and len(repos) == 5
    assert by_id["roneneldan/TinyStories-33M"].params == 68_500_000
    assert not by_id["roneneldan/TinyStories-33M"].params_from_name
    assert (by_id["roneneldan/TinyStories-1M"].params, by_id["roneneldan/TinyStories-1M"].params_from_name) == (1_000_000, True)
    assert by_id["roneneldan/TinyStories-1M"].license == "" and by_id["roneneldan/TinyStories-33M"].license == "mit"
    assert by_id["roneneldan/TinyStories-Instruct-3M"].gated is True and by_id["roneneldan/TinyStories-8M"].gated is False
    assert by_id["quant-fan/TinyStories-33M-GGUF"].derived and not by_id["roneneldan/TinyStories-33M"].derived
    assert by_id["roneneldan/TinyStories-33M"].task == "text-generation"


def test_hostile_repo_ids_are_dropped_by_name_and_odd_fields_degrade_to_unknown():
    """An id with markup, a path or a quote is left out and named; a task with markup, a licence
    that is not one, `gated: "sometimes"`, a size that is not a number: unknown."""
    repos, dropped = parse_repos(json.dumps(HOSTILE_ITEMS).encode(), "models", "hub")
    assert [r.repo_id for r in repos] == ["ok-user/inert-model-1B"]
    assert len(dropped) == 4 and all(line.startswith("hub: item ") for line in dropped)
    assert "not a repository id: '<script>alert(1)</script>/x'" in dropped[0]
    repo = repos[0]
    assert (repo.task, repo.license, repo.gated, repo.created, repo.likes) == ("", "", None, None, 0)
    assert (repo.params, repo.params_from_name) == (1_000_000_000, True)


@pytest.mark.parametrize(("name", "params"), [
    ("HuggingFaceTB/SmolLM2-135M", 135_000_000), ("Qwen/Qwen2.5-0.5B-Instruct", 500_000_000),
    ("HuggingFaceTB/SmolLM2-1.7B", 1_700_000_000), ("mistralai/Mixtral-8x7B-v0.1", None),
    ("org/model-1B-to-7B", None), ("google/bert-base-uncased", None),
])
def test_a_size_is_read_from_a_name_only_when_it_says_one(name, params):
    """One `<number>M|B` standing alone in the name; none, or two, is unknown."""
    assert size_in_name(name) == params


def test_sizes_bands_rounding_and_whose_model_it_is():
    """135M is under 1B, 1.7B is 1-4B, none is unknown; counts keep two figures; the paper's
    organization decides whose a model is, else the Hub's `base_model:` tags."""
    assert (band(135_000_000), band(1_700_000_000), band(7e9), band(70e9), band(None)) == \
        ("under-1b", "1-4b", "4-10b", "over-10b", "unknown")
    assert (size_label(135_000_000), size_label(1_711_376_384), size_label(None)) == ("135M", "1.7B", "size unknown")
    assert (rounded(87), rounded(1234), rounded(23511), rounded(1_049_999)) == (87, 1200, 24000, 1_000_000)
    quant = Repo("quant-fan/x-GGUF", 1, 0, derived=True)
    assert by_authors(Repo("HuggingFaceTB/SmolLM2-135M", 1, 0), "huggingfacetb")
    assert not by_authors(Repo("someone/SmolLM2-135M-ft", 1, 0), "HuggingFaceTB")
    assert not by_authors(quant, None) and by_authors(Repo("roneneldan/TinyStories-1M", 1, 0), None)


def test_a_stored_file_reads_back_as_written_with_rounded_counts():
    """encode then decode: the same lists, downloads and likes to two figures."""
    listed = Listed(12, False, (Repo("a/b-1B", 123_456, 1_234, 1_000_000_000, True, "text-generation", "mit", True),), ())
    back = decode(encode(Releases("2305.07759", {"models": listed})), "x")
    assert back.of("models").top[0] == Repo("a/b-1B", 120_000, 1_200, 1_000_000_000, True, "text-generation", "mit", True)
    assert back.of("models").count == 12 and back.of("datasets").count == 0


def test_the_count_line_and_the_card_mark_say_what_and_how_big():
    """"300 models, the 10 most downloaded"; a card: the authors' own models and the biggest."""
    top = tuple(Repo(f"u{n}/m-135M", 100 - n, 0, 135_000_000, True, derived=True) for n in range(10))
    assert count_line("models", Listed(300, False, top, ())) == "300 models, the 10 most downloaded"
    assert count_line("spaces", Listed(1, False, top[:1], ())) == "1 Space"
    assert card_mark(Releases("x", {"models": Listed(300, False, top, ())}), None) == "300 models · up to 135M"
    own = (Repo("org/a-1.7B", 5, 0, 1_700_000_000, True), Repo("org/a-135M", 9, 0, 135_000_000, True))
    assert card_mark(Releases("x", {"models": Listed(2, False, own, ())}), "org") == "2 models · up to 1.7B"
    assert card_mark(Releases("x", {"datasets": Listed(3, False, (), ())}), None) == ""


# Through the real commands.

def _hub() -> Hub:
    hub = Hub()
    for kind in ("models", "datasets", "spaces"):
        hub.repos[(kind, TINY)] = recorded(kind, TINY)
    hub.repos[("models", POPULAR)] = many_models(POPULAR, 300)
    hub.repos[("models", HOSTILE)] = HOSTILE_ITEMS
    hub.repos[("models", FAULTY)] = [{"id": "faulty-org/recovered-2B", "downloads": 10, "safetensors": {"total": 2_000_000_000}}]
    hub.faults[("models", FAULTY)] = [429, 503]  # retried: stored all the same
    hub.faults[("datasets", FAULTY)] = ["truncated"] * 3  # every try: named, the rest stored
    hub.faults[("spaces", HTML_PAGE)] = ["html"] * 3
    hub.faults[("datasets", MISSING)] = [404]  # not retried: named
    return hub


@pytest.fixture(scope="module")
def fetched(tmp_path_factory):
    """The test site, `paperboy fetch` against the stand-in Hub (no new day; the 31 records are
    looked up), then `paperboy build`: (site folder, fetch result, the stand-in)."""
    root = make_site(tmp_path_factory.mktemp("hub") / "src", hub=True)
    configure(root, backoff=0.01, attempts=3)
    with _hub() as hub:
        env = {"PAPERBOY_HF_API": hub.api, "PAPERBOY_HUB_INTERVAL": "0"}
        result = run_paperboy(root, "fetch", "--source", "hf", "--date", "2026-12-01", env=env)
        run_paperboy(root, "build")
        yield root, result, hub


def page(root: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(root / "site" / path)).getroot()


def test_the_paper_page_shows_what_it_released_with_sizes(fetched):
    """TinyStories' page: 5 models (the authors' four first, sizes, downloads, licence, gated,
    links to the Hub), 3 datasets, 2 Spaces, each with its count."""
    root, result, _ = fetched
    section = page(root, f"papers/{TINY}/index.html").get_element_by_id("released").getparent()
    heads = [h.text_content() for h in section.findall(".//h3")]
    assert heads == ["Models", "Datasets", "Spaces"]
    counts = [p.text_content() for p in section.find_class("pb-released__count")]
    assert counts == ["5 models", "3 datasets", "2 Spaces"]
    models = section.find_class("pb-released__list")[0].findall("li")
    assert [li.find("a").text_content() for li in models] == [
        "roneneldan/TinyStories-33M", "roneneldan/TinyStories-1M", "roneneldan/TinyStories-8M",
        "roneneldan/TinyStories-Instruct-3M", "quant-fan/TinyStories-33M-GGUF"]
    assert models[0].find("a").get("href") == "https://huggingface.co/roneneldan/TinyStories-33M"
    first = models[0].text_content()
    assert "68M" in first and "24,000 downloads" in first and "licence mit" in first
    assert "licence unknown" in models[1].text_content()
    assert models[1].find("span").get("title") == "Read from the name, not counted by the Hub"
    assert "gated" in models[3].text_content() and "by others" in models[4].text_content()
    datasets = section.find_class("pb-released__list")[1]
    assert datasets.find("li/a").get("href") == "https://huggingface.co/datasets/roneneldan/TinyStories"
    assert section.xpath('.//*[@data-pagefind-filter="released"]'), "search can filter to papers that released models"
    assert result.returncode == 0


def test_a_paper_with_300_repos_shows_its_count_and_the_top_ten(fetched):
    root, _, hub = fetched
    section = page(root, f"papers/{POPULAR}/index.html").get_element_by_id("released").getparent()
    assert section.find_class("pb-released__count")[0].text_content() == "300 models, the 10 most downloaded"
    assert len(section.find_class("pb-released__list")[0].findall("li")) == 10
    assert sum(1 for path in hub.requests if f"arxiv%3A{POPULAR}" in path and "/models" in path) == 3, "pages of 100"


def test_cards_carry_the_mark_and_the_models_page_leads_with_the_authors(fetched):
    """A card: "4 models · up to 68M"; the models page: by size band, the authors' own before
    the quantization by others, each with its paper; it is in the navigation."""
    root, _, _ = fetched
    marks = {p.text_content() for path in (root / "site" / "archive").rglob("index.html")
             for p in lxml.html.parse(str(path)).getroot().find_class("pb-card__released")}
    assert {"4 models · up to 68M", "300 models · up to 135M", "1 model · up to 2B"} <= marks
    shelf = page(root, "models/index.html")
    under = shelf.get_element_by_id("under-1b")
    lists = [h.getnext() for h in under.itersiblings() if h.tag == "h3"][:2]
    authors = [a.text_content() for a in lists[0].xpath("./li/a[1]")]
    others = [a.text_content() for a in lists[1].xpath("./li/a[1]")]
    tiny = [name for name in authors if name.startswith("roneneldan/")]
    assert tiny == ["roneneldan/TinyStories-33M", "roneneldan/TinyStories-1M", "roneneldan/TinyStories-8M",
                    "roneneldan/TinyStories-Instruct-3M"], "same day: the most downloaded first"
    assert "quant-fan/TinyStories-33M-GGUF" in others and "quant-fan/TinyStories-33M-GGUF" not in authors
    assert any(a.get("href", "").rstrip("/").endswith("models") for a in page(root, "index.html").xpath("//nav//a"))


def test_the_models_feed_is_valid_atom_of_the_authors_models(fetched, atom_schema):
    root, _, _ = fetched
    raw = (root / "site" / "feeds" / "models.atom.xml").read_bytes()
    assert atom_schema.validate(etree.fromstring(raw)), atom_schema.error_log
    feed = feedparser.parse(raw)
    assert not feed.bozo
    titles = [entry.title for entry in feed.entries]
    assert "roneneldan/TinyStories-33M (68M)" in titles and all("GGUF" not in t for t in titles)
    assert "faulty-org/recovered-2B (2B)" in titles


def test_hostile_answers_stay_inert_and_are_named(fetched):
    """Repo ids with markup are named on stderr and shown nowhere; an odd task or licence is unknown."""
    root, result, _ = fetched
    assert "not a repository id: '<script>alert(1)</script>/x'" in result.stderr
    html = (root / "site" / "papers" / HOSTILE / "index.html").read_text()
    assert "alert(1)" not in html and "onerror" not in html and "passwd" not in html
    section = page(root, f"papers/{HOSTILE}/index.html").get_element_by_id("released").getparent()
    assert section.find_class("pb-released__list")[0].findall("li/a")[0].text == "ok-user/inert-model-1B"
    assert "licence unknown" in section.text_content()


def test_faults_are_retried_or_named_and_lose_nothing(fetched):
    """429 with Retry-After and 503 are retried and the list stored; truncated JSON, an HTML page
    and a 404 are named as warnings (exit 0), and the paper's other lists are stored."""
    root, result, _ = fetched
    assert result.returncode == 0
    store = ReleaseStore(root / "content" / "releases")
    faulty = store.load([FAULTY]).releases[FAULTY]
    assert faulty.of("models").top[0].repo_id == "faulty-org/recovered-2B"
    assert "datasets" not in faulty.kinds and "spaces" in faulty.kinds
    assert f"Hub datasets of {FAULTY}" in result.stderr and "not valid JSON" in result.stderr
    assert f"Hub spaces of {HTML_PAGE}" in result.stderr and "an HTML page, not JSON" in result.stderr
    assert f"Hub datasets of {MISSING}" in result.stderr and "HTTP 404" in result.stderr
    assert "datasets" not in store.load([MISSING]).releases[MISSING].kinds
    assert len(store.known()) == 31, "every published paper was looked up"


def test_a_hub_outage_keeps_the_last_lists_and_the_run_succeeds(fetched, tmp_path):
    """The Hub answers 503 to everything: exit 0, a warning, and every stored file as it was."""
    root, _, _ = fetched
    site = tmp_path / "site"
    shutil.copytree(root, site, ignore=shutil.ignore_patterns("site"))
    before = {p.name: p.read_bytes() for p in (site / "content" / "releases").iterdir()}
    # Every paper is due again on this run's day: the records' days are all far back, so the
    # monthly rotation asks for some; make every one due by forgetting one file.
    (site / "content" / "releases" / f"{TINY}.json").unlink()
    with Hub(down=True) as hub:
        result = run_paperboy(site, "fetch", "--source", "hf", "--date", "2026-12-01",
                              env={"PAPERBOY_HF_API": hub.api}, check=False)
    assert result.returncode == 0, result.stderr
    after = {p.name: p.read_bytes() for p in (site / "content" / "releases").iterdir()}
    assert after == {name: data for name, data in before.items() if name != f"{TINY}.json"}
    assert "the last known list stays" in result.stderr


def test_the_lookups_are_bounded_a_run_and_new_papers_come_first(tmp_path):
    """papers_per_run 5: five papers looked up, the newest first; 26 wait for the next run."""
    root = make_site(tmp_path / "src", hub=True)
    from tests.support.site import set_config
    set_config(root, {("extra", "paperboy", "hub", "papers_per_run"): 5})
    with Hub() as hub:
        result = run_paperboy(root, "fetch", "--source", "hf", "--date", "2026-12-01", env={"PAPERBOY_HF_API": hub.api})
    assert "releases of 5 papers looked up on the Hub (5 changed, 26 wait)" in result.stderr
    assert sorted(ReleaseStore(root / "content" / "releases").known(), reverse=True)[0] == "2510.07962"
    assert len([p for p in hub.requests if "/api/models" in p]) == 5
