"""Tests that build a site with MkDocs or read one built once a run."""
