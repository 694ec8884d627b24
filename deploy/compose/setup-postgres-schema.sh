#!/bin/sh
# One-shot job (temporalio/admin-tools image): create Temporal's two PostgreSQL databases and bring
# their schemas to the version shipped in the image. Safe to run again: existing databases are
# kept and update-schema only applies what is missing.
set -eu
: "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}" "${SQL_PASSWORD:?}"
PORT="${DB_PORT:-5432}"
SCHEMA_ROOT=/etc/temporal/schema/postgresql/v12

until nc -z -w 5 "$POSTGRES_SEEDS" "$PORT"; do
  echo "waiting for PostgreSQL at $POSTGRES_SEEDS:$PORT"
  sleep 2
done

for pair in temporal:temporal temporal_visibility:visibility; do
  db="${pair%%:*}"
  dir="${pair##*:}"
  tool="temporal-sql-tool --plugin postgres12 --ep $POSTGRES_SEEDS -p $PORT -u $POSTGRES_USER --db $db"
  $tool create || echo "database $db exists"
  $tool setup-schema -v 0.0 || echo "schema of $db already set up"
  $tool update-schema -d "$SCHEMA_ROOT/$dir/versioned"
done
echo "Temporal schemas are up to date"
