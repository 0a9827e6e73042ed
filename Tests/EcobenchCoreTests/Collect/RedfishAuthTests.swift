import EcobenchTestSupport
import Foundation
import Testing
@testable import EcobenchCore

/// Authentication, timeouts, TLS and secrecy. The 401/session tests use
/// testdata/redfish/auth_standin.py (python3 only) because sushy-static has no authentication.
@Suite("Redfish auth, timeouts, TLS and secrecy")
struct RedfishAuthTests {
    static let password = "s3cr3t-Pa55w0rd!"

    private func standin(_ events: URL) throws -> RedfishTestServer {
        try RedfishTestServer(authMockup: Fixtures.path("redfish/classic"), user: "admin",
                              password: Self.password, eventLog: events.path)
    }

    private func eventLog() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("ecobench-redfish-events-\(UUID().uuidString)")
    }

    @Test
    func wrongPasswordIsAuthenticationFailedNamingTheUserOnly() throws {
        let events = eventLog()
        defer { try? FileManager.default.removeItem(at: events) }
        let server = try standin(events)
        defer { server.stop() }
        var texts: [String] = []
        for scheme in RedfishCredentials.Scheme.allCases {
            let credentials = RedfishCredentials(user: "admin", password: "wrong-" + Self.password, scheme: scheme)
            let error = try #require(throws: RedfishError.self) {
                try RedfishProbe(url: try server.url(), credentials: credentials)
            }
            guard case .authenticationFailed(_, let user) = error else {
                Issue.record("expected authenticationFailed, got \(error)")
                continue
            }
            #expect(user == "admin")
            #expect(error.description.contains("HTTP 401, authentication failed for user admin"))
            texts.append(error.description)
            #expect(!credentials.passwordAppears(in: error.description))
        }
        #expect(texts.allSatisfy { !$0.contains(Self.password) })
    }

    @Test
    func sessionLoginPollsAndDeletesTheSessionAtStop() throws {
        let events = eventLog()
        defer { try? FileManager.default.removeItem(at: events) }
        let server = try standin(events)
        defer { server.stop() }
        let credentials = RedfishCredentials(user: "admin", password: Self.password, scheme: .session)
        let probe = try RedfishProbe(url: try server.url(), credentials: credentials, pollIntervalSeconds: 0.2)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(probe.gaps.isEmpty)
        probe.stop()
        let log = try String(contentsOf: events, encoding: .utf8)
        #expect(log == "session-created\nsession-deleted\n")
        // Nothing the integrator could print carries the password.
        var texts = probe.channels.flatMap { [$0.name, $0.path, $0.model ?? ""] }
        texts += [probe.client.description, credentials.description, String(reflecting: credentials),
                  probe.discovery.notes.joined(), probe.sources.map(\.description).joined()]
        var dumped = ""
        dump(credentials, to: &dumped)
        texts.append(dumped)
        for text in texts { #expect(!text.contains(Self.password), "password leaked in \(text)") }
    }

    @Test
    func basicAuthWorksAndUserInfoInTheURLIsDropped() throws {
        let events = eventLog()
        defer { try? FileManager.default.removeItem(at: events) }
        let server = try standin(events)
        defer { server.stop() }
        let url = try #require(URL(string: "http://admin:\(Self.password)@127.0.0.1:\(server.port)/redfish/v1"))
        let credentials = RedfishCredentials(user: "admin", password: Self.password, scheme: .basic)
        let probe = try RedfishProbe(url: url, credentials: credentials)
        defer { probe.stop() }
        #expect(probe.client.baseURL.absoluteString == "http://127.0.0.1:\(server.port)")
        #expect(probe.channels.allSatisfy { !$0.path.contains(Self.password) && !$0.path.contains("admin@") })
        #expect(probe.gaps.isEmpty && probe.channels.count == 3)
    }

    @Test func silentServerTimesOut() throws {
        let silent = try #require(LoopbackSocket())
        let url = try #require(URL(string: "http://127.0.0.1:\(silent.port)"))
        let client = try RedfishClient(url: url, credentials: nil, timeoutSeconds: 0.5)
        defer { client.close() }
        let started = Date()
        #expect(throws: RedfishError.timeout(url: "http://127.0.0.1:\(silent.port)/redfish/v1", seconds: 0.5)) {
            try client.getJSON("/redfish/v1")
        }
        #expect(Date().timeIntervalSince(started) < 1.5)
        let text = RedfishError.timeout(url: "http://h/redfish/v1", seconds: 2).description
        #expect(text == "Redfish GET http://h/redfish/v1: no answer within 2 s (timeout)")
    }

    @Test  // `make test` installs openssl and sushy-tools
    func tlsIsVerifiedByDefault() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecobench-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (cert, key) = (folder.appendingPathComponent("cert.pem").path, folder.appendingPathComponent("key.pem").path)
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                             "-days", "1", "-subj", "/CN=127.0.0.1"]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        let server = try RedfishTestServer(sushyMockup: Fixtures.path("redfish/classic"), tls: (cert, key))
        defer { server.stop() }
        let client = try RedfishClient(url: try server.url(scheme: "https"), credentials: nil)
        defer { client.close() }
        let error = try #require(throws: RedfishError.self) { try client.getJSON("/redfish/v1") }
        #expect(error.description.lowercased().contains("certificate"))
        #if canImport(FoundationNetworking)
        #expect(throws: RedfishError.insecureTLSUnsupported(url: "https://127.0.0.1:\(server.port)")) {
            try RedfishClient(url: try server.url(scheme: "https"), credentials: nil, verifyTLS: false)
        }
        #endif
    }
}
