import EcobenchTestSupport
import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect

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
    func tlsIsVerifiedByDefaultAndInsecureIsOptIn() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let (cert, key) = try SelfSignedCertificate.make(in: temp.path)
        let server = try RedfishTestServer(sushyMockup: Fixtures.path("redfish/classic"), tls: (cert, key))
        defer { server.stop() }
        let url = try server.url(scheme: "https")

        // Default: the system trust store does not know this self-signed certificate.
        let verified = try RedfishClient(url: url, credentials: nil)
        defer { verified.close() }
        let error = try #require(throws: RedfishError.self) { try verified.getJSON("/redfish/v1") }
        #expect(error.description.contains("TLS certificate not accepted"), "\(error)")
        #expect(error.description.contains("--insecure"))
        #expect(verified.tlsNote.isEmpty && verified.description.hasSuffix("TLS verified"))

        // --insecure: the same server answers, and every channel says TLS was not verified.
        let probe = try RedfishProbe(url: url, credentials: nil, verifyTLS: false, pollIntervalSeconds: 0.2)
        defer { probe.stop() }
        #expect(!probe.channels.isEmpty)
        #expect(probe.channels.allSatisfy { ($0.model ?? "").hasSuffix("; TLS not verified") },
                "\(probe.channels.map(\.model))")

        // --redfish-ca-cert: verified against the BMC's own CA instead of the system store.
        let pinned = try RedfishClient(url: url, credentials: nil,
                                       caCertificatePEM: try String(contentsOfFile: cert, encoding: .utf8))
        defer { pinned.close() }
        let root = try pinned.getObject("/redfish/v1")
        #expect(root["@odata.id"]?.stringValue == "/redfish/v1")
        #expect(pinned.tlsNote.isEmpty)
    }
}
