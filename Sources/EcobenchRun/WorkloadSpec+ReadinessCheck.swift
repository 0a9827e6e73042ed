import EcobenchCollect

extension WorkloadSpec {
    /// A condition that must hold after the service starts and before the idle phase counts.
    /// The runner retries the probe until it succeeds or `timeoutSeconds` pass (then the
    /// repetition fails).
    public struct ReadinessCheck: Hashable, Sendable {
        /// What to probe.
        public enum Probe: Hashable, Sendable {
            /// A TCP connection to `host:port` must be accepted.
            case tcp(host: String, port: Int)
            /// The command must exit 0.
            case command(Command)
        }

        public static let defaultTimeoutSeconds = 10.0

        public var probe: Probe
        /// How long to keep retrying; > 0.
        public var timeoutSeconds: Double
        /// Where the check is written (field e.g. `ready[0]`).
        public var location: SourceLocation

        public init(probe: Probe, timeoutSeconds: Double = ReadinessCheck.defaultTimeoutSeconds,
                    location: SourceLocation) {
            self.probe = probe
            self.timeoutSeconds = timeoutSeconds
            self.location = location
        }
    }
}
