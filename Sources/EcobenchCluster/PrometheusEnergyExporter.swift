import EcobenchCollect

/// The exporters whose series `PrometheusNodeEnergySource` reads, in the order that breaks ties
/// between equally good candidates, and how each one's series become energy channels.
///
/// | exporter | series | channels |
/// |---|---|---|
/// | `agent` | `ecobench_node_energy_joules_total{source,kind,role}` | one per `source`; role from the `role` label (older agents: from the source name) |
/// | `kepler` (0.10+, 2025 rewrite) | `kepler_node_cpu_joules_total{zone}` | `zone` `psys` → platform, `package*` → package, `dram` → dram; core/uncore never summed |
/// | `kepler-0.7` | `kepler_node_{platform,package,dram}_joules_total{mode,source}` | `mode` dynamic + idle summed; measured only when `source` names a sensor |
/// | `node-rapl` | node-exporter `node_rapl_{psys,package,dram}_joules_total{index,path}` | one per zone |
/// | `hwmon` | node-exporter `node_hwmon_energy_joule_total`, else `node_hwmon_power_average_watt`, else `node_hwmon_power_watt`, for the chips `--prometheus-hwmon-chip` names | whole-node meter (role wall), summed over the chosen chips' sensors; watts integrated over time |
public enum PrometheusEnergyExporter: String, CaseIterable, Sendable, Codable {
    case agent
    case kepler
    case keplerLegacy = "kepler-0.7"
    case nodeRAPL = "node-rapl"
    case hwmon

    /// The range-selector expression (without the `[range]`); hwmon needs the chip regex.
    package func selector(hwmonChipRegex: String?) -> String? {
        switch self {
        case .agent: return "ecobench_node_energy_joules_total"
        case .kepler: return "kepler_node_cpu_joules_total"
        case .keplerLegacy: return "{__name__=~\"kepler_node_(platform|package|dram)_joules_total\"}"
        case .nodeRAPL: return "{__name__=~\"node_rapl_(psys|package|dram)_joules_total\"}"
        case .hwmon:
            guard let chip = hwmonChipRegex else { return nil }
            return "{__name__=~\"node_hwmon_(energy_joule_total|power_average_watt|power_watt)\",chip=~\""
                + chip.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"}"
        }
    }

    /// Kepler 0.7 `source` label values that name a sensor; anything else (`trained_power_model`,
    /// `estimator`, none) is a model's estimate — Kepler 0.7 estimates node power with a trained
    /// model where it finds no RAPL or platform meter, as on most VMs.
    package static let keplerMeasuredSources: Set<String> = ["rapl", "rapl-sysfs", "rapl-msr", "acpi", "redfish", "hwmon", "ipmi"]

    /// One node's series of this exporter as channels.
    package func channels(_ series: [PrometheusSeries]) -> [PrometheusEnergyChannel] {
        switch self {
        case .agent:
            return series.compactMap { entry in
                guard let source = entry.labels["source"] else { return nil }
                let role = entry.labels["role"].flatMap(EnergyRole.init(rawValue:)) ?? Self.agentRole(source)
                guard let role else { return nil }
                let kind: SourceKind = entry.labels["kind"] == SourceKind.measured.rawValue ? .measured : .estimated
                return PrometheusEnergyChannel(name: source, kind: kind, role: role, series: entry, isPowerGauge: false)
            }
        case .kepler:
            return series.compactMap { entry in
                guard let zone = entry.labels["zone"] else { return nil }
                let role = RAPLZone.role(forName: zone)
                return PrometheusEnergyChannel(name: entry.selector, kind: .measured, role: role, series: entry,
                                               isPowerGauge: false)
            }
        case .keplerLegacy, .nodeRAPL:
            return series.compactMap { entry in
                let name = entry.name
                let role: EnergyRole
                if name.hasSuffix("_platform_joules_total") || name.hasSuffix("_psys_joules_total") { role = .platform }
                else if name.hasSuffix("_package_joules_total") { role = .package }
                else if name.hasSuffix("_dram_joules_total") { role = .dram }
                else { return nil }
                var kind = SourceKind.measured
                if self == .keplerLegacy, !Self.keplerMeasuredSources.contains(entry.labels["source"] ?? "") { kind = .estimated }
                return PrometheusEnergyChannel(name: entry.selector, kind: kind, role: role, series: entry, isPowerGauge: false)
            }
        case .hwmon:
            return Self.hwmonChannels(series)
        }
    }

    /// Per (chip, sensor): the energy counter if there is one, else the average power, else the power.
    private static func hwmonChannels(_ series: [PrometheusSeries]) -> [PrometheusEnergyChannel] {
        let preference = ["node_hwmon_energy_joule_total", "node_hwmon_power_average_watt", "node_hwmon_power_watt"]
        var best: [String: PrometheusSeries] = [:]
        for entry in series {
            let key = (entry.labels["chip"] ?? "") + "/" + (entry.labels["sensor"] ?? "")
            let rank = preference.firstIndex(of: entry.name) ?? preference.count
            if let current = best[key], (preference.firstIndex(of: current.name) ?? preference.count) <= rank { continue }
            best[key] = entry
        }
        return best.keys.sorted().compactMap { key in
            guard let entry = best[key] else { return nil }
            return PrometheusEnergyChannel(name: "hwmon." + key.replacingOccurrences(of: "/", with: "."), kind: .measured,
                                           role: .wall, series: entry, isPowerGauge: entry.name.hasSuffix("_watt"))
        }
    }

    /// For agents older than the `role` label: the role from the channel's name, as the agent's probes name them.
    package static func agentRole(_ source: String) -> EnergyRole? {
        if source.hasPrefix("rapl.") {
            return RAPLZone.role(forName: String(source.split(separator: ".").last ?? ""))
        }
        if source.hasPrefix("estimate.") { return .cpuEstimate }
        if source.hasPrefix("nvml.") { return .gpu }
        if source.hasPrefix("ipmi.") { return .wall }
        return nil
    }
}
