"""The browser tier's shared fixtures: one Chromium for every browser test a worker runs (each
test opens its own context), and the two built sites served on 127.0.0.1.

Package-scoped, not session-scoped: they end with the tier's last test on a worker, so that the
tests the worker runs next start with no Chromium and no server thread (worker processes fork
only in a one-thread process: tests/unit/test_parallel.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.browser import launch, serve


@pytest.fixture(scope="package")
def browser():
    """Headless Chromium, launched once for the tier (once a worker under xdist)."""
    with launch() as chromium:
        yield chromium


@pytest.fixture(scope="package")
def served(built_site: Path, sample_site: Path) -> dict[str, str]:
    """The base URLs of the test site (`test`) and the dense one (`dense`, three weeks of the archive)."""
    with serve(built_site) as test, serve(sample_site) as dense:
        yield {"test": test, "dense": dense}
