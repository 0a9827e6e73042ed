import ArgumentParser
import EcobenchCore
import Foundation

/// Remote and optional meters: Redfish BMCs and power shelves, IPMI DCMI, NVIDIA GPUs.
struct MeterOptions: ParsableArguments {
    @Option(name: .customLong("redfish"), help: "Redfish service (BMC, power shelf), e.g. https://10.0.0.5; repeatable.")
    var redfishURLs: [String] = []

    @Option(help: "Redfish user name; the password comes from $ECOBENCH_REDFISH_PASSWORD or --redfish-password-file.")
    var redfishUser: String?

    @Option(help: "File whose first line is the Redfish password.")
    var redfishPasswordFile: String?

    @Option(help: "Redfish authentication: session or basic.")
    var redfishAuth: String = "session"

    @Option(help: "Seconds between Redfish polls (BMCs update about once a second).")
    var redfishInterval: Double = 1

    @Flag(help: "Accept any BMC certificate (self-signed, expired, wrong name); reports say \"TLS not verified\".")
    var insecure = false

    @Option(help: "PEM file with the CA certificate(s) the BMC certificates must chain to, instead of the system trust store.")
    var redfishCaCert: String?

    @Flag(help: "Read the node's power through IPMI DCMI (`ipmitool dcmi power reading`).")
    var ipmi = false

    @Option(help: "Command that prints a DCMI power reading (ipmitool or FreeIPMI's ipmi-dcmi), space-separated.")
    var ipmiCommand: String?

    @Flag(help: "Do not look for NVIDIA GPUs through NVML.")
    var noNvml = false

    @Option(help: "The NVML library to load instead of libnvidia-ml.so.1 (a path, or a name on the library path).")
    var nvmlLibrary: String?

    func validate() throws {
        for url in redfishURLs {
            guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme),
                  parsed.host != nil else {
                throw ValidationError("--redfish \(url): expected an http:// or https:// URL")
            }
        }
        guard RedfishCredentials.Scheme(rawValue: redfishAuth) != nil else {
            throw ValidationError("--redfish-auth must be session or basic, got \(redfishAuth)")
        }
        guard redfishInterval >= 0.1 else { throw ValidationError("--redfish-interval must be at least 0.1 s") }
        if insecure, redfishCaCert != nil {
            throw ValidationError("--insecure and --redfish-ca-cert contradict each other: give one of them")
        }
        if let file = redfishCaCert {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("--redfish-ca-cert \(file): cannot read it")
            }
            guard text.contains("-----BEGIN CERTIFICATE-----") else {
                throw ValidationError("--redfish-ca-cert \(file): no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)")
            }
        }
        if let nvmlLibrary, nvmlLibrary.contains("/"), !FileManager.default.fileExists(atPath: nvmlLibrary) {
            throw ValidationError("--nvml-library \(nvmlLibrary): no such file")
        }
        if redfishUser != nil, try password() == nil {
            throw ValidationError("--redfish-user needs a password: set ECOBENCH_REDFISH_PASSWORD or give --redfish-password-file")
        }
    }

    /// The password, read from the environment or the file; never echoed anywhere.
    func password() throws -> String? {
        if let file = redfishPasswordFile {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("--redfish-password-file \(file): cannot read it")
            }
            return text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        }
        return ProcessInfo.processInfo.environment["ECOBENCH_REDFISH_PASSWORD"]
    }

    func apply(to options: inout SourceOptions) throws {
        options.redfishURLs = redfishURLs
        options.redfishPollSeconds = redfishInterval
        options.redfishVerifyTLS = !insecure
        options.redfishCACertificatePEM = try redfishCaCert.map { try String(contentsOfFile: $0, encoding: .utf8) }
        if let user = redfishUser, let password = try password() {
            options.redfishCredentials = RedfishCredentials(
                user: user, password: password, scheme: RedfishCredentials.Scheme(rawValue: redfishAuth) ?? .session)
        }
        if ipmi || ipmiCommand != nil {
            options.ipmiCommand = ipmiCommand.map { $0.split(separator: " ").map(String.init) } ?? IPMIProbe.defaultCommand
        }
        options.nvml = !noNvml
        if let nvmlLibrary { options.nvmlLibrary = nvmlLibrary }
    }
}
