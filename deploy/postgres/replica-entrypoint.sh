#!/bin/bash
# The read replica: on first start, copy the primary with pg_basebackup (-R writes standby.signal and the
# connection to follow), then run as a hot standby that streams every change from the primary.
set -euo pipefail
export PGPASSWORD="${REPLICATION_PASSWORD:-replicator}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_basebackup -h "${PRIMARY_HOST:-db-primary}" -p 5432 -U replicator -D "$PGDATA" -R -X stream -P; do
    echo "replica: chờ máy chủ chính (primary)..."
    sleep 2
  done
  chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c jit=off
