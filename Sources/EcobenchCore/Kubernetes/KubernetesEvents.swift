import Foundation

/// The newest events of a namespace, as one line each, for error messages.
enum KubernetesEvents {
    static func newest(client: KubernetesClient, namespace: String, limit: Int = 8) -> [String] {
        guard let items = try? client.list("/api/v1/namespaces/\(namespace)/events") else {
            return ["(events could not be read)"]
        }
        let lines = items.map { event -> (String, String) in
            let object = event["involvedObject"] as? [String: Any] ?? [:]
            let time = event["lastTimestamp"] as? String ?? event["eventTime"] as? String
                ?? (event["metadata"] as? [String: Any])?["creationTimestamp"] as? String ?? ""
            let line = "\(time) \(event["type"] as? String ?? "") \(event["reason"] as? String ?? "") "
                + "\(object["kind"] as? String ?? "")/\(object["name"] as? String ?? ""): \(event["message"] as? String ?? "")"
            return (time, line.trimmingCharacters(in: .whitespaces))
        }
        return Array(lines.sorted { $0.0 > $1.0 }.prefix(limit).map(\.1))
    }
}
