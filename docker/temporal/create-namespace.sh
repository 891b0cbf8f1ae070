#!/bin/sh
# One-shot job (service `temporal-namespace`, image temporalio/admin-tools): registers
# the namespace meritflow uses, if it does not exist yet. temporalio/server (unlike the
# deprecated auto-setup image) creates no namespace by itself.
# Idempotent. The retention is a decision, set on every run (an existing namespace is
# updated to it): TEMPORAL_RETENTION_DAYS, the same variable and default (30) as `npm start`.
# The audit record does not depend on it: closed histories are archived in PostgreSQL.
set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
RETENTION="$(( ${TEMPORAL_RETENTION_DAYS:-30} * 24 ))h"

echo "Waiting for the Temporal frontend at $ADDRESS ..."
i=0
until temporal operator cluster health --address "$ADDRESS" >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "$i" -ge 60 ]; then
    echo "Temporal at $ADDRESS not SERVING after 60 attempts" >&2
    exit 1
  fi
  sleep 2
done

if temporal operator namespace describe --address "$ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "Namespace '$NAMESPACE' already registered; setting its retention to $RETENTION."
  temporal operator namespace update --address "$ADDRESS" --namespace "$NAMESPACE" --retention "$RETENTION"
  exit 0
fi

echo "Registering namespace '$NAMESPACE' (retention $RETENTION) ..."
temporal operator namespace create --address "$ADDRESS" --namespace "$NAMESPACE" \
  --retention "$RETENTION" --description "meritflow workflows"

# A new namespace takes a few seconds to reach every frontend's namespace cache; wait
# so the worker's first poll does not fail with "namespace not found".
i=0
until temporal operator namespace describe --address "$ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "$i" -ge 30 ]; then
    echo "Namespace '$NAMESPACE' not visible after registration" >&2
    exit 1
  fi
  sleep 1
done
sleep 15
echo "Namespace '$NAMESPACE' registered."
