#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the test suite, on 127.0.0.1:$PGPORT, and print
# its DATABASE_URL. `scripts/test-postgres.sh stop` stops it and removes its files.
set -euo pipefail
PGPORT=${PGPORT:-54329}
DIR=${PGTESTDIR:-/tmp/safetyplan-pg}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$BIN" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "${1:-start}" = stop ]; then
  [ -d "$DIR/data" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
  exit 0
fi
if [ -d "$DIR/data" ]; then "$0" stop; fi
mkdir -p "$DIR"
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
as_owner "$BIN/initdb" -D "$DIR/data" -A trust -U safetyplan --no-sync >/dev/null
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-p $PGPORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null
as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U safetyplan safetyplan_test
echo "postgresql://safetyplan@127.0.0.1:$PGPORT/safetyplan_test"
