#!/usr/bin/env bash
# Runs ecobench, CodeCarbon and prometheus-node-exporter side by side over the same idle
# window and the same busy window (stress-ng), and prints each tool's CPU seconds per wall
# second (utime + stime from /proc/PID/stat) and per sample, and the ratios.
# Installs the peers if missing: CodeCarbon from PyPI into the project's Python (ECOBENCH_PYTHON,
# the Makefile's .venv), prometheus-node-exporter from apt.
# usage: compare.sh [WINDOW_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
W=${1:-60}
HZ=10
B=.build/release/ecobench-bench
PORT=19100
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
show() { echo "\$ $*"; }

PY=${ECOBENCH_PYTHON:-.venv/bin/python3}
"$PY" -c 'import codecarbon' 2>/dev/null || "$PY" -m pip install --quiet codecarbon
command -v prometheus-node-exporter >/dev/null 2>&1 || {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus-node-exporter >/dev/null
}
# The package may start its own service: ours listens on another port.
TOTAL=$((2 * W + 20))

show "$B" watch --hz $HZ --seconds $TOTAL --db /dev/shm/ecobench-bench-watch.db
"$B" watch --hz $HZ --seconds $TOTAL --db /dev/shm/ecobench-bench-watch.db > /tmp/eb-watch.txt & ECO=$!; PIDS+=($ECO)
show "$PY" Benchmarks/peers/codecarbon_watch.py $TOTAL
"$PY" Benchmarks/peers/codecarbon_watch.py $TOTAL > /tmp/eb-codecarbon.txt 2>&1 & CC=$!; PIDS+=($CC)
show prometheus-node-exporter --web.listen-address=127.0.0.1:$PORT
prometheus-node-exporter --web.listen-address=127.0.0.1:$PORT > /tmp/eb-node-exporter.txt 2>&1 & NE=$!; PIDS+=($NE)
show "curl -s -o /dev/null http://127.0.0.1:$PORT/metrics every 1/$HZ s on absolute deadlines (scraper)"
"$PY" - "$PORT" "$HZ" "$TOTAL" > /tmp/eb-scrapes.txt <<'PY' & SCRAPER=$!; PIDS+=($SCRAPER)
import subprocess, sys, time
port, hz, total = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
start = time.monotonic(); n = 0
while time.monotonic() - start < total:
    subprocess.run(["curl", "-s", "-o", "/dev/null", f"http://127.0.0.1:{port}/metrics"])
    n += 1
    time.sleep(max(0, start + n / hz - time.monotonic()))
print(n)
PY
sleep 10  # everyone started (CodeCarbon imports for a few seconds)

# utime+stime, and the waited-for children's (the scraper's curl runs), in clock ticks.
cpu() { sed 's/.*) //' "/proc/$1/stat" | awk -v c="${2:-0}" '{ print $12 + $13 + (c ? $14 + $15 : 0) }'; }
snapshot() { echo "$(cpu $ECO) $(cpu $CC) $(cpu $NE) $(cpu $SCRAPER 1)"; }
HZ_TICKS=$(getconf CLK_TCK)
report() {  # name window_s before after
  read -r e0 c0 n0 s0 <<< "$3"; read -r e1 c1 n1 s1 <<< "$4"
  awk -v name="$1" -v w="$2" -v t="$HZ_TICKS" -v hz=$HZ -v e=$((e1 - e0)) -v c=$((c1 - c0)) -v n=$((n1 - n0)) \
      -v s=$((s1 - s0)) 'BEGIN {
    ecs = e / t / w; ccs = c / t / w; ncs = n / t / w; scs = s / t / w
    printf "%s window %d s: cpu_s_per_wall_s ecobench=%.5f codecarbon=%.5f node_exporter=%.5f scraper_curl=%.5f\n", name, w, ecs, ccs, ncs, scs
    eps = ecs / hz; cps = ccs / 1; nps = ncs / hz
    printf "  cpu_ms_per_sample ecobench=%.4f codecarbon=%.4f node_exporter=%.4f (+curl %.4f)\n", eps*1e3, cps*1e3, nps*1e3, scs/hz*1e3
    if (ecs > 0) printf "  ratios: codecarbon/ecobench per wall s=%.1f per sample=%.1f; node_exporter/ecobench per sample=%.1f\n", ccs/ecs, cps/eps, nps/eps
    else printf "  ecobench used < 1 clock tick (%d ms) in the window\n", 1000 / t
  }'
}
A=$(snapshot); sleep "$W"; Bq=$(snapshot)
report idle "$W" "$A" "$Bq"
show stress-ng --cpu 2 --timeout ${W}s
stress-ng --cpu 2 --timeout "${W}s" --quiet & SN=$!; PIDS+=($SN)
A=$(snapshot); wait $SN || true; Bq=$(snapshot)
report busy "$W" "$A" "$Bq"
wait $ECO || true
cat /tmp/eb-watch.txt
