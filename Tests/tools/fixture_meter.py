#!/usr/bin/env python3
"""Stand-in power meter for tests: this VM has no RAPL, hwmon or BMC, so a test that needs a
meter whose reading follows the real load gets this one. It creates a RAPL `psys` zone in a
fixture sysfs tree and raises its `energy_uj` as P = idle_w + span_w * utilisation, with the
utilisation read from the real /proc/stat, until it is killed.

Usage: fixture_meter.py SYSFS_ROOT IDLE_W SPAN_W [INTERVAL_S]
"""
import os
import sys
import time


def cpu_times():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:9]]
    user, nice, system, idle, iowait, irq, softirq, steal = fields
    busy = user + nice + system + irq + softirq
    return busy, busy + idle + iowait


def main():
    root, idle_w, span_w = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    interval = float(sys.argv[4]) if len(sys.argv) > 4 else 0.05
    zone = os.path.join(root, "class", "powercap", "intel-rapl:0")
    os.makedirs(zone, exist_ok=True)
    for name, value in (("name", "psys"), ("max_energy_range_uj", "262143328850"), ("enabled", "1")):
        with open(os.path.join(zone, name), "w") as f:
            f.write(value + "\n")
    path = os.path.join(zone, "energy_uj")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    energy_uj = 0.0
    busy0, total0 = cpu_times()
    t0 = time.monotonic()
    os.pwrite(fd, b"%020d\n" % 0, 0)  # fixed width: every write replaces the whole value
    while True:
        time.sleep(interval)
        busy1, total1 = cpu_times()
        t1 = time.monotonic()
        utilisation = (busy1 - busy0) / (total1 - total0) if total1 > total0 else 0.0
        energy_uj += (idle_w + span_w * utilisation) * (t1 - t0) * 1e6
        os.pwrite(fd, b"%020d\n" % int(energy_uj), 0)
        busy0, total0, t0 = busy1, total1, t1


if __name__ == "__main__":
    main()
