import Foundation

/// Node energy of Kubernetes nodes that are VMs, from the hypervisors' ecobench agents
/// (`ecobench agent --vms`) through Prometheus: the node's share of its hypervisor's measured
/// energy, `ecobench_vm_energy_joules_total{instance_uuid="<uuid>"}`, over the phase window.
///
/// `instanceUUIDs` maps each node to its OpenStack instance UUID (`spec.providerID`
/// `openstack:///<uuid>`, else `status.nodeInfo.systemUUID`). For a window the four series of
/// the chain are fetched as raw samples around it (`PrometheusNodeEnergySource.rangeQuery`) and
/// integrated by the one window integral (`SeriesWindowAmount`); the hypervisor meter's stated
/// relative uncertainty (`ecobench_vm_host_meter_relative_uncertainty`, its value at the window's
/// end) carries into the VM's share in the same proportion (`VMEnergyChain`, the reading's
/// `sourceRelative`, hence the node phase's error budget). The reading is `measured` (the
/// hypervisor's meter, split by CPU time: a model step, stated in the chain); the Kubernetes
/// runner ranks it above a node's in-VM estimate and below a node's own measured meter. A node
/// whose VM has no series in Prometheus gets no reading here (its other sources stand).
public struct HypervisorVMEnergySource: NodeEnergySource {
    public let client: PrometheusClient
    /// Node name → lowercase instance UUID.
    public var instanceUUIDs: [String: String]
    public let marginSeconds: Double

    public static let vmEnergySeries = "ecobench_vm_energy_joules_total"
    public static let vmCPUSeries = "ecobench_vm_cpu_seconds_total"
    public static let hostEnergySeries = "ecobench_vm_host_energy_joules_total"
    public static let hostMeterUncertaintySeries = "ecobench_vm_host_meter_relative_uncertainty"

    public init(client: PrometheusClient, instanceUUIDs: [String: String] = [:], marginSeconds: Double = 60) {
        self.client = client
        self.instanceUUIDs = instanceUUIDs
        self.marginSeconds = marginSeconds
    }

    public var label: String { "hypervisors via prometheus \(client.baseURL)" }

    /// The hypervisors' series fetched for one window.
    package struct Fetched {
        package var vmEnergy: [PrometheusSeries]
        package var vmCPU: [PrometheusSeries]
        package var hostEnergy: [PrometheusSeries]
        package var hostBusy: [PrometheusSeries]
        /// `ecobench_vm_host_meter_relative_uncertainty{basis}` per hypervisor (a gauge).
        package var hostMeterUncertainty: [PrometheusSeries]

        package init(vmEnergy: [PrometheusSeries], vmCPU: [PrometheusSeries] = [], hostEnergy: [PrometheusSeries] = [],
                     hostBusy: [PrometheusSeries] = [], hostMeterUncertainty: [PrometheusSeries] = []) {
            self.vmEnergy = vmEnergy
            self.vmCPU = vmCPU
            self.hostEnergy = hostEnergy
            self.hostBusy = hostBusy
            self.hostMeterUncertainty = hostMeterUncertainty
        }
    }

    public func nodeEnergy(in window: ClusterWindow) throws -> [NodeEnergyReading] {
        let uuids = Set(instanceUUIDs.values).filter(OpenStackInstanceID.isUUID).sorted()
        guard !uuids.isEmpty else { return [] }
        let start = Double(window.startUnixNanoseconds) / 1e9, end = Double(window.endUnixNanoseconds) / 1e9
        let matcher = "{instance_uuid=~\"\(uuids.joined(separator: "|"))\"}"
        let vmEnergy = try raw(Self.vmEnergySeries + matcher, start: start, end: end)
        guard !vmEnergy.isEmpty else { return [] }
        // The hypervisors' own series, only of the scrape targets the VMs' series came from.
        let hypervisors = "instance=~\"" + Set(vmEnergy.compactMap { $0.labels["instance"] }).sorted()
            .map(Self.promQLRegexLiteral).joined(separator: "|") + "\""
        let fetched = Fetched(vmEnergy: vmEnergy, vmCPU: try raw(Self.vmCPUSeries + matcher, start: start, end: end),
                              hostEnergy: try raw(Self.hostEnergySeries + "{\(hypervisors)}", start: start, end: end),
                              hostBusy: try raw("ecobench_node_cpu_seconds_total{mode=\"busy\",\(hypervisors)}",
                                                start: start, end: end),
                              hostMeterUncertainty: try raw(Self.hostMeterUncertaintySeries + "{\(hypervisors)}",
                                                            start: start, end: end))
        return readings(fetched, start: start, end: end)
    }

    /// Node → instance UUID from kube-state-metrics' `kube_node_info{node,provider_id,system_uuid}`
    /// in the same Prometheus at `atSeconds` (for `cluster-energy`, which has no Kubernetes API).
    public static func instancesFromKubeStateMetrics(_ client: PrometheusClient, atSeconds: Double) throws -> [String: String] {
        OpenStackInstanceID.instances(kubeNodeInfo: try client.query("kube_node_info", atSeconds: atSeconds))
    }

    /// A label value matched literally inside a PromQL regex string: RE2 metacharacters escaped
    /// with a backslash, then backslashes and quotes escaped for the string literal.
    package static func promQLRegexLiteral(_ value: String) -> String {
        var regex = ""
        for character in value {
            if "\\.+*?()|[]{}^$".contains(character) { regex.append("\\") }
            regex.append(character)
        }
        return regex.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    private func raw(_ selector: String, start: Double, end: Double) throws -> [PrometheusSeries] {
        let query = PrometheusNodeEnergySource.rangeQuery(selector, start: start, end: end, margin: marginSeconds)
        return try client.query(query.expression, atSeconds: query.atSeconds)
    }

    /// One reading per node whose VM has an energy series, over [start, end] (unix s). A VM seen
    /// on several hypervisors in the window (a live migration) sums their shares, one chain each.
    package func readings(_ fetched: Fetched, start: Double, end: Double) -> [NodeEnergyReading] {
        let duration = end - start
        return instanceUUIDs.keys.sorted().compactMap { node -> NodeEnergyReading? in
            guard let uuid = instanceUUIDs[node] else { return nil }
            let mine = fetched.vmEnergy.filter { $0.labels["instance_uuid"]?.lowercased() == uuid }
            var byInstance: [String: PrometheusSeries] = [:]
            var notes: [String] = []
            for series in mine {
                let instance = series.labels["instance"] ?? ""
                if byInstance[instance] != nil {
                    notes.append("\(series.selector): a second series of this VM from the same hypervisor, not added")
                    continue
                }
                byInstance[instance] = series
            }
            guard !byInstance.isEmpty else { return nil }
            var energy = 0.0
            var coverage = 0.0
            var uncertainty = NodeEnergyUncertainty()
            var chains: [VMEnergyChain] = []
            for (instance, series) in byInstance.sorted(by: { $0.key < $1.key }) {
                let amount = SeriesWindowAmount.counterIncrease(series.points, fromSeconds: start, toSeconds: end)
                energy += amount.amount
                coverage += duration > 0 ? min(1, amount.coveredSeconds / duration) : 0
                if let integral = amount.integral { uncertainty.add(integral) }
                if amount.resets > 0 {
                    notes.append("\(series.selector): \(amount.resets) counter reset(s) in the window (agent restarted), "
                                 + "counted from 0")
                }
                let chain = chain(uuid: uuid, instance: instance, series: series, amount: amount, fetched, start, end)
                notes.append(chain.summary)
                chains.append(chain)
            }
            if chains.contains(where: { $0.hostEnergyJ == nil }) {
                notes.append("no ecobench_vm_host_energy_joules_total for the hypervisor: the VM's share of its energy "
                             + "is not shown")
            }
            uncertainty.sourceRelative = Self.relativeUncertainty(of: chains)
            notes.append(Self.meterAccuracyNote(chains) + "; the split by CPU time is the hypervisor agent's model "
                         + "(its uncertainty is not quantified here)")
            return NodeEnergyReading(node: node, source: "hypervisor " + chains.map(\.hypervisor).joined(separator: "+")
                                         + " \(Self.vmEnergySeries){instance_uuid=\"\(uuid)\"} (CPU-time share of the "
                                         + "hypervisor's measured energy)",
                                     kind: .measured, energyJoules: energy, coverage: min(1, coverage), notes: notes,
                                     uncertainty: uncertainty, vmChain: chains)
        }
    }

    private func chain(uuid: String, instance: String, series: PrometheusSeries, amount: SeriesWindowAmount,
                       _ fetched: Fetched, _ start: Double, _ end: Double) -> VMEnergyChain {
        func increase(_ list: [PrometheusSeries]) -> SeriesWindowAmount? {
            guard !list.isEmpty else { return nil }
            var total = SeriesWindowAmount(amount: 0, coveredSeconds: 0, resets: 0, gaps: 0)
            var squares = 0.0
            for entry in list {
                let one = SeriesWindowAmount.counterIncrease(entry.points, fromSeconds: start, toSeconds: end)
                total.amount += one.amount
                squares += one.standardUncertainty * one.standardUncertainty
            }
            total.standardUncertainty = squares.squareRoot()
            return total
        }
        let cpu = increase(fetched.vmCPU.filter {
            $0.labels["instance_uuid"]?.lowercased() == uuid && ($0.labels["instance"] ?? "") == instance
        })
        let host = increase(fetched.hostEnergy.filter { ($0.labels["instance"] ?? "") == instance })
        let busy = increase(fetched.hostBusy.filter { ($0.labels["instance"] ?? "") == instance })
        let meter = Self.value(atEnd: end, of: fetched.hostMeterUncertainty.filter { ($0.labels["instance"] ?? "") == instance })
        return VMEnergyChain(hypervisor: PrometheusNodeLabel.host(ofInstance: instance), instanceUuid: uuid,
                             vmName: series.labels["name"], basis: series.labels["basis"],
                             idlePolicy: series.labels["idle_policy"], hostEnergyJ: host?.amount,
                             hostEnergyUncertaintyJ: host?.standardUncertainty,
                             hostMeterRelativeUncertainty: meter?.value, hostMeterUncertaintyBasis: meter?.basis,
                             vmEnergyJ: amount.amount,
                             vmEnergyUncertaintyJ: amount.standardUncertainty, vmCpuSeconds: cpu?.amount,
                             hostBusyCpuSeconds: busy?.amount)
    }

    /// A gauge's value at the window's end: the latest sample at or before `end` (the gauge of the
    /// agent that was running then), else the earliest after it; across series (a `basis` that
    /// changed) the one whose sample is latest. Nil without a finite sample.
    package static func value(atEnd end: Double, of series: [PrometheusSeries]) -> (value: Double, basis: String?)? {
        var best: (time: Double, before: Bool, value: Double, basis: String?)?
        for entry in series {
            let finite = entry.points.filter { $0.value.isFinite && $0.value >= 0 }
            let point = finite.last { $0.timeSeconds <= end } ?? finite.min { $0.timeSeconds < $1.timeSeconds }
            guard let point else { continue }
            let before = point.timeSeconds <= end
            let better = best.map { current in
                before != current.before ? before
                    : (before ? point.timeSeconds > current.time : point.timeSeconds < current.time)
            } ?? true
            if better { best = (point.timeSeconds, before, point.value, entry.labels["basis"]) }
        }
        return best.map { ($0.value, $0.basis) }
    }

    /// The reading's relative uncertainty from the meters: √Σ_h (r_h × E_vm,h)² / Σ_h E_vm,h over
    /// the hypervisors that state r (one hypervisor: its r); nil where none does.
    package static func relativeUncertainty(of chains: [VMEnergyChain]) -> Double? {
        let stating = chains.filter { $0.hostMeterRelativeUncertainty != nil }
        guard !stating.isEmpty else { return nil }
        let total = chains.reduce(0) { $0 + $1.vmEnergyJ }
        guard total != 0 else { return stating.compactMap(\.hostMeterRelativeUncertainty).max() }
        let squares = stating.reduce(0) { $0 + pow(($1.hostMeterRelativeUncertainty ?? 0) * $1.vmEnergyJ, 2) }
        return squares.squareRoot() / abs(total)
    }

    private static func meterAccuracyNote(_ chains: [VMEnergyChain]) -> String {
        chains.map { chain in
            guard let r = chain.hostMeterRelativeUncertainty else {
                return "hypervisor \(chain.hypervisor): its meter states no accuracy (no \(hostMeterUncertaintySeries)): "
                    + "the meter's part is not in this budget"
            }
            return String(format: "hypervisor %@: meter accuracy %.3g %% (%@), carried into the VM's share in the same "
                          + "proportion: u = %.3f J", chain.hypervisor, r * 100, chain.hostMeterUncertaintyBasis ?? "stated",
                          chain.vmEnergyMeterUncertaintyJ ?? 0)
        }.joined(separator: "; ")
    }
}
