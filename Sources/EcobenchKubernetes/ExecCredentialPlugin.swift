import EcobenchCollect
import Foundation

/// A kubeconfig `exec` credential plugin (client.authentication.k8s.io v1 / v1beta1), e.g.
/// kubelogin for OIDC: run with `KUBERNETES_EXEC_INFO` set, it prints an ExecCredential
/// whose `status` holds a bearer token or a client certificate, optionally with an expiry.
public struct ExecCredentialPlugin: Sendable, Equatable {
    public static let supportedVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]

    public var config: Kubeconfig.ExecConfig
    public var kubeconfigFile: String
    public var clusterServer: String
    /// Longest time the plugin may take (kubelogin may wait for a browser login).
    public var timeoutSeconds: Double = 120

    /// What the plugin issued.
    public struct Credential: Sendable, Equatable {
        public var token: String?
        public var clientCertificatePEM: String?
        public var clientKeyPEM: String?
        public var expiration: Date?

        public func isExpired(at now: Date = Date()) -> Bool {
            guard let expiration else { return false }
            return expiration.timeIntervalSince(now) < 10  // renew a little early
        }
    }

    package func fail(_ message: String) -> KubernetesError {
        .credentialPlugin(file: kubeconfigFile, command: config.command, message: message)
    }

    /// Runs the plugin once and parses its ExecCredential.
    public func run() throws(KubernetesError) -> Credential {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: try executablePath())
        process.arguments = config.args
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in config.env { environment[name] = value }
        environment["KUBERNETES_EXEC_INFO"] = execInfo()
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw fail("cannot start: \(error.localizedDescription)") }
        let watchdog = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds, execute: watchdog)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        let errorText = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)"
                : "was killed (signal \(process.terminationStatus); timeout \(Int(timeoutSeconds)) s)"
            throw fail(how + (errorText.isEmpty ? "" : ": " + String(errorText.suffix(500))))
        }
        return try parse(output)
    }

    /// `KUBERNETES_EXEC_INFO`: tells the plugin the API version and that nobody is at a terminal.
    package func execInfo() -> String {
        ExecCredential(apiVersion: config.apiVersion,
                       spec: .init(interactive: false, cluster: .init(server: clusterServer))).json()
    }

    package func executablePath() throws(KubernetesError) -> String {
        let command = config.command
        if command.hasPrefix("/") { return command }
        if command.contains("/") {
            return URL(fileURLWithPath: kubeconfigFile).deletingLastPathComponent().path + "/" + command
        }
        let path = config.env["PATH"] ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(command)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw fail("not found on PATH (install it, e.g. kubelogin for OIDC logins)")
    }

    /// Parses the plugin's stdout: `{"apiVersion":…, "kind":"ExecCredential", "status":{…}}`.
    package func parse(_ output: Data) throws(KubernetesError) -> Credential {
        let object: ExecCredential
        do { object = try JSONDecoder().decode(ExecCredential.self, from: output) } catch {
            throw fail("did not print an ExecCredential JSON object (\(error); got: \(String(decoding: output.prefix(200), as: UTF8.self)))")
        }
        guard object.kind == "ExecCredential" else { throw fail("printed JSON whose kind is not ExecCredential") }
        if let version = object.apiVersion, version != config.apiVersion {
            throw fail("answered apiVersion \(version), but the kubeconfig asks for \(config.apiVersion)")
        }
        guard let status = object.status else { throw fail("ExecCredential has no status") }
        var credential = Credential(token: status.token, clientCertificatePEM: status.clientCertificateData,
                                    clientKeyPEM: status.clientKeyData, expiration: nil)
        if credential.token?.isEmpty == true { credential.token = nil }
        if credential.token == nil && credential.clientCertificatePEM == nil {
            throw fail("ExecCredential status has neither token nor clientCertificateData")
        }
        if (credential.clientCertificatePEM == nil) != (credential.clientKeyPEM == nil) {
            throw fail("ExecCredential status has only one of clientCertificateData and clientKeyData")
        }
        if let stamp = status.expirationTimestamp {
            guard let date = Self.parseTimestamp(stamp) else {
                throw fail("status.expirationTimestamp '\(stamp)' is not an RFC 3339 time")
            }
            credential.expiration = date
        }
        return credential
    }

    package static func parseTimestamp(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
