import Foundation
import EcobenchCollect
import EcobenchStore

/// One clock alignment of one agent, at the start or the end of a run; `alignment` is nil
/// (and `error` says why) when the agent did not answer.
public struct NodeClockRecord: Sendable, Equatable {
    public enum Moment: String, Sendable { case start, end }

    public var node: String
    public var url: String
    public var moment: Moment
    public var alignment: ClockAlignment?
    public var error: String?

    public init(node: String, url: String, moment: Moment, alignment: ClockAlignment?, error: String?) {
        self.node = node
        self.url = url
        self.moment = moment
        self.alignment = alignment
        self.error = error
    }
}

extension RunStore {
    /// Stores clock alignments (migration 6, table `node_clocks`); a later one for the same
    /// node and moment replaces the earlier.
    public func insertNodeClocks(runID: Int64, _ records: [NodeClockRecord]) throws {
        guard !records.isEmpty else { return }
        try locked {
            try db.transaction {
                let insert = try db.prepare("""
                    INSERT OR REPLACE INTO node_clocks(run_id, node, url, moment, offset_ns, rtt_ns, rounds, error)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for r in records {
                    try insert.run([.integer(runID), .text(r.node), .text(r.url), .text(r.moment.rawValue),
                                    .optional(r.alignment?.offsetNanoseconds), .optional(r.alignment?.roundTripNanoseconds),
                                    .optional(r.alignment.map { Int64($0.rounds) }), .optional(r.error)])
                }
            }
        }
    }

    public func nodeClocks(runID: Int64) throws -> [NodeClockRecord] {
        try locked {
            var out: [NodeClockRecord] = []
            try db.prepare("""
                SELECT node, url, moment, offset_ns, rtt_ns, rounds, error FROM node_clocks WHERE run_id = ?
                ORDER BY node, moment DESC
                """).query([.integer(runID)]) { row in
                var alignment: ClockAlignment?
                if let offset = row.optionalInt64(3), let rtt = row.optionalInt64(4) {
                    alignment = ClockAlignment(offsetNanoseconds: offset, roundTripNanoseconds: rtt,
                                               rounds: Int(row.optionalInt64(5) ?? 1))
                }
                out.append(NodeClockRecord(node: row.string(0) ?? "", url: row.string(1) ?? "",
                                           moment: NodeClockRecord.Moment(rawValue: row.string(2) ?? "") ?? .start,
                                           alignment: alignment, error: row.string(6)))
            }
            return out
        }
    }

    /// Stores each agent node's energy per phase window (migration 6, table `node_energy`).
    public func insertNodeEnergy(runID: Int64, _ readings: [AgentWindowReading]) throws {
        guard !readings.isEmpty else { return }
        try locked {
            try db.transaction {
                let insert = try db.prepare("""
                    INSERT OR REPLACE INTO node_energy(run_id, node, repetition, phase, start_unix_ns, end_unix_ns,
                      source, kind, energy_j, coverage, busy_cpu_s, notes_json, edge_u_j, gap_u_j, clock_residual_ms,
                      source_relative_u) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for r in readings {
                    let notes = (try? JSONEncoder().encode(r.energy.notes)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
                    try insert.run([.integer(runID), .text(r.energy.node), .int(r.window.repetition), .text(r.window.phase),
                                    .integer(r.window.startUnixNanoseconds), .integer(r.window.endUnixNanoseconds),
                                    .text(r.energy.source), .text(r.energy.kind.rawValue), .real(r.energy.energyJoules),
                                    .real(r.energy.coverage), .optional(r.busyCPUSeconds), .text(notes),
                                    .optional(r.energy.uncertainty?.edgeJ), .optional(r.energy.uncertainty?.gapJ),
                                    .optional(r.energy.uncertainty?.clockResidualMs),
                                    .optional(r.energy.uncertainty?.sourceRelative)])
                }
            }
        }
    }

    public func nodeEnergy(runID: Int64) throws -> [AgentWindowReading] {
        try locked {
            var out: [AgentWindowReading] = []
            try db.prepare("""
                SELECT node, repetition, phase, start_unix_ns, end_unix_ns, source, kind, energy_j, coverage,
                  busy_cpu_s, notes_json, edge_u_j, gap_u_j, clock_residual_ms, source_relative_u
                  FROM node_energy WHERE run_id = ? ORDER BY node, repetition, start_unix_ns
                """).query([.integer(runID)]) { row in
                let notes = (try? JSONDecoder().decode([String].self, from: Data((row.string(10) ?? "[]").utf8))) ?? []
                let window = ClusterWindow(phase: row.string(2) ?? "", repetition: Int(row.int64(1)),
                                           startUnixNanoseconds: row.int64(3), endUnixNanoseconds: row.int64(4))
                let energy = NodeEnergyReading(node: row.string(0) ?? "", source: row.string(5) ?? "",
                                               kind: SourceKind(rawValue: row.string(6) ?? "") ?? .estimated,
                                               energyJoules: row.double(7), coverage: row.double(8), notes: notes,
                                               uncertainty: Self.nodeEnergyUncertainty(row))
                out.append(AgentWindowReading(window: window, energy: energy, busyCPUSeconds: row.optionalDouble(9)))
            }
            return out
        }
    }

    /// Columns 11…14 of a `node_energy` row; nil for rows written before migration 8.
    package static func nodeEnergyUncertainty(_ row: SQLiteStatement) -> NodeEnergyUncertainty? {
        guard let edge = row.optionalDouble(11), let gap = row.optionalDouble(12) else { return nil }
        return NodeEnergyUncertainty(edgeJ: edge, gapJ: gap, clockResidualMs: row.optionalDouble(13) ?? 0,
                                     sourceRelative: row.optionalDouble(14))
    }
}
