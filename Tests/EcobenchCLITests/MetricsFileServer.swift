import EcobenchCore
import EcobenchTestSupport
import Foundation

/// A stand-in exporter (`Tests/tools/metrics_file_server.py`, a stand-in where no real exporter can
/// run here): serves a text-format file, read afresh on each request, at `host:port`, so a test
/// changes what a real Prometheus scrapes by rewriting the file and stops the target with `stop()`.
final class MetricsFileServer {
    let port: Int
    let file: String
    /// The loopback address it listens on (a node's name that resolves to one), 127.0.0.1 when nil.
    let host: String?
    private var process: ChildProcess?

    init(port: Int, file: String, host: String? = nil) {
        (self.port, self.file, self.host) = (port, file, host)
    }

    /// `host:port`, as a Prometheus target.
    var target: String { "\(host ?? "127.0.0.1"):\(port)" }

    func start() throws {
        let process = try ProjectPython.process([CLI.packageRoot + "/Tests/tools/metrics_file_server.py", "\(port)", file]
                                                + (host.map { [$0] } ?? []))
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
    }

    func stop() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// One started server per file, each on a free port, listening on the matching host.
    static func start(files: [String], hosts: [String]) throws -> [MetricsFileServer] {
        var servers: [MetricsFileServer] = []
        do {
            for (file, host) in zip(files, hosts) {
                let server = MetricsFileServer(port: try AgentHarness.freePort(), file: file, host: host)
                try server.start()
                servers.append(server)
            }
        } catch {
            for server in servers { server.stop() }
            throw error
        }
        return servers
    }
}
