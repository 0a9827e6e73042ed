import Foundation
import EcobenchCollect

/// Several node energy sources asked in order, one reading kept per node by the one rule
/// (`laterReplaces`) that the Kubernetes runner applies too: the first source's reading stands,
/// except that a measured reading replaces an earlier estimate (a VM node's hypervisor share over
/// its in-VM estimate) and any reading with samples replaces one without (coverage 0). Two
/// readings of one node are never added; the one not kept is named in the kept one's notes.
public struct RankedNodeEnergySource: NodeEnergySource {
    public var sources: [any NodeEnergySource]

    public init(_ sources: [any NodeEnergySource]) { self.sources = sources }

    public var label: String { sources.map(\.label).joined(separator: ", then ") }

    /// Whether a later source's reading replaces the reading an earlier source gave for the node.
    public static func laterReplaces(earlierKind: SourceKind, earlierCoverage: Double, later: NodeEnergyReading) -> Bool {
        guard later.coverage > 0 else { return false }
        return earlierCoverage == 0 || (earlierKind == .estimated && later.kind == .measured)
    }

    public func nodeEnergy(in window: ClusterWindow) throws -> [NodeEnergyReading] {
        var kept: [String: NodeEnergyReading] = [:]
        for source in sources {
            for reading in try source.nodeEnergy(in: window) {
                guard let earlier = kept[reading.node] else {
                    kept[reading.node] = reading
                    continue
                }
                if Self.laterReplaces(earlierKind: earlier.kind, earlierCoverage: earlier.coverage, later: reading) {
                    var replacing = reading
                    replacing.notes.append(Self.other(earlier, verb: "replaces"))
                    kept[reading.node] = replacing
                } else {
                    kept[reading.node]?.notes.append(Self.other(reading, verb: "kept over"))
                }
            }
        }
        return kept.keys.sorted().compactMap { kept[$0] }
    }

    private static func other(_ reading: NodeEnergyReading, verb: String) -> String {
        "\(verb) \(reading.source): \(String(format: "%.3f", reading.energyJoules)) J (\(reading.kind.rawValue), "
            + "coverage \(String(format: "%.3f", reading.coverage)))"
    }

    public var startClockRecords: [NodeClockRecord] { sources.flatMap(\.startClockRecords) }

    public mutating func realignClocks(moment: NodeClockRecord.Moment) -> [NodeClockRecord] {
        var records: [NodeClockRecord] = []
        for index in sources.indices { records += sources[index].realignClocks(moment: moment) }
        return records
    }
}
