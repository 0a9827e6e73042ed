import Foundation

/// The ExecCredential object (client.authentication.k8s.io v1 / v1beta1) of the exec credential
/// plugin protocol: ecobench writes one with `spec` into `KUBERNETES_EXEC_INFO`, the plugin
/// prints one with `status` (a bearer token or a client certificate, optionally an expiry).
public struct ExecCredential: Codable, Sendable, Equatable {
    public struct Spec: Codable, Sendable, Equatable {
        public struct Cluster: Codable, Sendable, Equatable { public var server: String }
        public var interactive: Bool
        public var cluster: Cluster?
    }

    public struct Status: Codable, Sendable, Equatable {
        public var token: String?
        public var clientCertificateData: String?
        public var clientKeyData: String?
        /// RFC 3339.
        public var expirationTimestamp: String?

        public init(token: String? = nil, clientCertificateData: String? = nil, clientKeyData: String? = nil,
                    expirationTimestamp: String? = nil) {
            self.token = token
            self.clientCertificateData = clientCertificateData
            self.clientKeyData = clientKeyData
            self.expirationTimestamp = expirationTimestamp
        }
    }

    public var apiVersion: String?
    public var kind: String?
    public var spec: Spec?
    public var status: Status?

    public init(apiVersion: String?, kind: String? = "ExecCredential", spec: Spec? = nil, status: Status? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.spec = spec
        self.status = status
    }

    /// Compact JSON with sorted keys and unescaped slashes (`https://`), as plugins expect to read it.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and booleans cannot fail.
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
