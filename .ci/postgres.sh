#!/usr/bin/env bash
# PostgreSQL for the `postgres` test suite: Debian's package, a throw-away cluster in a scratch
# directory, listening on 127.0.0.1 on a free port, trust auth (loopback only).
# Usage (sourced by .ci/services.sh):  start_postgres; ...; stop_postgres
# Exports HERALD_TEST_PG_URL=postgresql://herald@127.0.0.1:PORT/herald

_pg_bindir() {  # the newest server install (a client-only package has no initdb)
  local initdb
  initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
  [ -n "$initdb" ] && dirname "$initdb"
}

_pg_as() {  # initdb and postgres refuse to run as root: use the package's postgres user
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  if [ -z "$(_pg_bindir)" ]; then
    if [ "$(id -u)" -ne 0 ]; then echo "postgres: not installed (apt-get install postgresql)"; return 1; fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
  fi
  local bin port
  bin=$(_pg_bindir)
  PG_SCRATCH=$(mktemp -d "${CI_SCRATCH:-/tmp}/pg.XXXXXX")
  chmod 755 "$PG_SCRATCH"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_SCRATCH"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  _pg_as "$bin/initdb" -D "$PG_SCRATCH/data" -U herald --auth=trust -E UTF8 >"$PG_SCRATCH/initdb.log" 2>&1 \
    || { cat "$PG_SCRATCH/initdb.log"; return 1; }
  _pg_as "$bin/pg_ctl" -D "$PG_SCRATCH/data" -l "$PG_SCRATCH/server.log" -w -t 30 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_SCRATCH -c fsync=off" >/dev/null \
    || { cat "$PG_SCRATCH/server.log"; return 1; }
  _pg_as "$bin/createdb" -h 127.0.0.1 -p "$port" -U herald herald || return 1
  export PG_SCRATCH
  export HERALD_TEST_PG_URL="postgresql://herald@127.0.0.1:$port/herald"
  echo "postgres: $HERALD_TEST_PG_URL"
}

stop_postgres() {
  [ -n "${PG_SCRATCH:-}" ] && [ -d "$PG_SCRATCH/data" ] || return 0
  _pg_as "$(_pg_bindir)/pg_ctl" -D "$PG_SCRATCH/data" -m fast -w stop >/dev/null
  rm -rf "$PG_SCRATCH"
  unset HERALD_TEST_PG_URL PG_SCRATCH
}
