"""Every BibTeX entry of the real archive reads back as its record (the slow tier: 9,581 papers)."""

from __future__ import annotations

from pathlib import Path

from generator.errors import SourceError
from generator.ingest import day_from_name
from generator.sources.hf import decode_json, parse_daily_papers
from tests.support.bibtex import assert_reads_back


def test_every_entry_of_the_real_archive_reads_back(archive: Path):
    """All 9,581 papers of the 558 well-formed days of the archive, parsed as `import` does."""
    days = papers = 0
    for path in sorted(archive.glob("*.json")):
        try:
            parsed = parse_daily_papers(decode_json(path.read_bytes(), str(path)), day=day_from_name(path),
                                        origin=str(path))
        except SourceError:
            continue  # the 22 malformed days, refused by the importer too (test_cli)
        days += 1
        for paper in parsed.papers:
            papers += 1
            assert_reads_back(paper)
    assert (days, papers) == (558, 9581)
