import Foundation
import EcobenchNet
import EcobenchStore

/// Signs a written `report.json`: hashes its canonical JSON and its fields, hashes the run's
/// stored samples, and writes the detached signature beside it (`<report>.sig`).
public struct ReportSigner: Sendable {
    public let store: RunStore
    public let key: KeyFile
    public let keyPath: String

    /// Reads and checks the private key file.
    public init(store: RunStore, keyPath: String) throws {
        self.store = store
        self.keyPath = keyPath
        key = try KeyFile.load(path: keyPath)
        _ = try key.signingKey(path: keyPath)
    }

    /// Where the signature of `reportPath` goes when none is named.
    public static func signaturePath(for reportPath: String) -> String { reportPath + ".sig" }

    /// Signs the report file at `reportPath` (as written, byte for byte) and writes `<report>.sig`.
    @discardableResult
    public func sign(reportAt reportPath: String, signedAt: Date = Date()) throws -> (path: String, signature: ReportSignature) {
        guard let data = FileManager.default.contents(atPath: reportPath) else {
            throw SignatureError.cannotRead(path: reportPath, reason: "no such readable file")
        }
        let signature = try self.signature(of: data, named: reportPath, signedAt: signedAt)
        let path = ReportSigner.signaturePath(for: reportPath)
        do { try signature.encoded().write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw SignatureError.cannotWrite(path: path, reason: error.localizedDescription)
        }
        return (path, signature)
    }

    /// The detached signature of a report's bytes (`name` only labels errors): nothing is written.
    public func signature(of data: Data, named name: String, signedAt: Date = Date()) throws -> ReportSignature {
        let document: JSONValue
        do { document = try JSONValueParser.parse(Array(data)) } catch {
            throw SignatureError.badReport(path: name, reason: "\(error)")
        }
        guard case .number(let idText)? = document["run"]?["id"], let runID = Int64(idText) else {
            throw SignatureError.badReport(path: name, reason: "no run.id: not an ecobench report")
        }
        let samples = try SampleDigest.compute(store: store, runID: runID)
        var signature = ReportSignature(
            keyId: key.keyId, publicKey: key.publicKey, signedAt: ReportSigner.timestamp(signedAt), runId: runID,
            reportSha256: FieldDigest.sha256Hex(document.canonical), samplesSha256: samples.sha256,
            samplesCount: samples.count, sourceSamples: samples.sources, fieldSha256: FieldDigest.map(document),
            signature: "")
        try signature.sign(with: try key.signingKey(path: keyPath))
        return signature
    }

    /// UTC, RFC 3339, whole seconds.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
