"""Why a paper is on the site, and what each day considered (issue 33): from the decision the
topic stage made, in a reader's words, on a month of the real archive whose labels are held out
so that the model decides it."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.build import prepare
from generator.config import load_settings
from generator.curator.review import check_topic
from generator.render.why import sentence, summary
from generator.storage.corpus import Corpus
from generator.storage.labels import read_labels, write_labels
from generator.topic_stage import whys_of

from tests.support.site import REPO, make_site, run_paperboy, set_config

MONTH = "2025-03"
TRAIN = ("2024-10", "2024-11", "2024-12", "2025-01", "2025-02")
"""Months imported with their labels: what the model learns from."""
REPO_URL = "https://github.com/someone/papers"


class _Text(HTMLParser):
    """An HTML fragment's text and its links, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None

    def handle_data(self, data):
        self.text.append(data)
        if self._href is not None:
            self.links.append((self._href, data))


def _read(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def month(tmp_path_factory, archive) -> Path:
    """A month of the archive imported, every label of that month held out (the model decides
    it), the site's repository set: the topic stage and generate run in-process."""
    site = make_site(tmp_path_factory.mktemp("why") / "site", with_papers=False)
    labels = read_labels(REPO / "content" / "topic" / "labels.yml")
    files = sorted(archive.glob(f"{MONTH}-*.json"))
    month_ids = {m for f in files for m in re.findall(r'"id":\s*"(\d{4}\.\d{4,5})"', f.read_text())}
    files += sorted(f for month in TRAIN for f in archive.glob(f"{month}-*.json"))
    write_labels(site / "content" / "topic" / "labels.yml", {k: v for k, v in labels.items() if k not in month_ids})
    text = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text(f"repo_url: {REPO_URL}\n" + text, encoding="utf-8")
    # A few months' labels make a cautious model: a lower threshold lets it publish some of the
    # held-out month (what is tested is what the pages say of its decisions, not its quality).
    set_config(site, {("extra", "paperboy", "topic", "threshold"): 0.2,
                      ("extra", "paperboy", "topic", "near_margin"): 0.19})
    # The archive's warts (a few malformed days) fail their files; the rest is imported.
    run_paperboy(site, "import", *map(str, files), check=False)
    prepare(load_settings(site / "mkdocs.yml"))
    return site


def _fragments(site: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in (site / "theme_overrides" / "generated").glob("2*.html")}


def _why_row(fragment: str) -> str:
    found = re.search(r"<dt>Why here</dt><dd[^>]*>(.*?)</dd>", fragment, re.S)
    assert found, "no Why here row"
    return found.group(1)


def test_every_published_paper_says_why_with_its_own_words(month):
    """Each paper page says why, inside one closed <details>: a labelled paper its label and
    reason; a paper of the held-out month the model's score against its stream's threshold and
    at least three of the paper's own words that weighed for it, never a feature's inner name."""
    fragments = _fragments(month)
    held_out = {key for key in fragments if key.startswith("2503.")}
    assert len(held_out) >= 5 and len(fragments) > len(held_out)
    threshold = load_settings(month / "mkdocs.yml").topic.threshold
    for arxiv_id, fragment in fragments.items():
        row = _why_row(fragment)
        assert row.count("<details") == 1 and "<details open" not in row
        text = " ".join(_read(row).text)
        assert not re.search(r"\bsig[a-z]+|\b(lm|vis|no)ctx", text), text
        if arxiv_id not in held_out:
            assert re.search(r"Labelled (on topic|borderline)", text), (arxiv_id, text)
            continue
        score = re.search(r"scores it (\d\.\d\d) \(threshold (\d\.\d\d)\)", text)
        assert score, (arxiv_id, text)
        assert float(score.group(1)) >= float(score.group(2)) == threshold
        words = re.search(r"weighed most for the topic: (.*?)\.( Against|\s*$)", text, re.S).group(1)
        assert len(re.findall(r"[+]\d\.\d\d", words)) >= 3, (arxiv_id, words)


def test_wrong_topic_opens_the_report_form_for_the_paper(month):
    """"Wrong topic?" links to the repository's issue form, pre-filled with the paper's id."""
    for arxiv_id, fragment in _fragments(month).items():
        links = [href for href, label in _read(_why_row(fragment)).links if label == "Wrong topic?"]
        assert len(links) == 1
        url = urlsplit(links[0].replace("&amp;", "&"))
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPO_URL}/issues/new"
        query = parse_qs(url.query)
        assert query == {"template": ["wrong-topic.yml"], "title": [f"Wrong topic: {arxiv_id}"], "paper": [arxiv_id]}


def test_check_topic_gives_the_page_its_reason_and_score(month):
    """`paperboy check --topic` words and the page's come from one decision: same score, same sentence."""
    settings = load_settings(month / "mkdocs.yml")
    check = check_topic(settings, Corpus(settings))
    for arxiv_id, fragment in sorted(_fragments(month).items())[:5]:
        why = whys_of(check.decided, settings, [arxiv_id], {})[0]
        text = " ".join(_read(_why_row(fragment)).text)
        assert sentence(why, settings).replace("'", "&#39;") in fragment or sentence(why, settings) in text
        assert summary(why).split(":")[0] in text


def test_day_pages_list_near_misses_that_have_no_page_of_their_own(month):
    """Each day with near-misses lists them below the line: title, a score under the threshold,
    the arXiv link and "Belongs here?"; none has a page, a feed entry or a search entry."""
    days = sorted((month / "content" / "archive").glob("2025/03/[0-3][0-9].md"))
    assert days
    feeds = "".join(p.read_text(encoding="utf-8") for p in (month / "content" / "feeds").rglob("*.xml"))
    seen = 0
    for page in days:
        text = page.read_text(encoding="utf-8")
        assert "pb-status" in text and "considered" in text
        section = re.search(r'<section class="pb-near"[^>]*>(.*?)</section>', text, re.S)
        if not section:
            continue
        assert 'data-pagefind-ignore' in text[section.start():section.start() + 80]
        for item in re.findall(r"<li>(.*?)</li>", section.group(1), re.S):
            seen += 1
            parsed = _read(item)
            arxiv = [href for href, _ in parsed.links if href.startswith("https://arxiv.org/abs/")]
            assert len(arxiv) == 1
            arxiv_id = arxiv[0].rsplit("/", 1)[1]
            score, threshold = map(float, re.search(r"score (\d\.\d\d) \(threshold (\d\.\d\d)\)", item).groups())
            assert score < threshold
            assert not (month / "content" / "papers" / f"{arxiv_id}.md").exists()
            assert arxiv_id not in feeds
            belongs = [href for href, label in parsed.links if label == "Belongs here?"]
            assert belongs and "template=belongs-here.yml" in belongs[0] and f"paper={arxiv_id}" in belongs[0]
    assert seen >= 3


def test_day_status_counts_agree_with_candidates_and_records(month):
    """"Published N of M considered" on a day page: N its records, M its candidates."""
    settings = load_settings(month / "mkdocs.yml")
    corpus = Corpus(settings)
    candidates = corpus.candidates().papers
    records = corpus.records().papers
    for page in sorted((month / "content" / "archive").glob("2025/03/[0-3][0-9].md"))[:8]:
        day = dt.date(2025, 3, int(page.stem))
        text = page.read_text(encoding="utf-8")
        published, considered = map(int, re.search(r"Published (\d+) of (\d+) papers? considered", text).groups())
        assert published == sum(p.day == day for p in records)
        assert considered == sum(p.day == day for p in candidates)
        featured = int(re.search(r"Hugging Face featured (\d+) paper", text).group(1))
        assert featured == sum(p.featured == day for p in candidates)


FETCHED = {"2025-03-10": "ok", "2025-03-11": "ok", "2025-03-12": "unavailable", "2025-03-14": "ok", "2025-03-15": "empty"}
"""Days fetched from a stand-in of Hugging Face: ordinary days, one that fails on every try,
and a Saturday (Hugging Face features nothing on weekends)."""


@pytest.fixture(scope="module")
def fetched(tmp_path_factory, archive) -> Path:
    """A site that learned from five months of labels, then fetched FETCHED from recorded
    responses (the March labels held out: the model decides), then generated."""
    import os

    from generator.fetch import fetch

    from tests.support.replay import Replay

    site = make_site(tmp_path_factory.mktemp("fetched") / "site", with_papers=False)
    labels = read_labels(REPO / "content" / "topic" / "labels.yml")
    write_labels(site / "content" / "topic" / "labels.yml",
                 {k: v for k, v in labels.items() if not k.startswith("2503.")})
    text = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text(f"repo_url: {REPO_URL}\n" + text, encoding="utf-8")
    set_config(site, {("extra", "paperboy", "topic", "threshold"): 0.2,
                      ("extra", "paperboy", "topic", "near_margin"): 0.19,
                      ("extra", "paperboy", "http", "backoff"): 0.01, ("extra", "paperboy", "http", "attempts"): 2})
    run_paperboy(site, "import", *map(str, sorted(f for month in TRAIN for f in archive.glob(f"{month}-*.json"))),
                 check=False)
    days = {day: json.loads((archive / f"{day}.json").read_bytes()) for day, how in FETCHED.items() if how == "ok"}
    behaviour = {day: how for day, how in FETCHED.items() if how == "unavailable"}
    before = os.environ.get("PAPERBOY_HF_API")
    try:
        with Replay(days=days, behaviour=behaviour) as server:
            os.environ["PAPERBOY_HF_API"] = server.base
            settings = load_settings(site / "mkdocs.yml")
            report = fetch(settings, [dt.date.fromisoformat(day) for day in FETCHED], source="hf",
                           clock=lambda: dt.datetime(2025, 3, 16, 6, 17, tzinfo=dt.timezone.utc))
    finally:
        os.environ.pop("PAPERBOY_HF_API") if before is None else os.environ.__setitem__("PAPERBOY_HF_API", before)
    assert [line.split(":")[0] for line in report.failed] == ["2025-03-12"]
    prepare(load_settings(site / "mkdocs.yml"))
    return site


def _day_page(site: Path, day: str) -> str:
    return (site / "content" / "archive" / day.replace("-", "/")).with_suffix(".md").read_text(encoding="utf-8")


def test_a_day_hugging_face_failed_says_so_and_is_retried_not_shown_empty(fetched):
    """The failed day has a page that says Hugging Face failed and will be retried; the archive's
    calendar links it with that reason; the weekend day says Hugging Face featured nothing."""
    failed = " ".join(_read(_day_page(fetched, "2025-03-12")).text)
    assert "Hugging Face could not be reached for this day after every retry" in failed
    assert "the next run tries again" in failed and "HTTP 503" in failed
    assert "featured 0" not in failed
    saturday = " ".join(_read(_day_page(fetched, "2025-03-15")).text)
    assert "Hugging Face featured 0 papers" in saturday and "could not be reached" not in saturday
    archive_index = (fetched / "content" / "archive" / "index.md").read_text(encoding="utf-8")
    assert re.search(r'<td class="pb-cal__day--none"><a href="2025/03/12/" title="Wednesday, March 12: a stream failed; '
                     r'retried next run"', archive_index)
    assert 'href="2025/03/12/" tabindex="-1" style="height: 0%" title="Mar 12: a stream failed; retried next run"' in archive_index


def test_fetched_days_say_why_and_what_they_considered(fetched):
    """Each ordinary fetched day: a status line whose counts agree with the candidates and
    records, and its published papers' pages say why (the model's score and three of the
    paper's own words, or a label)."""
    settings = load_settings(fetched / "mkdocs.yml")
    corpus = Corpus(settings)
    candidates, records = corpus.candidates().papers, corpus.records().papers
    fragments = _fragments(fetched)
    near = 0
    for day, how in FETCHED.items():
        if how != "ok":
            continue
        page = _day_page(fetched, day)
        date = dt.date.fromisoformat(day)
        published, considered = map(int, re.search(r"Published (\d+) of (\d+) papers? considered", page).groups())
        assert published == sum(p.day == date for p in records)
        assert considered == sum(p.day == date for p in candidates) > 0
        # Within refetch_days (3) of the day, Hugging Face may still add papers to it.
        settled = (dt.date(2025, 3, 16) - date).days >= 3
        assert re.search(r"Hugging Face featured \d+ papers \(\d+ on topic\) " + (
            r"\(asked Mar 16, 06:17 UTC\)\." if settled else r"as of Mar 16, 06:17 UTC; the day's list may still grow\."),
            " ".join(_read(page).text)), (day, page[:2000])
        near += page.count("Belongs here?")
        for paper in records:
            if paper.day == date:
                text = " ".join(_read(_why_row(fragments[paper.arxiv_id])).text)
                assert re.search(r"scores it \d\.\d\d \(threshold 0\.20\)", text) or "Labelled" in text, text
                if "scores it" in text:
                    words = re.search(r"weighed most for the topic: (.*?)\.( Against|\s*$)", text, re.S).group(1)
                    assert len(re.findall(r"[+]\d\.\d\d", words)) >= 3, words
    assert near >= 1
