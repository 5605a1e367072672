#!/bin/sh
# Creates the namespace and registers the search attributes the service sets (IncidentPhase, IncidentSeverity).
set -eu
temporal operator namespace describe -n "$NAMESPACE" >/dev/null 2>&1 || temporal operator namespace create -n "$NAMESPACE" --retention 30d
for name in IncidentPhase IncidentSeverity; do
  temporal operator search-attribute create -n "$NAMESPACE" --name "$name" --type Keyword || true
done
