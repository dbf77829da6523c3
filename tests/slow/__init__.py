"""Whole-archive passes and the benchmark's own test."""
