#!/usr/bin/env bash
# Installs what the tests start as real servers and browsers, then runs every test.
#   s3rver (npm, pinned in tests/tools) stands in for DigitalOcean Spaces;
#   Debian's chromium drives the chat page in a real browser (Playwright, nothing downloaded);
#   Debian's postgresql gives the multi-instance tests a throwaway server (started by the tests, not as a service).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -d tests/tools/node_modules/s3rver ]; then
  npm ci --prefix tests/tools --no-audit --no-fund
fi
if [ -x tests/tools/install-browser.sh ]; then
  tests/tools/install-browser.sh
fi
if [ -x tests/tools/install-postgres.sh ]; then
  tests/tools/install-postgres.sh
fi

dotnet test SalesBot.slnx "$@"
