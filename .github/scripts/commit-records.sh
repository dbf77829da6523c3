#!/usr/bin/env bash
# Commit the records a fetch changed, with a message that says what, and push them.
# Prints `sha=<commit>` to $GITHUB_OUTPUT (the commit the site is then built from).
set -euo pipefail

new=$(git status --porcelain -- content/papers | grep -c '^??' || true)
updated=$(git status --porcelain -- content/papers | grep -c '^ M' || true)
if [ "$new" -eq 0 ] && [ "$updated" -eq 0 ]; then
  echo "No record changed: nothing to commit."
else
  git config user.name "paperboy[bot]"
  git config user.email "paperboy-bot@users.noreply.github.com"
  git add -- content/papers
  message="$new new papers, $updated updated"
  [ "$new" -eq 1 ] && message="1 new paper, $updated updated"
  git commit --quiet -m "$message"
  echo "Committed: $message"
  if [ -n "${GITHUB_ACTIONS:-}" ]; then
    git push --quiet origin "HEAD:refs/heads/${GITHUB_REF_NAME:-main}"
  fi
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "sha=$(git rev-parse HEAD)" >> "$GITHUB_OUTPUT"
fi
