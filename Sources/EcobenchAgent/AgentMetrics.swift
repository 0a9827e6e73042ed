import Foundation
import EcobenchCollect
import EcobenchAttribute
import EcobenchCluster

/// What `GET /metrics` shows: node energy and CPU time per channel, per-pod CPU time (when the
/// agent looks for pods), node bytes moved, the buffer's size and losses, and the agent's own
/// identity and cost. Energy series carry `role` (what the channel covers: `wall`, `platform`,
/// `package`, `dram`, `subzone`, `cpuEstimate`, `gpu`) so a Prometheus reader can rank them
/// the way `run` ranks local sources without double counting. Each node energy channel also has
/// its unreadable readings and their uncovered time (`AgentUnreadableCounters`), which its flat
/// energy counter cannot show, and the same readings by the category of their cause
/// (`ecobench_agent_unreadable_readings_total{channel, cause}`, every category shown from 0 so a
/// scraper sees the first step), which the Prometheus path names in its notes.
package enum AgentMetrics {
    package static func render(into registry: AgentMetricsRegistry,
                               channels: [SourceDescriptor], current: (timeUnixNanoseconds: Int64, values: [Double]),
                               buffer: AgentBuffer, samplerCPUSeconds: Double, version: String,
                               unreadable: [String: AgentUnreadableCounters.Totals] = [:],
                               pods: [PodCgroupCPU]? = nil, podEnergy: (split: PodEnergySplit, basis: String)? = nil,
                               vms: AgentVMs.Snapshot? = nil, vmIdlePolicy: String = "",
                               vmHostMeter: NodeEnergySelection? = nil) -> String {
        registry.render { out in
            fill(out, channels: channels, current: current, buffer: buffer, samplerCPUSeconds: samplerCPUSeconds,
                 version: version, unreadable: unreadable, pods: pods, podEnergy: podEnergy)
            // The meter the collector splits (chosen once, when the collector was made).
            if let vms { fillVMs(out, vms, idlePolicy: vmIdlePolicy, hostMeter: vmHostMeter) }
        }
    }

    /// A node energy channel: a counter of joules for the whole node.
    package static func isNodeEnergy(_ channel: SourceDescriptor) -> Bool {
        channel.unit == "J" && channel.semantics == .counter && channel.scope == .node
    }

    package enum Kind { case counter, gauge }

    /// Every family's type and help text (swift-prometheus wants one help text per name).
    package static let families: [String: (kind: Kind, help: String)] = [
        "ecobench_node_energy_joules_total": (.counter, "Node energy per source since the agent's buffer was created, in joules."),
        "ecobench_node_energy_unreadable_readings_total": (.counter, "Readings of a node energy source the agent could not take (a counter reset, a vanished zone), counted when the next reading arrives, since the agent started."),
        "ecobench_node_energy_uncovered_seconds_total": (.counter, "Time between the readings around a node energy source's unreadable readings, counted 0 J by its energy counter, since the agent started, in seconds."),
        "ecobench_agent_unreadable_readings_total": (.counter, "Readings of a node energy source the agent could not take, by the cause's category (permission_denied, vanished, parse_error, reset, other), counted with the unreadable readings total, since the agent started."),
        "ecobench_node_cpu_seconds_total": (.counter, "Node CPU time by mode (busy = all but idle and iowait; total = all) in seconds."),
        "ecobench_pod_cpu_seconds_total": (.counter, "CPU time of each Kubernetes pod's cgroup since the pod started, in seconds."),
        "ecobench_pod_energy_joules_total": (.counter, "Node energy attributed to each present pod by CPU time between pod scans, in joules (continued across agent restarts)."),
        "ecobench_pod_unattributed_energy_joules_total": (.counter, "Node energy between pod scans that no pod's CPU time accounts for, in joules."),
        "ecobench_pod_energy_split_clamped_intervals_total": (.counter, "Pod scan intervals whose CPU-time split was clamped, by reason (consumers_above_busy: the pods' CPU was the denominator; no_busy_cpu: nothing given to pods), since the agent started."),
        "ecobench_vm_energy_joules_total": (.counter, "Host energy attributed to each present QEMU/KVM guest by the CPU time of its whole QEMU process, idle per idle_policy, in joules (continued across agent restarts)."),
        "ecobench_vm_cpu_seconds_total": (.counter, "CPU time of each QEMU/KVM guest's whole QEMU process (vCPU, emulator and I/O threads) since it started, in seconds."),
        "ecobench_vm_host_energy_joules_total": (.counter, "Host energy over the VM scan intervals split between guests, host processes and nobody, in joules."),
        "ecobench_vm_host_processes_energy_joules_total": (.counter, "Host energy attributed to the host's own processes (busy CPU in no guest), in joules."),
        "ecobench_vm_unattributed_joules_total": (.counter, "Host energy given to nobody (idle energy not attributed under the idle policy, intervals without busy CPU), in joules."),
        "ecobench_vm_scan_timestamp_seconds": (.gauge, "Unix time of the node energy reading the VM series were last split at (the tick before the latest VM scan), in seconds."),
        "ecobench_vm_host_meter_relative_uncertainty": (.gauge, "Relative standard uncertainty the host meter split between the VMs states (label basis: where it comes from); absent when the meter states none."),
        "ecobench_node_bytes_total": (.counter, "Bytes moved by the node per source (disk read/written, network received/sent)."),
        "ecobench_buffer_samples": (.gauge, "Samples held in the agent's local buffer."),
        "ecobench_buffer_max_samples": (.gauge, "Samples the buffer keeps at most."),
        "ecobench_buffer_dropped_samples_total": (.counter, "Oldest samples dropped because the buffer was full."),
        "ecobench_agent_last_sample_timestamp_seconds": (.gauge, "Unix time of the latest sample the agent took, in seconds."),
        "ecobench_agent_sampler_cpu_seconds_total": (.counter, "CPU time the agent's sampling thread used since it started, in seconds."),
        "ecobench_agent_info": (.gauge, "The agent's version; always 1.")
    ]

    static func sample(_ out: AgentMetricsRegistry, _ name: String, labels: [(String, String)] = [],
                               value: Double) {
        let family = families[name] ?? (.gauge, "")
        switch family.kind {
        case .counter: out.counter(name, labels: labels, help: family.help, value: value)
        case .gauge: out.gauge(name, labels: labels, help: family.help, value: value)
        }
    }

    private static func fill(_ out: AgentMetricsRegistry, channels: [SourceDescriptor],
                             current: (timeUnixNanoseconds: Int64, values: [Double]),
                             buffer: AgentBuffer, samplerCPUSeconds: Double, version: String,
                             unreadable: [String: AgentUnreadableCounters.Totals], pods: [PodCgroupCPU]?, podEnergy: (split: PodEnergySplit, basis: String)?) {
        let values = current.values
        let indexed = channels.enumerated().filter { $0.offset < values.count }

        let energy = indexed.filter { isNodeEnergy($0.element) }
        for (j, channel) in energy where values[j].isFinite {
            sample(out, "ecobench_node_energy_joules_total",
                       labels: [("source", channel.name), ("kind", channel.kind.rawValue)]
                           + (channel.energyRole.map { [("role", $0.rawValue)] } ?? []), value: values[j])
        }
        for (_, channel) in energy {
            let totals = unreadable[channel.name] ?? AgentUnreadableCounters.Totals()
            sample(out, "ecobench_node_energy_unreadable_readings_total", labels: [("source", channel.name)],
                   value: Double(totals.readings))
            sample(out, "ecobench_node_energy_uncovered_seconds_total", labels: [("source", channel.name)],
                   value: totals.uncoveredSeconds)
            for cause in PrometheusUnreadableCause.allCases {
                sample(out, "ecobench_agent_unreadable_readings_total",
                       labels: [("channel", channel.name), ("cause", cause.rawValue)], value: Double(totals.byCause[cause] ?? 0))
            }
        }
        for (j, channel) in indexed where values[j].isFinite {
            guard channel.scope == .node, channel.name.hasPrefix("node.cpu."), channel.name.hasSuffix("_seconds") else {
                continue
            }
            let mode = channel.name.dropFirst("node.cpu.".count).dropLast("_seconds".count)
            sample(out, "ecobench_node_cpu_seconds_total", labels: [("mode", String(mode))], value: values[j])
        }

        if let pods {
            for pod in pods {
                sample(out, "ecobench_pod_cpu_seconds_total", labels: [("pod_uid", pod.podUID), ("qos", pod.qos)],
                           value: pod.cpuSeconds)
            }
        }

        if let podEnergy {
            let basis = ("basis", podEnergy.basis)
            let present = Set((pods ?? []).map(\.podUID))
            for (uid, joules) in podEnergy.split.podEnergyJoules.sorted(by: { $0.key < $1.key }) where present.contains(uid) {
                sample(out, "ecobench_pod_energy_joules_total", labels: [("pod_uid", uid), basis], value: joules)
            }
            sample(out, "ecobench_pod_unattributed_energy_joules_total", labels: [basis],
                       value: podEnergy.split.unattributedJoules)
            for clamp in CPUShareSplit.Clamp.allCases {
                sample(out, "ecobench_pod_energy_split_clamped_intervals_total", labels: [("reason", clamp.rawValue)],
                       value: Double(podEnergy.split.clampedIntervals[clamp] ?? 0))
            }
        }

        let bytes = indexed.filter { $0.element.unit == "B" && $0.element.semantics == .counter && $0.element.scope == .node }
        for (j, channel) in bytes where values[j].isFinite {
            sample(out, "ecobench_node_bytes_total", labels: [("source", channel.name)], value: values[j])
        }
        sample(out, "ecobench_buffer_samples", value: Double(buffer.sampleCount))
        sample(out, "ecobench_buffer_max_samples", value: Double(buffer.maxSamples))
        sample(out, "ecobench_buffer_dropped_samples_total", value: Double(buffer.droppedSamples))
        sample(out, "ecobench_agent_last_sample_timestamp_seconds", value: Double(current.timeUnixNanoseconds) / 1e9)
        sample(out, "ecobench_agent_sampler_cpu_seconds_total", value: samplerCPUSeconds)
        sample(out, "ecobench_agent_info", labels: [("version", version)], value: 1)
    }
}
