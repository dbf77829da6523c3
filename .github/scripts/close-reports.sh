#!/usr/bin/env bash
# Answer and close the readers' reports a comment decided: $CLOSE holds their numbers (made by
# paperboy curate-comment, digits only), $CLOSING the answer (Markdown, made by Python too).
set -euo pipefail

for number in $CLOSE; do
  gh issue close "$number" --reason completed --comment "$CLOSING"
done
