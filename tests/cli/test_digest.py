"""`paperboy digest` as a person runs it: what it says, its exit status, and the message's date
(the time of the run). What a digest holds and whom it reaches: tests/unit/test_digest.py."""

from __future__ import annotations

import datetime as dt
import email
import email.policy

from tests.support.site import run_paperboy
from tests.support.smtp import smtp_server

WEEK = ("digest", "--period", "week", "--date", "2025-01-31")


def test_the_command_sends_once_dated_now_and_says_how_many_went(site):
    """RFC 5322 requires a Date: header; it is the time of the run, in UTC."""
    with smtp_server() as (handler, env):
        before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        result = run_paperboy(site, *WEEK, "--send", env=env)
        assert "3 sent, 0 already had it, 0 failed" in result.stderr
        date = email.message_from_bytes(handler.messages[0][1], policy=email.policy.default)["Date"]
        assert date is not None and before <= date.datetime <= dt.datetime.now(dt.timezone.utc)
        assert date.datetime.utcoffset() == dt.timedelta(0)
        again = run_paperboy(site, *WEEK, "--send", env=env)
        assert "nothing new to send" in again.stderr and len(handler.messages) == 3


def test_a_preview_is_named_and_missing_smtp_settings_are_one_line_and_exit_1(site, tmp_path):
    out = tmp_path / "preview.eml"
    result = run_paperboy(site, "digest", "--period", "month", "--date", "2024-11-15", "--output", str(out))
    assert f"written to {out} (not sent; add --send)" in result.stderr and out.is_file()
    failed = run_paperboy(site, *WEEK, "--send", env={"PAPERBOY_SMTP_HOST": ""}, check=False)
    assert failed.returncode == 1
    assert failed.stderr.strip() == "paperboy: PAPERBOY_SMTP_HOST is not set: nothing can be sent"
