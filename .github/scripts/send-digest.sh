#!/usr/bin/env bash
# The weekly digest: on Mondays (UTC), when the SMTP secrets exist; otherwise a clean skip.
# Commits the digest log (content/.digests.json) so that a week is never sent twice.
set -euo pipefail

if [ -z "${PAPERBOY_SMTP_HOST:-}" ]; then
  echo "No PAPERBOY_SMTP_HOST secret: the digest is not set up, nothing to send."
  exit 0
fi
if [ "${PAPERBOY_DIGEST_ANY_DAY:-}" != "1" ] && [ "$(date -u +%u)" != "1" ]; then
  echo "The weekly digest goes out on Mondays."
  exit 0
fi
status=0
make digest || status=$?
if [ -n "$(git status --porcelain -- content/.digests.json)" ]; then
  git config user.name "paperboy[bot]"
  git config user.email "paperboy-bot@users.noreply.github.com"
  git add -- content/.digests.json
  git commit --quiet -m "Digest sent: last week's top papers"
  if [ -n "${GITHUB_ACTIONS:-}" ]; then
    git push --quiet origin "HEAD:refs/heads/${GITHUB_REF_NAME:-main}"
  fi
fi
exit "$status"
