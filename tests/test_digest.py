"""The email digest, sent to a real SMTP server on 127.0.0.1 (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from lxml import html

from generator.config import load_settings
from generator.publish.digest import render, select
from generator.render.periods import Period
from generator.models import make_paper

from .conftest import REPO, run_paperboy
from .hostile import HOSTILE_STRINGS

RECIPIENTS = ["ada@example.org", "grace@example.org", "alan@example.org"]


class Collect:
    def __init__(self, refuse=()):
        self.messages: list[tuple[list[str], bytes]] = []
        self.refuse = set(refuse)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    env = {
        "PAPERBOY_SMTP_HOST": "127.0.0.1", "PAPERBOY_SMTP_PORT": str(controller.port), "PAPERBOY_SMTP_TLS": "none",
        "PAPERBOY_DIGEST_FROM": "Paperboy <digest@example.org>", "PAPERBOY_DIGEST_TO": ",".join(RECIPIENTS),
    }
    yield handler, env
    controller.stop()


def parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_a_week_goes_to_every_recipient_once_with_both_parts(site, smtp):
    handler, env = smtp
    result = run_paperboy(site, "digest", "--period", "week", "--date", "2025-01-31", "--send", env=env)
    assert "3 sent, 0 already had it, 0 failed" in result.stderr
    assert sorted(r for rcpts, _ in handler.messages for r in rcpts) == sorted(RECIPIENTS)
    for rcpts, raw in handler.messages:
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

    again = run_paperboy(site, "digest", "--period", "week", "--date", "2025-01-31", "--send", env=env)
    assert "nothing new to send" in again.stderr
    assert len(handler.messages) == 3, "running it again delivers nothing"
    log = (site / "content" / ".digests.json").read_text()
    assert "ada@example.org" not in log, "the log keeps hashes, never addresses"


def test_a_refused_recipient_is_reported_and_retried_later(site, smtp):
    handler, env = smtp
    handler.refuse = {"grace@example.org"}
    result = run_paperboy(site, "digest", "--period", "week", "--date", "2025-01-31", "--send", env=env, check=False)
    assert result.returncode == 1
    assert "not delivered to grace@example.org: 550" in result.stderr
    assert sorted(r for rcpts, _ in handler.messages for r in rcpts) == ["ada@example.org", "alan@example.org"]
    handler.refuse = set()
    retry = run_paperboy(site, "digest", "--period", "week", "--date", "2025-01-31", "--send", env=env)
    assert "1 sent, 2 already had it, 0 failed" in retry.stderr
    assert handler.messages[-1][0] == ["grace@example.org"]


def test_an_empty_period_has_nothing_to_send(site, smtp):
    handler, env = smtp
    result = run_paperboy(site, "digest", "--period", "day", "--date", "2020-01-01", "--send", env=env)
    assert "nothing to send: no papers in Wednesday, January 1, 2020" in result.stderr
    assert handler.messages == []


def test_without_send_it_writes_a_preview(site, tmp_path):
    out = tmp_path / "preview.eml"
    run_paperboy(site, "digest", "--period", "month", "--date", "2024-11-15", "--output", str(out))
    message = parse(out.read_bytes())
    assert "November 2024" in message["Subject"]
    assert "Learning with Less" in message.get_body(("plain",)).get_content()


def test_the_message_is_dated_when_it_is_written(site, tmp_path):
    """RFC 5322 requires a Date: header; it is the time of the run, in UTC."""
    out = tmp_path / "preview.eml"
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    run_paperboy(site, "digest", "--period", "month", "--date", "2024-11-15", "--output", str(out))
    date = parse(out.read_bytes())["Date"]
    assert date is not None and before <= date.datetime <= dt.datetime.now(dt.timezone.utc)
    assert date.datetime.utcoffset() == dt.timedelta(0)


def test_the_date_is_the_callers():
    """render() reads no clock: the caller's time is the message's date."""
    settings = load_settings(REPO / "mkdocs.yml")
    papers = [make_paper(arxiv_id="2401.00001", title="Tiny", featured="2024-01-02", upvotes=3)]
    digest = select(papers, Period.of("week", dt.date(2024, 1, 2)), settings)
    when = dt.datetime(2024, 1, 8, 6, 17, tzinfo=dt.timezone.utc)
    message = render(digest, settings, sender="d@example.org", unsubscribe="mailto:d@example.org", date=when)
    assert parse(bytes(message))["Date"] == "Mon, 08 Jan 2024 06:17:00 +0000"


def test_missing_smtp_settings_are_named(site):
    result = run_paperboy(site, "digest", "--period", "week", "--date", "2025-01-31", "--send",
                          env={"PAPERBOY_SMTP_HOST": ""}, check=False)
    assert result.returncode == 1 and "PAPERBOY_SMTP_HOST is not set" in result.stderr


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
