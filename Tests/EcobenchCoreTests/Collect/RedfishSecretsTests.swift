import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Credentials on error paths: a BMC that answers 401 to discovery, with `--redfish-user` and
/// a planted password. Neither the password nor the Basic header made from it may appear in
/// ecobench's output, its database (WAL included), its reports or the workload's output files.
@Suite("Redfish secrets on error paths", .serialized)
struct RedfishSecretsTests {
    @Test(arguments: ["basic", "session"])
    func a401DuringDiscoveryLeaksNoCredential(auth: String) throws {
        let events = FileManager.default.temporaryDirectory
            .appendingPathComponent("ecobench-redfish-events-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: events) }
        let server = try RedfishTestServer(authMockup: Fixtures.path("redfish/classic"), user: "admin",
                                           password: "the-real-one", eventLog: events.path)
        defer { server.stop() }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let planted = "planted-\(UInt64.random(in: 1...UInt64.max))-pw"
        let basic = Data("admin:\(planted)".utf8).base64EncodedString()
        let result = try CLI.run(
            ["run", "Workloads/idle.yaml", "--redfish", try server.url().absoluteString, "--redfish-user", "admin",
             "--redfish-auth", auth, "--no-hwmon", "--no-nvml", "--no-checks", "--repetitions", "1", "--baseline", "0.3",
             "--idle", "0.3", "--load", "0.3", "--cooldown", "0.1", "--db", dir.path + "/e.db",
             "--out", dir.path + "/out"],
            environment: ["ECOBENCH_REDFISH_PASSWORD": planted])
        let said = result.stdout + result.stderr
        var texts: [(String, String)] = [("output", said)]
        if let report = try? CLI.run(["report", "1", "--db", dir.path + "/e.db"]) {
            texts.append(("report", report.stdout + report.stderr))
        }
        for file in try Self.files(under: dir.path) {
            texts.append((file, String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data(),
                                       as: UTF8.self)))
        }
        #expect(texts.count > 2, "the database or reports were written: \(texts.map(\.0))")
        // The BMC's refusal is explained (in the report's notes: the run goes on without it).
        let all = texts.map(\.1).joined(separator: "\n")
        #expect(all.contains("401") || all.lowercased().contains("authentication"), "\(said)")
        for (name, text) in texts {
            #expect(!text.contains(planted), "\(auth): the password is in \(name)")
            #expect(!text.contains(basic), "\(auth): the Basic credential is in \(name)")
        }
    }

    static func files(under root: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root)
        var out: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = root + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out.append(path)
            }
        }
        return out
    }
}
