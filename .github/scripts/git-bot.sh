# Sourced by the scripts that commit from a workflow: who the commits are by, and how a push
# survives someone else's push during the run.

# GitHub's own actions-bot identity: the noreply address belongs to that account, so nobody can
# register it and have the bot's commits attributed to them.
bot_identity() {
  git config user.name "github-actions[bot]"
  git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
}

# git with the job's token for this one command, from $PUSH_TOKEN (the step that pushes is the
# only one given it; the checkout keeps no credentials). The token stays in the environment: a
# credential helper hands it to git, so it is on no command line and in no file.
git_with_token() {
  if [ -n "${PUSH_TOKEN:-}" ]; then
    git -c credential.helper= \
        -c 'credential.helper=!f() { echo username=x-access-token; echo "password=$PUSH_TOKEN"; }; f' "$@"
  else
    git "$@"
  fi
}

# How many times a rejected push is tried again, and the backoff between tries: exponential
# (PUSH_BACKOFF_MS, doubled each try, at most PUSH_BACKOFF_CAP_MS) with full jitter (a random
# wait between none and that), so runs that collided do not collide again in step. Ten comments
# at once all land (tests/test_curator_burst.py measures it against a local remote).
PUSH_ATTEMPTS=${PUSH_ATTEMPTS:-12}
PUSH_BACKOFF_MS=${PUSH_BACKOFF_MS:-1000}
PUSH_BACKOFF_CAP_MS=${PUSH_BACKOFF_CAP_MS:-60000}
backoff() {
  local attempt=$1 ceiling
  ceiling=$(( PUSH_BACKOFF_MS << (attempt - 1) ))
  (( ceiling > PUSH_BACKOFF_CAP_MS || ceiling <= 0 )) && ceiling=$PUSH_BACKOFF_CAP_MS
  local wait=$(( (RANDOM * 32768 + RANDOM) % (ceiling + 1) ))
  sleep "$(( wait / 1000 )).$(printf '%03d' $(( wait % 1000 )))"
}

# Push HEAD to the branch the run is for. A person may push while the fetch runs: then the push
# is rejected, so rebase onto what is there now and try again, a bounded number of times (a
# conflict, or a branch that keeps moving, fails the run instead of looping).
push_with_retry() {
  local branch="${GITHUB_REF_NAME:-main}" attempt
  for attempt in $(seq 1 "$PUSH_ATTEMPTS"); do
    if git_with_token push --quiet origin "HEAD:refs/heads/$branch"; then
      return 0
    fi
    echo "Push rejected (attempt $attempt of $PUSH_ATTEMPTS): $branch moved on; rebasing onto it." >&2
    if ! git_with_token pull --quiet --rebase origin "$branch"; then
      git rebase --abort 2>/dev/null || true
      echo "Could not rebase onto $branch (a conflict?): nothing pushed." >&2
      return 1
    fi
    backoff "$attempt"
  done
  echo "Gave up after $PUSH_ATTEMPTS rejected pushes: nothing pushed." >&2
  return 1
}
