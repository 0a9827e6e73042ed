import Foundation
import EcobenchCollect

/// A decoded `GET /samples` answer (possibly several pages merged): the channels once, then
/// one row per tick in the agent's unix time.
public struct AgentSamples: Sendable, Equatable {
    /// One column: name and unit always; kind, semantics and energy role when the agent
    /// sends them (agents since multi-node runs do; older ones are inferred from the name).
    public struct Channel: Sendable, Equatable {
        public var name: String
        public var unit: String
        public var kind: SourceKind
        public var semantics: SampleSemantics
        public var energyRole: EnergyRole?
        /// A polled meter's channel (Redfish, IPMI): its readings are rows of their own, at the times
        /// they were taken, so its nulls in the other rows are not readings (agents since
        /// `"polled"`; older ones: false).
        public var polled: Bool
        /// How stale a tick reading of this stepped counter can be (seconds), as the agent's
        /// sampler learned it (`staleness_bound_s`; nil from older agents and other channels).
        public var stalenessBoundSeconds: Double?

        public init(name: String, unit: String, kind: SourceKind = .measured, semantics: SampleSemantics = .counter,
                    energyRole: EnergyRole? = nil, polled: Bool = false) {
            self.polled = polled
            self.name = name
            self.unit = unit
            self.kind = kind
            self.semantics = semantics
            self.energyRole = energyRole
        }

        /// As a descriptor, so the node's channels rank like a local run's (`NodeEnergySelection`).
        public func descriptor(agentURL: String) -> SourceDescriptor {
            SourceDescriptor(name: name, kind: kind, unit: unit, semantics: semantics, scope: .node,
                             path: agentURL + "/samples", energyRole: energyRole)
        }
    }

    public struct Row: Sendable, Equatable {
        public var timeUnixNanoseconds: Int64
        public var values: [Double?]
        public init(timeUnixNanoseconds: Int64, values: [Double?]) {
            self.timeUnixNanoseconds = timeUnixNanoseconds
            self.values = values
        }
    }

    /// Why a channel had no reading from `from` (its first unreadable tick) to `to` (the next
    /// valued one; nil: not before the answer, or the agent stopped), agent unix ns (`gaps`).
    public struct Gap: Sendable, Equatable {
        public var source: String
        public var fromUnixNanoseconds: Int64
        public var toUnixNanoseconds: Int64?
        public var reason: String

        public init(source: String, fromUnixNanoseconds: Int64, toUnixNanoseconds: Int64?, reason: String) {
            self.source = source
            self.fromUnixNanoseconds = fromUnixNanoseconds
            self.toUnixNanoseconds = toUnixNanoseconds
            self.reason = reason
        }

        /// Whether a reading at `t` lies in the gap.
        public func contains(_ t: Int64) -> Bool { fromUnixNanoseconds <= t && t < (toUnixNanoseconds ?? .max) }
    }

    public var channels: [Channel]
    public var rows: [Row]
    public var truncated: Bool
    /// The causes the agent sent (empty from agents before causes, and for `/pods`).
    public var gaps: [Gap]

    public init(channels: [Channel] = [], rows: [Row] = [], truncated: Bool = false, gaps: [Gap] = []) {
        self.channels = channels
        self.rows = rows
        self.truncated = truncated
        self.gaps = gaps
    }

    /// The column of a channel, nil when the agent has no such channel.
    public func column(of name: String) -> Int? { channels.firstIndex { $0.name == name } }

    /// (time, value) of every row where the channel has a value, oldest first.
    public func points(of name: String) -> [(t: Int64, value: Double)] {
        guard let column = column(of: name) else { return [] }
        return rows.compactMap { row in
            guard column < row.values.count, let value = row.values[column] else { return nil }
            return (row.timeUnixNanoseconds, value)
        }
    }

    /// Appends a later page; its channels are matched by name (a new one adds a column), its
    /// gaps by source and start (every page carries those overlapping its range: the later
    /// answer's copy replaces the earlier).
    public mutating func append(_ page: AgentSamples) {
        if !page.gaps.isEmpty {
            var index = Dictionary(gaps.enumerated().map { ("\($1.fromUnixNanoseconds) \($1.source)", $0) },
                                   uniquingKeysWith: { _, last in last })
            for gap in page.gaps {
                let key = "\(gap.fromUnixNanoseconds) \(gap.source)"
                if let i = index[key] { gaps[i] = gap } else {
                    index[key] = gaps.count
                    gaps.append(gap)
                }
            }
        }
        var map: [Int] = []
        for channel in page.channels {
            if let index = column(of: channel.name) { map.append(index) } else {
                map.append(channels.count)
                channels.append(channel)
                for i in rows.indices { rows[i].values.append(nil) }
            }
        }
        for row in page.rows {
            var values = [Double?](repeating: nil, count: channels.count)
            for (j, value) in row.values.enumerated() where j < map.count { values[map[j]] = value }
            rows.append(Row(timeUnixNanoseconds: row.timeUnixNanoseconds, values: values))
        }
        truncated = page.truncated
    }
}
