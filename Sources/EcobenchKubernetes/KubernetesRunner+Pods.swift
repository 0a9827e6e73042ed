import Foundation
import EcobenchCluster
import EcobenchReport

extension KubernetesRunner {
    /// Lists the repetition's pods and keeps every pod seen (pods may be replaced during the
    /// run: each listing adds the new ones). A failed listing is a note, not a failed run.
    package func listPods(_ namespace: String, repetition: Int) {
        guard !config.podCPUSources.isEmpty else { return }
        do {
            let listed = try KubernetesPodInfo.list(client: client, namespace: namespace, loadJobName: loadJobName)
            var known = podsSeen[repetition] ?? []
            for pod in listed {
                if let index = known.firstIndex(where: { $0.uid == pod.uid }) {
                    if known[index].node == nil { known[index].node = pod.node }
                } else {
                    known.append(pod)
                }
            }
            podsSeen[repetition] = known
        } catch {
            notes.append("pods of namespace \(namespace) not listed (no pod attribution from this listing): \(error.description)")
        }
    }

    /// After the run: each deployed phase window's pod CPU and node busy CPU from the pod CPU
    /// sources (the first source that knows a pod or node wins), kept for the run's own pods
    /// (matched by UID, or by namespace and name where the source has no UID), then split.
    package func collectPodCPU() {
        guard !config.podCPUSources.isEmpty else { return }
        section.podCpuSources = config.podCPUSources.map(\.label)
        var pods: [ReportKubernetes.Pod] = []
        var busyRows: [ReportKubernetes.NodeBusyCPU] = []
        var durations: [KubernetesPodAttribution.PhaseKey: Double] = [:]
        for entry in windows {
            durations[.init(repetition: entry.window.repetition, phase: entry.window.phase)] = entry.window.durationSeconds
        }
        // The baseline phase too, for its nodes' busy CPU (the background rate of the CPU share).
        for entry in windows where KubernetesPodAttribution.attributedPhases.contains(entry.window.phase)
            || entry.window.phase == KubernetesPodAttribution.referencePhase {
            let window = entry.window
            let reference = window.phase == KubernetesPodAttribution.referencePhase
            let known = podsSeen[window.repetition] ?? []
            var found: Set<String> = []
            var busyNodes: Set<String> = []
            for source in config.podCPUSources {
                do {
                    let answer = try source.podCPUReadings(in: window)
                    notes += answer.notes
                    for reading in answer.readings where !reference {
                        guard let pod = match(reading, known), !found.contains(pod.uid) else { continue }
                        found.insert(pod.uid)
                        if let node = pod.node, node != reading.node {
                            notes.append("pod \(pod.namespace)/\(pod.name): the API server says node \(node), "
                                         + "\(source.label) says \(reading.node); the source's node is used")
                        }
                        pods.append(ReportKubernetes.Pod(
                            repetition: window.repetition, phase: window.phase, namespace: pod.namespace, pod: pod.name,
                            uid: pod.uid, node: reading.node, app: pod.app, component: pod.component, role: pod.role,
                            cpuSeconds: reading.cpuSeconds, source: reading.source))
                    }
                    for (node, seconds) in try source.nodeBusyCPUSeconds(in: window).sorted(by: { $0.key < $1.key })
                        where !busyNodes.contains(node) {
                        busyNodes.insert(node)
                        busyRows.append(.init(repetition: window.repetition, phase: window.phase, node: node,
                                              busyCpuSeconds: seconds, source: source.label))
                    }
                } catch {
                    notes.append("\(source.label): no pod CPU for \(window.phase) of repetition \(window.repetition): \(error)")
                }
            }
            if window.phase == "load" {
                for pod in known where !found.contains(pod.uid) {
                    notes.append("pod \(pod.namespace)/\(pod.name) (uid \(pod.uid)) has no CPU reading for the load "
                                 + "phase of repetition \(window.repetition): it gets no energy")
                }
            }
        }
        section.pods = pods
        section.nodeBusyCpu = busyRows
        KubernetesPodAttribution.apply(&section, durations: durations, idlePolicy: config.idlePolicy,
                                       reservedShare: config.impact.reservedShare)
    }

    private func match(_ reading: PodCPUReading, _ known: [KubernetesPodInfo]) -> KubernetesPodInfo? {
        let uid = reading.podUID.lowercased()
        if !uid.isEmpty, let pod = known.first(where: { $0.uid == uid }) { return pod }
        guard let name = reading.pod, let namespace = reading.namespace else { return nil }
        return known.first { $0.name == name && $0.namespace == namespace }
    }
}
