import EcobenchCore
import Foundation
import Testing

/// Runs the Debian `prometheus` scraping the agents every second with the bearer token, and
/// checks that what its query API returns matches the agents' own `/metrics` within a scrape.
enum PrometheusCheck {
    static let binary = "/usr/bin/prometheus"
    static let scrapeSeconds = 1.0

    static func run(harness: AgentHarness, targets: [Int], tokenFile: String, token: String,
                    energyKey: String, rates: [Double]) throws {
        try #require(FileManager.default.isExecutableFile(atPath: binary), "install the Debian package prometheus")
        let port = try AgentHarness.freePort()
        let config = harness.directory.appendingPathComponent("prometheus.yml").path
        try """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: ecobench-agent
                scrape_interval: 1s
                scrape_timeout: 900ms
                authorization:
                  type: Bearer
                  credentials_file: \(tokenFile)
                static_configs:
                  - targets: [\(targets.map { "'127.0.0.1:\($0)'" }.joined(separator: ", "))]
            """.write(toFile: config, atomically: false, encoding: .utf8)
        let prometheus = ChildProcess()
        prometheus.executableURL = URL(fileURLWithPath: binary)
        prometheus.arguments = ["--config.file=\(config)",
                                "--storage.tsdb.path=\(harness.directory.appendingPathComponent("tsdb").path)",
                                "--web.listen-address=127.0.0.1:\(port)"]
        prometheus.standardOutput = FileHandle.nullDevice
        prometheus.standardError = FileHandle.nullDevice
        try prometheus.run()
        defer {
            kill(prometheus.processIdentifier, SIGKILL)
            prometheus.waitUntilExit()
        }
        let api = "http://127.0.0.1:\(port)/api/v1/query?query=ecobench_node_energy_joules_total"
        var results: [String: Double] = [:]
        let deadline = Date().addingTimeInterval(20)
        while results.count < targets.count && Date() < deadline {
            usleep(250_000)
            results = query(AgentHarness.get(api).body)
        }
        #expect(results.count == targets.count, "Prometheus has \(results) for \(targets)")
        // Another scrape or two, then compare with what each agent serves right after the query.
        usleep(1_500_000)
        results = query(AgentHarness.get(api).body)
        for (i, target) in targets.enumerated() {
            let own = try AgentHarness.parseMetrics(
                AgentHarness.get("http://127.0.0.1:\(target)/metrics", token: token).body)
            let agent = try #require(own[energyKey])
            let scraped = try #require(results["127.0.0.1:\(target)"], "no series for \(target)")
            print("agent \(i): Prometheus \(scraped) J, agent /metrics \(agent) J, gap \(agent - scraped) J at \(rates[i]) W")
            #expect(scraped <= agent + 1e-9, "Prometheus \(scraped) J ahead of agent \(agent) J")
            #expect(agent - scraped <= rates[i] * (scrapeSeconds + 0.6),
                    "Prometheus \(scraped) J vs agent \(agent) J: more than a scrape interval apart")
        }
    }

    /// instance → value of an instant-vector answer.
    static func query(_ body: String) -> [String: Double] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
              let data = object["data"] as? [String: Any], let result = data["result"] as? [[String: Any]] else {
            return [:]
        }
        var out: [String: Double] = [:]
        for series in result {
            guard let metric = series["metric"] as? [String: String], let instance = metric["instance"],
                  let value = series["value"] as? [Any], value.count == 2,
                  let text = value[1] as? String, let number = Double(text) else { continue }
            out[instance] = number
        }
        return out
    }
}
