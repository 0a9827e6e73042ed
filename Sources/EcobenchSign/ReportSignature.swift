import Crypto
import Foundation
import EcobenchNet

/// A detached signature of a report (`report.json.sig`): JSON, snake_case, sorted keys.
///
/// The signed message is the UTF-8 of `ecobench-report-v1` LF followed by the canonical JSON
/// (see `JSONValue.canonical`) of this document without its `signature` member, so every other
/// member — key, time, run, report and sample hashes, field hashes — is covered.
public struct ReportSignature: Codable, Sendable, Equatable {
    public static let format = "ecobench-signature-v1"
    public static let messagePrefix = "ecobench-report-v1\n"

    public var format: String = ReportSignature.format
    public var algorithm: String = KeyFile.algorithm
    public var keyId: String
    /// Base64 of the raw 32-byte Ed25519 public key.
    public var publicKey: String
    /// UTC, RFC 3339.
    public var signedAt: String
    public var runId: Int64
    /// SHA-256 (hex) of the canonical JSON of the report.
    public var reportSha256: String
    /// SHA-256 (hex) over the run's stored samples (see `SampleDigest`).
    public var samplesSha256: String
    public var samplesCount: Int64
    /// Each source's samples: name, count, SHA-256 of its lines.
    public var sourceSamples: [SampleDigest.Source]
    /// Path (`totals`, `phases[2]`, `phases[2].energy_j`) → SHA-256 of that value's canonical JSON.
    public var fieldSha256: [String: String]
    /// Base64 of the 64-byte Ed25519 signature of the message.
    public var signature: String

    /// Explicit keys and plain coders: `field_sha256`'s paths are data, never key-converted.
    package enum CodingKeys: String, CodingKey {
        case format, algorithm, signature
        case keyId = "key_id", publicKey = "public_key", signedAt = "signed_at", runId = "run_id"
        case reportSha256 = "report_sha256", samplesSha256 = "samples_sha256", samplesCount = "samples_count"
        case sourceSamples = "source_samples", fieldSha256 = "field_sha256"
    }

    package static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys]
        return encoder
    }

    public var samples: SampleDigest {
        SampleDigest(sha256: samplesSha256, count: samplesCount, sources: sourceSamples)
    }

    /// The bytes the signature covers, from the signature document as parsed (any member it
    /// holds is covered, known to this version or not).
    public static func message(_ document: JSONValue) throws -> [UInt8] {
        guard case .object(let members) = document else {
            throw SignatureError.badSignatureFile(path: "", reason: "not a JSON object")
        }
        return Array(messagePrefix.utf8) + JSONValue.object(members.filter { $0.key != "signature" }).canonical
    }

    /// Signs: fills `signature` from the other members.
    public mutating func sign(with key: Curve25519.Signing.PrivateKey) throws {
        signature = ""
        let document = try JSONValueParser.parse(Array(try ReportSignature.encoder(pretty: false).encode(self)))
        signature = try key.signature(for: ReportSignature.message(document)).base64EncodedString()
    }

    /// The file's bytes: pretty JSON and a final newline.
    public func encoded() throws -> Data {
        var data = try ReportSignature.encoder(pretty: true).encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads a `.sig` file: its model and its parsed document (for the message).
    public static func load(path: String) throws -> (signature: ReportSignature, document: JSONValue) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SignatureError.cannotRead(path: path, reason: "no such readable file")
        }
        do {
            let document = try JSONValueParser.parse(Array(data))
            let signature = try JSONDecoder().decode(ReportSignature.self, from: data)
            guard signature.format == format, signature.algorithm == KeyFile.algorithm else {
                throw SignatureError.badSignatureFile(
                    path: path, reason: "format \(signature.format), algorithm \(signature.algorithm)")
            }
            return (signature, document)
        } catch let error as SignatureError {
            throw error
        } catch {
            throw SignatureError.badSignatureFile(path: path, reason: "\(error)")
        }
    }
}
