import Foundation
import Testing
import EcobenchCore
@testable import EcobenchNet
@testable import EcobenchRun
@testable import EcobenchKubernetes

/// Every Kubernetes manifest shipped under `Workloads/` parses and is something ecobench (or,
/// for the agent, kubectl) can create.
@Suite struct WorkloadManifestTests {
    static var workloads: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Workloads").path
    }

    @Test func referenceWorkloadsDeclareParseableManifestsAndALoadJob() throws {
        for name in ["cpu-stress", "nginx-static", "redis-kv", "postgres-oltp"] {
            let spec = try WorkloadParser.parse(fileAtPath: Self.workloads + "/\(name).yaml")
            let kubernetes = try #require(spec.kubernetes, "\(name).yaml has no kubernetes: section")
            let manifests = try KubernetesManifest.loadDirectory(kubernetes.manifestsDirectory)
            #expect(!manifests.isEmpty)
            #expect(kubernetes.pathProblems.isEmpty, "\(kubernetes.pathProblems)")
            for manifest in manifests {
                #expect(!manifest.name.isEmpty)
                #expect(manifest.object["metadata"]?["name"]?.stringValue == manifest.name)
            }
            let job = try KubernetesManifest.loadFile(kubernetes.loadJobFile,
                                                      substitutions: spec.placeholderValues(runDirectory: "/tmp"))
            #expect(job.count == 1 && job.first?.kind.kind == "Job", "\(name): load job")
            #expect(!(try String(contentsOfFile: kubernetes.loadJobFile, encoding: .utf8)
                .replacingOccurrences(of: "{load_s}", with: "").isEmpty))
        }
    }

    @Test func agentDaemonSetParsesWithItsPrivilegesAndMounts() throws {
        let text = try String(contentsOfFile: Self.workloads + "/ecobench-agent/daemonset.yaml", encoding: .utf8)
        let documents = try Yams_loadAll(text)
        let kinds = documents.compactMap { $0["kind"]?.stringValue }
        #expect(kinds.contains("DaemonSet"))
        for document in documents {
            #expect(document["apiVersion"]?.stringValue != nil)
            #expect(document["metadata"]?["name"]?.stringValue != nil)
        }
        #expect(text.contains("hostPID: true"))
        #expect(text.contains("privileged: true"))
        // The host's /sys, read-only, is the agent's sysfs root: RAPL's class symlinks into the
        // (otherwise masked) /sys/devices/virtual/powercap resolve inside it.
        #expect(text.contains("hostPath: {path: /sys, type: Directory}"))
        #expect(text.contains("{name: sys, mountPath: /host/sys, readOnly: true}"))
        #expect(text.contains("--sysfs-root=/host/sys"))
        #expect(!text.contains("hostPath: {path: /sys/class/powercap"), "a missing path would stop the pod on VMs")
    }

    func Yams_loadAll(_ text: String) throws -> [JSONValue] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ds-\(UUID().uuidString).yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        // The DaemonSet is cluster setup applied with kubectl, not by ecobench: no kind check.
        return try KubernetesManifest.documents(inFile: file).map(\.1)
    }

    /// A copy of a reference workload elsewhere (tests do this) still runs locally; only a
    /// Kubernetes run needs its manifests, and then the missing path is a located error.
    @Test func missingManifestPathsAreAProblemOnlyForKubernetesRuns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecobench-k8s-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("cpu-stress.yaml").path
        try FileManager.default.copyItem(atPath: Self.workloads + "/cpu-stress.yaml", toPath: copy)
        let spec = try WorkloadParser.parse(fileAtPath: copy)
        let problems = try #require(spec.kubernetes?.pathProblems)
        #expect(problems.count == 2)
        #expect(problems.first?.hasPrefix(copy + ":") == true && problems.first?.contains("kubernetes.manifests: ") == true
                && problems.first?.hasSuffix("does not exist") == true, "\(problems)")
        #expect(problems.last?.contains("kubernetes.load_job: ") == true)
    }
}
