import EcobenchCore
import Foundation
import Testing
@testable import EcobenchKubernetes

/// The agent DaemonSet (Workloads/ecobench-agent/daemonset.yaml): every path the agent is told
/// to read (`--sysfs-root`, `--proc-root`, `--cgroup-root`, `--token-file`, `--buffer`) lies on a
/// volume mount, each root on the host path the agent reads on a bare host, and every mount
/// (and every volume) is used by some argument. Issue 14: the host's cgroup tree was mounted but
/// never passed as `--cgroup-root`, so the agent scanned its container's own cgroups, silently.
@Suite struct AgentDaemonSetMountTests {
    static var manifest: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Workloads/ecobench-agent/daemonset.yaml").path
    }

    /// The host path each root option stands for: the agent's defaults on a bare host
    /// (`ecobench agent --help`: /sys, /proc, /sys/fs/cgroup), written here by hand.
    static let hostPathOfRoot = ["sysfs-root": "/sys", "proc-root": "/proc", "cgroup-root": "/sys/fs/cgroup"]

    @Test func everyPathTheAgentReadsIsMountedAndEveryMountIsUsed() throws {
        let text = try String(contentsOfFile: Self.manifest, encoding: .utf8)
        #expect(try Self.problems(text) == [])
    }

    /// The check finds the original bug: without `--cgroup-root` the cgroup mount is unused
    /// and the root is missing.
    @Test func withoutCgroupRootTheCheckFails() throws {
        let text = try String(contentsOfFile: Self.manifest, encoding: .utf8)
        let broken = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("- --cgroup-root=") }.joined(separator: "\n")
        #expect(broken != text)
        let problems = try Self.problems(broken)
        #expect(problems.contains("--cgroup-root is not passed"), "\(problems)")
        #expect(problems.contains("volumeMount cgroup (/host/sys/fs/cgroup) is read by no argument"), "\(problems)")
    }

    /// What is wrong with the agent container's paths and mounts in `text` (empty: nothing).
    static func problems(_ text: String) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ds-\(UUID().uuidString).yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let documents = try KubernetesManifest.documents(inFile: file).map(\.1)
        let daemonSet = try #require(documents.first { $0["kind"]?.stringValue == "DaemonSet" })
        let pod = try #require(daemonSet["spec"]?["template"]?["spec"])
        let container = try #require(pod["containers"]?.arrayValue?.first { $0["name"]?.stringValue == "agent" })
        let args = (container["args"]?.arrayValue ?? []).compactMap(\.stringValue)
        let mounts = (container["volumeMounts"]?.arrayValue ?? []).compactMap { mount -> (name: String, path: String)? in
            guard let name = mount["name"]?.stringValue, let path = mount["mountPath"]?.stringValue else { return nil }
            return (name, path)
        }
        var hostPaths: [String: String] = [:]
        var volumeNames: [String] = []
        for volume in pod["volumes"]?.arrayValue ?? [] {
            guard let name = volume["name"]?.stringValue else { continue }
            volumeNames.append(name)
            hostPaths[name] = volume["hostPath"]?["path"]?.stringValue
        }

        var problems: [String] = []
        var used: Set<String> = []
        var options: [String: String] = [:]
        for arg in args where arg.hasPrefix("--") {
            guard let equals = arg.firstIndex(of: "=") else { continue }
            let option = String(arg[arg.index(arg.startIndex, offsetBy: 2)..<equals])
            let value = String(arg[arg.index(after: equals)...])
            guard value.hasPrefix("/") else { continue }
            options[option] = value
            // The mount the path lies on: the longest mount path that is the path or a parent of it.
            let mount = mounts.filter { value == $0.path || value.hasPrefix($0.path + "/") }
                .max { $0.path.count < $1.path.count }
            guard let mount else {
                problems.append("--\(option)=\(value) is on no volume mount")
                continue
            }
            used.insert(mount.name)
            if let expected = hostPathOfRoot[option] {
                guard let host = hostPaths[mount.name] else {
                    problems.append("--\(option)=\(value) is on \(mount.name), not a hostPath volume")
                    continue
                }
                let onHost = host + value.dropFirst(mount.path.count)
                if onHost != expected { problems.append("--\(option)=\(value) reads the host's \(onHost), not \(expected)") }
            }
        }
        for option in hostPathOfRoot.keys.sorted() where options[option] == nil {
            problems.append("--\(option) is not passed")
        }
        for mount in mounts where !used.contains(mount.name) {
            problems.append("volumeMount \(mount.name) (\(mount.path)) is read by no argument")
        }
        for name in volumeNames where !mounts.contains(where: { $0.name == name }) {
            problems.append("volume \(name) is mounted nowhere")
        }
        return problems
    }
}
