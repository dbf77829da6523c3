#!/usr/bin/env bash
# Put the papers the topic model is least sure about in front of the curator: one issue a day
# listing them (`paperboy review --format markdown`), answered by comments such as
# `/on 2507.12345` (the Curator workflow records them). Nothing is opened when there is nothing
# to review, when Issues are off (a fork's default) or when today's issue exists already: only
# the bot's own issues count (anyone can open an issue with that title), and the list is read
# directly, not through GitHub's search, whose index lags behind a run that just opened one.
# Needs GH_TOKEN (issues: write) and GH_REPO.
set -euo pipefail

make --quiet .venv/.installed
body=$(mktemp)
trap 'rm -f "$body" "$body.issues"' EXIT
.venv/bin/paperboy review --days 1 --limit "${REVIEW_LIMIT:-10}" --format markdown > "$body"
if [ ! -s "$body" ]; then
  echo "Nothing to review: no issue opened."
  exit 0
fi
if [ "$(gh repo view "$GH_REPO" --json hasIssuesEnabled --jq .hasIssuesEnabled)" != "true" ]; then
  echo "Issues are off in this repository (Settings > General > Features > Issues): no issue opened." >&2
  exit 0
fi
title="Papers to review: $(date -u +%F)"
gh issue list --state all --limit 100 --json number,title,author > "$body.issues"
# The bot's login reads "app/github-actions" through gh (GraphQL), "github-actions[bot]" in REST.
if ! .venv/bin/python - "$body.issues" "$title" <<'PY'
import json, sys
issues, title = json.load(open(sys.argv[1])), sys.argv[2]
bot = ("app/github-actions", "github-actions[bot]")
sys.exit(1 if any(i.get("title") == title and (i.get("author") or {}).get("login") in bot for i in issues) else 0)
PY
then
  echo "\"$title\" exists already: not opened again."
  exit 0
fi
gh issue create --title "$title" --body-file "$body"
