"""The config is strict: a misspelled key under `extra.paperboy` is an error that names it, where
it is and the key that was probably meant, instead of a setting silently left at its default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.config import load_settings
from generator.errors import ConfigError

from tests.support.inprocess import paperboy
from tests.support.site import _ConfigDumper, _ConfigLoader, set_config


def add_key(root: Path, path: tuple[str, ...], value: object) -> Path:
    """Add a key to a site copy's mkdocs.yml under `extra.paperboy` (its parents must exist)."""
    config = root / "mkdocs.yml"
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a safe loader
    parent = data["extra"]["paperboy"]
    for key in path[:-1]:
        parent = parent[key]
    assert path[-1] not in parent, "the test adds a key that is not there"
    parent[path[-1]] = value
    config.write_text(yaml.dump(data, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config


@pytest.mark.parametrize(("path", "where", "meant"), [
    (("refetch_day",), "extra.paperboy", "refetch_days"),
    (("fed_size",), "extra.paperboy", "feed_size"),
    (("topic", "includes"), "extra.paperboy.topic", "include"),
    (("tags", "distillation", "pattern"), "extra.paperboy.tags.distillation", "patterns"),
    (("http", "backof"), "extra.paperboy.http", "backoff"),
])
def test_a_misspelled_key_is_named_with_where_it_is_and_the_key_meant(site: Path, path, where, meant):
    config = add_key(site, path, 7)
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    message = str(caught.value)
    assert f"unknown key '{path[-1]}' in {where}" in message
    assert f"did you mean '{meant}'?" in message
    assert str(config) in message and "\n" not in message


def test_a_key_like_none_lists_the_valid_ones(site: Path):
    config = add_key(site, ("topic", "zzz"), 1)
    with pytest.raises(ConfigError, match=r"unknown key 'zzz' in extra\.paperboy\.topic \(valid: .*\binclude\b"):
        load_settings(config)


def test_every_unknown_key_is_named_at_once(site: Path):
    add_key(site, ("fed_size",), 1)
    config = add_key(site, ("topic", "includes"), [])
    message = str(pytest.raises(ConfigError, load_settings, config).value)
    assert "'fed_size'" in message and "'includes'" in message


def test_the_bundled_config_uses_only_known_keys(site: Path):
    load_settings(site / "mkdocs.yml")


def test_check_reports_a_typo_in_one_line_and_fails(site: Path):
    """Before, a misspelled `include` passed `check` and the next build dropped every paper."""
    add_key(site, ("topic", "includes"), ["small"])
    result = paperboy(site, "check", check=False)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("paperboy: ")
    assert "unknown key 'includes' in extra.paperboy.topic (did you mean 'include'?)" in result.stderr


@pytest.mark.parametrize(("value", "message"), [
    ({"action": "http://example.org/subscribe"}, "extra.paperboy.newsletter.action: expected the https URL"),
    ({"action": "https://example.org/s\" onmouseover=\"x"}, "extra.paperboy.newsletter.action: expected the https URL"),
    ({"action": "https://example.org/s", "field": "e mail"}, "extra.paperboy.newsletter.field: expected the form field's name"),
    ({"action": "https://example.org/s", "nam": "X"}, "unknown key 'nam' in extra.paperboy.newsletter (did you mean 'name'?)"),
    ("https://example.org/s", "extra.paperboy.newsletter: expected a mapping"),
])
def test_a_bad_newsletter_form_is_a_config_error_naming_the_key(site: Path, value, message):
    """The sign-up form posts readers' addresses: only an https action and a plain field name pass."""
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(add_key(site, ("newsletter",), value))


def test_a_newsletter_form_is_read_and_thumbnails_default_to_link_previews(site: Path):
    """A valid form is kept as given (field defaults to `email`); `thumbnails` takes its three values only."""
    settings = load_settings(add_key(site, ("newsletter",), {"action": "https://buttondown.com/api/emails/embed-subscribe/x"}))
    assert (settings.newsletter.action, settings.newsletter.field) == ("https://buttondown.com/api/emails/embed-subscribe/x", "email")
    assert settings.thumbnails == "previews"
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("thumbnails: previews", "thumbnails: sometimes"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"extra.paperboy.thumbnails: expected one of off, previews, cards, got 'sometimes'"):
        load_settings(config)


@pytest.mark.parametrize("value", [1.5, "high", True])
def test_a_streams_threshold_that_is_not_a_probability_is_named(site: Path, value):
    """`arxiv_threshold` outside 0-1 (or not a number) is an error naming it, never a default."""
    set_config(site, {("extra", "paperboy", "topic", "arxiv_threshold"): value})
    with pytest.raises(ConfigError, match=r"extra\.paperboy\.topic\.arxiv_threshold: expected a number from 0 to 1"):
        load_settings(site / "mkdocs.yml")


def test_each_stream_reads_its_own_threshold(site: Path):
    """The two thresholds are read apart: one stream's never stands in for the other's."""
    set_config(site, {("extra", "paperboy", "topic", "threshold"): 0.7,
                      ("extra", "paperboy", "topic", "arxiv_threshold"): 0.2})
    topic = load_settings(site / "mkdocs.yml").topic
    assert (topic.threshold_for(True), topic.threshold_for(False)) == (0.7, 0.2)


@pytest.mark.parametrize(("path", "value", "message"), [
    (("feed_size",), 0, "extra.paperboy.feed_size: expected a whole number of at least 1, got 0"),
    (("refresh_every",), 2.5, "extra.paperboy.refresh_every: expected a whole number of at least 1, got 2.5"),
    (("http", "read_timeout"), -1, "extra.paperboy.http.read_timeout: expected a number of at least 0, got -1"),
    (("http", "attempts"), 0, "extra.paperboy.http.attempts: expected a whole number of at least 1, got 0"),
    (("hub", "budget"), 200000,
     "extra.paperboy.hub.budget: expected a whole number from 0 to 100000, got 200000"),
    (("hub", "interval"), 61, "extra.paperboy.hub.interval: expected a number of seconds from 0 to 60, got 61"),
    (("topic", "threshold"), "high",
     "extra.paperboy.topic.threshold: expected a number from 0 to 1 (a probability), got 'high'"),
    (("arxiv", "lookback_days"), True, "extra.paperboy.arxiv.lookback_days: expected a whole number from 0 to 14, got True"),
])
def test_every_number_is_checked_one_way_naming_the_file_the_key_its_range_and_the_value(site: Path, path, value, message,
                                                                                        monkeypatch):
    """One range check for every numeric setting: the message names the file, the key, what it
    allows and what it got, in one line."""
    monkeypatch.delenv("PAPERBOY_HUB_INTERVAL", raising=False)
    set_config(site, {("extra", "paperboy", *path): value})
    with pytest.raises(ConfigError) as caught:
        load_settings(site / "mkdocs.yml")
    assert str(caught.value) == f"{site / 'mkdocs.yml'}: {message}"


def test_a_variable_of_the_environment_is_named_instead_of_the_key_it_overrides(site: Path, monkeypatch):
    monkeypatch.setenv("PAPERBOY_HUB_INTERVAL", "soon")
    with pytest.raises(ConfigError) as caught:
        load_settings(site / "mkdocs.yml")
    assert str(caught.value) == ("PAPERBOY_HUB_INTERVAL: expected a number of seconds, got 'soon' (from 0 to 60; "
                                 "it overrides extra.paperboy.hub.interval)")
    monkeypatch.setenv("PAPERBOY_HUB_INTERVAL", "90")
    with pytest.raises(ConfigError, match=r"^PAPERBOY_HUB_INTERVAL: expected a number of seconds from 0 to 60, got 90\.0$"):
        load_settings(site / "mkdocs.yml")
    monkeypatch.setenv("PAPERBOY_HUB_INTERVAL", "")
    assert load_settings(site / "mkdocs.yml").hub.interval == 0.65, "empty is unset: the config's value"


def test_a_site_without_extra_paperboy_gets_the_defaults_written_on_the_records(site: Path, monkeypatch):
    """Every default is on its record (Settings and its sections), and those are what a site that
    sets nothing gets (the contact, unset, is the site's address)."""
    from dataclasses import MISSING, fields

    from generator.config import Settings

    for variable in ("PAPERBOY_HUB_INTERVAL", "PAPERBOY_ARXIV_INTERVAL", "PAPERBOY_HF_API", "PAPERBOY_ARXIV_API"):
        monkeypatch.delenv(variable, raising=False)
    config = site / "mkdocs.yml"
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a safe loader
    del data["extra"]["paperboy"]
    config.write_text(yaml.dump(data, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    settings = load_settings(config)
    defaulted = [f for f in fields(Settings) if f.default is not MISSING]
    assert {f.name for f in fields(Settings)} - {f.name for f in defaulted} == {
        "config_file", "docs_dir", "site_dir", "theme_dir", "site_name", "site_url", "site_description"}, \
        "only what MkDocs' part of mkdocs.yml gives has no default"
    for f in defaulted:
        expected = settings.site_url if f.name == "contact" else f.default
        assert getattr(settings, f.name) == expected, f.name
