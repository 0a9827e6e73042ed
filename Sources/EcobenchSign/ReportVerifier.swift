import Crypto
import Foundation
import EcobenchNet
import EcobenchStore

/// Checks a signed report: the signature, the report's canonical hash (naming the fields that
/// changed), and, with the database, the run's stored samples (naming the sources that changed).
public struct ReportVerifier {
    /// The database and whether it was named explicitly (`--db`): a database found by default
    /// that holds another run under the same id is skipped with a note, not a failure.
    public struct Database {
        public var store: RunStore
        public var explicit: Bool
        public init(store: RunStore, explicit: Bool) {
            self.store = store
            self.explicit = explicit
        }
    }

    public struct Outcome: Sendable {
        public var signature: ReportSignature
        /// One line per failed check; empty when the report is valid.
        public var failures: [String]
        /// What was not checked, and why.
        public var notes: [String]
        public var samplesChecked: Bool
        public var isValid: Bool { failures.isEmpty }
    }

    public var reportPath: String
    public var signaturePath: String
    /// The public key the report must be signed with (`--key`); nil: the key in the `.sig`.
    public var trustedKey: KeyFile?
    public var database: Database?

    public init(reportPath: String, signaturePath: String? = nil, trustedKey: KeyFile? = nil, database: Database? = nil) {
        self.reportPath = reportPath
        self.signaturePath = signaturePath ?? ReportSigner.signaturePath(for: reportPath)
        self.trustedKey = trustedKey
        self.database = database
    }

    public func verify() throws -> Outcome {
        guard FileManager.default.fileExists(atPath: signaturePath) else {
            throw SignatureError.missingSignature(path: signaturePath, report: reportPath)
        }
        guard let reportData = FileManager.default.contents(atPath: reportPath) else {
            throw SignatureError.cannotRead(path: reportPath, reason: "no such readable file")
        }
        let (signature, document) = try ReportSignature.load(path: signaturePath)
        var outcome = Outcome(signature: signature, failures: [], notes: [], samplesChecked: false)
        checkKey(signature, document: document, into: &outcome)
        let report = checkReport(reportData, signature: signature, into: &outcome)
        try checkSamples(signature, report: report, into: &outcome)
        return outcome
    }

    package func checkKey(_ signature: ReportSignature, document: JSONValue, into outcome: inout Outcome) {
        if let trustedKey, trustedKey.publicKey != signature.publicKey {
            outcome.failures.append("key: signed by key \(signature.keyId), not by the given key \(trustedKey.keyId)")
        }
        guard let raw = Data(base64Encoded: signature.publicKey),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            outcome.failures.append("signature: public_key is not a base64 32-byte Ed25519 key")
            return
        }
        if KeyFile.keyID(raw) != signature.keyId {
            outcome.failures.append("signature: key_id \(signature.keyId) does not belong to the public key in the .sig")
        }
        guard let bytes = Data(base64Encoded: signature.signature), let message = try? ReportSignature.message(document),
              key.isValidSignature(bytes, for: message) else {
            outcome.failures.append("signature: does not verify with key \(signature.keyId): the .sig was altered "
                                    + "or made with another key")
            return
        }
        if trustedKey == nil {
            outcome.notes.append("no --key given: checked against the public key in the .sig (\(signature.keyId)), "
                                 + "which proves integrity, not who signed")
        }
    }

    /// Compares the report's canonical hash; on a mismatch names the changed fields.
    package func checkReport(_ data: Data, signature: ReportSignature, into outcome: inout Outcome) -> JSONValue? {
        let document: JSONValue
        do { document = try JSONValueParser.parse(Array(data)) } catch {
            outcome.failures.append("report: not valid JSON any more (\(error))")
            return nil
        }
        guard FieldDigest.sha256Hex(document.canonical) != signature.reportSha256 else { return document }
        let changes = FieldDigest.differences(signed: signature.fieldSha256, current: FieldDigest.map(document))
        if changes.isEmpty {
            outcome.failures.append("report: content differs from what was signed (canonical SHA-256 mismatch)")
        } else {
            outcome.failures += changes.map { "report: \($0)" }
        }
        return document
    }

    package func checkSamples(_ signature: ReportSignature, report: JSONValue?, into outcome: inout Outcome) throws {
        guard let database else {
            outcome.notes.append("samples not checked: no database (give --db)")
            return
        }
        let runID = signature.runId
        guard let record = try database.store.run(id: runID) else {
            if database.explicit {
                outcome.failures.append("samples: run \(runID) is not in \(database.store.path)")
            } else {
                outcome.notes.append("samples not checked: run \(runID) is not in \(database.store.path) (give --db)")
            }
            return
        }
        if case .string(let startedAt)? = report?["run"]?["started_at"], startedAt != record.run.startedAt {
            let line = "run \(runID) in \(database.store.path) started at \(record.run.startedAt), "
                + "the report's at \(startedAt): another run"
            if database.explicit { outcome.failures.append("samples: " + line) } else {
                outcome.notes.append("samples not checked: " + line + " (give --db)")
            }
            return
        }
        let current = try SampleDigest.compute(store: database.store, runID: runID)
        outcome.failures += current.differences(from: signature.samples).map { "samples: \($0)" }
        outcome.samplesChecked = true
    }
}
