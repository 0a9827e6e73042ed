#!/usr/bin/env python3
"""Issue 16 item 4: the whole `ecobench run` process (all threads) at 10 Hz on an idle workload,
side by side with the C floor (Benchmarks/sampler-floor) doing the same RAPL + /proc reads over the
same window. Both processes' CPU is read from /proc/PID/task/*/schedstat (run time in ns, all threads) at the start
and end of a common window after startup; per-thread CPU and voluntary context switches of ecobench
are printed from /proc/PID/task/*/. Target: ecobench / floor <= 1.2. Never fails on a missed target.

usage: run_process.py --ecobench BIN --floor BIN --sysfs-root DIR --seconds N [--cgroup DIR]"""
import argparse, glob, os, signal, subprocess, sys, tempfile, time

TICK = os.sysconf("SC_CLK_TCK")

def task_ns(task):
    """CPU time a thread ran, in ns (/proc/PID/task/TID/schedstat's first field: the scheduler's
    own clock, not utime/stime's 10 ms ticks, which are too coarse for 0.1 % of a core)."""
    with open(f"{task}/schedstat") as f:
        return int(f.read().split()[0])

def cpu_s(pid):
    """The whole process's CPU seconds: every thread's schedstat run time, summed."""
    total = 0
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            total += task_ns(task)
        except OSError:
            pass  # a thread that ended between the listing and the read
    return total / 1e9

def threads(pid):
    out = {}
    for t in glob.glob(f"/proc/{pid}/task/*"):
        try:
            comm = open(f"{t}/comm").read().strip()
            vol = [l for l in open(f"{t}/status") if l.startswith("voluntary_ctxt_switches")]
            out[(os.path.basename(t), comm)] = (task_ns(t) / 1e9, int(vol[0].split()[1]) if vol else 0)
        except OSError:
            pass
    return out

def descendants(pid):
    """Every process below `pid` (children first, by /proc/*/stat's parent field)."""
    parents = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            fields = open(stat).read().rsplit(")", 1)[1].split()
            parents[int(stat.split("/")[2])] = int(fields[1])
        except (OSError, ValueError, IndexError):
            pass
    out, frontier = [], [pid]
    while frontier:
        frontier = [child for child, parent in parents.items() if parent in frontier]
        out += frontier
    return out

def workload_cgroup(run_pid):
    """The cgroup2 directory the run put its workload in ("-" when it runs in none)."""
    mount = next((line.split()[4] for line in open("/proc/self/mountinfo") if " - cgroup2 " in line), None)
    for pid in descendants(run_pid):
        try:
            for line in open(f"/proc/{pid}/cgroup"):
                if line.startswith("0::") and "ecobench" in line and mount:
                    return mount + line[3:].strip()
        except OSError:
            pass
    return "-"

def main():
    a = argparse.ArgumentParser()
    a.add_argument("--ecobench", required=True); a.add_argument("--floor", required=True)
    a.add_argument("--sysfs-root", required=True); a.add_argument("--cgroup", default="-")
    a.add_argument("--seconds", type=float, default=60); a.add_argument("--startup-s", type=float, default=5)
    o = a.parse_args()
    rapl = sorted(glob.glob(f"{o.sysfs_root}/devices/virtual/powercap/intel-rapl/**/energy_uj", recursive=True))
    tmp = tempfile.mkdtemp(prefix="ecobench-run-process-")
    load_s = int(o.startup_s + o.seconds + 5)
    wl = os.path.join(tmp, "idle.yaml")
    with open(wl, "w") as f:
        f.write("name: idle-bench\ndescription: run-process benchmark\nfunctional_unit: minute\n"
                f"load:\n  argv: [sleep, \"{load_s}\"]\n  functional_units:\n    per_seconds: 60\n"
                f"phases:\n  baseline_s: 0\n  idle_s: 0\n  load_s: {load_s}\n  cooldown_s: 0\nrepetitions: 1\n")
    procs = []
    try:
        eb = subprocess.Popen([o.ecobench, "run", "--db", os.path.join(tmp, "run.db"), "--sysfs-root", o.sysfs_root,
                               "--no-hwmon", "--quiet", "--interval", "100", wl],
                              stdout=subprocess.DEVNULL, stderr=open(os.path.join(tmp, "err.txt"), "w"))
        procs.append(eb)
        time.sleep(o.startup_s)
        # The floor reads what the run reads: the same RAPL files and /proc system files, and the
        # workload's cgroup (cpu.stat every tick, cgroup.procs every second, each member's stat and
        # io every 5 s) that the run made for its `sleep`, found from that process's /proc/PID/cgroup.
        cgroup = o.cgroup if o.cgroup != "-" else workload_cgroup(eb.pid)
        print(f"workload cgroup read by both: {cgroup}")
        fl = subprocess.Popen([o.floor, "10", str(int(o.seconds + 4)), cgroup, "10", "50"] + rapl,
                              stdout=subprocess.DEVNULL)
        procs.append(fl)
        time.sleep(1)
        e0, f0, t0, w0 = cpu_s(eb.pid), cpu_s(fl.pid), threads(eb.pid), time.monotonic()
        time.sleep(o.seconds)
        e1, f1, t1, w1 = cpu_s(eb.pid), cpu_s(fl.pid), threads(eb.pid), time.monotonic()
        wall = w1 - w0
        ep, fp = 100 * (e1 - e0) / wall, 100 * (f1 - f0) / wall
        print(f"window_s={wall:.1f} ecobench_run_cpu_pct={ep:.3f} floor_cpu_pct={fp:.3f} (schedstat, ns)")
        for key in sorted(t1, key=lambda k: -(t1[k][0] - t0.get(k, (0, 0))[0])):
            c, v = t1[key][0] - t0.get(key, (0, 0))[0], t1[key][1] - t0.get(key, (0, 0))[1]
            print(f"  thread {key[0]} {key[1]!r}: cpu_pct={100 * c / wall:.3f} wakeups_per_s={v / wall:.1f}")
        ratio = ep / fp if fp > 0 else float("inf")
        print(f"ratio ecobench run / C floor: {ratio:.2f}  target: <= 1.2: {'met' if ratio <= 1.2 else 'not met'}")
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGINT if p is procs[0] else signal.SIGTERM)
        for p in procs:
            try: p.wait(10)
            except subprocess.TimeoutExpired: p.kill(); p.wait()
        subprocess.run(["rm", "-rf", tmp])

if __name__ == "__main__":
    sys.exit(main())
