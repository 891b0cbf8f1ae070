#!/bin/sh
# One-shot job (service `temporal-schema`, image temporalio/admin-tools): creates or
# upgrades Temporal's PostgreSQL schemas. Same steps as temporalio/samples-server
# compose/scripts/setup-postgres.sh, minus `create`: the databases and the `temporal`
# role are created by docker/postgres/initdb.d on first start.
# Idempotent: `setup-schema -v 0.0` is skipped on an initialised database and
# `update-schema` only applies versions newer than the recorded one, so this runs on
# every `docker compose up` and also upgrades the schema after a server image bump.
set -eu

: "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}" "${POSTGRES_PWD:?}"
DB_PORT="${DB_PORT:-5432}"
DBNAME="${DBNAME:-temporal}"
VISIBILITY_DBNAME="${VISIBILITY_DBNAME:-temporal_visibility}"
SCHEMA_ROOT="${TEMPORAL_SCHEMA_ROOT:-/etc/temporal/schema/postgresql/v12}"

# temporal-sql-tool reads the password from SQL_PASSWORD (keeps it off the command line).
SQL_PASSWORD="$POSTGRES_PWD"
export SQL_PASSWORD

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"
}

echo "Waiting for PostgreSQL at $POSTGRES_SEEDS:$DB_PORT ..."
i=0
until nc -z "$POSTGRES_SEEDS" "$DB_PORT"; do
  i=$((i + 1))
  if [ "$i" -ge 60 ]; then
    echo "PostgreSQL not reachable after 60 attempts" >&2
    exit 1
  fi
  sleep 2
done

echo "Temporal persistence schema ($DBNAME) ..."
sql_tool --db "$DBNAME" setup-schema -v 0.0
sql_tool --db "$DBNAME" update-schema -d "$SCHEMA_ROOT/temporal/versioned"

echo "Temporal visibility schema ($VISIBILITY_DBNAME) ..."
sql_tool --db "$VISIBILITY_DBNAME" setup-schema -v 0.0
sql_tool --db "$VISIBILITY_DBNAME" update-schema -d "$SCHEMA_ROOT/visibility/versioned"

echo "Temporal schema setup complete."
