#!/usr/bin/env bash
# Runs once, when the postgres container initialises an EMPTY data directory
# (official image: /docker-entrypoint-initdb.d). It creates:
#   - role `meritflow` + database `meritflow`                  (the app, TypeORM migrations)
#   - role `temporal`  + databases `temporal`, `temporal_visibility` (Temporal persistence)
# Passwords come from the container environment (see docker/compose.yaml). They are passed
# to psql as variables and quoted by psql (:'var'), never spliced into the SQL text.
# Changing a password later needs `ALTER ROLE ... PASSWORD ...`: this script does not run again.
# Same shell options as the image entrypoint, so the script also behaves if it is sourced
# (the entrypoint sources *.sh files that lost their executable bit).
set -Eeo pipefail

: "${MERITFLOW_DB_PASSWORD:?MERITFLOW_DB_PASSWORD must be set}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD must be set}"

psql -v ON_ERROR_STOP=1 \
  --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-$POSTGRES_USER}" \
  -v app_password="$MERITFLOW_DB_PASSWORD" \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'EOSQL'
CREATE ROLE meritflow LOGIN PASSWORD :'app_password';
CREATE DATABASE meritflow OWNER meritflow;
REVOKE ALL ON DATABASE meritflow FROM PUBLIC;

CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
REVOKE ALL ON DATABASE temporal FROM PUBLIC;
REVOKE ALL ON DATABASE temporal_visibility FROM PUBLIC;
EOSQL

# No extra grants on schema `public` are needed: since PostgreSQL 15 it is owned by
# pg_database_owner, so each database's owner (above) may create tables in it.
