import Foundation

/// The credential a request carries: a static token from the kubeconfig, or what the exec
/// plugin issued, re-run when it has expired or when the server answered 401 once.
public final class KubernetesCredentials: @unchecked Sendable {
    // Safety: `cached` and `pluginRuns` are guarded by `lock`.
    public let staticToken: String?
    public let plugin: ExecCredentialPlugin?
    private let lock = NSLock()
    private var cached: ExecCredentialPlugin.Credential?
    private var runs = 0

    public init(staticToken: String?, plugin: ExecCredentialPlugin?) {
        self.staticToken = staticToken
        self.plugin = plugin
    }

    /// How often the exec plugin has been run (for tests and the report's notes).
    public var pluginRuns: Int { lock.withLock { runs } }

    /// The credential to use now: the plugin's (run again if missing, expired or `renew`), else
    /// the static token; nil when the kubeconfig's user has only a client certificate.
    public func current(renew: Bool = false) throws(KubernetesError) -> ExecCredentialPlugin.Credential? {
        guard let plugin else {
            return staticToken.map { .init(token: $0, clientCertificatePEM: nil, clientKeyPEM: nil, expiration: nil) }
        }
        lock.lock()
        defer { lock.unlock() }
        if !renew, let cached, !cached.isExpired() { return cached }
        let fresh = try plugin.run()
        runs += 1
        cached = fresh
        return fresh
    }

    /// Whether a 401 can be answered by asking the plugin again.
    public var canRenew: Bool { plugin != nil }
}
