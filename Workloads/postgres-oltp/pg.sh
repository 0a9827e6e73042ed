#!/bin/sh
# Helper of the postgres-oltp workload (see ../postgres-oltp.yaml). ecobench runs as root and
# PostgreSQL refuses to, so the server runs as the system user 'postgres' (setpriv); its
# files lie under RUN_DIR/postgres, or, where 'postgres' cannot reach RUN_DIR (a parent
# directory closed to other users), in a fresh /tmp/ecobench-postgres.XXXXXX whose path is
# kept in RUN_DIR/postgres.dir. Clients (pgbench, pg_isready) run as root over TCP on
# 127.0.0.1 with trust authentication for the user 'postgres' only.
#
#   pg.sh setup    RUN_DIR PORT SCALE  initdb, then pgbench -i -s SCALE on a temporary server
#   pg.sh service  RUN_DIR PORT        exec the postmaster in the foreground
#   pg.sh ready    RUN_DIR PORT        wait until the server accepts connections
#   pg.sh load     RUN_DIR PORT SECONDS CLIENTS THREADS   pgbench TPC-B-like, -T SECONDS (rounded up)
#   pg.sh sweep-load RUN_DIR PORT SECONDS CLIENTS THREADS RATE   the same at --rate RATE tx/s, then
#                                      "latency pNN = X ms" (p50, p95, p99, nearest rank) from its log
#   pg.sh teardown RUN_DIR             stop anything left, remove the data directory
set -eu
action=$1
run_dir=$2
port=${3:-15432}

# PGBIN overrides; else the newest installed server (Debian: /usr/lib/postgresql/15/bin).
if [ -z "${PGBIN:-}" ]; then
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/postgres" ]; then
    echo "postgres-oltp: no PostgreSQL server in /usr/lib/postgresql/*/bin; apt-get install postgresql" >&2
    exit 1
fi

as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; }

base() {
    if [ -f "$run_dir/postgres.dir" ]; then cat "$run_dir/postgres.dir"; else echo "$run_dir/postgres"; fi
}

stop_if_running() {  # $1: data directory
    if [ -f "$1/postmaster.pid" ]; then
        as_postgres "$PGBIN/pg_ctl" -D "$1" -w -t 30 -m immediate stop >/dev/null 2>&1 || true
    fi
}

case $action in
setup)
    scale=${4:-5}
    stop_if_running "$(base)/data"
    rm -rf "$(base)" "$run_dir/postgres.dir"
    dir=$run_dir/postgres
    mkdir -p "$dir"
    chown postgres:postgres "$dir"
    chmod 700 "$dir"
    if ! as_postgres test -w "$dir"; then
        rmdir "$dir"
        dir=$(mktemp -d /tmp/ecobench-postgres.XXXXXX)
        chown postgres:postgres "$dir"
        echo "$dir" > "$run_dir/postgres.dir"
        echo "postgres-oltp: $run_dir is closed to user postgres; data directory in $dir" >&2
    fi
    as_postgres mkdir "$dir/sock"
    as_postgres "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync >/dev/null
    trap 'stop_if_running "$dir/data"' EXIT
    as_postgres "$PGBIN/pg_ctl" -D "$dir/data" -w -t 60 -l "$dir/setup-server.log" \
        -o "-p $port -k $dir/sock -c listen_addresses=127.0.0.1 -c cluster_name=ecobench-oltp" start >/dev/null
    "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres bench
    "$PGBIN/pgbench" -h 127.0.0.1 -p "$port" -U postgres -i -q -s "$scale" bench
    as_postgres "$PGBIN/pg_ctl" -D "$dir/data" -w -t 60 -m fast stop >/dev/null
    trap - EXIT
    ;;
service)
    dir=$(base)
    # Logs go to stderr (captured by ecobench). SIGTERM to the process group is a smart
    # shutdown; the pgbench clients have already gone by then. cluster_name puts
    # "ecobench-oltp" in every server process's title (ps), to tell them from other clusters.
    exec setpriv --reuid=postgres --regid=postgres --init-groups -- \
        "$PGBIN/postgres" -D "$dir/data" -p "$port" -k "$dir/sock" -c listen_addresses=127.0.0.1 \
        -c cluster_name=ecobench-oltp
    ;;
ready)
    until "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d bench; do sleep 0.1; done
    ;;
load)
    seconds=$(awk -v s="${4:-30}" 'BEGIN { t = int(s); if (t < s) t++; if (t < 1) t = 1; print t }')
    exec "$PGBIN/pgbench" -h 127.0.0.1 -p "$port" -U postgres -c "${5:-4}" -j "${6:-2}" -T "$seconds" -n bench
    ;;
sweep-load)
    seconds=$(awk -v s="${4:-30}" 'BEGIN { t = int(s); if (t < s) t++; if (t < 1) t = 1; print t }')
    logs=$run_dir/pgbench-log.$$
    rm -rf "$logs"
    mkdir -p "$logs"
    "$PGBIN/pgbench" -h 127.0.0.1 -p "$port" -U postgres -c "${5:-4}" -j "${6:-2}" -T "$seconds" \
        --rate="${7:?sweep-load needs a RATE}" -n -l --log-prefix="$logs/tx" bench
    # Log lines: client transaction time_us script epoch epoch_us [lag]; "skipped" lines have no time.
    cat "$logs"/tx.* | awk '$3 ~ /^[0-9]+$/ { print $3 }' | sort -n | awk '
        { v[NR] = $1 }
        END {
            if (NR == 0) exit 0
            split("50 95 99", ps, " ")
            for (i = 1; i <= 3; i++) {
                r = ps[i] * NR / 100; k = int(r); if (k < r) k++; if (k < 1) k = 1
                printf "latency p%s = %.3f ms\n", ps[i], v[k] / 1000
            }
        }'
    rm -rf "$logs"
    ;;
teardown)
    dir=$(base)
    stop_if_running "$dir/data"
    rm -rf "$dir" "$run_dir/postgres.dir"
    ;;
*)
    echo "usage: pg.sh setup|service|ready|load|sweep-load|teardown RUN_DIR [PORT ...]" >&2
    exit 2
    ;;
esac
