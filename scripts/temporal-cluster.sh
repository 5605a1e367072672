#!/usr/bin/env bash
# A Temporal server on PostgreSQL, the production shape, without Docker. Builds the server and its SQL
# tool from the Go module proxy when missing, creates and migrates the `temporal` and
# `temporal_visibility` databases with the SQL tool and the server module's own schema files, writes a
# server config from the module's development-postgres12.yaml, and starts the four services (frontend,
# history, matching, worker) in one process on free ports. docker-compose.yml runs the same schema steps
# (deploy/temporal-setup.sh) and the same dynamic config (deploy/dynamicconfig.yaml).
#
#   scripts/temporal-cluster.sh start   # prints TEMPORAL_ADDRESS=127.0.0.1:PORT as the last line
#   scripts/temporal-cluster.sh stop
# Env: TEMPORAL_CLUSTER_DIR (state, logs, pid; default /tmp/breach-temporal-cluster),
#      TEMPORAL_CLUSTER_PORT (frontend port; default: the first free from 17233, stepping by 20),
#      BREACH_PG_* as scripts/postgres.sh.
set -euo pipefail

VERSION=v1.29.1
HOST=127.0.0.1
PG_PORT="${BREACH_PG_PORT:-5432}"
PG_USER="${BREACH_PG_ROLE:-breach}"
PG_PASSWORD="${BREACH_PG_PASSWORD:-breachtest}"
DIR="${TEMPORAL_CLUSTER_DIR:-/tmp/breach-temporal-cluster}"
GOBIN="$(go env GOPATH)/bin"
REPO="$(cd "$(dirname "$0")/.." && pwd)"
log() { echo "temporal-cluster.sh: $*" >&2; }

build() {
  if [[ -x "$GOBIN/server" && -x "$GOBIN/sql" ]]; then return; fi
  log "building the Temporal server $VERSION and its SQL tool (several minutes on 2 cores)"
  GOFLAGS=-p=1 nice go install "go.temporal.io/server/cmd/server@$VERSION" \
    "go.temporal.io/server/cmd/tools/sql@$VERSION"
}

module_dir() { echo "$(go env GOMODCACHE)/go.temporal.io/server@$VERSION"; }

sql_tool() { "$GOBIN/sql" --plugin postgres12 --ep "$HOST" -p "$PG_PORT" -u "$PG_USER" --pw "$PG_PASSWORD" "$@"; }

databases() {
  local schema_root db schema
  schema_root="$(module_dir)/schema/postgresql/v12"
  for db in temporal temporal_visibility; do
    schema=temporal
    [[ "$db" = temporal_visibility ]] && schema=visibility
    if ! PGPASSWORD="$PG_PASSWORD" psql -h "$HOST" -p "$PG_PORT" -U "$PG_USER" -d "$db" -XtAc 'select 1' >/dev/null 2>&1; then
      # The breach role has no CREATEDB by default: as root, the cluster's owner creates the database for it.
      if [[ "$(id -u)" -eq 0 ]] && id postgres >/dev/null 2>&1; then
        runuser -u postgres -- psql -p "$PG_PORT" -XtAqc "CREATE DATABASE $db OWNER $PG_USER"
      else
        sql_tool --db "$db" create-database
      fi
      sql_tool --db "$db" setup-schema -v 0.0
    fi
    sql_tool --db "$db" update-schema -d "$schema_root/$schema/versioned"
  done
}

port_free() { ! (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

pick_port() {
  local base="${TEMPORAL_CLUSTER_PORT:-}"
  if [[ -n "$base" ]]; then echo "$base"; return; fi
  for base in $(seq 17233 20 17833); do
    local ok=1
    for off in 0 1 2 6 10 100 101 102 106 200 300; do port_free $((base + off)) || ok=0; done
    [[ $ok = 1 ]] && { echo "$base"; return; }
  done
  log "no free port range found"; exit 1
}

# The module's development config with our database, credentials and ports.
write_config() {
  local p=$1
  mkdir -p "$DIR/config/dynamicconfig"
  cp "$REPO/deploy/dynamicconfig.yaml" "$DIR/config/dynamicconfig/breach.yaml"
  sed -e "s/user: \"temporal\"/user: \"$PG_USER\"/" \
    -e "s/password: \"temporal\"/password: \"$PG_PASSWORD\"/" \
    -e "s/127.0.0.1:5432/$HOST:$PG_PORT/" \
    -e "s/grpcPort: 7233/grpcPort: $p/" -e "s/grpcPort: 7234/grpcPort: $((p + 1))/" \
    -e "s/grpcPort: 7235/grpcPort: $((p + 2))/" -e "s/grpcPort: 7239/grpcPort: $((p + 6))/" \
    -e "s/httpPort: 7243/httpPort: $((p + 10))/" \
    -e "s/membershipPort: 6933/membershipPort: $((p + 100))/" -e "s/membershipPort: 6934/membershipPort: $((p + 101))/" \
    -e "s/membershipPort: 6935/membershipPort: $((p + 102))/" -e "s/membershipPort: 6939/membershipPort: $((p + 106))/" \
    -e "s/port: 7936/port: $((p + 200))/" -e "s/127.0.0.1:8000/127.0.0.1:$((p + 300))/" \
    -e "s/localhost:7233/127.0.0.1:$p/" \
    -e "s#config/dynamicconfig/development-sql.yaml#$DIR/config/dynamicconfig/breach.yaml#" \
    -e "s/level: info/level: warn/" \
    "$(module_dir)/config/development-postgres12.yaml" >"$DIR/config/development.yaml"
}

wait_ready() {
  local p=$1 i
  for i in $(seq 1 120); do
    if "$GOBIN/temporal" operator namespace describe --address "$HOST:$p" -n default >/dev/null 2>&1; then return; fi
    if ! kill -0 "$(cat "$DIR/server.pid")" 2>/dev/null; then log "server exited; see $DIR/server.log"; tail -20 "$DIR/server.log" >&2; exit 1; fi
    # The default namespace is registered once the frontend answers.
    "$GOBIN/temporal" operator namespace create --address "$HOST:$p" -n default --retention 72h >/dev/null 2>&1 || true
    sleep 1
  done
  log "server not ready within 120 s; see $DIR/server.log"; exit 1
}

start() {
  build
  bash "$REPO/scripts/postgres.sh" >/dev/null
  databases
  if [[ -f "$DIR/server.pid" ]] && kill -0 "$(cat "$DIR/server.pid")" 2>/dev/null; then
    log "already running (pid $(cat "$DIR/server.pid"))"
    echo "TEMPORAL_ADDRESS=$HOST:$(cat "$DIR/port")"
    return
  fi
  local p
  p="$(pick_port)"
  write_config "$p"
  # The server's own pid (not a subshell's), so stop can end it.
  nohup "$GOBIN/server" --root "$DIR" --config config --env development start </dev/null >"$DIR/server.log" 2>&1 &
  echo $! >"$DIR/server.pid"
  echo "$p" >"$DIR/port"
  wait_ready "$p"
  log "Temporal on PostgreSQL answers at $HOST:$p (pid $(cat "$DIR/server.pid"))"
  echo "TEMPORAL_ADDRESS=$HOST:$p"
}

stop() {
  [[ -f "$DIR/server.pid" ]] || return 0
  local pid
  pid="$(cat "$DIR/server.pid")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  rm -f "$DIR/server.pid"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  *) echo "usage: $0 start|stop|restart" >&2; exit 2 ;;
esac
