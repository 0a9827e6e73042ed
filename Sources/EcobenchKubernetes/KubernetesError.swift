import Foundation

/// Why talking to a Kubernetes cluster or reading its kubeconfig failed. Every case names
/// where: the kubeconfig file and field, the manifest file and object, or the API URL.
public enum KubernetesError: Error, CustomStringConvertible, LocalizedError, Sendable, Equatable {
    /// The kubeconfig cannot be read or is wrong; `field` is a dotted path such as
    /// `users[oidc].user.exec.command`.
    case kubeconfig(file: String, field: String?, message: String)
    /// The `exec` credential plugin failed or printed something that is not an ExecCredential.
    case credentialPlugin(file: String, command: String, message: String)
    /// No answer from the API server (refused, DNS, TLS, timeout).
    case unreachable(server: String, detail: String)
    /// 401 or 403: the token or certificate was not accepted.
    case unauthorized(url: String, status: Int, message: String)
    /// The API server answered with an error Status object (or an unexpected code).
    case api(url: String, status: Int, reason: String?, message: String)
    /// A manifest cannot be read, is not a Kubernetes object, or was rejected by the API.
    case manifest(file: String, object: String?, message: String)
    /// Deployments or pods did not become ready, or a pod failed; `events` are the newest
    /// events of the namespace.
    case notReady(namespace: String, message: String, events: [String])
    /// The load Job failed or did not finish.
    case loadJob(namespace: String, job: String, message: String, events: [String])
    /// The namespace could not be deleted or was still there after the timeout.
    case teardown(namespace: String, message: String)
    /// An answer that is not the JSON shape the API documents.
    case unexpectedAnswer(url: String, message: String)
    /// A signal asked the run to stop while it waited on the cluster.
    case interrupted(signal: String)

    public var description: String {
        switch self {
        case .kubeconfig(let file, let field, let message):
            return "\(file)" + (field.map { ": \($0)" } ?? "") + ": \(message)"
        case .credentialPlugin(let file, let command, let message):
            return "\(file): exec credential plugin '\(command)': \(message)"
        case .unreachable(let server, let detail):
            return "Kubernetes API server \(server) unreachable: \(detail)"
        case .unauthorized(let url, let status, let message):
            return "\(url): HTTP \(status): token expired or rejected, or certificate not accepted (\(message)); "
                + "log in again (e.g. renew the OIDC login) or check the kubeconfig's user"
        case .api(let url, let status, let reason, let message):
            return "\(url): HTTP \(status)" + (reason.map { " \($0)" } ?? "") + ": \(message)"
        case .manifest(let file, let object, let message):
            return "\(file)" + (object.map { ": \($0)" } ?? "") + ": \(message)"
        case .notReady(let namespace, let message, let events):
            return "namespace \(namespace): \(message)" + Self.eventsText(events)
        case .loadJob(let namespace, let job, let message, let events):
            return "namespace \(namespace): load job \(job): \(message)" + Self.eventsText(events)
        case .teardown(let namespace, let message):
            return "namespace \(namespace) teardown: \(message)"
        case .unexpectedAnswer(let url, let message):
            return "\(url): unexpected answer: \(message)"
        case .interrupted(let signal):
            return "interrupted by \(signal)"
        }
    }

    public var errorDescription: String? { description }

    package static func eventsText(_ events: [String]) -> String {
        events.isEmpty ? "; no events in the namespace" : "; newest events:\n  " + events.joined(separator: "\n  ")
    }
}
