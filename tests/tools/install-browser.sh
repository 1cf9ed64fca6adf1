#!/usr/bin/env sh
# The Playwright chat test drives Debian's chromium (no Playwright browser download).
set -e
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update
  apt-get install -y chromium
fi
