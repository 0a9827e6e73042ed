import Foundation
import EcobenchModel
import EcobenchStore
import EcobenchReport
import EcobenchRun

extension KubernetesRunner {
    /// Stores the outcome, the cluster section and the node energy; builds the report when
    /// there is node energy. `kubernetes.json` is written first and kept even when a run that
    /// failed before any repetition completed is removed, as local runs are.
    package func finish(failure: RunError?) throws -> RunOutcome {
        recordClocks()
        collectPodCPU()
        section.notes += notes.filter { $0.hasPrefix("namespace ") || $0.hasPrefix("pod ") }
        let sectionFile = runID.map { driver.runDirectory($0) + "/kubernetes.json" }
        if let sectionFile { writeSection(to: sectionFile) }
        return try driver.finish(failure: failure, keepOutputWhenRemoved: true, storeTargetData: {
            guard let id = runID else { return }
            do {
                try store.setKubernetes(runID: id, section)
                try storeEnergy(runID: id)
            } catch {
                notes.append("cluster section or node energy not stored: \(error)")
            }
        }, extraFiles: sectionFile.map { [$0] } ?? [])
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
