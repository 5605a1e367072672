#!/usr/bin/env bash
# Makes a PostgreSQL server available for the tests and prints its URL as the last line of stdout.
# Installs Debian's packages when the binaries are missing, starts a server when none answers,
# and creates the test role and database. Idempotent: when all is in place it only runs one query.
# Progress goes to stderr so callers can take the URL from stdout.
set -euo pipefail

HOST=127.0.0.1
PORT="${BREACH_PG_PORT:-5432}"
ROLE="${BREACH_PG_ROLE:-breach}"
# Alphanumeric on purpose: it goes into a URL unescaped.
PASSWORD="${BREACH_PG_PASSWORD:-breachtest}"
DB="${BREACH_PG_DATABASE:-breach_test}"
# Used only when no packaged cluster exists (for example after a bare install without one).
FALLBACK_DIR="${BREACH_PG_DIR:-/tmp/breach-postgres}"
URL="postgres://${ROLE}:${PASSWORD}@${HOST}:${PORT}/${DB}"

log() { echo "postgres.sh: $*" >&2; }

find_bindir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$d" && -x "$d/pg_ctl" ]]; then
    echo "$d"
    return
  fi
  if command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
  fi
}

as_postgres() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Fast path: everything already set up.
if command -v psql >/dev/null 2>&1 && psql "$URL" -XtAq -c 'select 1' >/dev/null 2>&1; then
  echo "$URL"
  exit 0
fi

BINDIR="$(find_bindir)"
if [[ -z "$BINDIR" ]]; then
  if [[ "$(id -u)" -ne 0 ]]; then
    log "PostgreSQL is not installed and installing it needs root"
    exit 1
  fi
  log "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BINDIR="$(find_bindir)"
  [[ -n "$BINDIR" ]] || { log "no pg_ctl after installing postgresql"; exit 1; }
fi
PSQL="$BINDIR/psql"
[[ -x "$PSQL" ]] || PSQL="$(command -v psql)"

answers() { "$BINDIR/pg_isready" -q -h "$HOST" -p "$PORT" >/dev/null 2>&1; }

wait_until_answering() {
  for _ in $(seq 1 60); do
    answers && return 0
    sleep 0.5
  done
  return 1
}

# Where a superuser can connect without a password (peer or trust over the Unix socket).
SOCKET_DIR=/var/run/postgresql

if ! answers; then
  started=""
  if command -v pg_lsclusters >/dev/null 2>&1; then
    # Debian's wrapper runs the server as the cluster's owner; postgres refuses to run as root.
    cluster="$(pg_lsclusters --no-header 2>/dev/null | awk -v p="$PORT" '$3 == p { print $1 " " $2; exit }')"
    if [[ -n "$cluster" ]]; then
      log "starting cluster $cluster"
      mkdir -p /var/run/postgresql && chown postgres:postgres /var/run/postgresql 2>/dev/null || true
      # shellcheck disable=SC2086
      if pg_ctlcluster $cluster start >&2; then started=yes; fi
    fi
  fi
  if [[ -z "$started" ]]; then
    SOCKET_DIR="$FALLBACK_DIR"
    if [[ "$(id -u)" -eq 0 ]]; then
      id postgres >/dev/null 2>&1 || useradd --system --home-dir "$FALLBACK_DIR" --shell /bin/sh postgres
    fi
    if [[ ! -f "$FALLBACK_DIR/data/PG_VERSION" ]]; then
      log "creating a cluster under $FALLBACK_DIR"
      mkdir -p "$FALLBACK_DIR"
      [[ "$(id -u)" -eq 0 ]] && chown postgres: "$FALLBACK_DIR"
      as_postgres "$BINDIR/initdb" -D "$FALLBACK_DIR/data" --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >&2
    fi
    log "starting the server in $FALLBACK_DIR"
    as_postgres "$BINDIR/pg_ctl" -D "$FALLBACK_DIR/data" -l "$FALLBACK_DIR/server.log" -w \
      -o "-p $PORT -c listen_addresses=$HOST -k $FALLBACK_DIR" start >&2
  fi
  wait_until_answering || { log "PostgreSQL did not answer on $HOST:$PORT"; exit 1; }
elif [[ -S "$FALLBACK_DIR/.s.PGSQL.$PORT" ]]; then
  SOCKET_DIR="$FALLBACK_DIR"
fi

superuser_sql() {
  as_postgres "$PSQL" -h "$SOCKET_DIR" -p "$PORT" -U postgres -d postgres -XtAq -v ON_ERROR_STOP=1 "$@"
}

superuser_sql -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN
    CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}';
  ELSE
    ALTER ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}';
  END IF;
END \$\$;" >&2
if [[ "$(superuser_sql -c "SELECT 1 FROM pg_database WHERE datname = '${DB}'")" != "1" ]]; then
  log "creating database $DB"
  superuser_sql -c "CREATE DATABASE ${DB} OWNER ${ROLE}" >&2
fi

"$PSQL" "$URL" -XtAq -c 'select 1' >/dev/null || { log "cannot connect as $ROLE"; exit 1; }
echo "$URL"
