/// Which energy channels make up the node's energy, chosen so nothing is counted twice, from
/// the best coverage down (issue: wall/PSU > platform psys > package + DRAM > estimate):
/// 1. `wall`: a meter at the power inlet (BMC chassis, IPMI DCMI), one provider's channels;
/// 2. `platform`: RAPL psys;
/// 3. `cpu+dram`: every RAPL package plus every DRAM zone (core/uncore lie inside their
///    package), plus GPUs;
/// 4. `host-attribution`: a VM's share of its hypervisor's meter, handed in as a VM energy tree;
/// 5. `estimate`: the CPU power model, plus GPUs.
/// `candidates` lists every method the channels allow, best first; the report shows them all.
public struct NodeEnergySelection: Sendable, Equatable {
    public enum Rank: String, Codable, Sendable {
        case wall, platform, cpuDram = "cpu+dram", hostAttribution = "host-attribution", estimate
    }

    public var rank: Rank
    public var channels: [String]
    public var kind: SourceKind
    public var method: String
    public var relativeUncertainty: Double?
    /// Where `relativeUncertainty` comes from: the `uncertaintyBasis` of the channel that states
    /// the largest one (nil where that channel names none).
    public var uncertaintyBasis: String? = nil

    public static func choose(from sources: [SourceDescriptor]) -> NodeEnergySelection? {
        candidates(from: sources).first
    }

    public static func candidates(from sources: [SourceDescriptor]) -> [NodeEnergySelection] {
        let energy = sources.filter { $0.unit == "J" && $0.semantics == .counter && $0.energyRole != nil }
        func with(_ role: EnergyRole) -> [SourceDescriptor] { energy.filter { $0.energyRole == role } }
        let gpus = with(.gpu)
        var out: [NodeEnergySelection] = []
        // Each provider of wall power (redfish.<host>…, ipmi…) is one candidate: they measure the same thing.
        var providers: [String] = []
        for source in with(.wall) {
            let provider = providerKey(source.name)
            if !providers.contains(provider) { providers.append(provider) }
        }
        for provider in providers {
            let parts = with(.wall).filter { providerKey($0.name) == provider }
            out.append(make(.wall, parts, "wall meter"))
        }
        let platform = with(.platform)
        if !platform.isEmpty { out.append(make(.platform, platform, "platform meter")) }
        let cpuAndMemory = energy.filter { $0.energyRole == .package || $0.energyRole == .dram }
        if !cpuAndMemory.isEmpty {
            out.append(make(.cpuDram, cpuAndMemory + gpus, cpuDramLabel(cpuAndMemory, gpus: !gpus.isEmpty)))
        }
        // A VM's share of its hypervisor's meter (a VM energy tree): the whole VM, used alone
        // (a passed-through GPU is not added: a host wall meter already counts it).
        let hosted = with(.hostAttribution)
        if !hosted.isEmpty {
            var selection = make(.hostAttribution, hosted, "host attribution")
            if selection.kind == .measured {  // an estimated one already says what it is (make)
                selection.method += " (" + hosted.map { $0.model ?? $0.path }.joined(separator: "; ") + ")"
            }
            out.append(selection)
        }
        if let estimate = with(.cpuEstimate).first {
            var selection = make(.estimate, [estimate] + gpus, "estimate")
            selection.method = "estimate: " + (estimate.model ?? estimate.name)
                + (gpus.isEmpty ? "" : " + measured GPUs: " + gpus.map(\.name).joined(separator: " + "))
            out.append(selection)
        }
        return out
    }

    /// One wall meter: a Redfish chassis is its own node, named with the BMC's full host and
    /// port (`redfish.127.0.0.1:18611.Blade1.energy` → `redfish.127.0.0.1:18611.Blade1`: two
    /// BMCs on one address, or two chassis behind one BMC, are never summed);
    /// `ipmi.dcmi.energy` → `ipmi`.
    package static func providerKey(_ name: String) -> String {
        if name.hasPrefix("redfish.") {
            return name.hasSuffix(".energy") ? String(name.dropLast(".energy".count)) : name
        }
        return name.split(separator: ".").first.map(String.init) ?? name
    }

    /// Says what is summed: AMD (and any machine without a DRAM zone) has packages only.
    package static func cpuDramLabel(_ parts: [SourceDescriptor], gpus: Bool) -> String {
        var terms = ["packages"]
        if parts.contains(where: { $0.energyRole == .dram }) { terms.append("DRAM") }
        if gpus { terms.append("GPUs") }
        let list = terms.count == 1 ? terms[0]
            : terms.dropLast().joined(separator: ", ") + " and " + (terms.last ?? "")
        return "sum of RAPL " + list
    }

    package static func make(_ rank: Rank, _ parts: [SourceDescriptor], _ label: String) -> NodeEnergySelection {
        let names = parts.map(\.name)
        let estimates = parts.filter { $0.kind == .estimated }
        var method = label + ": " + names.joined(separator: " + ")
        // A "meter" whose readings are estimates (a remote node's agent without a meter) says so.
        if !estimates.isEmpty && rank != .estimate {
            method += " (estimated: " + estimates.map { $0.model ?? $0.path }.joined(separator: "; ") + ")"
        }
        // The largest stated relative uncertainty is applied to the whole sum (on the safe side).
        let stating = parts.filter { $0.relativeUncertainty != nil }
            .max { ($0.relativeUncertainty ?? 0) < ($1.relativeUncertainty ?? 0) }
        return NodeEnergySelection(rank: rank, channels: names, kind: estimates.isEmpty ? .measured : .estimated,
                                   method: method, relativeUncertainty: stating?.relativeUncertainty,
                                   uncertaintyBasis: stating?.uncertaintyBasis)
    }
}
