import EcobenchCollect

/// The node energy by every method the sources allow, beside the one used, and the pairs that
/// disagree beyond tolerance.
///
/// Tolerances: a meter that covers more (wall ⊇ platform ⊇ CPU + DRAM) may not read less than
/// 95 % of one that covers less; two meters of the same coverage (two wall meters) must agree
/// within ±10 %. Estimates are shown with their ratio, never flagged against measurements.
public struct SourceCrossCheck: Sendable {
    public struct Alternative: Codable, Sendable {
        public var rank: NodeEnergySelection.Rank
        public var kind: SourceKind
        public var method: String
        public var channels: [String]
        public var energyJ: Double
        /// This method's energy over the selected method's.
        public var ratioToSelected: Double?
    }

    public static let lowerCoverageTolerance = 0.95
    public static let sameCoverageTolerance = 0.10

    public var alternatives: [Alternative]
    public var flags: [String]

    public static func compare(selected: NodeEnergySelection, candidates: [NodeEnergySelection],
                               windows: [PhaseWindow], series: CounterSeries) throws -> SourceCrossCheck {
        var energies: [(NodeEnergySelection, Double)] = []
        for candidate in candidates {
            var total = 0.0
            for window in windows {
                for channel in candidate.channels {
                    total += max(0, try series.delta(of: channel, from: window.startNanoseconds,
                                                     to: window.endNanoseconds) ?? 0)
                }
            }
            energies.append((candidate, total))
        }
        let selectedEnergy = energies.first { $0.0 == selected }?.1 ?? 0
        let alternatives = energies.filter { $0.0 != selected }.map { candidate, energy in
            Alternative(rank: candidate.rank, kind: candidate.kind, method: candidate.method,
                        channels: candidate.channels, energyJ: energy,
                        ratioToSelected: selectedEnergy > 0 ? energy / selectedEnergy : nil)
        }
        var flags: [String] = []
        let measured = energies.filter { $0.0.kind == .measured && $0.1 > 0 }
        for (i, (a, ea)) in measured.enumerated() {
            for (b, eb) in measured[(i + 1)...] {
                if a.rank == b.rank {
                    if abs(ea / eb - 1) > sameCoverageTolerance {
                        flags.append(String(format: "%@ and %@ measure the same thing but differ by %.0f %% (tolerance ±%.0f %%)",
                                            a.method, b.method, abs(ea / eb - 1) * 100, sameCoverageTolerance * 100))
                    }
                } else if coverage(a.rank) > coverage(b.rank), ea < lowerCoverageTolerance * eb {
                    flags.append(String(format: "%@ (%.1f J) reads %.0f %% less than %@ (%.1f J), though it covers more: check both meters",
                                        a.method, ea, (1 - ea / eb) * 100, b.method, eb))
                }
            }
        }
        return SourceCrossCheck(alternatives: alternatives, flags: flags)
    }

    package static func coverage(_ rank: NodeEnergySelection.Rank) -> Int {
        switch rank {
        case .wall: return 3
        case .platform: return 2
        case .cpuDram: return 1
        case .hostAttribution, .estimate: return 0  // a share of another machine's meter: compared with no local meter
        }
    }
}
