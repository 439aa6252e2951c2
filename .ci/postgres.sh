#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the guard's store tests: trust authentication, listening on
# 127.0.0.1 only, data under /tmp, on a free port. No containers.
#
#   .ci/postgres.sh start   # prints the JDBC URL (also in $PGDIR/jdbc-url)
#   .ci/postgres.sh url     # the JDBC URL of the running cluster
#   .ci/postgres.sh stop    # stops the cluster and removes its data directory
#
# Installs Debian's postgresql package when initdb/pg_ctl are missing (needs root). initdb refuses
# to run as root: as root, the cluster runs as the 'postgres' user (created by the package).
set -euo pipefail

PGDIR="${NIRGUARD_PGDIR:-/tmp/nirguard-pg}"

find_bin() {
  local b
  for b in /usr/lib/postgresql/*/bin; do
    if [ -x "$b/initdb" ] && [ -x "$b/pg_ctl" ]; then
      echo "$b"
    fi
  done | sort -V | tail -n 1
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local bin
  bin="$(find_bin)"
  if [ -z "$bin" ]; then
    echo "postgres.sh: no initdb/pg_ctl; installing Debian's postgresql" >&2
    if [ "$(id -u)" -ne 0 ]; then
      echo "postgres.sh: run as root to install postgresql (apt-get install -y postgresql)" >&2
      exit 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin="$(find_bin)"
  fi
  if [ -f "$PGDIR/jdbc-url" ] && as_owner "$bin/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
    cat "$PGDIR/jdbc-url"
    return
  fi
  rm -rf "$PGDIR"
  mkdir -p "$PGDIR"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PGDIR"
  fi
  local port
  port="$(free_port)"
  as_owner "$bin/initdb" -D "$PGDIR/data" -U nirguard --auth=trust --no-sync -E UTF8 >"$PGDIR/initdb.log" 2>&1
  as_owner "$bin/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PGDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  echo "jdbc:postgresql://127.0.0.1:$port/postgres?user=nirguard" | tee "$PGDIR/jdbc-url"
}

stop() {
  local bin
  bin="$(find_bin)"
  if [ -n "$bin" ] && [ -d "$PGDIR/data" ]; then
    as_owner "$bin/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PGDIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) cat "$PGDIR/jdbc-url" ;;
  *) echo "usage: $0 start|url|stop" >&2; exit 2 ;;
esac
