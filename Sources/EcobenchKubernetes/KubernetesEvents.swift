import Foundation

/// The newest events of a namespace, as one line each, for error messages.
package enum KubernetesEvents {
    package static func newest(client: KubernetesClient, namespace: String, limit: Int = 8) -> [String] {
        guard let items = try? client.list("/api/v1/namespaces/\(namespace)/events", of: KubernetesEvent.self) else {
            return ["(events could not be read)"]
        }
        let lines = items.map { event -> (String, String) in
            let object = event.involvedObject
            let time = event.lastTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp ?? ""
            let line = "\(time) \(event.type ?? "") \(event.reason ?? "") "
                + "\(object?.kind ?? "")/\(object?.name ?? ""): \(event.message ?? "")"
            return (time, line.trimmingCharacters(in: .whitespaces))
        }
        return Array(lines.sorted { $0.0 > $1.0 }.prefix(limit).map(\.1))
    }
}
