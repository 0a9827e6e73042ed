import Foundation

/// Finds the kubelet's pod cgroups under a cgroup root and reads each pod's CPU time.
///
/// Layouts (the kubelet's two cgroup drivers, under cgroup v2 or the v1 `cpuacct` hierarchy):
/// - systemd: `<root>/kubepods.slice/kubepods-pod<uid>.slice` (guaranteed),
///   `…/kubepods-burstable.slice/kubepods-burstable-pod<uid>.slice`,
///   `…/kubepods-besteffort.slice/kubepods-besteffort-pod<uid>.slice`, the UID's dashes written as `_`;
/// - cgroupfs: `<root>/kubepods/pod<uid>`, `…/kubepods/burstable/pod<uid>`, `…/kubepods/besteffort/pod<uid>`.
/// cgroup v2 reads `usage_usec` from the pod directory's `cpu.stat`; v1 reads `cpuacct.usage` (ns)
/// under `<root>/cpu,cpuacct` or `<root>/cpuacct`. A pod's cgroup holds all its containers, so its
/// CPU time is the pod's whole CPU time. Pod names and namespaces are not in the cgroup tree: they
/// come from Kubernetes or from cAdvisor's labels.
public struct PodCgroupScanner: Sendable {
    /// The cgroup mount (`/sys/fs/cgroup` on a node; a fixture tree in tests).
    public let cgroupRoot: String

    public init(cgroupRoot: String) {
        var root = cgroupRoot
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.cgroupRoot = root
    }

    /// Every pod cgroup found, sorted by UID; empty when there is no kubepods hierarchy.
    /// Unreadable or malformed files are skipped and reported in `problems`.
    public func scan() -> (pods: [PodCgroupCPU], problems: [String]) {
        var pods: [PodCgroupCPU] = []
        var problems: [String] = []
        for (base, version) in hierarchies() {
            for (directory, qos) in qosDirectories(base) {
                for entry in Self.list(directory) {
                    guard let uid = Self.podUID(entry) else { continue }
                    let podDirectory = directory + "/" + entry
                    let file = podDirectory + (version == 2 ? "/cpu.stat" : "/cpuacct.usage")
                    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                        problems.append("\(file): unreadable")
                        continue
                    }
                    guard let seconds = version == 2 ? Self.usageSeconds(cpuStat: text)
                                                     : Int64(text.trimmingCharacters(in: .whitespacesAndNewlines))
                                                         .map({ Double($0) / 1e9 }) else {
                        problems.append("\(file): no CPU usage in it")
                        continue
                    }
                    pods.append(PodCgroupCPU(podUID: uid, qos: qos, cpuSeconds: seconds, path: file))
                }
            }
            if !pods.isEmpty { break }  // v2 found pods: a hybrid host's v1 tree would repeat them
        }
        return (pods.sorted { $0.podUID < $1.podUID }, problems)
    }

    /// What the agent logs at start when `cgroupRoot` holds no kubepods tree (nil when it does): a
    /// container that reads its own cgroup namespace, or a root without the host's tree mounted,
    /// finds no pods, and every pod would silently get no CPU share.
    public func missingKubepodsWarning() -> String? {
        guard hierarchies().isEmpty else { return nil }
        return "warning: no kubepods tree under the cgroup root \(cgroupRoot) (looked for kubepods.slice and kubepods, "
            + "cgroup v2 and v1 cpuacct): no pod gets a CPU share until the kubelet creates one there; in a container, "
            + "mount the host's /sys/fs/cgroup and pass its mount point as --cgroup-root"
    }

    /// The kubepods directories to look in, with the cgroup version: v2 first, then v1 cpuacct.
    package func hierarchies() -> [(String, Int)] {
        var out: [(String, Int)] = []
        for (base, version) in [(cgroupRoot, 2), (cgroupRoot + "/cpu,cpuacct", 1), (cgroupRoot + "/cpuacct", 1)] {
            for name in ["kubepods.slice", "kubepods"] where Self.isDirectory(base + "/" + name) {
                // A v1 controller directory also exists at the root of a v2 mount only on hybrid hosts.
                if version == 2 && !FileManager.default.fileExists(atPath: cgroupRoot + "/cgroup.controllers") { continue }
                out.append((base + "/" + name, version))
            }
        }
        return out
    }

    /// (directory, QoS class) for the kubepods directory and its burstable/besteffort children.
    package func qosDirectories(_ kubepods: String) -> [(String, String)] {
        var out = [(kubepods, "guaranteed")]
        for qos in ["burstable", "besteffort"] {
            for name in ["kubepods-\(qos).slice", qos] where Self.isDirectory(kubepods + "/" + name) {
                out.append((kubepods + "/" + name, qos))
            }
        }
        return out
    }

    /// `kubepods-burstable-pod1a2b_…slice` / `kubepods-pod…slice` / `pod1a2b-…` → the UID with dashes.
    package static func podUID(_ entry: String) -> String? {
        var name = Substring(entry)
        if name.hasSuffix(".slice") {
            name = name.dropLast(".slice".count)
            guard let range = name.range(of: "-pod") else { return nil }
            name = name[range.upperBound...]
        } else {
            guard name.hasPrefix("pod") else { return nil }
            name = name.dropFirst(3)
        }
        let uid = name.replacingOccurrences(of: "_", with: "-").lowercased()
        guard uid.count == 36, uid.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { return nil }
        return uid
    }

    /// `usage_usec N` of a v2 `cpu.stat`, in seconds.
    package static func usageSeconds(cpuStat text: String) -> Double? {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, fields[0] == "usage_usec", let value = Int64(fields[1]), value >= 0 {
                return Double(value) / 1e6
            }
        }
        return nil
    }

    package static func list(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    package static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
