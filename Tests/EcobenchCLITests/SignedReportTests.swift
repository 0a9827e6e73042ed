import EcobenchCore
@testable import EcobenchStore
@testable import EcobenchSign
import EcobenchTestSupport
import Foundation
import Testing

/// keygen, report --sign and verify through the CLI, on a real short run of Workloads/idle.yaml.
@Suite(.serialized) struct SignedReportTests {
    struct Signed {
        var dir: TemporaryDirectory
        var db: String { dir.path + "/e.db" }
        var key: String { dir.path + "/key" }
        var report: String { dir.path + "/report.json" }
    }

    /// A real run (tiny phases), a key, and the run's signed report.
    func signedRun() throws -> Signed {
        let signed = Signed(dir: try TemporaryDirectory("ecobench-sign"))
        let run = try CLI.run(["run", "Workloads/idle.yaml", "--db", signed.db, "--out", signed.dir.path + "/out",
                               "--repetitions", "1", "--baseline", "0.5", "--idle", "0.3", "--load", "0.5",
                               "--cooldown", "0.3", "--interval", "50", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let keygen = try CLI.run(["keygen", "--out", signed.key])
        #expect(keygen.status == 0, "\(keygen.stderr)")
        let report = try CLI.run(["report", "1", "--db", signed.db, "--out", signed.report, "--sign", signed.key])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains(signed.report + ".sig"))
        return signed
    }

    @Test func keygenWritesAPrivateKeyOnlyItsOwnerReadsAndNeverOverwrites() throws {
        let dir = try TemporaryDirectory("ecobench-keygen")
        defer { dir.remove() }
        let key = dir.path + "/key"
        let result = try CLI.run(["keygen", "--out", key])
        #expect(result.status == 0, "\(result.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let pub = try KeyFile.load(path: key + ".pub")
        #expect(pub.privateKey == nil && result.stdout.contains(pub.keyId))
        let before = try Data(contentsOf: URL(fileURLWithPath: key))
        let again = try CLI.run(["keygen", "--out", key])
        #expect(again.status != 0 && again.stderr.contains("refusing to overwrite"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: key)) == before)
    }

    @Test func anUntouchedReportVerifies() throws {
        let signed = try signedRun()
        defer { signed.dir.remove() }
        let pub = try KeyFile.load(path: signed.key + ".pub")
        let result = try CLI.run(["verify", signed.report, "--db", signed.db, "--key", signed.key + ".pub"])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.hasPrefix("valid: signed by \(pub.keyId) at "))
        #expect(result.stderr.contains("samples checked"))
        let sig = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: signed.report + ".sig")))
        let fields = try #require(sig as? [String: Any])
        #expect(fields["algorithm"] as? String == "ed25519" && fields["key_id"] as? String == pub.keyId)
        #expect((fields["samples_sha256"] as? String)?.count == 64 && (fields["report_sha256"] as? String)?.count == 64)
    }

    @Test func oneChangedDigitIsFoundAndNamed() throws {
        let signed = try signedRun()
        defer { signed.dir.remove() }
        let text = try String(contentsOfFile: signed.report, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        // The first digit of the node energy in the totals: one character of the file.
        let index = try #require(lines.firstIndex { $0.contains("\"node_energy_j\" : ") })
        let line = lines[index]
        let digitAt = try #require(line.firstIndex { $0.isNumber })
        let digit = try #require(line[digitAt].wholeNumberValue)
        lines[index] = line.replacingCharacters(in: digitAt...digitAt, with: String((digit + 1) % 10))
        try lines.joined(separator: "\n").write(toFile: signed.report, atomically: true, encoding: .utf8)
        let result = try CLI.run(["verify", signed.report, "--db", signed.db, "--key", signed.key + ".pub"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("invalid: report: totals.node_energy_j changed"), "\(result.stdout)")
        #expect(!result.stdout.contains("valid: signed"))
    }

    @Test func aTamperedSampleFailsTheSamplesCheck() throws {
        let signed = try signedRun()
        defer { signed.dir.remove() }
        let store = try RunStore(path: signed.db)
        let first = try #require(try store.sources(runID: 1).first)
        try SampleTampering.add(1, toSample: -1, sourceID: first.id, databasePath: signed.db)
        let name = try #require(try store.sources(runID: 1).first?.descriptor.name)
        let result = try CLI.run(["verify", signed.report, "--db", signed.db, "--key", signed.key + ".pub"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("invalid: samples: source \(name) changed"), "\(result.stdout)")
        // Without the database the report alone still verifies, and says the samples were not checked.
        let alone = try CLI.run(["verify", signed.report, "--key", signed.key + ".pub"],
                                environment: ["ECOBENCH_DB": signed.dir.path + "/none.db"])
        #expect(alone.status == 0 && alone.stderr.contains("samples not checked"))
    }

    @Test func aWrongKeyAndAMissingSignatureFail() throws {
        let signed = try signedRun()
        defer { signed.dir.remove() }
        let other = signed.dir.path + "/other"
        #expect(try CLI.run(["keygen", "--out", other]).status == 0)
        let wrong = try CLI.run(["verify", signed.report, "--db", signed.db, "--key", other + ".pub"])
        #expect(wrong.status == 1)
        #expect(wrong.stdout.contains("invalid: key: signed by key"), "\(wrong.stdout)")
        try FileManager.default.removeItem(atPath: signed.report + ".sig")
        let missing = try CLI.run(["verify", signed.report, "--db", signed.db])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no signature for \(signed.report)"), "\(missing.stderr)")
        let csv = try CLI.run(["report", "1", "--db", signed.db, "--format", "csv", "--sign", signed.key])
        #expect(csv.status != 0 && csv.stderr.contains("--sign needs --format json"))
    }
}
