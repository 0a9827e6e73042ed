#!/bin/sh
# Load generator of the redis-kv workload: runs redis-benchmark (SET and GET, 50 clients)
# in rounds of a fixed number of requests until the load phase has lasted SECONDS.
#   load.sh SECONDS PORT [REQUESTS_PER_TEST]
# redis-benchmark has no duration option and counts nothing when stopped early, so each
# round runs to completion and prints its own "N requests completed in T seconds" line per
# test; ecobench adds those lines up (match: sum). The phase overshoots SECONDS by at most
# one round (about 0.3 s at 60 000 requests per second).
set -eu
seconds=$1
port=$2
per_test=${3:-10000}
start=$(date +%s%N)
end=$(awk -v s="$seconds" -v t="$start" 'BEGIN { printf "%.0f", t + s * 1e9 }')
rounds=0
while :; do
    # A round against a server that went away would hang: bound it.
    timeout 60 redis-benchmark -h 127.0.0.1 -p "$port" -t set,get -n "$per_test" -c 50 \
        | tr '\r' '\n' | grep -E 'requests completed in|^====== '
    rounds=$((rounds + 1))
    [ "$(date +%s%N)" -lt "$end" ] || break
done
echo "redis-kv: $rounds rounds of $per_test requests per test" >&2
