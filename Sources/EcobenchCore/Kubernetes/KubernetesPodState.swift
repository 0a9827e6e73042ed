/// What a Pod object says about its readiness.
struct KubernetesPodState {
    var name: String
    var phase: String
    var isReady: Bool
    var ownedByJob: Bool
    /// Why the pod will not become ready (phase Failed, CrashLoopBackOff...), if it will not.
    var failure: String?
    /// `Pending (ContainerCreating)`.
    var summary: String
    var nodeName: String?

    init(_ pod: [String: Any]) {
        let metadata = pod["metadata"] as? [String: Any] ?? [:]
        let status = pod["status"] as? [String: Any] ?? [:]
        name = metadata["name"] as? String ?? "?"
        phase = status["phase"] as? String ?? "Unknown"
        nodeName = (pod["spec"] as? [String: Any])?["nodeName"] as? String
        let owners = metadata["ownerReferences"] as? [[String: Any]] ?? []
        let labels = metadata["labels"] as? [String: Any] ?? [:]
        ownedByJob = owners.contains { $0["kind"] as? String == "Job" } || labels["job-name"] != nil
        let conditions = status["conditions"] as? [[String: Any]] ?? []
        isReady = phase == "Running" && conditions.contains {
            $0["type"] as? String == "Ready" && $0["status"] as? String == "True"
        }
        var reasons: [String] = []
        var hopeless: String?
        for container in status["containerStatuses"] as? [[String: Any]] ?? [] {
            let state = container["state"] as? [String: Any] ?? [:]
            if let waiting = state["waiting"] as? [String: Any], let reason = waiting["reason"] as? String {
                reasons.append(reason)
                if KubernetesReadiness.hopelessReasons.contains(reason) {
                    hopeless = "container \(container["name"] as? String ?? "?") \(reason)"
                        + ((waiting["message"] as? String).map { ": \($0)" } ?? "")
                }
            }
        }
        if phase == "Failed" {
            failure = "phase Failed" + ((status["reason"] as? String).map { " (\($0))" } ?? "")
                + ((status["message"] as? String).map { ": \($0)" } ?? "")
        } else {
            failure = hopeless
        }
        let unready = conditions.first { $0["type"] as? String == "PodScheduled" && $0["status"] as? String == "False" }
        if let message = unready?["message"] as? String { reasons.append(message) }
        summary = phase + (reasons.isEmpty ? (phase == "Running" ? ", not Ready" : "") : " (" + reasons.joined(separator: ", ") + ")")
    }
}
