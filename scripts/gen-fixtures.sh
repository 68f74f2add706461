#!/bin/sh
# Regenerates every golden fixture: each scripts/fixtures/<name>.py writes test/fixtures/<name>.json.
# NOTE: -P keeps scripts/fixtures/ off sys.path, so random.py there cannot shadow Python's own `random`.
set -e
cd "$(dirname "$0")/.."
for script in scripts/fixtures/*.py; do
  /usr/bin/python3 -P "$script"
done
