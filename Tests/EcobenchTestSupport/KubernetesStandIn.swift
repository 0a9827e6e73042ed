import EcobenchCore
import Foundation

/// Starts `Tests/tools/k8s_standin.py`, a stand-in for the Kubernetes API server (no real one
/// can run in the test environment: it needs etcd, a scheduler and kubelets). It serves HTTPS
/// with a certificate signed by a test CA, accepts a client certificate of that CA or the
/// given bearer tokens, and logs every request as a JSON line.
public final class KubernetesStandIn: @unchecked Sendable {  // immutable after init; Process is used from one test at a time
    public let folder: String
    public let authority: TestCertificateAuthority
    public let port: Int
    public let logPath: String
    private let process: ChildProcess

    public var server: String { "https://127.0.0.1:\(port)" }

    public init(folder: String, tokens: [String] = ["test-token"], scenarios: [String] = [],
                jobLog: String = "", readyAfter: Int = 2, jobPolls: Int = 2, deletePolls: Int = 1,
                nodes: [String] = [], podUIDs: [String: String] = [:], providerIDs: [String: String] = [:],
                systemUUIDs: [String: String] = [:]) throws {
        self.folder = folder
        authority = try TestCertificateAuthority(in: folder)
        let serverCertificate = try authority.serverCertificate()
        logPath = folder + "/requests.jsonl"
        let portFile = folder + "/port"
        var arguments = [CLI.packageRoot + "/Tests/tools/k8s_standin.py", "--cert", serverCertificate.certificate,
                         "--key", serverCertificate.key, "--client-ca", authority.certificate, "--log", logPath,
                         "--port-file", portFile, "--ready-after", String(readyAfter), "--job-polls", String(jobPolls),
                         "--delete-polls", String(deletePolls), "--job-log", jobLog]
        for token in tokens { arguments += ["--token", token] }
        for scenario in scenarios { arguments += ["--scenario", scenario] }
        // Node names (pods go round-robin by replica index) and fixed pod UIDs by pod name.
        for node in nodes { arguments += ["--node", node] }
        for (pod, uid) in podUIDs.sorted(by: { $0.key < $1.key }) { arguments += ["--pod-uid", "\(pod)=\(uid)"] }
        // What names the machine under a node: `spec.providerID` (`openstack:///<uuid>`), `status.nodeInfo.systemUUID`.
        for (node, id) in providerIDs.sorted(by: { $0.key < $1.key }) { arguments += ["--provider-id", "\(node)=\(id)"] }
        for (node, uuid) in systemUUIDs.sorted(by: { $0.key < $1.key }) { arguments += ["--system-uuid", "\(node)=\(uuid)"] }
        process = try ProjectPython.process(arguments)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let deadline = Date(timeIntervalSinceNow: 15)
        var found: Int?
        while found == nil && Date() < deadline && process.isRunning {
            found = (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap { Int($0) }
            if found == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard let found else {
            kill(process.processIdentifier, SIGKILL)
            throw StandInDidNotStart()
        }
        port = found
    }

    public struct StandInDidNotStart: Error, CustomStringConvertible {
        public var description: String { "Tests/tools/k8s_standin.py did not start" }
    }

    deinit { stop() }

    /// SIGKILL: the test runner's threads block SIGTERM and children inherit the mask.
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// One logged request (a line of the stand-in's own log, not a Kubernetes object).
    public struct Request: Decodable {
        public var method: String
        public var path: String
        public var status: Int
        public var auth: String
        public var kind: String?
        public var name: String?
        public var labels: [String: String]

        enum CodingKeys: String, CodingKey { case method, path, status, auth, kind, name, labels }

        public init(from decoder: any Decoder) throws {
            let line = try decoder.container(keyedBy: CodingKeys.self)
            method = try line.decodeIfPresent(String.self, forKey: .method) ?? ""
            path = try line.decodeIfPresent(String.self, forKey: .path) ?? ""
            status = try line.decodeIfPresent(Int.self, forKey: .status) ?? 0
            auth = try line.decodeIfPresent(String.self, forKey: .auth) ?? ""
            kind = try line.decodeIfPresent(String.self, forKey: .kind)
            name = try line.decodeIfPresent(String.self, forKey: .name)
            labels = try line.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        }
    }

    public func requests() -> [Request] {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            try? JSONDecoder().decode(Request.self, from: Data(line.utf8))
        }
    }

    /// A kubeconfig for this server: CA inline (`-data`), user with a token, a client
    /// certificate (file paths) or an exec plugin.
    public enum User {
        case token(String)
        case clientCertificate(certificate: String, key: String)
        case exec(command: String, args: [String], apiVersion: String)
    }

    public func writeKubeconfig(user: User, name: String = "kubeconfig") throws -> String {
        let ca = try String(contentsOfFile: authority.certificate, encoding: .utf8)
        let entry: KubeconfigFile.UserEntry
        switch user {
        case .token(let token):
            entry = .init(token: token)
        case .clientCertificate(let certificate, let key):
            entry = .init(clientCertificate: certificate, clientKey: key)
        case .exec(let command, let args, let apiVersion):
            entry = .init(exec: .init(apiVersion: apiVersion, command: command, args: args, interactiveMode: "Never"))
        }
        let file = KubeconfigFile(
            currentContext: "test",
            clusters: [.init(name: "standin", cluster: .init(server: server,
                                                             certificateAuthorityData: Data(ca.utf8).base64EncodedString()))],
            contexts: [.init(name: "test", context: .init(cluster: "standin", user: "tester"))],
            users: [.init(name: "tester", user: entry)])
        let path = folder + "/" + name
        try file.yaml().write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
