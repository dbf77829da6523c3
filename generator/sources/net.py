"""Polite HTTP for the sources: timeouts, a User-Agent that names us, retries, spacing.

httpx retries only connection errors, so waiting out 429 and 5xx (with `Retry-After`, seconds
or an HTTP date, or a 429's `RateLimit` window reset; up to a cap) and backing off with jitter are done here. The only module that
opens network connections.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import random
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import httpx

from .. import __version__
from ..config import HttpPolicy
from ..errors import SourceError

log = logging.getLogger("paperboy")


class FetchError(SourceError):
    """A request that did not succeed after every try."""


@dataclass(frozen=True)
class Response:
    """What came back: a status below 400 or a client error other than 429."""

    url: str
    status: int
    content: bytes
    link: str | None = None
    """The `Link` header (pagination: `<...>; rel="next"`), when there was one."""


RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header (delta-seconds or an HTTP date), else None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    now = now or dt.datetime.now(dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())


_RESET = re.compile(r"(?:^|;)\s*t\s*=\s*(\d{1,6})\s*(?:;|,|$)")


def ratelimit_reset(value: str | None) -> float | None:
    """Seconds until the window resets, from a `RateLimit` header (IETF draft
    httpapi-ratelimit-headers, as the Hugging Face Hub sends it: `"api";r=0;t=89`), else None.
    The Hub's 429 may carry this and no `Retry-After`."""
    match = _RESET.search(value or "")
    return float(match.group(1)) if match else None


def user_agent(contact: str) -> str:
    return f"Paperboy/{__version__} (+{contact})"


class Http:
    """A client for one source: retries, and at least `min_interval` seconds between requests."""

    def __init__(
        self,
        *,
        contact: str,
        policy: HttpPolicy = HttpPolicy(),
        min_interval: float = 0.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policy = policy
        self.min_interval = min_interval
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.Lock()
        self._next_start = 0.0
        timeout = httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout)
        self._client = httpx.Client(
            timeout=timeout, headers={"User-Agent": user_agent(contact)}, follow_redirects=True,
        )

    def __enter__(self) -> Http:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._client.close()

    def _wait_turn(self) -> None:
        # arXiv asks for one request every 3 s: space the *starts* of requests, across threads.
        if self.min_interval <= 0:
            return
        with self._lock:
            now = self._clock()
            start = max(now, self._next_start)
            self._next_start = start + self.min_interval
        if start > now:
            self._sleep(start - now)

    def _backoff(self, attempt: int) -> float:
        # "Equal jitter": a random wait in the upper half of the doubled, capped delay, so clients
        # that failed together retry apart, and the cap is really the longest wait (jitter added
        # on top of a capped delay went past it by half).
        ceiling = min(self.policy.backoff * 2 ** (attempt - 1), self.policy.backoff_cap)
        return random.uniform(ceiling / 2, ceiling)

    def get(
        self, url: str, params: Mapping[str, str | int] | None = None, *, headers: Mapping[str, str] | None = None,
    ) -> Response:
        """GET with retries on connection errors, timeouts, 429 and 5xx; FetchError when all fail.
        `headers` go with this request only (a token for one API, say), never into the label."""
        label = url if not params else f"{url}?{httpx.QueryParams(params)}"
        reason = ""
        for attempt in range(1, self.policy.attempts + 1):
            self._wait_turn()
            wait: float | None = None
            try:
                response = self._client.get(url, params=params, headers=headers)
            except httpx.TimeoutException as exc:
                reason = f"timed out ({type(exc).__name__})"
            except httpx.TransportError as exc:
                reason = f"could not connect ({exc or type(exc).__name__})"
            else:
                if response.status_code not in RETRY_STATUSES:
                    return Response(label, response.status_code, response.content, response.headers.get("Link"))
                reason = f"HTTP {response.status_code}"
                wait = retry_after(response.headers.get("Retry-After"))
                if wait is None and response.status_code == 429:
                    wait = ratelimit_reset(response.headers.get("RateLimit"))
                if wait is not None:
                    wait = min(wait, self.policy.retry_after_cap)
            if attempt == self.policy.attempts:
                break
            delay = wait if wait is not None else self._backoff(attempt)
            log.info("%s: %s; retry %d of %d in %.1f s", label, reason, attempt, self.policy.attempts - 1, delay)
            self._sleep(delay)
        raise FetchError(f"{label}: {reason} (gave up after {self.policy.attempts} tries)")
