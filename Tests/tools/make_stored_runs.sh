#!/usr/bin/env bash
# Makes the stored runs that StoredRunReportTests rebuilds (Tests/EcobenchCLITests/testdata/stored-runs):
#   Tests/tools/make_stored_runs.sh ECOBENCH_BINARY OUT_DIR
# Run 1: the CPU estimate only (no sysfs power), 2 repetitions, grid DE.
# Run 2: a scripted RAPL zone (power_script.py, 6 W / 26 W bursts) read locally, an agent reading a
#        second scripted zone (20 W) as node "a", grid FR, all impact categories.
# Each run's report, as the binary that made the runs writes it, goes to report-<id>.json beside
# runs.db. The committed files were made with the ecobench of commit ba4045d (before the stage
# targets of issue 12), so the test shows that the split changed no figure.
set -euo pipefail
ecobench=$(realpath "$1"); out=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
tmp=$(mktemp -d)
cleanup() { kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
db=$out/runs.db
rm -f "$db"
mkdir -p "$tmp/empty"
common=(--db "$db" --out "$tmp/out" --quiet --no-checks --interval 100 --baseline 1 --idle 1 --load 2 --cooldown 1
        --no-hwmon --no-nvml)
"$ecobench" run "$root/Workloads/cpu-stress.yaml" "${common[@]}" --repetitions 2 --country DE --sysfs-root "$tmp/empty"

python3 "$root/Tests/tools/power_script.py" "$tmp/sys" "$tmp/truth.log" burst:6:26:1 &
python3 "$root/Tests/tools/power_script.py" "$tmp/sys-a" "$tmp/truth-a.log" constant:20 &
port=18791
"$ecobench" agent --sysfs-root "$tmp/sys-a" --no-hwmon --no-nvml --cgroup-root none --listen "127.0.0.1:$port" \
    --buffer "$tmp/agent.db" 2>"$tmp/agent.log" &
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/clock" >/dev/null && break; sleep 0.1; done
sleep 1
"$ecobench" run "$root/Workloads/cpu-stress.yaml" "${common[@]}" --repetitions 1 --country FR --impacts all \
    --sysfs-root "$tmp/sys" --agent "a=http://127.0.0.1:$port"
for id in 1 2; do "$ecobench" report "$id" --db "$db" > "$out/report-$id.json"; done
ls -l "$out"
