import Foundation

/// What `GET /metrics` shows: node energy and CPU time per channel, per-pod CPU time (when the
/// agent looks for pods), node bytes moved, the buffer's size and losses, and the agent's own
/// identity and cost. Energy series carry `role` (what the channel covers: `wall`, `platform`,
/// `package`, `dram`, `subzone`, `cpuEstimate`, `gpu`) so a Prometheus reader can rank them
/// the way `run` ranks local sources without double counting.
enum AgentMetrics {
    static func render(channels: [SourceDescriptor], current: (timeUnixNanoseconds: Int64, values: [Double]),
                       buffer: AgentBuffer, samplerCPUSeconds: Double, version: String,
                       pods: [PodCgroupCPU]? = nil, podEnergy: (split: PodEnergySplit, basis: String)? = nil) -> String {
        var out = PrometheusText()
        let values = current.values
        let indexed = channels.enumerated().filter { $0.offset < values.count }

        let energy = indexed.filter { $0.element.unit == "J" && $0.element.semantics == .counter && $0.element.scope == .node }
        out.family("ecobench_node_energy_joules_total", type: .counter,
                   help: "Node energy per source since the agent's buffer was created, in joules.")
        for (j, channel) in energy where values[j].isFinite {
            out.sample("ecobench_node_energy_joules_total",
                       labels: [("source", channel.name), ("kind", channel.kind.rawValue)]
                           + (channel.energyRole.map { [("role", $0.rawValue)] } ?? []), value: values[j])
        }

        out.family("ecobench_node_cpu_seconds_total", type: .counter,
                   help: "Node CPU time by mode (busy = all but idle and iowait; total = all) in seconds.")
        for (j, channel) in indexed where values[j].isFinite {
            guard channel.scope == .node, channel.name.hasPrefix("node.cpu."), channel.name.hasSuffix("_seconds") else {
                continue
            }
            let mode = channel.name.dropFirst("node.cpu.".count).dropLast("_seconds".count)
            out.sample("ecobench_node_cpu_seconds_total", labels: [("mode", String(mode))], value: values[j])
        }

        if let pods {
            out.family("ecobench_pod_cpu_seconds_total", type: .counter,
                       help: "CPU time of each Kubernetes pod's cgroup since the pod started, in seconds.")
            for pod in pods {
                out.sample("ecobench_pod_cpu_seconds_total", labels: [("pod_uid", pod.podUID), ("qos", pod.qos)],
                           value: pod.cpuSeconds)
            }
        }

        if let podEnergy {
            let basis = ("basis", podEnergy.basis)
            out.family("ecobench_pod_energy_joules_total", type: .counter,
                       help: "Node energy attributed to each present pod by CPU time between pod scans, in joules (continued across agent restarts).")
            let present = Set((pods ?? []).map(\.podUID))
            for (uid, joules) in podEnergy.split.podEnergyJoules.sorted(by: { $0.key < $1.key }) where present.contains(uid) {
                out.sample("ecobench_pod_energy_joules_total", labels: [("pod_uid", uid), basis], value: joules)
            }
            out.family("ecobench_pod_unattributed_energy_joules_total", type: .counter,
                       help: "Node energy between pod scans that no pod's CPU time accounts for, in joules.")
            out.sample("ecobench_pod_unattributed_energy_joules_total", labels: [basis],
                       value: podEnergy.split.unattributedJoules)
        }

        let bytes = indexed.filter { $0.element.unit == "B" && $0.element.semantics == .counter && $0.element.scope == .node }
        out.family("ecobench_node_bytes_total", type: .counter,
                   help: "Bytes moved by the node per source (disk read/written, network received/sent).")
        for (j, channel) in bytes where values[j].isFinite {
            out.sample("ecobench_node_bytes_total", labels: [("source", channel.name)], value: values[j])
        }

        out.family("ecobench_buffer_samples", type: .gauge, help: "Samples held in the agent's local buffer.")
        out.sample("ecobench_buffer_samples", value: Double(buffer.sampleCount))
        out.family("ecobench_buffer_max_samples", type: .gauge, help: "Samples the buffer keeps at most.")
        out.sample("ecobench_buffer_max_samples", value: Double(buffer.maxSamples))
        out.family("ecobench_buffer_dropped_samples_total", type: .counter,
                   help: "Oldest samples dropped because the buffer was full.")
        out.sample("ecobench_buffer_dropped_samples_total", value: Double(buffer.droppedSamples))

        out.family("ecobench_agent_last_sample_timestamp_seconds", type: .gauge,
                   help: "Unix time of the latest sample the agent took, in seconds.")
        out.sample("ecobench_agent_last_sample_timestamp_seconds", value: Double(current.timeUnixNanoseconds) / 1e9)
        out.family("ecobench_agent_sampler_cpu_seconds_total", type: .counter,
                   help: "CPU time the agent's sampling thread used since it started, in seconds.")
        out.sample("ecobench_agent_sampler_cpu_seconds_total", value: samplerCPUSeconds)
        out.family("ecobench_agent_info", type: .gauge, help: "The agent's version; always 1.")
        out.sample("ecobench_agent_info", labels: [("version", version)], value: 1)
        return out.text
    }
}
