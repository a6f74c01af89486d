#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster as a non-root user on a free loopback port and prints its URL.
# Usage: eval "$(bash .ci/start-postgres.sh)"   → exports TEST_DATABASE_URL and PG_TEST_DIR
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PGBIN" ]; then
  echo "installing the PostgreSQL server" >&2
  apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
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
run "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
echo "export TEST_DATABASE_URL=postgres://twin@127.0.0.1:$PORT/postgres"
echo "export PG_TEST_DIR=$DIR"
echo "export PG_TEST_BIN=$PGBIN"
