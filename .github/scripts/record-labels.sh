#!/usr/bin/env bash
# Record the labels a collaborator's comment decides, commit content/topic/labels.yml and push it.
# `paperboy curate-comment` reads the event payload itself: the comment's text never passes
# through this shell or a workflow expression. It checks who wrote the comment, too.
# Prints to $GITHUB_OUTPUT: `recorded=true|false`, and `reply`: the Markdown to post on the issue
# (empty when the comment held no command, or was ignored).
set -euo pipefail
source "$(dirname "$0")/git-bot.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
make --quiet .venv/.installed
.venv/bin/paperboy curate-comment --event "$GITHUB_EVENT_PATH" --reply "$work/reply.md" --message "$work/message.txt"

recorded=false
# Recording a label the file already holds changes no byte: then there is nothing to commit.
if [ -s "$work/message.txt" ] && [ -n "$(git status --porcelain -- content/topic/labels.yml)" ]; then
  bot_identity
  git add -- content/topic/labels.yml
  git commit --quiet -F "$work/message.txt"
  echo "Committed: $(head -n 1 "$work/message.txt")"
  if [ -n "${GITHUB_ACTIONS:-}" ]; then
    push_with_retry
  fi
  recorded=true
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "recorded=$recorded" >> "$GITHUB_OUTPUT"
  # The reply quotes the comment: a random delimiter, so no line of it can end the value early.
  delimiter="reply-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  { echo "reply<<$delimiter"; cat "$work/reply.md"; echo "$delimiter"; } >> "$GITHUB_OUTPUT"
fi
