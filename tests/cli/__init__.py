"""`paperboy` and other commands run as a process."""
