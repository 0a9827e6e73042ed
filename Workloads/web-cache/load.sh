#!/bin/sh
# Load generator of the web-cache workload: for SECONDS, wrk against the web service (nginx,
# 1 thread, 16 connections) and, at the same time, redis-benchmark rounds against the cache
# service (redis, via redis-kv/load.sh). Each prints its own request count on stdout
# ("N requests in" from wrk, "N requests completed in" per redis-benchmark test); ecobench
# adds them up (match: sum). Both run in the load generator's cgroup.
#   load.sh SECONDS WEB_PORT CACHE_PORT
set -eu
seconds=$1
web_port=$2
cache_port=$3
here=$(dirname "$0")
wrk -t1 -c16 "-d${seconds}s" "http://127.0.0.1:${web_port}/index.html" &
wrk_pid=$!
/bin/sh "$here/../redis-kv/load.sh" "$seconds" "$cache_port" 10000
wait "$wrk_pid"
