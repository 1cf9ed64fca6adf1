#!/usr/bin/env bash
# Installs what the tests start as real servers (s3rver for Spaces), then runs every test.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -d tests/tools/node_modules/s3rver ]; then
  npm ci --prefix tests/tools --no-audit --no-fund
fi

dotnet test SalesBot.slnx "$@"
