#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder's image: Node 20, then the autograd-ex pinned in
# package.json (zip this folder with package.json and autograd-ex.json copied in: see README.md).
set -euo pipefail
curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
apt-get install -y nodejs
cd /autograder/source && npm install --no-audit --no-fund
