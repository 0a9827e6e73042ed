/// What a Pod object says about its readiness.
package struct KubernetesPodState {
    package var name: String
    package var phase: String
    package var isReady: Bool
    package var ownedByJob: Bool
    /// Why the pod will not become ready (phase Failed, CrashLoopBackOff...), if it will not.
    package var failure: String?
    /// `Pending (ContainerCreating)`.
    package var summary: String
    package var nodeName: String?

    package init(_ pod: KubernetesPod) {
        let metadata = pod.metadata ?? KubernetesObjectMeta()
        let status = pod.status
        name = metadata.name ?? "?"
        phase = status?.phase ?? "Unknown"
        nodeName = pod.spec?.nodeName
        ownedByJob = (metadata.ownerReferences ?? []).contains { $0.kind == "Job" } || metadata.labels?["job-name"] != nil
        let conditions = status?.conditions ?? []
        isReady = phase == "Running" && conditions.contains { $0.holds("Ready") }
        var reasons: [String] = []
        var hopeless: String?
        for container in status?.containerStatuses ?? [] {
            if let waiting = container.state?.waiting, let reason = waiting.reason {
                reasons.append(reason)
                if KubernetesReadiness.hopelessReasons.contains(reason) {
                    hopeless = "container \(container.name ?? "?") \(reason)" + (waiting.message.map { ": \($0)" } ?? "")
                }
            }
        }
        if phase == "Failed" {
            failure = "phase Failed" + (status?.reason.map { " (\($0))" } ?? "") + (status?.message.map { ": \($0)" } ?? "")
        } else {
            failure = hopeless
        }
        let unready = conditions.first { $0.type == "PodScheduled" && $0.status == "False" }
        if let message = unready?.message { reasons.append(message) }
        summary = phase + (reasons.isEmpty ? (phase == "Running" ? ", not Ready" : "") : " (" + reasons.joined(separator: ", ") + ")")
    }
}
