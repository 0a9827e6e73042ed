/// Drift for every path that reads agents (local runs, the Kubernetes target): one operation
/// measures every agent's clock again and keeps it as its latest alignment, so the windows asked
/// next use the offset interpolated between the start and now (`ClockDrift`).
extension AgentNodeEnergySource {
    /// Every agent's start alignment, as records for the run.
    public var startClockRecords: [NodeClockRecord] { nodes.map(\.startRecord) }

    /// Measures every agent's clock now (`AgentNode.realign`). Returns one record per agent,
    /// stamped `moment`: the alignment, or the error of an agent that did not answer (its
    /// previous latest alignment is kept, so its windows still drift by what was measured before).
    public mutating func realignClocks(moment: NodeClockRecord.Moment) -> [NodeClockRecord] {
        var records: [NodeClockRecord] = []
        for index in nodes.indices {
            let node = nodes[index]
            do throws(AgentClientError) {
                let now = try nodes[index].realign()
                records.append(NodeClockRecord(node: node.name, url: node.url, moment: moment, alignment: now, error: nil))
            } catch {
                records.append(NodeClockRecord(node: node.name, url: node.url, moment: moment, alignment: nil,
                                               error: error.description))
            }
        }
        return records
    }

    /// A flag for each agent whose clock could not be measured `when` (e.g. "after the run"):
    /// its windows keep the offset drift measured before (at worst the start offset alone).
    public static func realignmentFailureNotes(_ records: [NodeClockRecord], when: String) -> [String] {
        records.compactMap { record in
            record.error.map { "flag: agent \(record.node): clock not measured \(when): \($0); its windows keep the "
                                + "last alignment" }
        }
    }
}
