import Foundation
import EcobenchNet

/// The part of a kubeconfig file (clusters, contexts, users, current-context) that ecobench
/// needs to reach one cluster as one user. Parsed by `Kubeconfig.load(file:)`; `resolve`
/// picks a context and reads the files it names.
public struct Kubeconfig: Sendable, Equatable {
    public struct Cluster: Sendable, Equatable {
        public var server: String
        public var certificateAuthorityPEM: String?
        public var insecureSkipTLSVerify: Bool
    }

    public struct ExecConfig: Sendable, Equatable {
        public var apiVersion: String
        public var command: String
        public var args: [String]
        public var env: [String: String]
        /// `Never`, `IfAvailable` or `Always`; ecobench runs unattended, so `Always` is refused.
        public var interactiveMode: String
    }

    public struct User: Sendable, Equatable {
        public var clientCertificatePEM: String?
        public var clientKeyPEM: String?
        public var token: String?
        public var exec: ExecConfig?
    }

    public struct Context: Sendable, Equatable {
        public var cluster: String
        public var user: String
        public var namespace: String?
    }

    /// The file as named by the user; every error names it.
    public var file: String
    public var clusters: [String: Cluster]
    public var users: [String: User]
    public var contexts: [String: Context]
    public var currentContext: String?

    /// The kubeconfig path: `--kubeconfig`, else the first entry of `$KUBECONFIG`, else `~/.kube/config`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let list = environment["KUBECONFIG"], let first = list.split(separator: ":").first {
            return String(first)
        }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.kube/config"
    }

    /// The context to use: `name`, else `current-context`.
    public func context(named name: String?) throws(KubernetesError) -> (name: String, context: Context) {
        guard let chosen = name ?? currentContext else {
            throw .kubeconfig(file: file, field: "current-context",
                              message: "no current-context and no --context given (contexts: "
                                  + contexts.keys.sorted().joined(separator: ", ") + ")")
        }
        guard let context = contexts[chosen] else {
            throw .kubeconfig(file: file, field: name == nil ? "current-context" : "contexts",
                              message: "no context named '\(chosen)' (contexts: "
                                  + contexts.keys.sorted().joined(separator: ", ") + ")")
        }
        return (chosen, context)
    }

    /// Server, TLS settings and credentials of one context.
    public func resolve(context name: String?) throws(KubernetesError) -> KubernetesEndpoint {
        let (contextName, context) = try self.context(named: name)
        guard let cluster = clusters[context.cluster] else {
            throw .kubeconfig(file: file, field: "contexts[\(contextName)].context.cluster",
                              message: "names cluster '\(context.cluster)', which is not in clusters")
        }
        guard let user = users[context.user] else {
            throw .kubeconfig(file: file, field: "contexts[\(contextName)].context.user",
                              message: "names user '\(context.user)', which is not in users")
        }
        var tls = HTTPTLSSettings(verifyPeer: !cluster.insecureSkipTLSVerify,
                                  trustRootsPEM: cluster.certificateAuthorityPEM)
        tls.clientCertificatePEM = user.clientCertificatePEM
        tls.clientKeyPEM = user.clientKeyPEM
        var server = cluster.server
        while server.hasSuffix("/") { server.removeLast() }
        let credentials = KubernetesCredentials(
            staticToken: user.token,
            plugin: user.exec.map { ExecCredentialPlugin(config: $0, kubeconfigFile: file, clusterServer: server) })
        return KubernetesEndpoint(server: server, tls: tls, credentials: credentials, contextName: contextName,
                                  defaultNamespace: context.namespace)
    }
}

/// Where and how to talk to one cluster: what `Kubeconfig.resolve(context:)` produces.
public struct KubernetesEndpoint: Sendable {
    public var server: String
    public var tls: HTTPTLSSettings
    public var credentials: KubernetesCredentials
    public var contextName: String
    public var defaultNamespace: String?
}
