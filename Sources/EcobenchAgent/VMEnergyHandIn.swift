import EcobenchCollect

/// Hands each guest's attributed energy into its VM energy tree (`ecobench agent --vms
/// --vm-energy-dir DIR`, docs/vm-energy.md): after every VM scan, the same cumulative joules as
/// `ecobench_vm_energy_joules_total`, with the host meter's provenance (its channels, method,
/// kind and stated uncertainty, the idle policy, this agent's version and when it wrote).
public struct VMEnergyHandIn: Sendable {
    public let tree: VMEnergyTree
    public let agentVersion: String
    /// How often the tree is rewritten: the VM scan interval (a guest's reading is at most this old).
    public let writeIntervalSeconds: Double

    public init(tree: VMEnergyTree, agentVersion: String, writeIntervalSeconds: Double) {
        self.tree = tree
        self.agentVersion = agentVersion
        self.writeIntervalSeconds = writeIntervalSeconds
    }

    /// Writes every guest of `snapshot` (a guest counts from its second scan: 0 J at its first).
    public func write(_ snapshot: AgentVMs.Snapshot, idlePolicy: String, hostMeter: NodeEnergySelection) throws {
        let meter = VMEnergyProvenance.HostMeter(channels: hostMeter.channels, source: hostMeter.method,
                                                 kind: hostMeter.kind.rawValue)
        let entries = snapshot.guests.map { guest in
            VMEnergyTree.Entry(
                instanceUUID: guest.instanceUUID, name: guest.name,
                cumulativeJoules: snapshot.split.consumerJoules[guest.instanceUUID] ?? 0,
                provenance: VMEnergyProvenance(instanceUUID: guest.instanceUUID, name: guest.name, hostMeter: meter,
                                               idlePolicy: idlePolicy, hostRelativeUncertainty: hostMeter.relativeUncertainty,
                                               hostUncertaintyBasis: hostMeter.uncertaintyBasis, agentVersion: agentVersion,
                                               updatedUnixNs: snapshot.timeUnixNanoseconds,
                                               writeIntervalS: writeIntervalSeconds))
        }
        try tree.write(entries)
    }
}
