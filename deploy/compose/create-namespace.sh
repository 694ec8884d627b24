#!/bin/sh
# One-shot job (temporalio/admin-tools image): register the namespace the worker uses, once the
# frontend answers. Does nothing when it already exists.
set -eu
NS="${NAMESPACE:-default}"
ADDR="${TEMPORAL_ADDRESS:?}"
tries=0
until temporal operator cluster health --address "$ADDR"; do
  tries=$((tries + 1))
  [ "$tries" -lt 30 ] || { echo "Temporal at $ADDR never became healthy"; exit 1; }
  sleep 2
done
temporal operator namespace describe -n "$NS" --address "$ADDR" >/dev/null 2>&1 \
  || temporal operator namespace create -n "$NS" --retention 30d --address "$ADDR"
echo "namespace $NS ready"
