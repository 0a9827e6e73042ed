import EcobenchCollect

/// The hypervisor agent's per-VM series (`ecobench agent --vms`), one scan's totals:
/// `ecobench_vm_energy_joules_total{instance_uuid,name,basis="cpu-time-share",idle_policy}`,
/// `ecobench_vm_cpu_seconds_total{instance_uuid,name}`, and the host's side of the split
/// (`ecobench_vm_host_energy_joules_total` = Σ guests + `…host_processes_energy_joules_total` +
/// `ecobench_vm_unattributed_joules_total`), the time of the node energy reading they were split at
/// (`ecobench_vm_scan_timestamp_seconds`: a scrape's values belong to that time, not the scrape's),
/// and the stated accuracy of the host meter they split,
/// `ecobench_vm_host_meter_relative_uncertainty{basis}` (only where the node energy selection
/// states one: RAPL states none; a Redfish sensor's Accuracy, or a host-attribution tree's
/// provenance, do), so a Prometheus reader carries it into each VM's share (`HypervisorVMEnergySource`).
extension AgentMetrics {
    static func fillVMs(_ out: AgentMetricsRegistry, _ vms: AgentVMs.Snapshot, idlePolicy: String,
                        hostMeter: NodeEnergySelection?) {
        for guest in vms.guests {
            let labels = [("instance_uuid", guest.instanceUUID), ("name", guest.name)]
            // A guest counts from its second scan: 0 J at its first.
            sample(out, "ecobench_vm_energy_joules_total",
                   labels: labels + [("basis", AgentVMs.basis), ("idle_policy", idlePolicy)],
                   value: vms.split.consumerJoules[guest.instanceUUID] ?? 0)
            sample(out, "ecobench_vm_cpu_seconds_total", labels: labels, value: guest.cpuSeconds)
        }
        if vms.timeUnixNanoseconds > 0 {
            sample(out, "ecobench_vm_scan_timestamp_seconds", value: Double(vms.timeUnixNanoseconds) / 1e9)
        }
        sample(out, "ecobench_vm_host_energy_joules_total", value: vms.split.nodeEnergyJoules)
        sample(out, "ecobench_vm_host_processes_energy_joules_total", value: vms.split.otherProcessesJoules)
        sample(out, "ecobench_vm_unattributed_joules_total", value: vms.split.unattributedJoules)
        if let hostMeter, let relative = hostMeter.relativeUncertainty {
            sample(out, "ecobench_vm_host_meter_relative_uncertainty",
                   labels: [("basis", hostMeter.uncertaintyBasis ?? hostMeter.method)], value: relative)
        }
    }
}
