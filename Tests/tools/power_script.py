#!/usr/bin/env python3
"""Scripted stand-in power source for the truth scenarios (Tests/EcobenchCLITests/Truth): one RAPL
zone in a fixture sysfs tree whose `energy_uj` follows a power function of monotonic time P(t),
and a log of the TRUE cumulative energy the tests compare ecobench's figures with.

Usage: power_script.py ROOT LOG PROFILE [options]
  PROFILE: constant:W              P = W
           step:LOW:HIGH:FLAG      P = HIGH while the file FLAG exists, else LOW (the workload's
                                   load command creates and removes it: a step at the load phase)
           burst:LOW:HIGH:ON_S     P = HIGH for ON_S, LOW for ON_S, repeated, from the start
  --max-range UJ        max_energy_range_uj (default 262143328850); energy_uj wraps to 0 there
  --start UJ            the counter's first value (near the range's top: it wraps)
  --reset-at-flag FLAG:DELAY_S:TO_UJ
                        DELAY_S after FLAG first exists, rewrite the counter to TO_UJ (a reset,
                        not a wrap); the true energy goes on
  --period S            write period (default 0.005)

Zone layout as in the kernel: devices/virtual/powercap/intel-rapl/intel-rapl:0 with the
class/powercap/intel-rapl:0 symlink. The value is rewritten in place (fixed width, one pwrite).

LOG lines: `mono_ns real_ns true_uj`: CLOCK_MONOTONIC and CLOCK_REALTIME read back to back, and
the true energy delivered since the writer started (the exact integral of P over each write
period, P taken as the value decided at the period's start). It is flushed every line. A test
reads it back, interpolates true_uj at phase edges (wall clock) and checks that real − mono did
not move (no clock step during the scenario).
"""
import math
import os
import signal
import sys
import time


def parse(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    options = {"root": argv[1], "log": argv[2], "profile": argv[3].split(":"),
               "max_range": 262143328850, "start": 1_000_000, "reset": None, "period": 0.005}
    rest = argv[4:]
    while rest:
        key, value = rest[0], rest[1]
        rest = rest[2:]
        if key == "--max-range":
            options["max_range"] = int(value)
        elif key == "--start":
            options["start"] = int(value)
        elif key == "--reset-at-flag":
            flag, delay, to = value.rsplit(":", 2)
            options["reset"] = (flag, float(delay), int(to))
        elif key == "--period":
            options["period"] = float(value)
        else:
            sys.exit("power_script.py: unknown option %s" % key)
    return options


def make_zone(root, max_range):
    zone = os.path.join(root, "devices", "virtual", "powercap", "intel-rapl", "intel-rapl:0")
    os.makedirs(zone, exist_ok=True)
    os.makedirs(os.path.join(root, "class", "powercap"), exist_ok=True)
    for name, value in (("name", "package-0"), ("max_energy_range_uj", str(max_range)), ("enabled", "1")):
        with open(os.path.join(zone, name), "w") as f:
            f.write(value + "\n")
    link = os.path.join(root, "class", "powercap", "intel-rapl:0")
    if not os.path.islink(link):
        os.symlink("../../devices/virtual/powercap/intel-rapl/intel-rapl:0", link)
    return os.path.join(zone, "energy_uj")


def energy_joules(profile, t0, t1, t_origin, level):
    """The exact integral of P over [t0, t1] (seconds); `level` is the step profile's power now."""
    kind = profile[0]
    if kind == "constant":
        return float(profile[1]) * (t1 - t0)
    if kind == "step":
        return level * (t1 - t0)
    if kind == "burst":
        low, high, on = float(profile[1]), float(profile[2]), float(profile[3])

        def cumulative(t):  # ∫ from t_origin to t of the square wave (HIGH first)
            x = t - t_origin
            periods = math.floor(x / (2 * on))
            r = x - periods * 2 * on
            return periods * (high + low) * on + (high * r if r < on else high * on + low * (r - on))
        return cumulative(t1) - cumulative(t0)
    sys.exit("power_script.py: unknown profile %s" % kind)


def main():
    o = parse(sys.argv)
    profile = o["profile"]
    path = make_zone(o["root"], o["max_range"])
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    log = open(o["log"], "w", buffering=1)
    counter = o["start"] % o["max_range"]
    true_uj = 0.0
    os.pwrite(fd, b"%019d\n" % counter, 0)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    start = time.monotonic()
    last = start
    reset_due = None
    reset_done = False

    def level():
        if profile[0] != "step":
            return 0.0
        return float(profile[2]) if os.path.exists(profile[3]) else float(profile[1])

    power = level()
    log.write("%d %d %d\n" % (time.monotonic_ns(), time.time_ns(), 0))
    while True:
        time.sleep(o["period"])
        now_ns = time.monotonic_ns()
        real_ns = time.time_ns()
        now = now_ns / 1e9
        joules = energy_joules(profile, last, now, start, power)
        true_uj += joules * 1e6
        counter = (counter + int(round(joules * 1e6))) % o["max_range"]
        if o["reset"] and not reset_done:
            flag, delay, to = o["reset"]
            if reset_due is None and os.path.exists(flag):
                reset_due = now + delay
            if reset_due is not None and now >= reset_due:
                counter = to
                reset_done = True
        os.pwrite(fd, b"%019d\n" % counter, 0)
        log.write("%d %d %d\n" % (now_ns, real_ns, int(true_uj)))
        last = now
        power = level()


if __name__ == "__main__":
    main()
