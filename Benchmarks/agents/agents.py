#!/usr/bin/env python3
"""Issue 16 item 2: a controller run with a hundred agents on this machine.

Starts COUNT real `ecobench agent` processes (release build), each on its own loopback port and
buffer, all reading one RAPL fixture tree (`--sysfs-root`, `--cgroup-root none`, no hwmon/NVML,
10 Hz), then one `ecobench run` of an idle workload (`sleep`; phases baseline 2 s, idle 2 s,
load 5 s, cooldown 2 s; 2 repetitions) with `--agent nodeI=URL` for every agent. Prints:
  - the clock alignment of every agent at the start and the end of the run, as the run stored
    it (node_clocks: offset, round trip, rounds): the spread of offsets and round trips;
  - the time of each repetition's pull (realign + /samples of every agent, as the run logs it:
    "agents: repetition N realigned and pulled from M agent(s) in S s"): target <= 10 s;
  - the controller's CPU (wait4 rusage of the `ecobench run` process) and wall time, and the
    agents' total RSS (VmRSS) while they ran.
Every process it starts is stopped in a finally block (SIGINT, then SIGKILL). Never fails on a
missed target; exits non-zero only when the run itself fails.

usage: agents.py --ecobench BIN --sysfs-root DIR [--count 100] [--workdir DIR]"""
import argparse, os, re, resource, shutil, signal, socket, sqlite3, statistics, subprocess, sys, tempfile, time, urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serving(url, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/clock", timeout=1) as answer:
                if answer.status == 200:
                    return True
        except OSError:
            time.sleep(0.1)
    return False


def rss_mb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def spread(values):
    return f"min {min(values):.3f} median {statistics.median(values):.3f} max {max(values):.3f}"


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--ecobench", required=True)
    a.add_argument("--sysfs-root", required=True)
    a.add_argument("--count", type=int, default=100)
    a.add_argument("--workdir")
    o = a.parse_args()
    tmp = tempfile.mkdtemp(prefix="ecobench-agents-", dir=o.workdir)
    agents = []
    try:
        started = time.monotonic()
        urls = []
        for i in range(o.count):
            port = free_port()
            p = subprocess.Popen([o.ecobench, "agent", "--sysfs-root", o.sysfs_root, "--no-hwmon", "--no-nvml",
                                  "--cgroup-root", "none", "--listen", f"127.0.0.1:{port}", "--interval", "100",
                                  "--buffer", os.path.join(tmp, f"agent{i}.db")],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            agents.append(p)
            urls.append(f"http://127.0.0.1:{port}")
        missing = [u for u in urls if not serving(u, 60)]
        if missing:
            print(f"agents not serving after 60 s: {len(missing)} of {o.count}")
            return 1
        print(f"agents: {o.count} serving after {time.monotonic() - started:.1f} s")
        workload = os.path.join(tmp, "idle.yaml")
        with open(workload, "w") as f:
            f.write("name: agents-bench\ndescription: a hundred agents\nfunctional_unit: second\n"
                    "load:\n  argv: [sleep, \"5\"]\n  functional_units:\n    per_seconds: 1\n"
                    "phases: {baseline_s: 2, idle_s: 2, load_s: 5, cooldown_s: 2}\nrepetitions: 2\n")
        command = [o.ecobench, "run", workload, "--db", os.path.join(tmp, "run.db"), "--out", os.path.join(tmp, "out"),
                   "--sysfs-root", o.sysfs_root, "--no-hwmon"]
        for i, url in enumerate(urls):
            command += ["--agent", f"node{i:03d}={url}"]
        run_started = time.monotonic()
        run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peak_rss = 0.0
        while run.poll() is None:
            peak_rss = max(peak_rss, sum(rss_mb(p.pid) for p in agents))
            time.sleep(1)
        out, err = run.communicate()
        wall = time.monotonic() - run_started
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        if run.returncode != 0:
            print(f"the run failed ({run.returncode}):\n{err[-2000:]}")
            return 1
        pulls = [(int(m.group(1)), int(m.group(2)), float(m.group(3)))
                 for m in re.finditer(r"agents: repetition (\d+) realigned and pulled from (\d+) agent\(s\) in ([0-9.]+) s", err)]
        for repetition, count, seconds in pulls:
            print(f"pull of repetition {repetition}: {count} agents in {seconds:.2f} s  target: <= 10 s: "
                  + ("met" if seconds <= 10 else "not met"))
        if not pulls:
            print("no pull times in the run's log:\n" + err[-1000:])
        db = sqlite3.connect(os.path.join(tmp, "run.db"))
        for moment in ("start", "end"):
            rows = db.execute("SELECT offset_ns, rtt_ns, rounds FROM node_clocks WHERE moment = ? AND offset_ns IS NOT NULL",
                              (moment,)).fetchall()
            failed = db.execute("SELECT count(*) FROM node_clocks WHERE moment = ? AND offset_ns IS NULL", (moment,)).fetchone()[0]
            if rows:
                print(f"alignment at {moment}: {len(rows)} agents ({failed} failed); offset ms {spread([r[0] / 1e6 for r in rows])}; "
                      f"round trip ms {spread([r[1] / 1e6 for r in rows])}; rounds {spread([r[2] for r in rows])}")
        readings = db.execute("SELECT count(*), count(DISTINCT node) FROM node_energy").fetchone()
        print(f"stored node energy readings: {readings[0]} from {readings[1]} agents")
        # The controller is this script's only waited-for child so far: RUSAGE_CHILDREN is the run's.
        cpu = children.ru_utime + children.ru_stime
        print(f"controller: wall {wall:.1f} s, CPU {cpu:.2f} s ({100 * cpu / wall:.1f} % of a core), "
              f"peak RSS {children.ru_maxrss / 1024:.1f} MB; agents' RSS together at most {peak_rss:.0f} MB")
        return 0
    finally:
        for p in agents:
            if p.poll() is None:
                p.send_signal(signal.SIGINT)
        deadline = time.monotonic() + 10
        for p in agents:
            try:
                p.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
