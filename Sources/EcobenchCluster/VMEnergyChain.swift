/// How a Kubernetes node that is a VM got its energy from the hypervisor it ran on, for one
/// phase window (Reports/README.md, "Nodes that are VMs"): the hypervisor's measured energy
/// (`ecobench_vm_host_energy_joules_total`) → this VM's share of it, split by CPU time by the
/// hypervisor's agent (`ecobench_vm_energy_joules_total`, with the VM's CPU time
/// `ecobench_vm_cpu_seconds_total` against the host's busy CPU `ecobench_node_cpu_seconds_total{mode="busy"}`)
/// → the node's pods (the cluster attribution). Every figure is a window integral of the
/// hypervisor agent's series (`SeriesWindowAmount`), with its standard uncertainty.
public struct VMEnergyChain: Sendable, Equatable, Codable {
    /// The hypervisor: the `instance` label of its agent's series, without the port.
    public var hypervisor: String
    /// The OpenStack instance UUID (lowercase) the node was matched by.
    public var instanceUuid: String
    /// The guest's name on the hypervisor (label `name`).
    public var vmName: String?
    /// How the hypervisor's agent split its energy (label `basis`, `cpu-time-share`).
    public var basis: String?
    /// Who carries the hypervisor's idle energy (label `idle_policy`: none, proportional, reserved).
    public var idlePolicy: String?
    /// Step 1, the hypervisor meter: its energy over the window (Σ ΔE_host its agent split), nil
    /// where Prometheus has no `ecobench_vm_host_energy_joules_total` for it.
    public var hostEnergyJ: Double?
    /// Standard uncertainty of `hostEnergyJ` from the window integral (edges, gaps).
    public var hostEnergyUncertaintyJ: Double?
    /// The hypervisor meter's stated relative standard uncertainty, r: its agent's gauge
    /// `ecobench_vm_host_meter_relative_uncertainty` at the window's end; nil where the meter
    /// states none (RAPL) or the agent exports no gauge.
    public var hostMeterRelativeUncertainty: Double?
    /// Where r comes from (the gauge's `basis` label, e.g. a Redfish Sensor's Accuracy).
    public var hostMeterUncertaintyBasis: String?
    /// `hostEnergyJ`'s combined standard uncertainty: window integral ⊕ r × hostEnergyJ.
    public var hostEnergyCombinedUncertaintyJ: Double?
    /// Step 2, the VM's share: the energy the hypervisor's agent attributed to this VM.
    public var vmEnergyJ: Double
    /// Standard uncertainty of `vmEnergyJ` from the window integral (edges, gaps).
    public var vmEnergyUncertaintyJ: Double
    /// The meter's part of `vmEnergyJ`'s uncertainty, r × vmEnergyJ (a share of a measured total
    /// carries the total's relative error in the same proportion); nil where r is not stated.
    public var vmEnergyMeterUncertaintyJ: Double?
    /// `vmEnergyJ`'s combined standard uncertainty: √(window² + (r × vmEnergyJ)²); the window
    /// integral's part alone where r is not stated. (Optional only so older reports decode.)
    public var vmEnergyCombinedUncertaintyJ: Double?
    /// `vmEnergyJ / hostEnergyJ`.
    public var energyShare: Double?
    /// The VM's CPU seconds on the hypervisor (QEMU process: vCPU, emulator and I/O threads).
    public var vmCpuSeconds: Double?
    /// The hypervisor's busy CPU seconds (its agent's `/proc/stat` busy time).
    public var hostBusyCpuSeconds: Double?
    /// `vmCpuSeconds / hostBusyCpuSeconds`: the VM's CPU share of the host.
    public var cpuShare: Double?

    public init(hypervisor: String, instanceUuid: String, vmName: String? = nil, basis: String? = nil,
                idlePolicy: String? = nil, hostEnergyJ: Double? = nil, hostEnergyUncertaintyJ: Double? = nil,
                hostMeterRelativeUncertainty: Double? = nil, hostMeterUncertaintyBasis: String? = nil,
                vmEnergyJ: Double, vmEnergyUncertaintyJ: Double,
                vmCpuSeconds: Double? = nil, hostBusyCpuSeconds: Double? = nil) {
        self.hypervisor = hypervisor
        self.instanceUuid = instanceUuid
        self.vmName = vmName
        self.basis = basis
        self.idlePolicy = idlePolicy
        self.hostEnergyJ = hostEnergyJ
        self.hostEnergyUncertaintyJ = hostEnergyUncertaintyJ
        self.hostMeterRelativeUncertainty = hostMeterRelativeUncertainty
        self.hostMeterUncertaintyBasis = hostMeterUncertaintyBasis
        hostEnergyCombinedUncertaintyJ = hostEnergyJ.map {
            Self.combinedUncertainty(windowJ: hostEnergyUncertaintyJ ?? 0, relative: hostMeterRelativeUncertainty, energyJ: $0)
        }
        vmEnergyMeterUncertaintyJ = hostMeterRelativeUncertainty.map { $0 * abs(vmEnergyJ) }
        vmEnergyCombinedUncertaintyJ = Self.combinedUncertainty(windowJ: vmEnergyUncertaintyJ,
                                                                relative: hostMeterRelativeUncertainty, energyJ: vmEnergyJ)
        self.vmEnergyJ = vmEnergyJ
        self.vmEnergyUncertaintyJ = vmEnergyUncertaintyJ
        self.vmCpuSeconds = vmCpuSeconds
        self.hostBusyCpuSeconds = hostBusyCpuSeconds
        energyShare = hostEnergyJ.flatMap { $0 > 0 ? vmEnergyJ / $0 : nil }
        cpuShare = vmCpuSeconds.flatMap { cpu in hostBusyCpuSeconds.flatMap { $0 > 0 ? cpu / $0 : nil } }
    }

    /// A chain figure's standard uncertainty: the window integral's part and the meter's relative
    /// part × the figure, independent, in quadrature: u = √(u_window² + (r × E)²).
    public static func combinedUncertainty(windowJ: Double, relative: Double?, energyJ: Double) -> Double {
        let meter = (relative ?? 0) * abs(energyJ)
        return (windowJ * windowJ + meter * meter).squareRoot()
    }

    /// One line for notes: "measured on hypervisor h (12.0 J), attributed to VM n (uuid) by CPU
    /// time (proportional): 4.0 J ± 0.1 J = 33.3 % of the host's energy, CPU 40.0 % of its busy CPU".
    public var summary: String {
        var text = "measured on hypervisor \(hypervisor)"
        if let hostEnergyJ { text += String(format: " (%.3f J)", hostEnergyJ) }
        text += ", attributed to VM \(vmName ?? "?") (\(instanceUuid)) by " + (basis ?? "cpu-time-share")
        if let idlePolicy { text += " (idle policy \(idlePolicy))" }
        text += String(format: ": %.3f J", vmEnergyJ)
        if let vmEnergyCombinedUncertaintyJ { text += String(format: " ± %.3f J", vmEnergyCombinedUncertaintyJ) }
        if let energyShare { text += String(format: " = %.1f %% of the host's energy", energyShare * 100) }
        if let cpuShare { text += String(format: ", CPU %.1f %% of its busy CPU", cpuShare * 100) }
        return text
    }
}
