import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Key files, signing a written report and verifying it, in-process.
@Suite struct SigningTests {
    @Test func keyFilesRoundTripWithModeAndRefuseToOverwrite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let key = KeyFile.generate(createdAt: "2026-01-01T00:00:00Z")
        #expect(key.keyId.count == 16)
        try key.writeNew(path: dir.path + "/k", mode: 0o600)
        let mode = try FileManager.default.attributesOfItem(atPath: dir.path + "/k")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try KeyFile.load(path: dir.path + "/k") == key)
        #expect(throws: SignatureError.self) { try key.writeNew(path: dir.path + "/k", mode: 0o600) }
        try key.publicOnly.writeNew(path: dir.path + "/k.pub", mode: 0o644)
        let pub = try KeyFile.load(path: dir.path + "/k.pub")
        #expect(pub.privateKey == nil && pub.keyId == key.keyId)
        #expect(throws: SignatureError.self) { try pub.signingKey(path: "k.pub") }
        var wrongID = key.publicOnly
        wrongID.keyId = "0000000000000000"
        try wrongID.writeNew(path: dir.path + "/bad.pub", mode: 0o644)
        #expect(throws: SignatureError.self) { try KeyFile.load(path: dir.path + "/bad.pub") }
    }

    @Test func signsAndVerifiesAndLocatesATamperedNumber() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/s.db")
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 1, powerWatts: 10, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
            .init(.load, seconds: 2, powerWatts: 30, busyCPUPerSecond: 1.5, workloadCPUPerSecond: 1.2,
                  functionalUnits: 100),
        ]])
        let key = KeyFile.generate(createdAt: "2026-01-01T00:00:00Z")
        try key.writeNew(path: dir.path + "/k", mode: 0o600)
        let reportPath = dir.path + "/report.json"
        try ReportWriter(store: store).write(try ReportBuilder(store: store).build(runID: id), format: .json, to: reportPath)
        let (sigPath, signature) = try ReportSigner(store: store, keyPath: dir.path + "/k").sign(reportAt: reportPath)
        #expect(sigPath == reportPath + ".sig")
        #expect(signature.keyId == key.keyId && signature.runId == id)

        let database = ReportVerifier.Database(store: store, explicit: true)
        let valid = try ReportVerifier(reportPath: reportPath, trustedKey: key.publicOnly, database: database).verify()
        #expect(valid.isValid, "\(valid.failures)")
        #expect(valid.samplesChecked)

        // 30 W for 2 s: the load phase's energy is 60 J; make it 61.
        let text = try String(contentsOfFile: reportPath, encoding: .utf8)
        let tampered = text.replacingOccurrences(of: "\"energy_j\" : 60,", with: "\"energy_j\" : 61,")
        #expect(tampered != text)
        try tampered.write(toFile: reportPath, atomically: true, encoding: .utf8)
        let outcome = try ReportVerifier(reportPath: reportPath, trustedKey: key.publicOnly, database: database).verify()
        #expect(outcome.failures.contains("report: phases[1].energy_j changed"), "\(outcome.failures)")

        // The .sig itself altered: the signature no longer verifies.
        try text.write(toFile: reportPath, atomically: true, encoding: .utf8)
        let sig = try String(contentsOfFile: sigPath, encoding: .utf8)
        try sig.replacingOccurrences(of: signature.signedAt, with: "2030-01-01T00:00:00Z")
            .write(toFile: sigPath, atomically: true, encoding: .utf8)
        let forged = try ReportVerifier(reportPath: reportPath, trustedKey: key.publicOnly, database: database).verify()
        #expect(forged.failures.count == 1 && forged.failures[0].hasPrefix("signature: does not verify"))
    }
}
