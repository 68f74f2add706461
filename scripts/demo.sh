#!/bin/sh
# The README's end-to-end run (after `npm ci && npm run build`): scaffold a workspace in a temporary folder,
# copy the reference solutions in, and grade them. Exits with check's code: 0 when everything passes.
set -eu
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node bin/autograd-ex.cjs init "$work"
cp test/solutions/reference/*.ts "$work"
echo
echo "\$ autograd-ex check   # with the reference solutions in $work"
node bin/autograd-ex.cjs check --dir "$work"
