#!/usr/bin/env python3
"""Fleet scale through a real Prometheus (issue 16, item 1); `make bench` section (7).

    fleet.py generate --nodes N --start UNIX_S --out FILE.om [--pods 30] [--minutes 60] [--interval-s 30]
    fleet.py bench --nodes 100,1000 --ecobench .build/release/ecobench [--compare OTHER] [--workdir DIR] [--keep]

`generate` writes one hour (by default) of a fleet's series in OpenMetrics, exactly the series and
labels `ecobench cluster-energy` queries (Sources/EcobenchCluster/Prometheus*Source.swift):

  per node `node-NNNN` (instance `node-NNNN:9464` for the agent, `:9100` node-exporter, `:10250` cAdvisor):
  - ecobench_node_energy_joules_total{source="rapl.psys",kind="measured",role="platform"}
      the agent's energy counter; node i draws P_i = 100 + 10 * (i % 7) W, constant, so the
      counter is P_i * (t - series start) and a window's energy is P_i * its length;
  - the agent's unreadable-reading counters for that source (ecobench_node_energy_unreadable_readings_total,
    ecobench_node_energy_uncovered_seconds_total, ecobench_agent_unreadable_readings_total{channel,cause}
    for its 5 causes), all 0: the agent exports them and the import queries them;
  - node_cpu_seconds_total{cpu,mode} for 2 CPUs x the 8 modes node-exporter exports; per CPU per
    second: user 0.40, nice 0, system 0.10, idle 0.40, iowait 0.05, irq 0.01, softirq 0.02, steal 0.02
    (busy = user+nice+system+irq+softirq = 0.53 per CPU, 1.06 CPU-s/s per node);
  - container_cpu_usage_seconds_total{namespace,pod,container,id,cpu="total"} for `--pods` pods of one
    container each; pod j (0-based) uses 0.001 * (j + 1) CPU-s/s (30 pods: 0.465 CPU-s/s in all).

Samples every `--interval-s` seconds (default 30 s: kube-prometheus-stack's default scrape
interval) from START - 120 s to START + minutes + 120 s, so the import's 60 s margins have samples.
Series-major order (every family contiguous, each series' samples in time order), `# EOF` last,
as `promtool tsdb create-blocks-from openmetrics` wants it.

`bench` does, for each N: generate, backfill with promtool, start the Debian `prometheus` on that
TSDB (loopback port, retention 10 years, a query log), run `ecobench cluster-energy --json` over
the hour (wall time and peak RSS from wait4's rusage), then replay every query Prometheus logged
with a raw HTTP client that only reads the bytes (Prometheus' answer time: evaluation, JSON
encoding, transfer; bytes received) and sum the query log's own evaluation times. ecobench's
processing = its wall time - the raw answer time of the same queries. Prints the ratios against
issue 16's targets. Prometheus is killed on every exit path.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

CAUSES = ["permission_denied", "vanished", "parse_error", "reset", "other"]
CPU_MODES = [("user", 0.40), ("nice", 0.0), ("system", 0.10), ("idle", 0.40), ("iowait", 0.05),
             ("irq", 0.01), ("softirq", 0.02), ("steal", 0.02)]
CPUS = 2
MARGIN_S = 120


def node_name(i):
    return "node-%04d" % i


def node_power_watts(i):
    return 100.0 + 10.0 * (i % 7)


def pod_cpu_rate(j):
    return 0.001 * (j + 1)


def pod_uid(i, j):
    return "%08x-0000-4000-8000-%012x" % (i, j)


def generate(path, nodes, pods, start, minutes, interval):
    """Writes the OpenMetrics file; returns (series, samples)."""
    first = start - MARGIN_S
    count = int((minutes * 60 + 2 * MARGIN_S) // interval) + 1
    times = [first + k * interval for k in range(count)]
    stamps = ["%d" % t for t in times]
    series = 0
    with open(path, "w", buffering=1 << 22) as out:
        def family(name, kind, help_text):
            out.write("# HELP %s %s\n# TYPE %s %s\n" % (name, help_text, name, kind))

        def counter(metric, labels, rate, value_of=None):
            nonlocal series
            series += 1
            prefix = "%s{%s} " % (metric, labels)
            lines = [prefix + ("%.3f" % (rate * (t - first))) + " " + s + "\n" for t, s in zip(times, stamps)]
            out.write("".join(lines))

        family("ecobench_node_energy_joules", "counter", "Node energy per source.")
        for i in range(nodes):
            counter("ecobench_node_energy_joules_total",
                    'instance="%s:9464",job="ecobench-agent",source="rapl.psys",kind="measured",role="platform"'
                    % node_name(i), node_power_watts(i))
        for metric, extra in [("ecobench_node_energy_unreadable_readings", ""),
                              ("ecobench_node_energy_uncovered_seconds", "")]:
            family(metric, "counter", "Unreadable readings.")
            for i in range(nodes):
                counter(metric + "_total", 'instance="%s:9464",job="ecobench-agent",source="rapl.psys"' % node_name(i), 0)
        family("ecobench_agent_unreadable_readings", "counter", "Unreadable readings by cause.")
        for i in range(nodes):
            for cause in CAUSES:
                counter("ecobench_agent_unreadable_readings_total",
                        'instance="%s:9464",job="ecobench-agent",channel="rapl.psys",cause="%s"' % (node_name(i), cause), 0)
        family("node_cpu_seconds", "counter", "Seconds the CPUs spent in each mode.")
        for i in range(nodes):
            for cpu in range(CPUS):
                for mode, rate in CPU_MODES:
                    counter("node_cpu_seconds_total",
                            'instance="%s:9100",job="node",cpu="%d",mode="%s"' % (node_name(i), cpu, mode), rate)
        family("container_cpu_usage_seconds", "counter", "Cumulative cpu time consumed.")
        for i in range(nodes):
            for j in range(pods):
                uid = pod_uid(i, j)
                cgroup = "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod%s.slice/cri-containerd-%064x.scope" % (
                    uid.replace("-", "_"), i * 1000 + j)
                counter("container_cpu_usage_seconds_total",
                        'instance="%s:10250",job="kubelet",namespace="ns-%d",pod="pod-%04d-%02d",container="app",cpu="total",id="%s"'
                        % (node_name(i), j % 5, i, j, cgroup), pod_cpu_rate(j))
        out.write("# EOF\n")
    return series, series * count


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url, timeout=600):
    """GET, reading the whole body; (status, bytes, seconds)."""
    began = time.monotonic()
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        size = 0
        while True:
            chunk = answer.read(1 << 20)
            if not chunk:
                break
            size += len(chunk)
        return answer.status, size, time.monotonic() - began


class Prometheus:
    """The Debian prometheus on a backfilled TSDB, on loopback; killed by stop() (also at exit)."""

    def __init__(self, tsdb, workdir):
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.query_log = os.path.join(workdir, "query.log")
        config = os.path.join(workdir, "prometheus.yml")
        with open(config, "w") as out:
            out.write("global:\n  query_log_file: %s\nscrape_configs: []\n" % self.query_log)
        self.process = subprocess.Popen(
            ["prometheus", "--config.file=" + config, "--storage.tsdb.path=" + tsdb,
             "--storage.tsdb.retention.time=3650d", "--web.listen-address=127.0.0.1:%d" % self.port,
             "--query.max-samples=200000000"],
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(workdir, "prometheus.log"), "w"))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("prometheus exited (%d); see %s/prometheus.log" % (self.process.returncode, workdir))
            try:
                if http_get(self.url + "/-/ready", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError("prometheus not ready after 120 s")

    def logged_queries(self):
        entries = []
        if os.path.exists(self.query_log):
            with open(self.query_log) as log:
                entries = [json.loads(line) for line in log if line.strip()]
        return entries

    def cpu_seconds(self):
        """Prometheus' utime + stime so far (/proc/PID/stat)."""
        with open("/proc/%d/stat" % self.process.pid) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def replay(url, entry):
    """The same query as a raw GET; (bytes, seconds)."""
    params = entry["params"]
    if params.get("step", 0):
        query = {"query": params["query"], "start": params["start"], "end": params["end"], "step": params["step"]}
        path = "/api/v1/query_range"
    else:
        query = {"query": params["query"], "time": params["end"]}
        path = "/api/v1/query"
    status, size, seconds = http_get(url + path + "?" + urllib.parse.urlencode(query))
    return size, seconds


def run_measured(argv):
    """Runs argv; (exit status, stdout, wall s, peak RSS bytes, user+sys CPU s)."""
    began = time.monotonic()
    with tempfile.TemporaryFile() as stdout:
        child = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.monotonic() - began
        child.returncode = os.waitstatus_to_exitcode(status)
        stderr = child.stderr.read().decode(errors="replace")
        stdout.seek(0)
        text = stdout.read().decode()
    if child.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(argv), child.returncode, stderr[-2000:]))
    return text, wall, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime


def bench_one(nodes, args, workdir):
    now = time.time()
    start = int(now // 3600) * 3600 - 3 * 3600
    end = start + args.minutes * 60
    om = os.path.join(workdir, "fleet.om")
    tsdb = os.path.join(workdir, "tsdb")
    began = time.monotonic()
    series, samples = generate(om, nodes, args.pods, start, args.minutes, args.interval_s)
    generated = time.monotonic() - began
    size = os.path.getsize(om)
    began = time.monotonic()
    subprocess.run(["promtool", "tsdb", "create-blocks-from", "openmetrics", om, tsdb], check=True,
                   stdout=subprocess.DEVNULL)
    backfilled = time.monotonic() - began
    os.remove(om)
    print("fleet: nodes=%d pods_per_node=%d series=%d samples=%d interval_s=%d openmetrics_mb=%.1f "
          "generate_s=%.1f backfill_s=%.1f" % (nodes, args.pods, series, samples, args.interval_s, size / 1e6,
                                                generated, backfilled), flush=True)
    prometheus = Prometheus(tsdb, workdir)
    runs = []
    try:
        for label, binary in [("ecobench", args.ecobench)] + ([("compare", args.compare)] if args.compare else []):
            argv = [binary, "cluster-energy", "--prometheus-url", prometheus.url, "--from", str(start),
                    "--to", str(end), "--json"]
            print("$ " + " ".join(argv), flush=True)
            logged, served = len(prometheus.logged_queries()), prometheus.cpu_seconds()
            text, wall, rss, cpu = run_measured(argv)
            runs.append((label, binary, text, wall, rss, cpu, prometheus.logged_queries()[logged:],
                         prometheus.cpu_seconds() - served))
        entries = runs[0][6]
        evaluation = sum(e.get("stats", {}).get("timings", {}).get("execTotalTime", 0) for e in entries)
        received, answer = 0, 0.0
        for entry in entries:
            size, seconds = replay(prometheus.url, entry)
            received += size
            answer += seconds
    finally:
        prometheus.stop()
    expected = sum(node_power_watts(i) for i in range(nodes)) * (end - start)
    print("prometheus: queries=%d bytes=%d (%.1f MB) eval_s=%.2f (query log execTotalTime) answer_s=%.2f "
          "(same queries, raw client reading the bytes)" % (len(entries), received, received / 1e6, evaluation, answer))
    for label, binary, text, wall, rss, cpu, _, served in runs:
        result = json.loads(text)
        energy = sum(n["energy_joules"] for n in result["nodes"])
        pod_count = sum(len(n["pods"]) for n in result["nodes"])
        processing = wall - answer
        print("%s (%s): wall_s=%.2f cpu_s=%.2f peak_rss_mb=%.1f nodes=%d pods=%d energy_j=%.1f (hand: sum P_i x %d s = %.1f)"
              % (label, binary, wall, cpu, rss / 1e6, len(result["nodes"]), pod_count, energy, end - start, expected))
        print("%s processing_s=%.2f (wall - answer) ratio_to_prometheus=%.2f (target <= 1) rss_ratio=%.2f "
              "(target <= 1: 500 MB)" % (label, processing, processing / answer if answer > 0 else float("nan"),
                                         rss / 500e6))
        print("%s cpu: ecobench %.2f s, prometheus serving it %.2f s, ratio %.2f (the same comparison in CPU "
              "time, which other load on the machine does not inflate)" % (label, cpu, served, cpu / served if served > 0
                                                                            else float("nan")), flush=True)
    if len(runs) > 1:
        print("same output as %s: %s" % (runs[1][1], json.loads(runs[0][2]) == json.loads(runs[1][2])))
    wall, rss = runs[0][3], runs[0][4]
    processing = wall - answer
    return {"nodes": nodes, "wall_s": wall, "processing_s": processing, "answer_s": answer, "rss": rss}


def bench(args):
    sizes = [int(n) for n in args.nodes.split(",")]
    results = []
    for nodes in sizes:
        workdir = tempfile.mkdtemp(prefix="ecobench-fleet-%d-" % nodes, dir=args.workdir)
        try:
            results.append(bench_one(nodes, args, workdir))
        finally:
            if not args.keep:
                shutil.rmtree(workdir, ignore_errors=True)
    for small, large in zip(results, results[1:]):
        scale = large["nodes"] / small["nodes"]
        print("growth %d -> %d nodes (x%.0f): wall x%.2f, processing x%.2f, prometheus answer x%.2f "
              "(target: time within %.0fx)" % (small["nodes"], large["nodes"], scale, large["wall_s"] / small["wall_s"],
                                              large["processing_s"] / small["processing_s"],
                                              large["answer_s"] / small["answer_s"], scale * 1.2))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("--nodes", type=int, required=True)
    gen.add_argument("--start", type=int, required=True, help="window start, unix seconds")
    gen.add_argument("--out", required=True)
    for p in (gen, sub.add_parser("bench")):
        p.add_argument("--pods", type=int, default=30)
        p.add_argument("--minutes", type=int, default=60)
        p.add_argument("--interval-s", type=int, default=30)
    b = sub.choices["bench"]
    b.add_argument("--nodes", default="100,1000")
    b.add_argument("--ecobench", default=".build/release/ecobench")
    b.add_argument("--workdir", default=None)
    b.add_argument("--keep", action="store_true")
    b.add_argument("--compare", help="a second ecobench binary run on the same Prometheus (e.g. an older build)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks: prometheus is killed
    if args.command == "generate":
        series, samples = generate(args.out, args.nodes, args.pods, args.start, args.minutes, args.interval_s)
        print("series=%d samples=%d" % (series, samples))
    else:
        bench(args)


if __name__ == "__main__":
    main()
