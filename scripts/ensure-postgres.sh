#!/usr/bin/env bash
# Makes sure the machine's PostgreSQL server (127.0.0.1:5432, trust auth, database `test`) is up.
# CI and the PostgreSQL half of the test suite use it; nothing here installs anything.
set -euo pipefail
if pg_isready -q -h 127.0.0.1 -p 5432; then exit 0; fi
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && exit 0
  sleep 1
done
echo "ensure-postgres: no PostgreSQL server on 127.0.0.1:5432" >&2
exit 1
