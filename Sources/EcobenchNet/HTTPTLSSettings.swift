import Foundation

/// How an HTTPS connection authenticates the server and, optionally, itself.
///
/// - `verifyPeer == false` (`--insecure`, kubeconfig `insecure-skip-tls-verify`): any server
///   certificate is accepted; callers must say so wherever the answers are shown.
/// - `trustRootsPEM`: PEM certificates that replace the system trust store (a BMC's own CA, a
///   kubeconfig `certificate-authority[-data]`).
/// - `clientCertificatePEM` + `clientKeyPEM`: mutual TLS (kubeconfig client certificates).
public struct HTTPTLSSettings: Sendable, Equatable {
    public var verifyPeer: Bool
    public var trustRootsPEM: String?
    public var clientCertificatePEM: String?
    public var clientKeyPEM: String?

    public init(verifyPeer: Bool = true, trustRootsPEM: String? = nil,
                clientCertificatePEM: String? = nil, clientKeyPEM: String? = nil) {
        self.verifyPeer = verifyPeer
        self.trustRootsPEM = trustRootsPEM
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
    }

    /// Verify against the system trust store, no client certificate.
    public static let verified = HTTPTLSSettings()
}
