#!/bin/sh
# Registers the namespace meritflow uses and its search attributes. Run by:
#   - docker/compose.yaml, as the one-shot job `temporal-namespace` (image temporalio/admin-tools);
#   - cluster mode (libs/devstack/src/temporal-cluster.ts), with the `temporal` CLI the launcher
#     builds and TEMPORAL_CLI naming it.
# The real server (unlike the deprecated auto-setup image and the dev server) creates no namespace.
# Idempotent. The retention is a decision, set on every run (an existing namespace is updated to
# it): TEMPORAL_RETENTION_DAYS, the same variable and default (30) as `npm start`. The audit record
# does not depend on it: closed histories are archived in PostgreSQL.
set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
RETENTION="$(( ${TEMPORAL_RETENTION_DAYS:-30} * 24 ))h"
CLI="${TEMPORAL_CLI:-temporal}"
# The workflows keep these up to date on every root case (libs/contracts/src/search-attributes.ts;
# a unit test keeps the two lists equal). A workflow that upserts an unregistered one fails its task.
SEARCH_ATTRIBUTES="${MERITFLOW_SEARCH_ATTRIBUTES:-MeritflowCaseType MeritflowAgency MeritflowStep MeritflowStatus}"

# Extra flags for every call (cluster mode passes TLS settings here when the frontend has TLS).
# shellcheck disable=SC2086
t() { "$CLI" "$@" --address "$ADDRESS" ${TEMPORAL_CLI_FLAGS:-}; }

echo "Waiting for the Temporal frontend at $ADDRESS ..."
i=0
until t operator cluster health >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "$i" -ge 60 ]; then
    echo "Temporal at $ADDRESS not SERVING after 60 attempts" >&2
    exit 1
  fi
  sleep 2
done

if t operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "Namespace '$NAMESPACE' already registered; setting its retention to $RETENTION."
  t operator namespace update --namespace "$NAMESPACE" --retention "$RETENTION"
else
  echo "Registering namespace '$NAMESPACE' (retention $RETENTION) ..."
  t operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION" --description "meritflow workflows"
fi

# A new namespace takes a moment (the namespace cache refreshes every 2 s) to reach every
# frontend; registering search attributes needs it.
i=0
until t operator search-attribute list --namespace "$NAMESPACE" >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "$i" -ge 30 ]; then
    echo "Namespace '$NAMESPACE' not usable after registration" >&2
    exit 1
  fi
  sleep 1
done

existing="$(t operator search-attribute list --namespace "$NAMESPACE")"
for name in $SEARCH_ATTRIBUTES; do
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    echo "Search attribute $name already registered."
  else
    echo "Registering search attribute $name (Keyword) ..."
    t operator search-attribute create --namespace "$NAMESPACE" --name "$name" --type Keyword
  fi
done

# Let every frontend's namespace cache pick up the new namespace and its search attributes
# before workers poll and workflows upsert (refreshed every 2 s).
sleep 5
echo "Namespace '$NAMESPACE' ready."
