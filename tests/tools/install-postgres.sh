#!/usr/bin/env sh
# The PostgreSQL tests start a throwaway server from Debian's postgresql package (initdb + pg_ctl, no service).
# apt-get update runs only when the package lists are too old to find it.
set -e
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get install -y postgresql || { apt-get update && apt-get install -y postgresql; }
fi
