#!/bin/bash
# Runs once, when the primary's data directory is first made (docker-entrypoint-initdb.d): a role for the
# streaming replica and the line of pg_hba.conf that lets it connect for replication.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '${REPLICATION_PASSWORD:-replicator}';
ALTER DATABASE ${POSTGRES_DB} SET jit = off;
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
