/// The `vms` member of `GET /samples` on an agent run with `--vms`: the same totals as its
/// `/metrics` VM series (`ecobench_vm_*`), typed, as of the latest VM scan (`t_unix_ns`, the
/// agent's unix time of the node energy reading the scan was split at):
/// `{"t_unix_ns":…,"basis":"cpu-time-share","idle_policy":"proportional","host_idle_watts":null,
///   "host_meter":"platform: rapl.psys","host_meter_relative_uncertainty":0.02,"host_meter_uncertainty_basis":"…",
///   "host_energy_j":…,"host_processes_j":…,"unattributed_j":…,
///   "guests":[{"instance_uuid":…,"name":…,"energy_j":…,"cpu_seconds":…,"vcpus":2,"origin":"process"}]}`
/// Σ guests' energy_j + host_processes_j + unattributed_j = host_energy_j.
extension AgentWire {
    package struct VMEnergy: Codable, Equatable, Sendable {
        package struct Guest: Codable, Equatable, Sendable {
            package var instanceUUID: String
            package var name: String
            package var energyJoules: Double
            package var cpuSeconds: Double
            package var vcpus: Int?
            /// Where its CPU time was read (`VMGuestCPU.Origin`).
            package var origin: String

            package enum CodingKeys: String, CodingKey {
                case instanceUUID = "instance_uuid", name, energyJoules = "energy_j", cpuSeconds = "cpu_seconds", vcpus, origin
            }

            package init(instanceUUID: String, name: String, energyJoules: Double, cpuSeconds: Double, vcpus: Int?,
                         origin: String) {
                self.instanceUUID = instanceUUID
                self.name = name
                self.energyJoules = energyJoules
                self.cpuSeconds = cpuSeconds
                self.vcpus = vcpus
                self.origin = origin
            }
        }

        package var timeUnixNanoseconds: Int64
        package var basis: String
        package var idlePolicy: String
        /// The host's idle power the operator stated (assumed), for none and reserved; nil otherwise.
        package var hostIdleWatts: Double?
        /// The node energy channels split (e.g. "platform: rapl.psys").
        package var hostMeter: String
        /// The host meter's stated relative standard uncertainty (`NodeEnergySelection`); nil
        /// (absent) where it states none, as RAPL. `/metrics`: `ecobench_vm_host_meter_relative_uncertainty`.
        package var hostMeterRelativeUncertainty: Double?
        /// Where that figure comes from (`NodeEnergySelection.uncertaintyBasis`, else its method).
        package var hostMeterUncertaintyBasis: String?
        package var hostEnergyJoules: Double
        package var hostProcessesJoules: Double
        package var unattributedJoules: Double
        package var guests: [Guest]

        package enum CodingKeys: String, CodingKey {
            case timeUnixNanoseconds = "t_unix_ns", basis, idlePolicy = "idle_policy", hostIdleWatts = "host_idle_watts",
                 hostMeter = "host_meter",
                 hostMeterRelativeUncertainty = "host_meter_relative_uncertainty",
                 hostMeterUncertaintyBasis = "host_meter_uncertainty_basis", hostEnergyJoules = "host_energy_j", hostProcessesJoules = "host_processes_j",
                 unattributedJoules = "unattributed_j", guests
        }

        package init(timeUnixNanoseconds: Int64, basis: String, idlePolicy: String, hostIdleWatts: Double?, hostMeter: String,
                     hostMeterRelativeUncertainty: Double? = nil, hostMeterUncertaintyBasis: String? = nil,
                     hostEnergyJoules: Double, hostProcessesJoules: Double, unattributedJoules: Double, guests: [Guest]) {
            self.hostMeterRelativeUncertainty = hostMeterRelativeUncertainty
            self.hostMeterUncertaintyBasis = hostMeterUncertaintyBasis
            self.timeUnixNanoseconds = timeUnixNanoseconds
            self.basis = basis
            self.idlePolicy = idlePolicy
            self.hostIdleWatts = hostIdleWatts
            self.hostMeter = hostMeter
            self.hostEnergyJoules = hostEnergyJoules
            self.hostProcessesJoules = hostProcessesJoules
            self.unattributedJoules = unattributedJoules
            self.guests = guests
        }
    }
}
