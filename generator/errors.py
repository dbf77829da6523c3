"""One family of errors, each turned into a one-line message and an exit status by the CLI."""

from __future__ import annotations


class PaperboyError(Exception):
    """A problem the user can act on; `str(error)` is the one-line message."""


class ConfigError(PaperboyError):
    """mkdocs.yml (or its `extra.paperboy` section) is missing or wrong."""


class InvalidRecord(PaperboyError):
    """A value that cannot be part of a Paper; names the field and why."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class SourceError(PaperboyError):
    """A whole response or file that could not be read (not JSON, wrong shape, ...)."""


class StoreError(PaperboyError):
    """A record file that could not be read or written."""
