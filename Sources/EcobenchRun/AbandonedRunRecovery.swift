import Foundation
import EcobenchModel
import EcobenchCollect
import EcobenchStore
import EcobenchReport

/// Cleans up after runs whose ecobench process died without closing them (kill -9, crash,
/// power loss): marks them `interrupted` and kills whatever is left in their cgroups.
///
/// Each workload command's supervisor already kills its process group when ecobench dies
/// (see `Sources/CSpawn/include/cspawn.h`); a daemon that left the group (setsid) is still in
/// the run's cgroup, named in the run's `workload_tracking` setting, and is caught here.
public enum AbandonedRunRecovery {
    /// What was done: runs marked interrupted, and cgroups emptied and removed.
    public struct Outcome: Sendable, Equatable {
        public var markedRuns: Int
        public var removedCgroups: [String]
    }

    /// Marks abandoned runs and removes the leftover cgroups of every run that is no longer
    /// running. A cgroup that cannot be removed is left for the next call (never an error).
    @discardableResult
    public static func recover(store: RunStore,
                               cgroupRoot: String = "/sys/fs/cgroup",
                               isAlive: (Int32) -> Bool = RunStore.processIsAlive) throws -> Outcome {
        let abandoned = try store.runs().filter { $0.status == .running && !isAlive($0.run.pid) }.map(\.id)
        let marked = try store.markAbandonedRuns(isAlive: isAlive)
        for id in abandoned { try store.reopenUnsampledPhases(runID: id) }
        var removed: [String] = []
        for record in try store.runs() where record.status != .running {
            guard let cgroup = leftoverCgroup(settingsJSON: record.run.settingsJSON) else { continue }
            cgroup.killAll(timeoutSeconds: 2)
            if (try? cgroup.remove()) != nil { removed.append(cgroup.path) }
        }
        // A run killed between creating its cgroup and recording itself left a cgroup no run names.
        for cgroup in orphanCgroups(cgroupRoot: cgroupRoot, isAlive: isAlive) {
            cgroup.killAll(timeoutSeconds: 2)
            if (try? cgroup.remove()) != nil { removed.append(cgroup.path) }
        }
        return Outcome(markedRuns: marked, removedCgroups: removed)
    }

    /// `ecobench-<pid>-<ns>` cgroups (the runner's naming; a service's or the load generator's
    /// has `-<channel prefix>` after it) whose ecobench process is gone.
    package static func orphanCgroups(cgroupRoot: String, isAlive: (Int32) -> Bool) -> [WorkloadCgroup] {
        let prefix = "ecobench-"
        var found: [WorkloadCgroup] = []
        for (parent, version) in [(cgroupRoot, WorkloadCgroup.Version.v2), (cgroupRoot + "/unified", .v2),
                                  (cgroupRoot + "/cpuacct", .v1)] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
            for name in names where name.hasPrefix(prefix) {
                let parts = name.dropFirst(prefix.count).split(separator: "-")
                guard parts.count >= 2, let pid = Int32(parts[0]), pid > 0, Int64(parts[1]) != nil,
                      !isAlive(pid) else { continue }
                found.append(WorkloadCgroup.existing(path: parent + "/" + name, version: version))
            }
        }
        return found
    }

    /// The run's cgroup if its directory still exists and ecobench made it
    /// (`workload_tracking` is `cgroup <v1|v2> <path>`, the last component `ecobench-…`).
    package static func leftoverCgroup(settingsJSON: String) -> WorkloadCgroup? {
        guard let settings = try? ReportCoding.decoder().decode(RunSettings.self, from: Data(settingsJSON.utf8))
        else { return nil }
        let parts = settings.workloadTracking.split(separator: " ", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == "cgroup", let version = WorkloadCgroup.Version(rawValue: parts[1]),
              (parts[2] as NSString).lastPathComponent.hasPrefix("ecobench-") else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parts[2], isDirectory: &isDirectory), isDirectory.boolValue
        else { return nil }
        return WorkloadCgroup.existing(path: parts[2], version: version)
    }
}
