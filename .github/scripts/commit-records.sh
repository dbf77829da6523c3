#!/usr/bin/env bash
# Check the records, commit what a fetch changed (records, the candidates the topic is decided
# from, and what the papers released on the Hub) with the fetch's own summary as the message
# (`paperboy fetch --summary`, in $FETCH_SUMMARY), and push it with the token in $PUSH_TOKEN.
# Prints `sha=<commit>` to $GITHUB_OUTPUT (the commit the review and the digest then read).
set -euo pipefail
source "$(dirname "$0")/git-bot.sh"

# Runs even when the fetch failed for some day (the days that worked are kept), so it checks
# first: a record that fails the check would break every later build, so it is never pushed.
if ! make check; then
  echo "make check failed: nothing committed, nothing pushed." >&2
  exit 1
fi
git add -- content/papers content/candidates
[ -d content/releases ] && git add -- content/releases
if git diff --cached --quiet; then
  echo "No record changed: nothing to commit."
else
  bot_identity
  message=$(cat "${FETCH_SUMMARY:-/dev/null}" 2>/dev/null || true)
  git commit --quiet -m "${message:-Records fetched}"
  echo "Committed: ${message:-Records fetched}"
  if [ -n "${GITHUB_ACTIONS:-}" ]; then
    push_with_retry
  fi
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "sha=$(git rev-parse HEAD)" >> "$GITHUB_OUTPUT"
fi
