import EcobenchCore
import Foundation

/// Test certificates made with the real `openssl` command (Debian `openssl`, installed by
/// `make deps`): a self-signed server certificate for 127.0.0.1, valid for one day.
public enum SelfSignedCertificate {
    public enum Failure: Error, CustomStringConvertible {
        case openssl(arguments: [String], status: Int32, stderr: String)
        public var description: String {
            switch self {
            case .openssl(let arguments, let status, let stderr):
                return "openssl \(arguments.joined(separator: " ")) exited \(status): \(stderr)"
            }
        }
    }

    /// Writes `cert.pem` and `key.pem` (RSA 2048, CN and subjectAltName IP 127.0.0.1) into
    /// `folder` and returns their paths.
    public static func make(in folder: String, name: String = "server") throws -> (certificate: String, key: String) {
        let cert = folder + "/\(name)-cert.pem"
        let key = folder + "/\(name)-key.pem"
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                     "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
        return (cert, key)
    }

    /// Runs `openssl` with `arguments`, throwing with its stderr when it fails.
    public static func openssl(_ arguments: [String]) throws {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure.openssl(arguments: arguments, status: process.terminationStatus, stderr: text)
        }
    }
}
