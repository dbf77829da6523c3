#!/usr/bin/env bash
# Put the papers the topic model is least sure about, and those readers reported, in front of
# the curator: one issue a day, answered by comments such as `/on 2507.12345` (the Curator
# workflow records them). `paperboy review-issue` decides everything (nothing to review, Issues
# off, today's issue there already: it prints nothing) and writes the text; this only opens it.
# Needs GITHUB_TOKEN (issues: read, for paperboy), GH_TOKEN (issues: write) and GH_REPO; the
# packages are installed before (a step with no token).
set -euo pipefail

body=$(mktemp)
trap 'rm -f "$body"' EXIT
title=$(.venv/bin/paperboy review-issue --days 1 --limit "${REVIEW_LIMIT:-10}" --body "$body")
if [ -n "$title" ]; then
  gh issue create --title "$title" --body-file "$body"
fi
