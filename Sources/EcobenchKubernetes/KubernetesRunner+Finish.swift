import Foundation
import EcobenchModel
import EcobenchStore
import EcobenchReport
import EcobenchRun

extension KubernetesRunner {
    /// Stores the outcome, the cluster section and the node energy; builds the report when
    /// there is node energy. A run that failed before any repetition completed is removed,
    /// as local runs are.
    package func finish(runID id: Int64, failure: RunError?) throws -> RunOutcome {
        let status = RunStatus(endingWith: failure)
        let storageFailed = failure?.isStorage ?? false
        recordClocks()
        collectPodCPU()
        section.notes += notes.filter { $0.hasPrefix("namespace ") || $0.hasPrefix("pod ") }
        let dir = outputDirectory + "/run-\(id)"
        writeSection(to: dir + "/kubernetes.json")
        if status == .failed && completedRepetitions == 0 && !storageFailed {
            try? store.deleteRun(id: id)
            return RunOutcome(runID: nil, status: .failed, error: failure?.description, reportFiles: [], report: nil,
                              reportError: nil)
        }
        do {
            try store.setKubernetes(runID: id, section)
            try storeEnergy(runID: id)
        } catch {
            notes.append("cluster section or node energy not stored: \(error)")
        }
        try? store.setNotes(runID: id, notesJSON: ReportCoding.encodeString(notes))
        do {
            try store.finishRun(id: id, status: status, endedAt: RunClock.iso8601Now(), error: failure?.description)
        } catch {
            if !storageFailed { throw error }
        }
        let written = ReportWriter.writeRunReport(store: store, runID: id, directory: dir)
        let (files, report, reportError) = ([dir + "/kubernetes.json"] + written.files, written.report, written.error)
        return RunOutcome(runID: id, status: status, error: failure?.description, reportFiles: files, report: report,
                          reportError: reportError)
    }

    /// `kubernetes.json` beside the report: the cluster section, written even when no energy
    /// report can be built, so the namespaces and node list are always on disk.
    /// A failure is a run note (stored with the run), never silent.
    package func writeSection(to path: String) {
        do {
            let data = try ReportCoding.encoder().encode(section)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            notes.append("kubernetes.json not written to \(path): \(error)")
        }
    }
}
