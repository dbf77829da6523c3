"""How a paper seen again merges into its stored record (generator/storage/merge.py)."""

from __future__ import annotations

from generator.models import make_paper
from generator.storage.merge import merge

STORED = make_paper(arxiv_id="2401.00001", title="Stored", upvotes=10, comments=2, featured="2024-01-03",
                    tags=["by-hand"], keywords=["a"], stars=5, version=2, arxiv_comment="v2 comment",
                    note="a note")


def test_fresher_counts_win_and_the_first_day_featured_stays():
    seen = make_paper(arxiv_id="2401.00001", title="Seen", upvotes=12, comments=1, featured="2024-01-05",
                      stars=3, keywords=["b"], tags=["small-models"])
    merged = merge(STORED, seen)
    assert (merged.upvotes, merged.comments, merged.stars) == (12, 2, 5)
    assert merged.featured.isoformat() == "2024-01-03"
    assert merged.title == "Stored" and merged.note == "a note"
    assert merged.keywords == ("a", "b") and merged.tags == ("by-hand", "small-models")


def test_arxiv_fields_follow_the_newest_version_only():
    older = make_paper(arxiv_id="2401.00001", title="Seen", version=1, arxiv_comment="v1 comment")
    assert merge(STORED, older).arxiv_comment == "v2 comment", "a stale answer never undoes a newer one"
    newer = make_paper(arxiv_id="2401.00001", title="Seen", version=3, doi="10.1000/x", withdrawn=True)
    merged = merge(STORED, newer)
    assert (merged.version, merged.arxiv_comment, merged.doi, merged.withdrawn) == (3, "", "10.1000/x", True)
    not_arxiv = make_paper(arxiv_id="2401.00001", title="Seen")
    assert merge(STORED, not_arxiv).version == 2


def test_hugging_face_text_is_kept_when_present_and_filled_in_when_missing():
    """AI summary, organization and submitter: what the record has wins, each with its pair."""
    stored = make_paper(arxiv_id="2401.00001", title="T", ai_summary="Stored.", ai_summary_model="a/b")
    seen = make_paper(arxiv_id="2401.00001", title="T", ai_summary="Fresh.", ai_summary_model="c/d",
                      organization="google", organization_fullname="Google", submitted_by="ada",
                      submitted_by_fullname="Ada L.")
    merged = merge(stored, seen)
    assert (merged.ai_summary, merged.ai_summary_model) == ("Stored.", "a/b")
    assert (merged.organization, merged.organization_fullname) == ("google", "Google")
    assert (merged.submitted_by, merged.submitted_by_fullname) == ("ada", "Ada L.")
    assert merge(seen, stored).organization == "google", "a source without one takes nothing away"


def test_a_stored_thumbnail_is_kept_and_a_missing_one_filled_in():
    """The thumbnail merges like the links: what the record has stays, a gap is filled."""
    seen = make_paper(arxiv_id="2401.00001", title="Seen", thumbnail="https://cdn.example.org/b.png")
    assert merge(STORED, seen).thumbnail == "https://cdn.example.org/b.png"
    kept = STORED.replace(thumbnail="https://cdn.example.org/a.png")
    assert merge(kept, seen).thumbnail == "https://cdn.example.org/a.png"
