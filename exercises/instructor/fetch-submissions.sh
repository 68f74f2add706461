#!/usr/bin/env bash
# Clones each repository listed in $1 (owner/name, one per line; # starts a comment) into $2/<name>, as it was at
# $DEADLINE when that is set. STUDENT_REPOS_TOKEN (read access to the students' repositories) goes in a header of
# each git command and is never written to disk. A repository that cannot be cloned still gets a folder, so it is
# graded "not gradable" instead of silently missing from the gradebook.
# NOTE: --before goes by commit dates, which a student can set: for a deadline nobody can backdate, grade when it
# passes (a scheduled run) rather than later with DEADLINE.
set -euo pipefail
list=$1 out=$2
server=${GITHUB_SERVER_URL:-https://github.com}
mkdir -p "$out"
auth=()
if [ -n "${STUDENT_REPOS_TOKEN:-}" ]; then
  auth=(-c "http.$server/.extraheader=AUTHORIZATION: basic $(printf 'x-access-token:%s' "$STUDENT_REPOS_TOKEN" | base64 -w0)")
fi
while read -r repo _; do
  case "$repo" in '' | '#'*) continue ;; esac
  dir="$out/${repo##*/}"
  if ! git "${auth[@]}" clone --quiet --filter=blob:none --no-checkout "$server/$repo.git" "$dir"; then
    echo "$repo: cannot be cloned" >&2
    mkdir -p "$dir"
    continue
  fi
  commit=$(git -C "$dir" rev-list -1 ${DEADLINE:+--before="$DEADLINE"} HEAD || true)
  if [ -n "$commit" ]; then
    git "${auth[@]}" -C "$dir" checkout --quiet "$commit"
    echo "$repo: $commit"
  else
    echo "$repo: no commit before $DEADLINE" >&2
  fi
done <"$list"
