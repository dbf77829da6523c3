#!/usr/bin/env bash
# Check the records, commit what a fetch changed (records, the candidates the topic is decided
# from, and what the papers released on the Hub) with a message that says what, and push it.
# Prints `sha=<commit>` to $GITHUB_OUTPUT (the commit the site is then built from).
set -euo pipefail
source "$(dirname "$0")/git-bot.sh"

# Runs even when the fetch failed for some day (the days that worked are kept), so it checks
# first: a record that fails the check would break every later build, so it is never pushed.
if ! make check; then
  echo "make check failed: nothing committed, nothing pushed." >&2
  exit 1
fi
new=$(git status --porcelain -- content/papers | grep -c '^??' || true)
updated=$(git status --porcelain -- content/papers | grep -c '^ M' || true)
candidates=$(git status --porcelain -- content/candidates content/releases | grep -c . || true)
if [ "$new" -eq 0 ] && [ "$updated" -eq 0 ] && [ "$candidates" -eq 0 ]; then
  echo "No record changed: nothing to commit."
else
  bot_identity
  git add -- content/papers content/candidates
  [ -d content/releases ] && git add -- content/releases
  message="$new new papers, $updated updated"
  [ "$new" -eq 1 ] && message="1 new paper, $updated updated"
  git commit --quiet -m "$message"
  echo "Committed: $message"
  if [ -n "${GITHUB_ACTIONS:-}" ]; then
    push_with_retry
  fi
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "sha=$(git rev-parse HEAD)" >> "$GITHUB_OUTPUT"
fi
