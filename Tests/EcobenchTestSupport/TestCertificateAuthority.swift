import Foundation

/// A private CA made with the real `openssl` command, and certificates it signs: a server
/// certificate for 127.0.0.1 and client certificates (mutual TLS, as kubeconfigs use).
public struct TestCertificateAuthority {
    public let folder: String
    public let certificate: String
    public let key: String

    /// Creates `ca-cert.pem` and `ca-key.pem` (RSA 2048, one day) in `folder`.
    public init(in folder: String) throws {
        self.folder = folder
        certificate = folder + "/ca-cert.pem"
        key = folder + "/ca-key.pem"
        try SelfSignedCertificate.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                                           "-out", certificate, "-days", "1", "-subj", "/CN=ecobench test CA"])
    }

    /// A server certificate for 127.0.0.1 signed by this CA.
    public func serverCertificate(name: String = "server") throws -> (certificate: String, key: String) {
        try sign(name: name, subject: "/CN=127.0.0.1", extensions: "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth")
    }

    /// A client certificate (CN = `commonName`) signed by this CA.
    public func clientCertificate(name: String = "client", commonName: String) throws -> (certificate: String, key: String) {
        try sign(name: name, subject: "/CN=\(commonName)/O=system:masters", extensions: "extendedKeyUsage=clientAuth")
    }

    private func sign(name: String, subject: String, extensions: String) throws -> (certificate: String, key: String) {
        let cert = folder + "/\(name)-cert.pem"
        let keyPath = folder + "/\(name)-key.pem"
        let request = folder + "/\(name).csr"
        let extensionFile = folder + "/\(name).ext"
        try extensions.write(toFile: extensionFile, atomically: true, encoding: .utf8)
        try SelfSignedCertificate.openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", keyPath,
                                           "-out", request, "-subj", subject])
        try SelfSignedCertificate.openssl(["x509", "-req", "-in", request, "-CA", certificate, "-CAkey", key,
                                           "-CAcreateserial", "-out", cert, "-days", "1", "-extfile", extensionFile])
        return (cert, keyPath)
    }
}
