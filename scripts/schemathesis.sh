#!/usr/bin/env bash
# `npm run api:fuzz`: Schemathesis, an outside judge, checks every operation of /openapi.json
# against the running service (npm start on free ports, its own data directory and API keys),
# once with a responder's key and once with an approver's. Exits non-zero on any failure.
#   ST_MAX_EXAMPLES  examples per operation (default 10)
#   ST_TIME_LIMIT    seconds each run may take (default 240)
#   ST_VENV          where Schemathesis is installed if `st` is not on PATH (default /opt/schemathesis)
set -euo pipefail
cd "$(dirname "$0")/.."

ST_VENV=${ST_VENV:-/opt/schemathesis}
if command -v st >/dev/null 2>&1; then ST=st
else
  if [ ! -x "$ST_VENV/bin/st" ]; then
    echo "Installing Schemathesis into $ST_VENV"
    python3 -m venv "$ST_VENV"
    "$ST_VENV/bin/pip" install --quiet 'schemathesis>=4,<5'
  fi
  ST="$ST_VENV/bin/st"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
key() { python3 -c 'import secrets; print(secrets.token_urlsafe(32))'; }
sha() { printf %s "$1" | sha256sum | cut -d' ' -f1; }

DATA=$(mktemp -d)
RESPONDER=$(key); APPROVER=$(key)
export PORT=$(free_port) TEMPORAL_PORT=$(free_port) TEMPORAL_UI_PORT=$(free_port)
export DATA_DIR="$DATA" HOST=127.0.0.1 LOG_LEVEL=${LOG_LEVEL:-warn}
export PUBLIC_BASE_URL="http://127.0.0.1:$PORT"
export BREACH_API_KEYS="[{\"id\":\"fuzz-responder\",\"role\":\"responder\",\"sha256\":\"$(sha "$RESPONDER")\"},{\"id\":\"fuzz-approver\",\"role\":\"approver\",\"sha256\":\"$(sha "$APPROVER")\"}]"
URL="http://127.0.0.1:$PORT"

npx tsx scripts/start.ts >"$DATA/service.log" 2>&1 &
SERVICE=$!
stop() {
  kill "$SERVICE" 2>/dev/null && wait "$SERVICE" 2>/dev/null || true
  rm -rf "$DATA"
}
trap stop EXIT

for _ in $(seq 1 120); do
  if curl -fsS "$URL/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVICE" 2>/dev/null; then cat "$DATA/service.log"; echo "the service did not start" >&2; exit 1; fi
  sleep 1
done
curl -fsS "$URL/readyz" >/dev/null || { tail -50 "$DATA/service.log"; echo "the service is not ready" >&2; exit 1; }

status=0
for role in responder approver; do
  token=$RESPONDER; [ "$role" = approver ] && token=$APPROVER
  echo "== Schemathesis as $role"
  timeout "${ST_TIME_LIMIT:-240}" "$ST" --no-color --config-file scripts/schemathesis.toml run "$URL/openapi.json" \
    --checks all \
    --max-examples "${ST_MAX_EXAMPLES:-10}" \
    --header "Authorization: Bearer $token" \
    --request-timeout 30 \
    --seed "${ST_SEED:-1}" \
    || status=1
done
[ "$status" = 0 ] || { echo "--- service log (last 40 lines)"; tail -40 "$DATA/service.log"; }
exit "$status"
