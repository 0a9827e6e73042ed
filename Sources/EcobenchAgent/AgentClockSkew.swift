import Foundation

/// A stand-in for an agent whose clock is off, for tests: every time the agent states (its ticks,
/// pod scans, `/clock`, the clock of `/samples` and `/pods`) reads the true unix time + an offset
/// + a drift × the time since the agent started. Set only through the environment variable
/// `ECOBENCH_AGENT_TEST_CLOCK="offset_seconds,drift_ppm"`; without it the agent's clock is the
/// system's.
public struct AgentClockSkew: Sendable, Equatable {
    public static let environmentVariable = "ECOBENCH_AGENT_TEST_CLOCK"

    public var offsetNanoseconds: Int64
    public var driftPartsPerMillion: Double
    /// True unix time from which the drift accumulates (the agent's start).
    public var referenceUnixNanoseconds: Int64

    public init(offsetNanoseconds: Int64, driftPartsPerMillion: Double, referenceUnixNanoseconds: Int64) {
        self.offsetNanoseconds = offsetNanoseconds
        self.driftPartsPerMillion = driftPartsPerMillion
        self.referenceUnixNanoseconds = referenceUnixNanoseconds
    }

    /// The agent's reading of true unix time `t` (ns).
    public func agentTime(_ t: Int64) -> Int64 {
        t + offsetNanoseconds + Int64((Double(t - referenceUnixNanoseconds) * driftPartsPerMillion * 1e-6).rounded())
    }

    /// From the environment; nil when the variable is unset; a malformed value is an error naming it.
    public static func fromEnvironment(_ environment: [String: String], nowUnixNanoseconds: Int64) throws(AgentClockSkewError)
        -> AgentClockSkew? {
        guard let text = environment[environmentVariable] else { return nil }
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let offset = parts[0], let ppm = parts[1], offset.isFinite, ppm.isFinite else {
            throw AgentClockSkewError(value: text)
        }
        return AgentClockSkew(offsetNanoseconds: Int64((offset * 1e9).rounded()), driftPartsPerMillion: ppm,
                              referenceUnixNanoseconds: nowUnixNanoseconds)
    }
}

public struct AgentClockSkewError: Error, CustomStringConvertible, Sendable {
    public var value: String
    public var description: String {
        "\(AgentClockSkew.environmentVariable)=\(value): expected \"offset_seconds,drift_ppm\", e.g. \"3,20000\""
    }
}
