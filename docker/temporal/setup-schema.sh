#!/bin/sh
# Creates or upgrades Temporal's PostgreSQL schemas with temporal-sql-tool. Run by:
#   - docker/compose.yaml, as the one-shot job `temporal-schema` (image temporalio/admin-tools);
#   - cluster mode (libs/devstack/src/temporal-cluster.ts), with the tool built from the same server
#     version and TEMPORAL_SQL_TOOL naming it.
# Same steps as temporalio/samples-server compose/scripts/setup-postgres.sh. The schemas are the
# ones built into the tool (--schema-name), so the tool's version decides them, in both places.
# Idempotent: `setup-schema -v 0.0` is skipped on an initialised database and `update-schema`
# only applies versions newer than the recorded one, so this runs on every start and upgrades the
# schema after a server version bump.
set -eu

: "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}"
DB_PORT="${DB_PORT:-5432}"
DBNAME="${DBNAME:-temporal}"
VISIBILITY_DBNAME="${VISIBILITY_DBNAME:-temporal_visibility}"
SQL_TOOL="${TEMPORAL_SQL_TOOL:-temporal-sql-tool}"

# temporal-sql-tool reads the password from SQL_PASSWORD (keeps it off the command line).
SQL_PASSWORD="${POSTGRES_PWD:-}"
export SQL_PASSWORD

sql_tool() {
  "$SQL_TOOL" --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"
}

# Compose starts this job once PostgreSQL reports healthy; a slow first start can still refuse
# the first connection, so try a few times before giving up.
echo "Waiting for PostgreSQL at $POSTGRES_SEEDS:$DB_PORT ..."
i=0
until sql_tool --db "$DBNAME" setup-schema -v 0.0 >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "$i" -ge 30 ]; then
    echo "Could not set up $DBNAME at $POSTGRES_SEEDS:$DB_PORT:" >&2
    sql_tool --db "$DBNAME" setup-schema -v 0.0 >&2 || true
    exit 1
  fi
  sleep 2
done

echo "Temporal persistence schema ($DBNAME) ..."
sql_tool --db "$DBNAME" update-schema --schema-name postgresql/v12/temporal

echo "Temporal visibility schema ($VISIBILITY_DBNAME) ..."
sql_tool --db "$VISIBILITY_DBNAME" setup-schema -v 0.0
sql_tool --db "$VISIBILITY_DBNAME" update-schema --schema-name postgresql/v12/visibility

echo "Temporal schema setup complete."
