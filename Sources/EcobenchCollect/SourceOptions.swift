import Foundation

/// What the user asked the collectors to read, shared by `sensors`, `run` and `calibrate`.
public struct SourceOptions: Sendable {
    public var sysfsRoot: String = "/sys"
    public var procRoot: String = "/proc"
    /// TDP for the CPU estimate (W), when the user knows it.
    public var cpuTDPWatts: Double?
    /// A host power profile for the estimate (from `ecobench calibrate`).
    public var powerProfilePath: String?
    /// Where profiles named after the hardware fingerprint are looked up when none is given.
    public var profileDirectory: String? = EcobenchPaths.profileDirectory()
    /// False for calibration: only measured meters count there.
    public var allowEstimate = true
    /// Read hwmon sensors through libsensors.
    public var hwmon = true
    /// A libsensors configuration file instead of /etc/sensors3.conf.
    public var sensorsConfigPath: String?
    /// BMCs (and power shelves) to read over Redfish, e.g. `https://10.0.0.5`.
    public var redfishURLs: [String] = []
    /// Credentials for every Redfish URL; never stored, logged or reported.
    public var redfishCredentials: RedfishCredentials?
    public var redfishPollSeconds: Double = 1
    /// The run's shortest phase (s): a BMC energy counter is used only when one step is small
    /// against that phase's energy (`RedfishSourceChoice`); nil when phases are not known.
    public var shortestPhaseSeconds: Double?
    /// False with `--insecure`: any BMC certificate is accepted and channels say "TLS not verified".
    public var redfishVerifyTLS = true
    /// PEM CA certificate(s) the BMCs' certificates must chain to (`--redfish-ca-cert`),
    /// instead of the system trust store.
    public var redfishCACertificatePEM: String?
    /// The command that prints a DCMI power reading, when IPMI is asked for.
    public var ipmiCommand: [String]?
    /// Try NVML (libnvidia-ml.so.1) for GPU energy and per-process GPU utilisation.
    public var nvml = true
    /// The NVML library to load: a soname searched on the library path, or a path.
    public var nvmlLibrary = "libnvidia-ml.so.1"

    public init(sysfsRoot: String = "/sys", procRoot: String = "/proc") {
        self.sysfsRoot = sysfsRoot
        self.procRoot = procRoot
    }
}

/// Where ecobench keeps its own files when the user names none.
public enum EcobenchPaths {
    /// `$XDG_DATA_HOME/ecobench`, else `~/.local/share/ecobench`.
    public static func dataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dataHome = environment["XDG_DATA_HOME"], !dataHome.isEmpty { return dataHome + "/ecobench" }
        return (environment["HOME"] ?? ".") + "/.local/share/ecobench"
    }

    /// Power profiles, one per hardware fingerprint: `<data>/profiles/<fingerprint>.json`.
    public static func profileDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["ECOBENCH_PROFILE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? dataDirectory(environment: environment) + "/profiles"
    }
}
