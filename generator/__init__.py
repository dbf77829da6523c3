"""Paperboy: publish a research topic as a static daily-papers site with Atom feeds."""

__version__ = "0.1.0"
