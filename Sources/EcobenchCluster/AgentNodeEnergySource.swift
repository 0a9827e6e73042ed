import Foundation
import EcobenchCollect
import EcobenchAttribute

/// `NodeEnergySource` over ecobench agents: for each agent, the samples of the window (shifted
/// by its clock offset), the node's energy channels ranked like a local run's
/// (`NodeEnergySelection`: wall > platform psys > package + DRAM > estimate), and the selected
/// counters' growth over the window, interpolated at its edges.
///
/// An agent that does not answer gives a reading with coverage 0 and a note (a flagged gap),
/// never an invented number; `nodeEnergy(in:)` throws only when no agent answered at all.
public struct AgentNodeEnergySource: NodeEnergySource {
    /// Samples asked beyond each end of the windows, so both edges have a sample around them.
    public static let paddingNanoseconds: Int64 = 10_000_000_000

    /// The agents with their alignments; `realignClocks(moment:)` updates their latest one.
    public internal(set) var nodes: [AgentNode]
    /// How long to wait for an agent to commit a sample past the last window's end.
    public var settleSeconds: Double

    public init(nodes: [AgentNode], settleSeconds: Double = 3) {
        self.nodes = nodes
        self.settleSeconds = settleSeconds
    }

    public var label: String { "agents (\(nodes.count))" }

    public func nodeEnergy(in window: ClusterWindow) throws -> [NodeEnergyReading] {
        var readings: [NodeEnergyReading] = []
        var failures: [AgentClientError] = []
        for node in nodes {
            switch fetch(node, windows: [window]) {
            case .success(let samples): readings += Self.readings(node, samples: samples, windows: [window]).map(\.energy)
            case .failure(let error):
                failures.append(error)
                readings.append(Self.unanswered(node, window: window, error: error).energy)
            }
        }
        if let first = failures.first, failures.count == nodes.count { throw first }
        return readings
    }

    /// Every window of every agent, one `/samples` range per agent; never throws. Agents are
    /// pulled `maxConcurrent` at a time (`BoundedConcurrentMap`): each agent's answer and
    /// readings are the same as pulled alone, only the waits overlap.
    public func readings(for windows: [ClusterWindow],
                         maxConcurrent: Int = BoundedConcurrentMap.agentPulls) -> [String: [AgentWindowReading]] {
        let source = self
        let perNode = BoundedConcurrentMap.map(count: nodes.count, maxConcurrent: maxConcurrent) { index in
            let node = source.nodes[index]
            switch source.fetch(node, windows: windows) {
            case .success(let samples): return Self.readings(node, samples: samples, windows: windows)
            case .failure(let error): return windows.map { Self.unanswered(node, window: $0, error: error) }
            }
        }
        var out: [String: [AgentWindowReading]] = [:]
        for (node, readings) in zip(nodes, perNode) { out[node.name] = readings }
        return out
    }

    package func fetch(_ node: AgentNode, windows: [ClusterWindow]) -> Result<AgentSamples, AgentClientError> {
        guard let first = windows.map(\.startUnixNanoseconds).min(),
              let last = windows.map(\.endUnixNanoseconds).max() else { return .success(AgentSamples()) }
        let clock = node.clock
        let lastOnAgent = last + clock.offsetNanoseconds(atControllerUnixNanoseconds: last)
        let from = first + clock.offsetNanoseconds(atControllerUnixNanoseconds: first) - Self.paddingNanoseconds
        let to = lastOnAgent + Self.paddingNanoseconds
        do throws(AgentClientError) {
            var samples = try node.client.samples(fromUnixNanoseconds: from, toUnixNanoseconds: to)
            // Right after a run the agent may not have committed a tick past the last window yet
            // (it commits every ≥ 100 ms): wait for one, at most `settleSeconds`.
            var waited = 0.0
            while (samples.rows.last?.timeUnixNanoseconds ?? .min) < lastOnAgent,
                  waited < settleSeconds {
                Thread.sleep(forTimeInterval: 0.2)
                waited += 0.2
                samples = try node.client.samples(fromUnixNanoseconds: from, toUnixNanoseconds: to)
            }
            return .success(samples)
        } catch {
            return .failure(error)
        }
    }

    package static func unanswered(_ node: AgentNode, window: ClusterWindow, error: AgentClientError) -> AgentWindowReading {
        AgentWindowReading(window: window,
                           energy: NodeEnergyReading(node: node.name, source: "agent \(node.url)", kind: .measured,
                                                     energyJoules: 0, coverage: 0,
                                                     notes: ["no data (gap): \(error.description)"]),
                           busyCPUSeconds: nil)
    }

    package static func readings(_ node: AgentNode, samples: AgentSamples, windows: [ClusterWindow]) -> [AgentWindowReading] {
        let descriptors = samples.channels.map { $0.descriptor(agentURL: node.url) }
        guard let selection = NodeEnergySelection.choose(from: descriptors) else {
            return windows.map {
                AgentWindowReading(window: $0, energy: NodeEnergyReading(
                    node: node.name, source: "agent \(node.url)", kind: .measured, energyJoules: 0, coverage: 0,
                    notes: ["no data (gap): the agent's /samples hold no node energy channel in this window "
                            + "(channels: \(samples.channels.map(\.name).joined(separator: ", ")))"]),
                    busyCPUSeconds: nil)
            }
        }
        let points = Dictionary(selection.channels.map { ($0, samples.points(of: $0)) }, uniquingKeysWith: { a, _ in a })
        let cpuPoints = samples.points(of: Channels.nodeBusyCPUSeconds)
        return windows.map { window in
            let clock = node.clock
            let (start, end) = clock.agentWindow(window)
            var energy = 0.0
            var coverage = 1.0
            var notes: [String] = []
            var uncertainty = NodeEnergyUncertainty(clockResidualMs: Double(clock.residualNanoseconds) / 1e6,
                                                    sourceRelative: selection.relativeUncertainty)
            for channel in selection.channels {
                let lag = (samples.channels.first { $0.name == channel }?.stalenessBoundSeconds ?? 0) * 1e9
                let part = AgentWindowIntegral.integrate(points[channel] ?? [], start: start, end: end,
                                                         readingLagNanoseconds: lag)
                energy += part.delta ?? 0
                if let amount = part.amount { uncertainty.add(amount) }
                coverage = min(coverage, part.coverage)
                if part.delta == nil { notes.append("\(channel): no sample in this window") }
                let unread = AgentUnreadableReadings.find(samples, channel: channel, start: start, end: end)
                if let note = unread.apply(channel: channel, channelJoules: part.delta ?? 0, windowNanoseconds: end - start,
                                           coverage: &coverage, uncertainty: &uncertainty) {
                    notes.append(note)
                }
            }
            if coverage < 1 {
                notes.append(String(format: "gap: samples cover %.1f %% of the window; the counter is interpolated across it",
                                    coverage * 100))
            }
            let cpu = cpuPoints.isEmpty ? nil : AgentWindowIntegral.integrate(cpuPoints, start: start, end: end).delta
            notes += Self.clockNotes(clock, energyJoules: energy, durationNanoseconds: end - start)
            return AgentWindowReading(
                window: window,
                energy: NodeEnergyReading(node: node.name, source: "agent \(node.url) \(selection.method)",
                                          kind: selection.kind, energyJoules: energy, coverage: coverage, notes: notes,
                                          uncertainty: uncertainty),
                busyCPUSeconds: cpu)
        }
    }

    /// The drift applied and the energy the edges' timing residual can move: each edge is known to
    /// ±residual, so ±2 × residual × the window's mean power (carried to the uncertainty).
    package static func clockNotes(_ clock: ClockDrift, energyJoules: Double, durationNanoseconds: Int64) -> [String] {
        var notes: [String] = []
        if clock.latest != nil {
            notes.append(String(format: "clock: offset %.3f ms at the start, drift %.1f ppm applied linearly",
                                Double(clock.start.offsetNanoseconds) / 1e6, clock.driftPartsPerMillion))
        }
        let residual = clock.residualNanoseconds
        if residual > 0, durationNanoseconds > 0 {
            let joules = 2 * Double(residual) * energyJoules / Double(durationNanoseconds)
            notes.append(String(format: "uncertainty: clock alignment ±%.3f ms per window edge (half the round trip) "
                                + "→ ±%.3g J", Double(residual) / 1e6, joules))
        }
        return notes
    }
}
