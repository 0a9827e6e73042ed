import Foundation
import EcobenchCollect
import EcobenchStore
import EcobenchCluster
import EcobenchReport

extension KubernetesRunner {
    /// Asks every node energy source about one phase window; a source that cannot answer
    /// leaves a note and no number. A node already read by an earlier source (agents come
    /// before Prometheus) keeps that reading: two sources for one node are never added up.
    /// The sources' clocks are measured again first, so the window is asked with their drift.
    package func collectEnergy(_ window: ClusterWindow, startNanoseconds: Int64, endNanoseconds: Int64) {
        windows.append((window, startNanoseconds, endNanoseconds))
        realignClocks(moment: .end, when: "before reading \(window.phase) of repetition \(window.repetition)")
        var read: [String: (label: String, index: Int, coverage: Double, kind: SourceKind)] = [:]
        for source in config.energySources {
            do {
                for reading in try source.nodeEnergy(in: window) {
                    if let first = read[reading.node] {
                        if RankedNodeEnergySource.laterReplaces(earlierKind: first.kind, earlierCoverage: first.coverage,
                                                                 later: reading) {
                            let measuredOverEstimate = first.kind == .estimated && reading.kind == .measured
                            // The earlier source had no samples for this node, or estimated what the later one
                            // measured (a VM node's in-VM estimate, its hypervisor's share): the later one replaces it.
                            if measuredOverEstimate && window.phase == "baseline" && window.repetition == 1 {
                                notes.append("node \(reading.node): measured energy from \(source.label) (\(reading.source)) "
                                             + "replaces the estimate of \(first.label)")
                            }
                            section.nodeEnergy.remove(at: first.index)
                            for (node, entry) in read where entry.index > first.index {
                                read[node]?.index = entry.index - 1
                            }
                        } else {
                            if window.phase == "baseline" && window.repetition == 1 {
                                notes.append("node \(reading.node): energy from \(first.label); \(source.label) also "
                                             + "answers (\(reading.source)) and is not added")
                            }
                            continue
                        }
                    }
                    read[reading.node] = (source.label, section.nodeEnergy.count, reading.coverage, reading.kind)
                    section.nodeEnergy.append(.init(phase: window.phase, repetition: window.repetition, node: reading.node,
                                                    source: reading.source, kind: reading.kind,
                                                    energyJ: reading.energyJoules, coverage: reading.coverage,
                                                    vmChain: reading.vmChain,
                                                    errorBudget: ErrorBudgetBuilder.nodePhase(
                                                        reading, phase: window.phase, repetition: window.repetition,
                                                        durationSeconds: window.durationSeconds)))
                    notes += reading.notes.map { "\(source.label) \(reading.node): \($0)" }
                }
            } catch {
                notes.append("\(source.label): no node energy for \(window.phase) of repetition \(window.repetition): \(error)")
            }
        }
    }

    /// Gives the hypervisor source (when configured) the instance UUID of every node that names
    /// one and asks it last, so a VM node's own measured meter stays first and its in-VM
    /// estimate is replaced (`collectEnergy`).
    package func addHypervisorSource(nodes: [ReportKubernetes.Node]) {
        guard var source = config.hypervisorVMEnergy else { return }
        var uuids: [String: String] = [:]
        for node in nodes { if let uuid = node.instanceUuid { uuids[node.name] = uuid } }
        guard !uuids.isEmpty else { return }
        source.instanceUUIDs = uuids
        config.energySources.append(source)
        section.notes.append("nodes that are VMs (\(uuids.count), by spec.providerID or system UUID) take their "
                             + "hypervisor's measured share from \(source.label) where it has their series")
    }

    /// Stores the readings as one energy counter per node (`cluster.<node>`, platform role, the
    /// source's description as path), with a sample at each window's start and end, so the
    /// report attributes them like local meters. A node without a reading for a window gets a
    /// gap there: its counter stays flat and the report names the gap; nothing is filled in.
    package func storeEnergy(runID: Int64) throws {
        let readings = section.nodeEnergy
        guard !readings.isEmpty else { return }
        var nodes: [String] = []
        for reading in readings where !nodes.contains(reading.node) { nodes.append(reading.node) }
        let descriptors = nodes.map { node -> SourceDescriptor in
            let mine = readings.filter { $0.node == node }
            let kinds = Set(mine.map(\.kind))
            let paths = Array(Set(mine.map(\.source))).sorted()
            return SourceDescriptor(name: "cluster.\(node)", kind: kinds.contains(.estimated) ? .estimated : .measured,
                                    unit: "J", semantics: .counter, scope: .node, path: paths.joined(separator: "; "),
                                    energyRole: .platform)
        }
        let ids = try store.registerSources(runID: runID, descriptors)
        var batch = SampleBatch(sourceIDs: ids)
        var counters = [Double](repeating: 0, count: nodes.count)
        var gaps: [SourceGap] = []
        var lastTime = Int64.min
        for entry in windows.sorted(by: { $0.startNanoseconds < $1.startNanoseconds }) {
            let start = max(entry.startNanoseconds, lastTime + 1)
            counters.withUnsafeBufferPointer { batch.append(timeNanoseconds: start, values: $0) }
            for (index, node) in nodes.enumerated() {
                let found = readings.filter {
                    $0.node == node && $0.phase == entry.window.phase && $0.repetition == entry.window.repetition
                }
                if found.isEmpty {
                    gaps.append(SourceGap(source: "cluster.\(node)", startNanoseconds: entry.startNanoseconds,
                                          endNanoseconds: entry.endNanoseconds,
                                          reason: "no node energy reading for this window"))
                } else {
                    counters[index] += found.reduce(0) { $0 + $1.energyJ }
                }
            }
            let end = max(entry.endNanoseconds, start + 1)
            counters.withUnsafeBufferPointer { batch.append(timeNanoseconds: end, values: $0) }
            lastTime = end
        }
        try store.insert(batch)
        try store.insertGaps(runID: runID, gaps)
        notes.append("node energy of the cluster = sum over nodes of what the sources reported per phase window ("
                     + section.nodeEnergySources.joined(separator: ", ") + "); channels cluster.<node>; "
                     + (config.podCPUSources.isEmpty ? "no pod CPU source: the workload's share is unattributed"
                        : "the workload's share from its pods' CPU (kubernetes.pods)"))
    }
}
