#!/usr/bin/env bash
# The weekly digest, when the SMTP secrets exist (otherwise a clean skip). It runs every day and
# sends the last complete week; the digest log (content/.digests.json, committed here) makes
# that happen once per recipient, so a day missed for any reason is made up the next day.
set -euo pipefail
source "$(dirname "$0")/git-bot.sh"

if [ -z "${PAPERBOY_SMTP_HOST:-}" ]; then
  echo "No PAPERBOY_SMTP_HOST secret: the digest is not set up, nothing to send."
  exit 0
fi
status=0
make digest || status=$?
if [ -n "$(git status --porcelain -- content/.digests.json)" ]; then
  bot_identity
  git add -- content/.digests.json
  git commit --quiet -m "Digest sent: last week's top papers"
  if [ -n "${GITHUB_ACTIONS:-}" ]; then
    push_with_retry
  fi
fi
exit "$status"
