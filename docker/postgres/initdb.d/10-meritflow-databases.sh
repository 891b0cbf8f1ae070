#!/usr/bin/env bash
# Runs once, when the postgres container initialises an EMPTY data directory
# (official image: /docker-entrypoint-initdb.d). It applies ../meritflow-roles.psql, the file
# cluster mode applies too (mounted at /etc/meritflow/meritflow-roles.psql), which creates:
#   - role `meritflow` (owner, migrations) + database `meritflow`;
#   - role `meritflow_api` (LOGIN, member of the least-privilege role `meritflow_app`): the API and
#     the workers connect as it;
#   - role `temporal` + databases `temporal`, `temporal_visibility` (Temporal persistence).
# Passwords come from the container environment (see docker/compose.yaml). They are passed
# to psql as variables and quoted by psql (:'var'), never spliced into the SQL text.
# Changing a password later needs `ALTER ROLE ... PASSWORD ...`: this script does not run again.
# Same shell options as the image entrypoint, so the script also behaves if it is sourced
# (the entrypoint sources *.sh files that lost their executable bit).
set -Eeo pipefail

: "${MERITFLOW_DB_PASSWORD:?MERITFLOW_DB_PASSWORD must be set}"
: "${MERITFLOW_API_DB_PASSWORD:?MERITFLOW_API_DB_PASSWORD must be set}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD must be set}"

psql -v ON_ERROR_STOP=1 \
  --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-$POSTGRES_USER}" \
  -v owner_role=meritflow -v owner_password="$MERITFLOW_DB_PASSWORD" -v app_db=meritflow \
  -v app_login_role=meritflow_api -v app_login_password="$MERITFLOW_API_DB_PASSWORD" \
  -v temporal_role=temporal -v temporal_password="$TEMPORAL_DB_PASSWORD" \
  -v temporal_db=temporal -v visibility_db=temporal_visibility \
  -f /etc/meritflow/meritflow-roles.psql

# No extra grants on schema `public` are needed: since PostgreSQL 15 it is owned by
# pg_database_owner, so each database's owner (above) may create tables in it.
