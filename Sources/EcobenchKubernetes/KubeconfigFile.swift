import Foundation
import Yams
import EcobenchNet

/// A kubeconfig file as written (kubectl's `Config`, v1): the wire form that
/// `Kubeconfig.parse` decodes and checks, and that tests write. Only the fields ecobench
/// reads, plus the user fields it refuses (`auth-provider`, `username`, `password`).
public struct KubeconfigFile: Codable, Sendable, Equatable {
    public struct NamedCluster: Codable, Sendable, Equatable {
        public var name: String?
        public var cluster: ClusterEntry?
        public init(name: String, cluster: ClusterEntry) { self.name = name; self.cluster = cluster }
    }

    public struct ClusterEntry: Codable, Sendable, Equatable {
        public var server: String?
        public var certificateAuthority: String?
        public var certificateAuthorityData: String?
        public var insecureSkipTLSVerify: Bool?

        package enum CodingKeys: String, CodingKey {
            case server, certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data", insecureSkipTLSVerify = "insecure-skip-tls-verify"
        }

        public init(server: String, certificateAuthorityData: String? = nil) {
            self.server = server
            self.certificateAuthorityData = certificateAuthorityData
        }
    }

    public struct NamedUser: Codable, Sendable, Equatable {
        public var name: String?
        public var user: UserEntry?
        public init(name: String, user: UserEntry) { self.name = name; self.user = user }
    }

    public struct UserEntry: Codable, Sendable, Equatable {
        public var clientCertificate: String?
        public var clientCertificateData: String?
        public var clientKey: String?
        public var clientKeyData: String?
        public var token: String?
        public var tokenFile: String?
        public var exec: ExecEntry?
        /// Refused by ecobench; read only to name them in the error.
        public var authProvider: JSONValue?
        public var username: JSONValue?
        public var password: JSONValue?

        package enum CodingKeys: String, CodingKey {
            case clientCertificate = "client-certificate", clientCertificateData = "client-certificate-data"
            case clientKey = "client-key", clientKeyData = "client-key-data", token, tokenFile, exec
            case authProvider = "auth-provider", username, password
        }

        public init(token: String? = nil, clientCertificate: String? = nil, clientKey: String? = nil, exec: ExecEntry? = nil) {
            self.token = token
            self.clientCertificate = clientCertificate
            self.clientKey = clientKey
            self.exec = exec
        }
    }

    public struct ExecEntry: Codable, Sendable, Equatable {
        public struct EnvVar: Codable, Sendable, Equatable {
            public var name: String?
            public var value: String?
        }

        public var apiVersion: String?
        public var command: String?
        public var args: [String]?
        public var env: [EnvVar]?
        public var interactiveMode: String?

        public init(apiVersion: String, command: String, args: [String], interactiveMode: String) {
            self.apiVersion = apiVersion
            self.command = command
            self.args = args
            self.interactiveMode = interactiveMode
        }
    }

    public struct NamedContext: Codable, Sendable, Equatable {
        public var name: String?
        public var context: ContextEntry?
        public init(name: String, context: ContextEntry) { self.name = name; self.context = context }
    }

    public struct ContextEntry: Codable, Sendable, Equatable {
        public var cluster: String?
        public var user: String?
        public var namespace: String?
        public init(cluster: String, user: String, namespace: String? = nil) {
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
        }
    }

    public var apiVersion: String?
    public var kind: String?
    public var currentContext: String?
    public var clusters: [NamedCluster]?
    public var contexts: [NamedContext]?
    public var users: [NamedUser]?

    package enum CodingKeys: String, CodingKey {
        case apiVersion, kind, currentContext = "current-context", clusters, contexts, users
    }

    public init(currentContext: String?, clusters: [NamedCluster], contexts: [NamedContext], users: [NamedUser]) {
        apiVersion = "v1"
        kind = "Config"
        self.currentContext = currentContext
        self.clusters = clusters
        self.contexts = contexts
        self.users = users
    }

    /// The file as YAML.
    public func yaml() throws -> String { try YAMLEncoder().encode(self) }

    /// Decodes the YAML; an error names the file and the field (`users[alice].user.token`).
    package static func decode(yaml: String, file: String) throws(KubernetesError) -> KubeconfigFile {
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw .kubeconfig(file: file, field: nil, message: "invalid YAML: \(error)")
        }
        guard let root, root.mapping != nil else {
            throw .kubeconfig(file: file, field: nil, message: "is not a YAML mapping (expected a kubeconfig)")
        }
        do { return try YAMLDecoder().decode(KubeconfigFile.self, from: yaml) } catch let error as DecodingError {
            let (path, message) = describe(error)
            throw .kubeconfig(file: file, field: field(path, root: root), message: message)
        } catch {
            throw .kubeconfig(file: file, field: nil, message: "cannot be read: \(error)")
        }
    }

    package static func describe(_ error: DecodingError) -> ([any CodingKey], String) {
        switch error {
        case .typeMismatch(let type, let context):
            let expected = type == Bool.self ? "true or false" : type == Node.Sequence.self ? "a list"
                : type == Node.Mapping.self ? "a mapping" : "a string"
            return (context.codingPath, "must be " + expected)
        case .keyNotFound(let key, let context): return (context.codingPath + [key], "is required")
        case .valueNotFound(_, let context): return (context.codingPath, "must be a string")
        case .dataCorrupted(let context): return (context.codingPath, "is invalid: \(context.debugDescription)")
        @unknown default: return ([], "\(error)")
        }
    }

    /// `users[alice].user.exec.args[0]`: entries of the top-level lists by their name, where they have one.
    package static func field(_ path: [any CodingKey], root: Node) -> String? {
        var out = ""
        for (depth, key) in path.enumerated() {
            if let index = key.intValue {
                let name = depth == 1 ? root[path[0].stringValue]?[index]?["name"]?.string : nil
                out += "[\(name.flatMap { $0.isEmpty ? nil : $0 } ?? String(index))]"
            } else {
                out += (out.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return out.isEmpty ? nil : out
    }
}
