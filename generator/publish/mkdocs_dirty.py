"""`python -m generator.publish.mkdocs_dirty build --strict --dirty ...`: MkDocs' own command, minus one warning.

MkDocs warns on every `--dirty` build that it "will likely lead to inaccurate navigation", and
under `--strict` that warning alone aborts the build. Paperboy's incremental build
(generator/publish/incremental.py) decides itself which outputs are stale, so the warning does not
apply to it; every other warning still counts.
"""

from __future__ import annotations

import logging

from mkdocs.__main__ import cli


class _DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


if __name__ == "__main__":
    logging.getLogger("mkdocs.commands.build").addFilter(_DropDirtyWarning())
    cli(prog_name="mkdocs")
