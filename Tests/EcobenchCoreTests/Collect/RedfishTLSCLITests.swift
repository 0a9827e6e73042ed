import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `--insecure` and `--redfish-ca-cert` through the CLI, against sushy-static serving HTTPS
/// with a self-signed certificate on loopback (openssl and sushy-tools: `make deps`).
@Suite("Redfish TLS options on the command line")
struct RedfishTLSCLITests {
    struct Listing: Decodable {
        var sources: [SourceDescriptor]
        var notes: [String]
    }

    private func sensors(_ extra: [String], server: RedfishTestServer) throws -> CLI.Result {
        try CLI.run(["sensors", "--json", "--sysfs-root", Fixtures.path("intel-2s/sys"), "--no-nvml",
                     "--redfish", try server.url(scheme: "https").absoluteString] + extra)
    }

    @Test func verifiedByDefaultInsecureOnRequestAndPinnedCA() throws {
        let temp = try TemporaryDirectory("redfish-tls-cli")
        defer { temp.remove() }
        let (cert, key) = try SelfSignedCertificate.make(in: temp.path)
        let server = try RedfishTestServer(sushyMockup: Fixtures.path("redfish/classic"), tls: (cert, key))
        defer { server.stop() }

        // Default: the certificate is not trusted, the BMC is skipped with the reason, RAPL stays.
        let strict = try sensors([], server: server)
        #expect(strict.status == 0, "\(strict.stderr)")
        let strictListing = try ReportCoding.decoder().decode(Listing.self, from: Data(strict.stdout.utf8))
        #expect(!strictListing.sources.contains { $0.name.hasPrefix("redfish.") })
        #expect(strictListing.notes.contains { $0.contains("TLS certificate not accepted") && $0.contains("not used") },
                "\(strictListing.notes)")

        // --insecure: read, and said so in every Redfish channel's model.
        let insecure = try sensors(["--insecure"], server: server)
        #expect(insecure.status == 0, "\(insecure.stderr)")
        let open = try ReportCoding.decoder().decode(Listing.self, from: Data(insecure.stdout.utf8))
        let redfish = open.sources.filter { $0.name.hasPrefix("redfish.") }
        #expect(!redfish.isEmpty)
        #expect(redfish.allSatisfy { ($0.model ?? "").contains("TLS not verified") })

        // --redfish-ca-cert: verified against the given CA, no "not verified" note.
        let pinned = try sensors(["--redfish-ca-cert", cert], server: server)
        #expect(pinned.status == 0, "\(pinned.stderr)")
        let pinnedListing = try ReportCoding.decoder().decode(Listing.self, from: Data(pinned.stdout.utf8))
        let verified = pinnedListing.sources.filter { $0.name.hasPrefix("redfish.") }
        #expect(!verified.isEmpty && verified.allSatisfy { !($0.model ?? "").contains("TLS not verified") })

        // Both at once is a user mistake.
        let both = try sensors(["--insecure", "--redfish-ca-cert", cert], server: server)
        #expect(both.status != 0 && both.stderr.contains("--insecure and --redfish-ca-cert"), "\(both.stderr)")
        let notPEM = try sensors(["--redfish-ca-cert", key + ".missing"], server: server)
        #expect(notPEM.status != 0 && notPEM.stderr.contains("cannot read it"))
    }
}
