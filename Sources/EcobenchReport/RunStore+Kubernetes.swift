import Foundation
import EcobenchModel
import EcobenchStore

extension RunStore {
    /// Stores (replaces) what a Kubernetes run recorded about its cluster, as JSON.
    public func setKubernetes(runID: Int64, _ section: ReportKubernetes) throws {
        let json = try ReportCoding.encodeString(section)
        try locked {
            try db.prepare("INSERT OR REPLACE INTO kubernetes(run_id, json) VALUES (?, ?)")
                .run([.integer(runID), .text(json)])
        }
    }

    /// The cluster section of a Kubernetes run; nil for local runs.
    public func kubernetes(runID: Int64) throws -> ReportKubernetes? {
        let json: String? = try locked {
            var out: String?
            try db.prepare("SELECT json FROM kubernetes WHERE run_id = ?").query([.integer(runID)]) { out = $0.string(0) }
            return out
        }
        guard let json else { return nil }
        do { return try ReportCoding.decoder().decode(ReportKubernetes.self, from: Data(json.utf8)) } catch {
            throw ReportError.corruptRecord(run: runID, field: "kubernetes.json", reason: "\(error)")
        }
    }
}
