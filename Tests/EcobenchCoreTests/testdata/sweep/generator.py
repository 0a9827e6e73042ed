"""A rate-controlled CPU load for the sweep tests: units of fixed CPU work (a Python loop of
WORK iterations) at RATE units per second for SECONDS (RATE 0: as fast as it can, for the
calibration). Unit n is scheduled at start + n / RATE; its latency runs from that scheduled
start to its end (so queueing behind a slow unit counts, as with a constant-rate generator).
Prints "units: N" and "latency p50 = X ms" (p95, p99; nearest rank) on stdout.

    python3 generator.py RATE SECONDS WORK
"""
import math
import sys
import time

rate, seconds, work = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
start = time.monotonic()
end = start + seconds
latencies = []
while True:
    now = time.monotonic()
    due = start + len(latencies) / rate if rate > 0 else now
    if now >= end or due >= end:
        break
    if due > now:
        time.sleep(due - now)
    total = 0
    for i in range(work):
        total += i * i
    latencies.append((time.monotonic() - due) * 1000.0)
print(f"units: {len(latencies)}")
latencies.sort()
for p in (50, 95, 99):
    if latencies:
        rank = max(1, math.ceil(p / 100 * len(latencies)))
        print(f"latency p{p} = {latencies[rank - 1]:.3f} ms")
