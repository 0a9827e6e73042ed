import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Signed reports checked by an independent implementation: `Tests/tools/verify_signature.py`
/// follows Reports/README.md ("Signed reports") in Python — its own strict parser, canonical JSON,
/// SHA-256 (hashlib), field map and Ed25519 (the `cryptography` package) — and never calls ecobench.
@Suite struct IndependentSignatureCheckTests {
    struct Python {
        var status: Int32
        var output: String
    }

    /// Runs the independent verifier on the project's Python.
    static func pythonVerify(_ report: String, sig: String? = nil, key: String? = nil) throws -> Python {
        var arguments = [CLI.packageRoot + "/Tests/tools/verify_signature.py", report]
        if let sig { arguments += ["--sig", sig] }
        if let key { arguments += ["--key", key] }
        let process = try ProjectPython.process(arguments)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Python(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self))
    }

    /// A synthetic run, a fresh key, and the run's report written and signed by ecobench.
    static func signedSyntheticReport(_ dir: TemporaryDirectory) throws -> (store: RunStore, id: Int64, report: String) {
        let store = try RunStore(path: dir.path + "/s.db")
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 1, powerWatts: 10, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
            .init(.load, seconds: 2, powerWatts: 30, busyCPUPerSecond: 1.5, workloadCPUPerSecond: 1.2,
                  functionalUnits: 100),
        ]])
        let key = KeyFile.generate(createdAt: "2026-01-01T00:00:00Z")
        try key.writeNew(path: dir.path + "/k", mode: 0o600)
        try key.publicOnly.writeNew(path: dir.path + "/k.pub", mode: 0o644)
        let report = dir.path + "/report.json"
        try ReportWriter(store: store).write(try ReportBuilder(store: store).build(runID: id), format: .json, to: report)
        try ReportSigner(store: store, keyPath: dir.path + "/k").sign(reportAt: report)
        return (store, id, report)
    }

    /// Replaces the byte at `offset` of the file.
    static func replaceByte(in path: String, at offset: Int, with byte: UInt8) throws {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[offset] = byte
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The offset of the first byte after `marker` in the file.
    static func offset(after marker: String, in path: String) throws -> Int {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let needle = Array(marker.utf8)
        let start = try #require((0...(bytes.count - needle.count)).first { Array(bytes[$0..<$0 + needle.count]) == needle },
                                 "no \(marker) in \(path)")
        return start + needle.count
    }

    @Test func aSignedReportVerifiesIndependentlyAndOneChangedByteDoesNot() throws {
        let dir = try TemporaryDirectory("ecobench-sig-py")
        defer { dir.remove() }
        let (_, _, report) = try Self.signedSyntheticReport(dir)
        let original = try Data(contentsOf: URL(fileURLWithPath: report))
        let sig = report + ".sig"
        let originalSig = try Data(contentsOf: URL(fileURLWithPath: sig))

        let valid = try Self.pythonVerify(report, key: dir.path + "/k.pub")
        #expect(valid.status == 0 && valid.output == "valid\n", "\(valid.output)")

        // One more space after the first `{`: the same canonical form, still valid.
        var spaced = Array(original)
        spaced.insert(0x20, at: try #require(spaced.firstIndex(of: UInt8(ascii: "{"))) + 1)
        try Data(spaced).write(to: URL(fileURLWithPath: report))
        let reformatted = try Self.pythonVerify(report)
        #expect(reformatted.status == 0, "\(reformatted.output)")

        // The first digit of the first `energy_j` in the file changed (to 7, or 8 where it was 7).
        try original.write(to: URL(fileURLWithPath: report))
        let digit = try Self.offset(after: "\"energy_j\" : ", in: report)
        let signedDigit = Array(original)[digit]
        try Self.replaceByte(in: report, at: digit, with: signedDigit == UInt8(ascii: "7") ? UInt8(ascii: "8") : UInt8(ascii: "7"))
        let tampered = try Self.pythonVerify(report)
        #expect(tampered.status == 1, "\(tampered.output)")
        #expect(tampered.output.contains("invalid: report: report_sha256 differs"), "\(tampered.output)")
        #expect(tampered.output.contains("energy_j differs"), "\(tampered.output)")

        // One digit of the signing time changed in the .sig: the Ed25519 signature fails.
        try original.write(to: URL(fileURLWithPath: report))
        let time = try Self.offset(after: "\"signed_at\" : \"", in: sig)
        try Self.replaceByte(in: sig, at: time, with: Array(originalSig)[time] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1"))
        let forged = try Self.pythonVerify(report)
        #expect(forged.status == 1, "\(forged.output)")
        #expect(forged.output == "invalid: signature: does not verify (InvalidSignature)\n", "\(forged.output)")

        // The untouched pair, checked against another key: named as the wrong key.
        try originalSig.write(to: URL(fileURLWithPath: sig))
        try KeyFile.generate(createdAt: "2026-01-01T00:00:00Z").publicOnly.writeNew(path: dir.path + "/other.pub", mode: 0o644)
        let wrongKey = try Self.pythonVerify(report, key: dir.path + "/other.pub")
        #expect(wrongKey.status == 1 && wrongKey.output.contains("invalid: key: signed by key"), "\(wrongKey.output)")
    }

    /// The canonical-form corners of the README, in a document ecobench signs and Python checks:
    /// `\/` and `\u00e9` written as `/` and `é`, a control character as `\u0001`, `\t` kept short,
    /// keys ordered by UTF-8 bytes (`Z` < `a` < `é` < `€`), numbers exactly as written (`1.0`,
    /// `1E5`, `-0`), nested arrays.
    @Test func canonicalFormCornersAgreeWithPython() throws {
        let dir = try TemporaryDirectory("ecobench-sig-py")
        defer { dir.remove() }
        let (store, id, _) = try Self.signedSyntheticReport(dir)
        let document = """
            {"run": {"id": \(id)}, "€": 1, "é": 2, "a": 3, "Z": 4,
             "text": "a\\/b \\u00e9 \\u0001 \\t \\"q\\" \\\\ \\u20ac",
             "numbers": [1.0, 1E5, -0, 0.10, [true, false, null, {}]]}
            """
        let path = dir.path + "/crafted.json"
        try document.write(toFile: path, atomically: true, encoding: .utf8)
        try ReportSigner(store: store, keyPath: dir.path + "/k").sign(reportAt: path)
        let valid = try Self.pythonVerify(path, key: dir.path + "/k.pub")
        #expect(valid.status == 0 && valid.output == "valid\n", "\(valid.output)")

        // `1.0` written as `1.5`: one byte, a different number as written.
        try Self.replaceByte(in: path, at: try Self.offset(after: "[1.", in: path), with: UInt8(ascii: "5"))
        let changed = try Self.pythonVerify(path)
        #expect(changed.status == 1 && changed.output.contains("field numbers[0] differs"), "\(changed.output)")

        // A duplicate key is not a JSON document the recipe accepts: Python cannot check it (exit 2).
        try document.replacingOccurrences(of: "\"a\": 3", with: "\"a\": 3, \"a\": 3")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let duplicate = try Self.pythonVerify(path)
        #expect(duplicate.status == 2 && duplicate.output.contains("duplicate key"), "\(duplicate.output)")
    }

    /// The stored vector `testdata/signature/`, made by `Tests/tools/make_signature_vector.py` in
    /// Python only (no ecobench) with RFC 8032's first Ed25519 test key: ecobench's canonical form
    /// of `report.json` is `canonical.json`, written by hand; ecobench's verifier accepts Python's
    /// signature and names a one-byte change.
    @Test func theStoredVectorSignedInPythonVerifiesInEcobench() throws {
        let vector = Fixtures.path("signature")
        let reportData = try Data(contentsOf: URL(fileURLWithPath: vector + "/report.json"))
        let byHand = Array(try Data(contentsOf: URL(fileURLWithPath: vector + "/canonical.json")))
        #expect(try JSONValueParser.parse(Array(reportData)).canonical == byHand)
        // `sha256sum canonical.json` (coreutils) gives 9f57391c…a16248; the .sig must carry it.
        let sigText = try String(contentsOfFile: vector + "/report.json.sig", encoding: .utf8)
        #expect(sigText.contains("\"report_sha256\": \"9f57391cdb15a090c72136dd668c37cdb386119412529f5272edd96cd0a16248\""))
        let key = try KeyFile.load(path: vector + "/key.pub")
        // RFC 8032, 7.1 TEST 1: PUBLIC KEY d75a9801…f707511a.
        #expect((Data(base64Encoded: key.publicKey) ?? Data()).map { String(format: "%02x", $0) }.joined()
                == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        let outcome = try ReportVerifier(reportPath: vector + "/report.json", trustedKey: key).verify()
        #expect(outcome.isValid, "\(outcome.failures)")
        #expect(!outcome.samplesChecked)
        let python = try Self.pythonVerify(vector + "/report.json", key: vector + "/key.pub")
        #expect(python.status == 0 && python.output == "valid\n", "\(python.output)")

        // A copy with the load phase's 60 J made 61 J: one byte; both implementations reject it.
        let dir = try TemporaryDirectory("ecobench-sig-vector")
        defer { dir.remove() }
        let copy = dir.path + "/report.json"
        try reportData.write(to: URL(fileURLWithPath: copy))
        try FileManager.default.copyItem(atPath: vector + "/report.json.sig", toPath: copy + ".sig")
        try Self.replaceByte(in: copy, at: try Self.offset(after: "\"energy_j\" : 6", in: copy), with: UInt8(ascii: "1"))
        let changed = try ReportVerifier(reportPath: copy, trustedKey: key).verify()
        #expect(changed.failures == ["report: phases[1].energy_j changed"], "\(changed.failures)")
        let pythonChanged = try Self.pythonVerify(copy)
        #expect(pythonChanged.status == 1 && pythonChanged.output.contains("field phases[1].energy_j differs"),
                "\(pythonChanged.output)")
    }
}
