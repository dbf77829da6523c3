"""The email digest, rendered, and sent to a real SMTP server on 127.0.0.1 (aiosmtpd) in-process:
what `paperboy digest` does is judged by what `run` returns (tests/cli/test_digest.py runs the command)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re

import pytest
from lxml import html

from generator.config import load_settings
from generator.errors import PaperboyError
from generator.publish.digest import render, run, select
from generator.render.periods import Period
from generator.models import make_paper

from tests.support.hostile import HOSTILE_STRINGS
from tests.support.site import REPO
from tests.support.smtp import RECIPIENTS, smtp_server

WEEK = dict(kind="week", day=dt.date(2025, 1, 31))
NOW = dt.datetime(2025, 2, 3, 6, 17, tzinfo=dt.timezone.utc)


@pytest.fixture
def smtp(monkeypatch):
    """A real SMTP server on 127.0.0.1; the environment set to send to it."""
    with smtp_server() as (handler, env):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        yield handler


def parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_a_week_goes_to_every_recipient_once_with_both_parts(settings, smtp):
    done = run(settings, **WEEK, now=NOW, send=True)
    assert (sorted(done.result.sent), done.result.skipped, done.result.failed) == (sorted(RECIPIENTS), (), ())
    assert sorted(r for rcpts, _ in smtp.messages for r in rcpts) == sorted(RECIPIENTS)
    for rcpts, raw in smtp.messages:
        message = parse(raw)
        assert len(rcpts) == 1 and message["To"] == rcpts[0], "no address reaches another recipient"
        assert message.get_content_type() == "multipart/alternative"
        text = message.get_body(("plain",)).get_content()
        page = message.get_body(("html",)).get_content()
        assert "Enhancing Code Generation for Low-Resource Languages" in text
        assert "https://example.github.io/paperboy/papers/2501.19085/" in text
        assert "Enhancing Code Generation for Low-Resource Languages" in html.fromstring(page).text_content()
        assert message["List-Unsubscribe"] == "<mailto:digest@example.org?subject=unsubscribe>"
        assert "top papers of Week 5, 2025 (Jan 27" in message["Subject"], "the week named as on the site"
        assert b"=?utf-8?" in raw.split(b"\n\n", 1)[0], "the non-ASCII subject is encoded"
        assert message["Date"] == "Mon, 03 Feb 2025 06:17:00 +0000"

    again = run(settings, **WEEK, now=NOW, send=True)
    assert (again.result.sent, sorted(again.result.skipped)) == ((), sorted(RECIPIENTS))
    assert len(smtp.messages) == 3, "running it again delivers nothing"
    log = settings.digest_log.read_text()
    assert "ada@example.org" not in log, "the log keeps hashes, never addresses"


def test_a_refused_recipient_is_reported_and_retried_later(settings, smtp):
    smtp.refuse = {"grace@example.org"}
    done = run(settings, **WEEK, now=NOW, send=True)
    assert done.result.failed == (("grace@example.org", "550 5.1.1 No such user here"),)
    assert sorted(r for rcpts, _ in smtp.messages for r in rcpts) == ["ada@example.org", "alan@example.org"]
    smtp.refuse = set()
    retry = run(settings, **WEEK, now=NOW, send=True)
    assert (retry.result.sent, len(retry.result.skipped), retry.result.failed) == (("grace@example.org",), 2, ())
    assert smtp.messages[-1][0] == ["grace@example.org"]


def test_an_empty_period_has_nothing_to_send(settings, smtp):
    done = run(settings, kind="day", day=dt.date(2020, 1, 1), now=NOW, send=True)
    assert done.digest.period.label == "Wednesday, January 1, 2020" and done.digest.papers == ()
    assert done.result is None and smtp.messages == []


def test_without_send_it_writes_a_preview(settings, tmp_path):
    out = tmp_path / "preview.eml"
    done = run(settings, kind="month", day=dt.date(2024, 11, 15), now=NOW, output=out)
    assert done.preview == out and done.result is None
    message = parse(out.read_bytes())
    assert "November 2024" in message["Subject"]
    assert "Learning with Less" in message.get_body(("plain",)).get_content()


@pytest.mark.parametrize(("env", "problem"), [
    ({"PAPERBOY_SMTP_HOST": ""}, "PAPERBOY_SMTP_HOST is not set"),
    ({"PAPERBOY_SMTP_TLS": "maybe"}, "PAPERBOY_SMTP_TLS must be starttls, ssl or none, not 'maybe'"),
    ({"PAPERBOY_DIGEST_TO": "ada@example.org,\nbcc"}, "not an e-mail address in the recipients: 'bcc'"),
    ({"PAPERBOY_DIGEST_TO": ""}, "no recipients: set PAPERBOY_DIGEST_TO"),
])
def test_missing_or_bad_smtp_settings_are_named_and_nothing_is_sent(settings, smtp, monkeypatch, env, problem):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(PaperboyError, match=re.escape(problem)):
        run(settings, **WEEK, now=NOW, send=True)
    assert smtp.messages == []


def test_the_date_is_the_callers():
    """render() reads no clock: the caller's time is the message's date."""
    settings = load_settings(REPO / "mkdocs.yml")
    papers = [make_paper(arxiv_id="2401.00001", title="Tiny", featured="2024-01-02", upvotes=3)]
    digest = select(papers, Period.of("week", dt.date(2024, 1, 2)), settings)
    when = dt.datetime(2024, 1, 8, 6, 17, tzinfo=dt.timezone.utc)
    message = render(digest, settings, sender="d@example.org", unsubscribe="mailto:d@example.org", date=when)
    assert parse(bytes(message))["Date"] == "Mon, 08 Jan 2024 06:17:00 +0000"


def test_hostile_titles_are_inert_in_the_html_part():
    settings = load_settings(REPO / "mkdocs.yml")
    papers = [make_paper(arxiv_id=f"2401.{i + 1:05d}", title=s or "x", abstract=s, authors=[s or "x"],
                         featured="2024-01-02", upvotes=i) for i, s in enumerate(HOSTILE_STRINGS)]
    digest = select(papers, Period.of("week", dt.date(2024, 1, 2)), settings, top=100)
    message = render(digest, settings, sender="digest@example.org", unsubscribe="mailto:digest@example.org",
                     date=dt.datetime(2024, 1, 8, 6, 17, tzinfo=dt.timezone.utc))
    page = html.fromstring(message.get_body(("html",)).get_content())
    assert not page.xpath("//script | //img | //iframe | //*[@onerror or @onmouseover or @onclick]")
    assert all(a.get("href").startswith("https://") or a.get("href").startswith("mailto:") for a in page.iter("a"))


def test_periods_and_the_last_complete_one():
    week = Period.of("week", dt.date(2025, 1, 31))
    assert week == Period("week", dt.date(2025, 1, 27), dt.date(2025, 2, 2))
    assert (week.label, week.key) == ("Week 5, 2025 (Jan 27 – Feb 2)", "week-2025-W05")
    assert Period.last_complete("week", dt.date(2025, 2, 5)).key == "week-2025-W05"
    assert Period.last_complete("month", dt.date(2025, 3, 1)).key == "month-2025-02"
    assert Period.last_complete("day", dt.date(2025, 3, 1)).key == "day-2025-02-28"
