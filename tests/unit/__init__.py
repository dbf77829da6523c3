"""In-process tests: no subprocess, no built site, no browser (`make test-quick`)."""
