import EcobenchCore
import Foundation

/// The table `ecobench cluster-energy` prints: one block per node, its pods, the totals.
enum ClusterEnergyPrinter {
    static func print(_ result: ClusterAttributionResult) {
        let seconds = result.window.durationSeconds
        Swift.print(String(format: "window %.3f s, idle policy %@", seconds, result.idlePolicy.rawValue))
        for node in result.nodes {
            Swift.print("")
            Swift.print("node \(node.node): \(joules(node.energyJoules)) (\(node.kind.rawValue)), "
                        + String(format: "coverage %.1f %%", node.coverage * 100))
            Swift.print("  source: \(node.source)")
            let idle = node.idlePowerWatts.map { String(format: "%.3f W", $0) } ?? "unknown"
            Swift.print("  idle power \(idle): idle \(joules(node.idleEnergyJoules)), dynamic \(joules(node.dynamicEnergyJoules))"
                        + (node.busyCPUSeconds.map { String(format: ", busy CPU %.3f s", $0) } ?? ""))
            for pod in node.pods {
                let name = pod.pod.map { "\(pod.namespace ?? "?")/\($0)" } ?? "uid \(pod.podUID)"
                Swift.print(String(format: "  pod %@: %.3f CPU s (%.1f %%) → %@ (dynamic %@, idle %@)", name,
                                   pod.cpuSeconds, pod.cpuShare * 100, joules(pod.energyJoules),
                                   joules(pod.dynamicEnergyJoules), joules(pod.idleEnergyJoules)))
            }
            Swift.print("  unattributed \(joules(node.unattributedEnergyJoules))")
            for note in node.notes { Swift.print("  note: \(note)") }
        }
        Swift.print("")
        Swift.print("total \(joules(result.energyJoules)): attributed \(joules(result.attributedEnergyJoules)), "
                    + "unattributed \(joules(result.unattributedEnergyJoules))")
    }

    static func joules(_ value: Double) -> String { String(format: "%.3f J", value) }
}
