import EcobenchCore
import Foundation
import Testing

/// The Debian `prometheus` and `prometheus-node-exporter` started on loopback for a test, killed
/// (SIGKILL: the test runner's threads block SIGTERM) when the value is released by `stop()`.
final class PrometheusServer {
    static let binary = "/usr/bin/prometheus"
    static let nodeExporterBinary = "/usr/bin/prometheus-node-exporter"
    let url: String
    private var processes: [ChildProcess] = []

    /// `jobs`: job name → targets (`host:port`), all scraped every second.
    init(directory: URL, jobs: [(String, [String])]) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "install the Debian package prometheus")
        let port = try AgentHarness.freePort()
        url = "http://127.0.0.1:\(port)"
        var config = "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n"
        for (job, targets) in jobs {
            config += "  - job_name: \(job)\n    scrape_interval: 1s\n    scrape_timeout: 900ms\n"
            config += "    static_configs:\n      - targets: [\(targets.map { "'\($0)'" }.joined(separator: ", "))]\n"
        }
        let file = directory.appendingPathComponent("prometheus-import.yml").path
        try config.write(toFile: file, atomically: false, encoding: .utf8)
        try launch(Self.binary, ["--config.file=\(file)",
                                 "--storage.tsdb.path=\(directory.appendingPathComponent("tsdb-import").path)",
                                 "--web.listen-address=127.0.0.1:\(port)"])
    }

    /// Starts node-exporter with only its rapl and cpu collectors, reading `sysfsRoot`.
    func startNodeExporter(sysfsRoot: String, listen: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.nodeExporterBinary),
                     "install the Debian package prometheus-node-exporter")
        try launch(Self.nodeExporterBinary, ["--path.sysfs=\(sysfsRoot)", "--collector.disable-defaults",
                                             "--collector.rapl", "--collector.cpu", "--web.listen-address=\(listen)"])
    }

    private func launch(_ binary: String, _ arguments: [String]) throws {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        processes.append(process)
    }

    /// Waits until `up` is 1 for `count` targets; false after `seconds`.
    func waitForTargets(_ count: Int, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let answer = PrometheusCheck.query(AgentHarness.get(url + "/api/v1/query?query=up%3D%3D1").body)
            if answer.count >= count { return true }
            usleep(250_000)
        }
        return false
    }

    func stop() {
        for process in processes where process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
