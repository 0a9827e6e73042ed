#!/usr/bin/env bash
# `make bench`: ecobench's performance figures, each printed after the command that measures
# it (lines starting with `$`). Needs root (cgroup, apt-get), a release build, a C compiler.
# Durations: BENCH_SAMPLER_S (per sampler run, default 30), BENCH_PEER_S (per peer window, 60),
# BENCH_AGENT_S (per /metrics scraping window, 30), BENCH_RUNPROC_S (whole-run window, 60). Fleet sizes:
# FLEET_NODES (default 100,1000); agents: AGENTS_COUNT (default 100).
set -euo pipefail
cd "$(dirname "$0")/.."
B=.build/release/ecobench-bench
FLOOR=.build/release/sampler-floor
SAMPLER_S=${BENCH_SAMPLER_S:-30}
PEER_S=${BENCH_PEER_S:-60}
AGENT_S=${BENCH_AGENT_S:-30}
FLEET_NODES=${FLEET_NODES:-100,1000}
SHM=/dev/shm/ecobench-bench-$$
CG=""
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "$CG" ] && [ -d "$CG" ]; then
    [ -e "$CG/cgroup.kill" ] && echo 1 > "$CG/cgroup.kill" 2>/dev/null || true
    for _ in $(seq 50); do  # read the list whole: it changes while its processes die
      pids=$(cat "$CG/cgroup.procs"); [ -z "$pids" ] && break
      kill $pids 2>/dev/null || true; sleep 0.1
    done
    rmdir "$CG" 2>/dev/null || true
  fi
  rm -rf "$SHM" /dev/shm/ecobench-bench-*.db* /dev/shm/ecobench-bench-report
}
trap cleanup EXIT
show() { echo "\$ $*"; "$@"; }
field() { sed -n "s/.*[ ]$1=\([0-9.]*\).*/\1/p" | head -1; }

echo "# ecobench bench, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
cc -O2 -Wall -o "$FLOOR" Benchmarks/sampler-floor/floor.c

# The RAPL fixture of a 2-socket host on tmpfs, and 200 processes in a cgroup.
mkdir -p "$SHM" && cp -a Tests/EcobenchCoreTests/testdata/intel-2s/sys "$SHM/sys"
RAPL=$(find "$SHM/sys/devices/virtual/powercap/intel-rapl" -name energy_uj | sort)
for root in /sys/fs/cgroup /sys/fs/cgroup/unified /sys/fs/cgroup/cpuacct; do
  if [ -e "$root/cgroup.controllers" ] || [ -e "$root/cpuacct.usage" ]; then
    CG=$root/ecobench-bench-$$; mkdir "$CG" && break
  fi
done
# disown: the shell would otherwise print a "Killed" line for each of them at cleanup.
for _ in $(seq 200); do sleep 36000 & echo $! > "$CG/cgroup.procs"; disown $!; done
echo "tracked: $(wc -l < "$CG/cgroup.procs") processes in $CG"

echo; echo "== (1)+(2) sampler cost per tick: ecobench vs the C floor (same reads, same schedule)"
for hz in 10 100; do
  show "$B" sampler --sysfs-root "$SHM/sys" --cgroup "$CG" --hz $hz --seconds "$SAMPLER_S" | tee /tmp/eb-sampler.txt
  show "$FLOOR" $hz "$SAMPLER_S" "$CG" $hz $((hz * 5)) $RAPL | tee /tmp/eb-floor.txt
  e=$(field sampler_us_per_tick < /tmp/eb-sampler.txt); c=$(field us_per_tick < /tmp/eb-floor.txt)
  echo "ratio ecobench/C at $hz Hz: $(awk -v e="$e" -v c="$c" 'BEGIN { printf "%.2f", e / c }')"
done
echo "-- every process read every tick (the per-process floor):"
show "$B" sampler --sysfs-root "$SHM/sys" --cgroup "$CG" --hz 10 --seconds "$SAMPLER_S" --process-detail-s 0
show "$FLOOR" 10 "$SAMPLER_S" "$CG" 1 1 $RAPL

echo; echo "== (3) highest sustained rate, RAPL + /proc/stat, interval jitter"
show "$B" rate --sysfs-root "$SHM/sys" --hz 1000,2000,5000,10000 --seconds 10
echo "-- the same with the sampling thread under SCHED_FIFO (Sampler realtimePriority, root):"
show "$B" rate --sysfs-root "$SHM/sys" --hz 1000,2000,5000,10000 --seconds 10 --realtime

echo; echo "== (4) SQLite ingest (one transaction per flush) and bytes on disk per sample"
mkdir -p .build/bench
for db in /dev/shm/ecobench-bench-ingest.db .build/bench/ingest.db; do
  show "$B" ingest --db "$db" --ticks-per-flush 1000 --flushes 100 --interval-ms 1
  show "$B" ingest --db "$db" --ticks-per-flush 10 --flushes 3600 --interval-ms 100
done
rm -f .build/bench/ingest.db*

echo; echo "== (4b) the agent's /samples page written with JSONEncoder (AgentWire), 20,000 rows x 20 channels"
show "$B" agent-wire --rows 20000 --channels 20 --repetitions 5

echo; echo "== (4c) the agent's /metrics while it samples at 10 Hz: 1 scraper, then 10 in parallel (issue 12: p99 < 50 ms)"
show "$B" agent-metrics --scrapers 10 --seconds "$AGENT_S" --interval-ms 100 --pods 30

echo; echo "== (4d) ecobench serve's runs list over 1,000 runs (issue 17: p99 < 100 ms)"
show "$B" serve-list --db .build/bench/serve.db --runs "${SERVE_RUNS:-1000}" --requests 200

echo; echo "== (5) attribution + reports, synthetic 1-hour run at 10 Hz, 200-process workload"
show "$B" analysis-write --db .build/bench/analysis.db --hours 1 --hz 10
show /usr/bin/time -f "time: wall_s=%e max_rss_kb=%M" "$B" analysis-report --db .build/bench/analysis.db --out .build/bench/report
rm -rf .build/bench

echo; echo "== (6) side by side: ecobench (10 Hz), CodeCarbon (1 s), prometheus-node-exporter (scraped at 10 Hz)"
Benchmarks/peers/compare.sh "$PEER_S"

echo; echo "== (7) fleet scale through a real Prometheus: 1 h, 30 pods a node, backfilled with promtool (issue 16)"
echo "-- targets: processing <= Prometheus' answer time, peak RSS <= 500 MB, 100 -> 1000 nodes within 12x time"
show "${ECOBENCH_PYTHON:-python3}" Benchmarks/fleet/fleet.py bench --nodes "$FLEET_NODES" --ecobench .build/release/ecobench

echo; echo "== (8) a hundred agents: one controller run pulls every repetition from 100 ecobench agents (issue 16)"
echo "-- target: all pulls of a repetition <= 10 s; clock alignment (offset, round trip) as the run stored it (AGENTS_COUNT, default 100)"
show "${ECOBENCH_PYTHON:-python3}" Benchmarks/agents/agents.py --ecobench .build/release/ecobench --sysfs-root "$SHM/sys" \
  --count "${AGENTS_COUNT:-100}"

echo; echo "== (9) day-long runs: 24 h at 10 Hz, 200-process workload, stored, analysed and reported; growth from 1 h (issue 16)"
echo "-- targets: stored in <= 400 MB (after the write and after a WAL-truncating checkpoint); attribution + JSON + CSV in <= 15 s and <= 300 MB peak RSS"
echo "-- load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) (time is wall time on 2 shared CPUs; user_s + sys_s is the CPU it took)"
mkdir -p .build/bench
for hours in 1 24; do
  show "$B" analysis-write --db .build/bench/day.db --hours $hours --hz 10 | tee /tmp/eb-day-write-$hours.txt
  show /usr/bin/time -f "time: wall_s=%e user_s=%U sys_s=%S max_rss_kb=%M" "$B" analysis-report --db .build/bench/day.db \
    --out .build/bench/day-report 2>&1 | tee /tmp/eb-day-report-$hours.txt
  rm -rf .build/bench/day.db* .build/bench/day-report
done
d1=$(field db_mb < /tmp/eb-day-write-1.txt); d24=$(field db_mb < /tmp/eb-day-write-24.txt)
k24=$(field db_mb_checkpointed < /tmp/eb-day-write-24.txt)
t1=$(field total_s < /tmp/eb-day-report-1.txt); t24=$(field total_s < /tmp/eb-day-report-24.txt)
# From the `time:` line only: the command line echoed above it names the same fields with %-formats.
u24=$(grep '^time:' /tmp/eb-day-report-24.txt | field user_s); s24=$(grep '^time:' /tmp/eb-day-report-24.txt | field sys_s)
r1=$(grep '^time:' /tmp/eb-day-report-1.txt | field max_rss_kb); r24=$(grep '^time:' /tmp/eb-day-report-24.txt | field max_rss_kb)
awk -v d1="$d1" -v d24="$d24" -v k24="$k24" -v t1="$t1" -v t24="$t24" -v u24="$u24" -v s24="$s24" -v r1="$r1" -v r24="$r24" 'BEGIN {
  printf "24 h: stored %.0f MB, %.0f MB after checkpoint (target <= 400: %s), analysed and reported in %.1f s, CPU %.1f s user + %.1f s sys (target <= 15: %s), peak RSS %.0f MB (target <= 300: %s)\n",
    d24, k24, (d24 <= 400 && k24 <= 400 ? "met" : "not met"), t24, u24, s24, (t24 <= 15 ? "met" : "not met"), r24 / 1024, (r24 / 1024 <= 300 ? "met" : "not met")
  printf "growth 1 h -> 24 h: bytes x%.1f, time x%.1f, peak RSS x%.2f (data x24)\n", d24 / d1, t24 / t1, r24 / r1 }'
rm -rf .build/bench

echo; echo "== (10) the whole \`ecobench run\` process (all threads) at 10 Hz, idle workload, vs the C floor in the same window (issue 16)"
echo "-- target: ecobench run / C floor <= 1.2 (whole-process CPU from /proc/PID/task/*/schedstat; BENCH_RUNPROC_S, default 60)"
show "${ECOBENCH_PYTHON:-python3}" Benchmarks/run-process/run_process.py --ecobench .build/release/ecobench \
  --floor "$FLOOR" --sysfs-root "$SHM/sys" --seconds "${BENCH_RUNPROC_S:-60}"
