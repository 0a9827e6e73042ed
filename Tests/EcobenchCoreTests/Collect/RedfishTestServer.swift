import EcobenchCore
@testable import EcobenchCollect
import EcobenchTestSupport
import Foundation
import Testing

/// A Redfish server on loopback for the tests: sushy-static (PyPI `sushy-tools`) serving a
/// mockup folder, or `testdata/redfish/auth_standin.py` where authentication is needed.
/// Both run on the project's Python (`ProjectPython`: `make test` installs sushy-tools there).
final class RedfishTestServer {
    let port: Int
    private let process: ChildProcess

    /// sushy-static re-reads the index.json file on every GET (checked in sushy-tools 2.2.0,
    /// sushy_tools/static/main.py), so a test may rewrite a file between polls. Its stdout
    /// (request headers) goes to /dev/null.
    convenience init(sushyMockup mockup: String, tls: (certificate: String, key: String)? = nil) throws {
        let python = try ProjectPython.require()
        let port = try #require(LoopbackSocket.freePort())
        // `sushy-static` is this module's console script.
        var arguments = ["-m", "sushy_tools.static.main", "-i", "127.0.0.1", "-p", String(port), "-m", mockup]
        if let tls { arguments += ["-c", tls.certificate, "-k", tls.key] }
        try self.init(executable: python, arguments: arguments, port: port, environment: [:])
    }

    /// The authenticating stand-in; the password travels in the environment, not argv.
    convenience init(authMockup mockup: String, user: String, password: String, eventLog: String) throws {
        let python = try ProjectPython.require()
        let port = try #require(LoopbackSocket.freePort())
        try self.init(executable: python,
                      arguments: [Fixtures.path("redfish/auth_standin.py"), String(port), mockup, user, eventLog],
                      port: port, environment: ["REDFISH_STANDIN_PASSWORD": password])
    }

    private init(executable: String, arguments: [String], port: Int, environment: [String: String]) throws {
        self.port = port
        process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date(timeIntervalSinceNow: 15)
        while !LoopbackSocket.isListening(port: port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw ServerDidNotStart(executable: executable, port: port)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    deinit { stop() }

    /// SIGKILL, not `terminate()`: the test runner's threads block SIGTERM and the child
    /// inherits that mask, so SIGTERM would be ignored and `waitUntilExit()` hang.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func url(scheme: String = "http") throws -> URL {
        try #require(URL(string: "\(scheme)://127.0.0.1:\(port)"))
    }

    var hostLabel: String { "127.0.0.1:\(port)" }

    /// Copies a fixture tree into a fresh temporary folder (for tests that rewrite files).
    static func copyFixture(_ name: String) throws -> URL {
        let target = FileManager.default.temporaryDirectory
            .appendingPathComponent("ecobench-redfish-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.testdata.appendingPathComponent("redfish/\(name)"), to: target)
        return target
    }

    struct ServerDidNotStart: Error, CustomStringConvertible {
        var executable: String
        var port: Int
        var description: String { "\(executable) did not listen on 127.0.0.1:\(port) within 15 s" }
    }
}

/// A settable clock for driving `pollNow()` by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds = 0.0
    var now: Double {
        get { lock.withLock { seconds } }
        set { lock.withLock { seconds = newValue } }
    }
    var function: @Sendable () -> Double { { [self] in self.now } }
}

/// A probe over a copy of a fixture that sushy-static serves, polled by hand on a manual clock
/// (`rig.clock.now = t; rig.probe.pollNow()`); the test may rewrite files in `tree` between polls.
final class ManualRedfishRig {
    let tree: URL
    let server: RedfishTestServer
    let clock = ManualClock()
    let probe: RedfishProbe

    init(fixture: String, referenceSeconds: Double? = nil) throws {
        tree = try RedfishTestServer.copyFixture(fixture)
        do {
            server = try RedfishTestServer(sushyMockup: tree.path)
            let client = try RedfishClient(url: try server.url(), credentials: nil)
            let discovery = try RedfishDiscovery(client: client, referenceSeconds: referenceSeconds).discover()
            probe = try RedfishProbe(client: client, discovery: discovery, pollIntervalSeconds: 1,
                                     clock: clock.function, startPolling: false)
        } catch {
            try? FileManager.default.removeItem(at: tree)
            throw error
        }
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: tree)
    }
}
