#!/usr/bin/env bash
# `make libfuzz`: run.sh BINARY SECONDS [TARGET...] runs each FuzzTarget (all when none is named)
# under libFuzzer for SECONDS (-max_total_time), starting from a temporary copy of its seed corpus
# (Tests/EcobenchCoreTests/testdata/fuzz/<target>/, left unchanged), and prints per target the
# inputs run, inputs/s, the coverage reached (cov: edges, ft: features) and any finding. Crash
# and finding inputs and each target's log go to .build/libfuzz/artifacts/.
set -uo pipefail
binary=$1 seconds=$2
shift 2
seeds=Tests/EcobenchCoreTests/testdata/fuzz
artifacts=.build/libfuzz/artifacts
mkdir -p "$artifacts"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  # The binary lists its targets when ECOBENCH_FUZZ_TARGET names none.
  read -r -a targets < <(ECOBENCH_FUZZ_TARGET= "$binary" 2>&1 | sed -n 's/.*one of: \(.*\) (got.*/\1/p')
fi
work=$(mktemp -d /tmp/ecobench-libfuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
findings=0
printf '%-15s %10s %9s %7s %7s %6s  %s\n' target inputs inputs/s cov ft corpus result
for target in "${targets[@]}"; do
  mkdir -p "$work/$target"
  cp "$seeds/$target"/* "$work/$target"/ 2>/dev/null
  log="$artifacts/$target.log"
  ECOBENCH_FUZZ_TARGET=$target "$binary" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$artifacts/$target-" "$work/$target" >"$log" 2>&1
  status=$?
  progress=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$progress")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$progress")
  units=$(sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p' <<<"$progress")
  runs=$(sed -n 's/^stat::number_of_executed_units: //p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: //p' "$log")
  result=ok
  if [ "$status" -ne 0 ]; then
    findings=$((findings + 1))
    artifact=$(sed -n 's/.*Test unit written to \(.*\)/\1/p' "$log" | tail -1)
    reason=$(grep -m1 -E 'FINDING|Fatal error|ERROR: libFuzzer|SUMMARY' "$log")
    result="FINDING (exit $status): ${reason:-see $log}; input ${artifact:-not written}"
  fi
  printf '%-15s %10s %9s %7s %7s %6s  %s\n' "$target" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${units:-?}" "$result"
done
exit $((findings > 0))
