#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster as a non-root user on a free loopback port and prints its URL.
# Usage: eval "$(bash .ci/start-postgres.sh)"                → exports TEST_DATABASE_URL, PG_TEST_DIR, PG_TEST_BIN
#        eval "$(bash .ci/start-postgres.sh --timescaledb)"  → a cluster with TimescaleDB preloaded (its background
#          job scheduler running, as in production): exports TEST_TIMESCALE_URL, TSDB_TEST_DIR, PG_TEST_BIN.
#          TimescaleDB must be installed first: bash .ci/install-timescaledb.sh (as root).
set -euo pipefail
TSDB=0
[ "${1:-}" = "--timescaledb" ] && TSDB=1
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PGBIN" ]; then
  echo "installing the PostgreSQL server" >&2
  apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
if [ "$TSDB" = 1 ] && ! ls "$("$PGBIN/pg_config" --pkglibdir)"/timescaledb-*.so >/dev/null 2>&1; then
  echo "TimescaleDB is not installed for $PGBIN: run bash .ci/install-timescaledb.sh (as root)" >&2
  exit 1
fi
RUNAS=""
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  RUNAS="postgres"
fi
run() { if [ -n "$RUNAS" ]; then runuser -u "$RUNAS" -- "$@"; else "$@"; fi; }
DIR=$(mktemp -d /tmp/ct-pg.XXXXXX)
chmod 755 "$DIR"
[ -n "$RUNAS" ] && chown "$RUNAS" "$DIR"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
run "$PGBIN/initdb" -D "$DIR/data" -U twin --auth=trust -E UTF8 >/dev/null
if [ "$TSDB" = 1 ]; then
  # Every database with the extension gets its own scheduler worker, and tests create many at once.
  run tee -a "$DIR/data/postgresql.conf" >/dev/null <<'CONF'
shared_preload_libraries = 'timescaledb'
timescaledb.telemetry_level = off
timescaledb.max_background_workers = 64
max_worker_processes = 80
max_connections = 300
CONF
fi
run "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
if [ "$TSDB" = 1 ]; then
  echo "export TEST_TIMESCALE_URL=postgres://twin@127.0.0.1:$PORT/postgres"
  echo "export TSDB_TEST_DIR=$DIR"
else
  echo "export TEST_DATABASE_URL=postgres://twin@127.0.0.1:$PORT/postgres"
  echo "export PG_TEST_DIR=$DIR"
fi
echo "export PG_TEST_BIN=$PGBIN"
