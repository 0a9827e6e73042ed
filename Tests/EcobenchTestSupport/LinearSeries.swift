import EcobenchCore

/// Counters that rise at constant rates (per second), for attribution tests that need no store.
public struct LinearSeries: CounterSeries {
    public var ratesPerSecond: [String: Double]

    public init(_ ratesPerSecond: [String: Double]) { self.ratesPerSecond = ratesPerSecond }

    public func value(of channel: String, at t: Int64) throws -> Double? {
        ratesPerSecond[channel].map { $0 * Double(t) / 1e9 }
    }
}
