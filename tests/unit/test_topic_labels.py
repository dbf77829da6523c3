"""Topic labels in git (generator/topic/labels.py): one readable line each, checked on read."""

from __future__ import annotations

import pytest
import yaml

from generator.errors import ConfigError
from generator.storage.labels import read_labels, write_labels
from generator.topic.labels import dumps_labels, make_label, parse_labels


def test_labels_round_trip_one_sorted_line_each(tmp_path):
    labels = {
        "2502.02737": make_label("2502.02737", "on", "SmolLM2: a 1.7B model, {really}", ["small-models"]),
        "2401.00001": make_label("arXiv:2401.00001v2", "off"),
    }
    path = tmp_path / "labels.yml"
    assert write_labels(path, labels)
    text = path.read_text()
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    assert [line.split("'")[1] for line in lines] == ["2401.00001", "2502.02737"]
    assert read_labels(path) == {k: labels[k] for k in sorted(labels)}
    assert not write_labels(path, labels), "the same labels: the same bytes, nothing written"
    assert yaml.safe_load(text)[1]["why"] == "SmolLM2: a 1.7B model, {really}"


def test_who_made_a_label_is_kept_as_by_and_a_curators_own_label_has_none(tmp_path):
    """A label made with help carries `by:` through the file; the curator's own carries none."""
    path = tmp_path / "labels.yml"
    write_labels(path, {"2401.00001": make_label("2401.00001", "off", "video", by="github:alice"),
                        "2401.00002": make_label("2401.00002", "on")})
    entries = yaml.safe_load(path.read_text())
    assert entries == [{"id": "2401.00001", "label": "off", "why": "video", "by": "github:alice"},
                       {"id": "2401.00002", "label": "on"}]
    assert read_labels(path)["2401.00001"].by == "github:alice"


def test_a_bare_on_or_off_and_a_numeric_looking_id_read_as_meant():
    labels = parse_labels("- {id: 2401.00001, label: on}\n- {id: '2401.00002', label: off}\n", "x")
    assert labels["2401.00001"].verdict == "on" and labels["2401.00002"].verdict == "off"


@pytest.mark.parametrize("text, message", [
    ("- {id: '2401.00001', label: maybe}", "entry 1: label: expected one of on, off, borderline"),
    ("- {id: 'not-an-id', label: 'on'}", "entry 1: arxiv_id: not an arXiv identifier"),
    ("- {id: '2401.00001', label: 'on', verdict: 'on'}", "entry 1: unknown key 'verdict'"),
    ("- {id: '2401.00001', label: 'on', tags: [Not A Slug]}", "entry 1: tags: expected a list of tag slugs"),
    ("{id: '2401.00001'}", "expected a list of labels"),
    ("- {id: '2401.00001', label: 'on', by: [helper]}", "entry 1: by: expected text"),
    ("- [unclosed", "not valid YAML"),
])
def test_a_bad_labels_file_is_named_with_the_entry_and_the_fix(text, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        parse_labels(text, "content/topic/labels.yml")


def test_no_labels_file_means_no_labels(tmp_path):
    assert read_labels(tmp_path / "missing.yml") == {}
    assert dumps_labels([]).startswith("# Topic labels")


def test_a_new_label_keeps_a_persons_tags_and_the_reason_only_for_the_same_verdict(tmp_path):
    """The one writer (record_labels): tags stay; an `off` with no reason drops the `on`'s reason;
    the same verdict without a reason keeps it; each result says what it replaced."""
    from generator.storage.labels import record_labels

    path = tmp_path / "labels.yml"
    write_labels(path, {"2401.00001": make_label("2401.00001", "on", "SmolLM2", ["small-models"]),
                        "2401.00002": make_label("2401.00002", "on", "a 1B model")})
    done = record_labels(path, [make_label("2401.00001", "off", by="github:ada"), make_label("2401.00002", "on"),
                                make_label("2401.00003", "borderline", "unsure")])
    assert [(d.label.arxiv_id, d.before.verdict if d.before else None) for d in done] == [
        ("2401.00001", "on"), ("2401.00002", "on"), ("2401.00003", None)]
    labels = read_labels(path)
    assert labels["2401.00001"] == make_label("2401.00001", "off", "", ["small-models"], "github:ada")
    assert labels["2401.00002"].why == "a 1B model"
    assert labels["2401.00003"].verdict == "borderline"
    before = path.read_bytes()
    assert record_labels(path, []) == () and path.read_bytes() == before


def test_paperboy_label_goes_through_the_same_writer(tmp_path):
    """`paperboy label` over a tagged label keeps its tags and says what it replaced."""
    from tests.support.inprocess import paperboy
    from tests.support.site import make_site

    site = make_site(tmp_path / "site", with_papers=False)
    labels = site / "content" / "topic" / "labels.yml"
    labels.parent.mkdir(parents=True, exist_ok=True)
    write_labels(labels, {"2401.00001": make_label("2401.00001", "on", "SmolLM2", ["small-models"])})
    result = paperboy(site, "label", "2401.00001", "off", "--why", "vision only")
    assert "labelled 2401.00001 off (was on)" in result.stderr
    assert read_labels(labels)["2401.00001"] == make_label("2401.00001", "off", "vision only", ["small-models"])
