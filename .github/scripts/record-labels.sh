#!/usr/bin/env bash
# Record the labels a collaborator's comment decides, commit content/topic/labels.yml and push it.
# `paperboy curate-comment` reads the event payload itself: the comment's text never passes
# through this shell or a workflow expression. It checks who wrote the comment (asking GitHub
# whether they have write access, with GITHUB_TOKEN) and on which issue, too.
# Prints to $GITHUB_OUTPUT: `recorded=true|false`, `reply`: the Markdown to post on the issue
# (empty when the comment held no command, or was ignored; every failure writes one too),
# `close`: the readers' reports to close (numbers), and `closing`: what to say on them.
#
# No decision is lost when comments race: each comment has a run of its own (no concurrency group
# that could cancel a waiting run), and a push that is rejected because another run pushed first
# is not rebased: the labels are recorded again on the branch as it is now (recording is
# idempotent: a label recorded twice is one line, and a comment older than the decision a label
# holds changes nothing), committed and pushed, a bounded number of times, with jittered
# exponential backoff between tries (git-bot.sh).
# The installed packages come first (a step of their own, before any token is present).
set -euo pipefail
source "$(dirname "$0")/git-bot.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
branch="${GITHUB_REF_NAME:-main}"
attempts=$PUSH_ATTEMPTS
recorded=false
status=0
: > "$work/reply.md"
: > "$work/close.txt"
: > "$work/closing.md"

finish() {
  # Reports are closed only when their decision is on the branch.
  [ "$status" -eq 0 ] || : > "$work/close.txt"
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "recorded=$recorded" >> "$GITHUB_OUTPUT"
    # The reply quotes the comment: a random delimiter, so no line of it can end the value early.
    delimiter="reply-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    { echo "reply<<$delimiter"; cat "$work/reply.md"; echo "$delimiter"; } >> "$GITHUB_OUTPUT"
    echo "close=$(tr '\n' ' ' < "$work/close.txt")" >> "$GITHUB_OUTPUT"
    { echo "closing<<$delimiter"; cat "$work/closing.md"; echo "$delimiter"; } >> "$GITHUB_OUTPUT"
  fi
  exit "$status"
}

for attempt in $(seq 1 "$attempts"); do
  if [ "$attempt" -gt 1 ]; then
    # Someone pushed meanwhile: start again from the branch as it is now.
    if ! git_with_token fetch --quiet origin "$branch" || ! git reset --quiet --hard FETCH_HEAD; then
      printf 'Nothing from this comment was recorded: `%s` could not be fetched again after a rejected push. Post the comment again.\n' "$branch" > "$work/reply.md"
      status=1
      finish
    fi
  fi
  if ! .venv/bin/paperboy curate-comment --event "$GITHUB_EVENT_PATH" --reply "$work/reply.md" --message "$work/message.txt" \
      --close "$work/close.txt" --closing "$work/closing.md"; then
    # The command wrote the reply (what failed, what to do) when it got as far as the comment.
    [ -s "$work/reply.md" ] || printf 'Nothing from this comment was recorded: `paperboy curate-comment` failed (the run log says why). Post the comment again once it is fixed.\n' > "$work/reply.md"
    status=1
    finish
  fi
  # Recording a label the file already holds changes no byte: then there is nothing to commit.
  if [ ! -s "$work/message.txt" ] || [ -z "$(git status --porcelain -- content/topic/labels.yml)" ]; then
    finish
  fi
  bot_identity
  git add -- content/topic/labels.yml
  git commit --quiet -F "$work/message.txt"
  echo "Committed: $(head -n 1 "$work/message.txt")"
  if [ -z "${GITHUB_ACTIONS:-}" ] || git_with_token push --quiet origin "HEAD:refs/heads/$branch"; then
    recorded=true
    finish
  fi
  echo "Push rejected (attempt $attempt of $attempts): $branch moved on; recording again on it." >&2
  backoff "$attempt"
done
printf 'Nothing from this comment was recorded: the push to `%s` was rejected %s times (the branch kept moving, or it is protected). Post the comment again; a label recorded twice changes nothing.\n' "$branch" "$attempts" > "$work/reply.md"
status=1
finish
