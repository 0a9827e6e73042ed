import EcobenchCore
import Foundation

/// Issue 12 point 6: does the agent answer `/metrics` promptly while it samples? Starts the real
/// `ecobench agent` (the binary beside this one, or `--ecobench PATH`) on a loopback port,
/// sampling every `--interval-ms` (default 100: 10 Hz) a RAPL fixture whose counter moves, the
/// real /proc, and a cgroup fixture of `--pods` pods (so pod scans happen, every 5 s as by default).
/// Then, for 1 scraper (the reference) and for `--scrapers` (default 10), each scraper a thread
/// with its own keep-alive connection (the project's `BlockingHTTPClient`), GETs `/metrics` back
/// to back for `--seconds` (default 30) and records every request's latency. Prints per window:
/// requests, requests/s, latency p50/p90/p99/max, errors, the agent's CPU time (utime + stime
/// from /proc/PID/stat) and the ticks it stored (`ecobench_buffer_samples`), so a sampler that
/// fell behind shows. Scrapers and agent share this machine's CPUs.
enum AgentMetricsBench {
    static func run(_ args: BenchArguments) throws {
        let scrapers = max(1, args.int("scrapers", 10))
        let seconds = args.double("seconds", 30)
        let intervalMilliseconds = args.double("interval-ms", 100)
        let podCount = max(0, args.int("pods", 30))
        let binary = try args.options["ecobench"] ?? siblingBinary("ecobench")

        let fixture = try AgentBenchFixture(pods: podCount)
        defer { fixture.remove() }
        fixture.startMoving(watts: 50)
        defer { fixture.stopMoving() }
        let agent = try AgentBenchProcess(
            binary: binary,
            arguments: ["agent", "--sysfs-root", fixture.sysfsRoot, "--no-hwmon", "--no-nvml",
                        "--listen", "127.0.0.1:0", "--interval", format(intervalMilliseconds, 1),
                        "--buffer", fixture.directory + "/agent-buffer.db",
                        "--cgroup-root", podCount > 0 ? fixture.cgroupRoot : "none", "--pod-scan-interval", "5"],
            logPath: fixture.directory + "/agent.log")
        defer { agent.stop() }
        try agent.waitUntilListening(seconds: 60)
        let url = "http://127.0.0.1:\(agent.port)/metrics"
        let first = try get(url)
        guard first.status == 200, first.bodyText.contains("ecobench_node_energy_joules_total") else {
            throw BenchError("\(url): \(first.status) without node energy:\n\(first.bodyText.prefix(500))\n\(agent.logTail())")
        }
        let podSeries = first.bodyText.split(separator: "\n").filter { $0.hasPrefix("ecobench_pod_cpu_seconds_total{") }.count
        guard podSeries == podCount else {
            throw BenchError("\(url): \(podSeries) pod series, expected \(podCount):\n\(agent.logTail())")
        }
        usleep(2_000_000)  // a few ticks stored before timing
        print("agent-metrics binary=\(binary) pid=\(agent.process.processIdentifier) interval_ms=\(format(intervalMilliseconds, 0)) "
              + "pods=\(podSeries) metrics_bytes=\(first.body.count) cpus=\(ProcessInfo.processInfo.activeProcessorCount)")
        for count in scrapers == 1 ? [1] : [1, scrapers] {
            let window = try measure(url: url, scrapers: count, seconds: seconds, agent: agent)
            print(window.summary(intervalMilliseconds: intervalMilliseconds))
        }
        guard agent.process.isRunning else { throw BenchError("the agent exited during the bench:\n\(agent.logTail())") }
    }

    /// One window's figures.
    struct Window {
        var scrapers: Int
        var wallSeconds: Double
        var latenciesNanoseconds: [Int64]  // sorted
        var errors: Int
        var firstError: String?
        var agentCPUSeconds: Double
        var benchCPUSeconds: Double
        var ticksStored: Double

        func summary(intervalMilliseconds: Double) -> String {
            let ms = { (p: Double) in format(Double(percentile(latenciesNanoseconds, p)) / 1e6, 2) }
            let p99 = Double(percentile(latenciesNanoseconds, 0.99)) / 1e6
            var text = "  scrapers=\(scrapers) wall_s=\(format(wallSeconds, 1)) requests=\(latenciesNanoseconds.count) "
                + "requests_per_s=\(format(Double(latenciesNanoseconds.count) / wallSeconds, 1)) errors=\(errors)\n"
                + "    latency_ms p50=\(ms(0.50)) p90=\(ms(0.90)) p99=\(ms(0.99)) max=\(ms(1.0)) "
                + "p99_under_50_ms=\(p99 < 50 && errors == 0 ? "yes" : "NO")\n"
                + "    agent_cpu_s=\(format(agentCPUSeconds, 2)) agent_cpu_share_of_one_core_pct=\(format(agentCPUSeconds / wallSeconds * 100, 1)) "
                + "agent_cpu_ms_per_request=\(format(agentCPUSeconds * 1000 / Double(max(1, latenciesNanoseconds.count)), 3)) "
                + "scrapers_cpu_s=\(format(benchCPUSeconds, 2)) "
                + "ticks_per_s=\(format(ticksStored / wallSeconds, 2)) (nominal \(format(1000 / intervalMilliseconds, 2)))"
            if let firstError { text += "\n    first_error: \(firstError)" }
            return text
        }
    }

    /// `scrapers` threads GET `url` back to back until `seconds` have passed.
    static func measure(url: String, scrapers: Int, seconds: Double, agent: AgentBenchProcess) throws -> Window {
        let clients = try (0..<scrapers).map { _ in try BlockingHTTPClient(timeoutSeconds: 5) }
        defer { for client in clients { client.shutdown() } }
        for client in clients { _ = try client.get(url) }  // connections open before the clock starts
        let results = ScrapeResults()
        let ticks0 = try bufferSamples(url)
        let agentCPU0 = try agent.cpuSeconds()
        let benchCPU0 = BenchClock.processCPUSeconds()
        let start = MonotonicClock.nowNanoseconds()
        let end = start + Int64(seconds * 1e9)
        let group = DispatchGroup()
        for client in clients {
            group.enter()
            Thread {
                var latencies: [Int64] = []
                latencies.reserveCapacity(Int(seconds * 2000))
                var errors = 0
                var firstError: String?
                while MonotonicClock.nowNanoseconds() < end {
                    let sent = MonotonicClock.nowNanoseconds()
                    do {
                        let answer = try client.get(url)
                        let took = MonotonicClock.nowNanoseconds() - sent
                        if answer.status == 200 && !answer.body.isEmpty { latencies.append(took); continue }
                        firstError = firstError ?? "HTTP \(answer.status): \(answer.bodyText.prefix(200))"
                    } catch {
                        firstError = firstError ?? "\(error)"
                    }
                    errors += 1
                    usleep(10_000)  // a refused connection must not spin
                }
                results.add(latencies, errors: errors, firstError: firstError)
                group.leave()
            }.start()
        }
        group.wait()
        let wall = BenchClock.seconds(since: start)
        let agentCPU = try agent.cpuSeconds() - agentCPU0
        let benchCPU = BenchClock.processCPUSeconds() - benchCPU0
        let ticks = try bufferSamples(url) - ticks0
        let (latencies, errors, firstError) = results.collected()
        return Window(scrapers: scrapers, wallSeconds: wall, latenciesNanoseconds: latencies.sorted(), errors: errors,
                      firstError: firstError, agentCPUSeconds: agentCPU, benchCPUSeconds: benchCPU, ticksStored: ticks)
    }

    static func get(_ url: String) throws -> HTTPResponse {
        let client = try BlockingHTTPClient(timeoutSeconds: 10)
        defer { client.shutdown() }
        return try client.get(url)
    }

    /// `ecobench_buffer_samples` (ticks in the agent's buffer) from one scrape.
    static func bufferSamples(_ url: String) throws -> Double {
        let text = try get(url).bodyText
        for line in text.split(separator: "\n") where line.hasPrefix("ecobench_buffer_samples ") {
            if let value = Double(line.dropFirst("ecobench_buffer_samples ".count)) { return value }
        }
        throw BenchError("\(url): no ecobench_buffer_samples line")
    }

    /// A binary in the same directory as this one (.build/release or .build/debug).
    static func siblingBinary(_ name: String) throws -> String {
        let me = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let path = (me as NSString).deletingLastPathComponent + "/" + name
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchError("\(path) not found: build it (swift build -c release --product \(name)) or pass --ecobench PATH")
        }
        return path
    }
}

/// The scraper threads' latencies, merged when each finishes.
final class ScrapeResults: @unchecked Sendable {
    // Safety: every member is used under `lock`.
    private let lock = NSLock()
    private var latencies: [Int64] = []
    private var errors = 0
    private var firstError: String?

    func add(_ more: [Int64], errors moreErrors: Int, firstError error: String?) {
        lock.withLock {
            latencies.append(contentsOf: more)
            errors += moreErrors
            firstError = firstError ?? error
        }
    }

    func collected() -> ([Int64], Int, String?) { lock.withLock { (latencies, errors, firstError) } }
}
