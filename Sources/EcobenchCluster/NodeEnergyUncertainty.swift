import EcobenchModel
import EcobenchAttribute

/// What a node's energy in one window is uncertain by, as the cluster paths (agent, Prometheus)
/// know it: the window integral's edge and gap figures (`WindowIntegrator`, summed in quadrature
/// over the node's channels), the clock alignment's residual, and the source's stated accuracy.
/// `ErrorBudgetBuilder.nodePhase` turns it into the node phase's error budget
/// (Reports/README.md "Uncertainty"); stored per window in `node_energy` (migration 8).
public struct NodeEnergyUncertainty: Sendable, Equatable, Codable {
    /// Standard uncertainty (J) of the edge interpolation (`WindowIntegrator` edge bounds, a/√3).
    public var edgeJ: Double
    /// Standard uncertainty (J) of what gaps and uncovered ends may hide.
    public var gapJ: Double
    /// Half the round trip (ms) of the clock alignment: each window edge is placed within ±this.
    public var clockResidualMs: Double
    /// The node-energy source's stated relative standard uncertainty; nil where none is stated.
    public var sourceRelative: Double?

    public init(edgeJ: Double = 0, gapJ: Double = 0, clockResidualMs: Double = 0, sourceRelative: Double? = nil) {
        self.edgeJ = edgeJ
        self.gapJ = gapJ
        self.clockResidualMs = clockResidualMs
        self.sourceRelative = sourceRelative
    }

    /// Adds one channel's window integral (channels independent: in quadrature).
    public mutating func add(_ amount: WindowIntegrator.Amount) {
        let edge2 = amount.edgeBounds.reduce(0) { $0 + $1 * $1 / 3 }
        edgeJ = (edgeJ * edgeJ + edge2).squareRoot()
        gapJ = (gapJ * gapJ + amount.gapBound * amount.gapBound / 3).squareRoot()
    }

    /// Adds time counted 0 J (unreadable readings: a counter reset, a vanished zone): what it
    /// lost is bounded by the channel's mean power over the window × that time, rectangular.
    public mutating func addUncounted(seconds: Double, channelJoules: Double, windowSeconds: Double) {
        guard seconds > 0, windowSeconds > 0 else { return }
        let bound = abs(channelJoules) / windowSeconds * seconds
        gapJ = (gapJ * gapJ + bound * bound / 3).squareRoot()
    }

    /// The clock's contribution (standard, J): each of the two edges placed within ±r moves the
    /// window's energy by up to P̄ × r (P̄ = energy / duration), rectangular, edges independent:
    /// u = √2 × P̄ × r / √3.
    public func clockJ(energyJoules: Double, durationSeconds: Double) -> Double {
        guard durationSeconds > 0 else { return 0 }
        let bound = abs(energyJoules) / durationSeconds * clockResidualMs / 1000
        return 2.0.squareRoot() * ErrorBudget.rectangular(bound)
    }
}
