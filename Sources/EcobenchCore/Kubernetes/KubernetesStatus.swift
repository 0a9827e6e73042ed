import Foundation

/// The `Status` object (kind: Status) the API server answers errors with, e.g. 422 Invalid
/// with `details.causes[].field` naming what is wrong in the object.
public struct KubernetesStatus: Sendable, Equatable {
    public struct Cause: Sendable, Equatable {
        public var field: String?
        public var reason: String?
        public var message: String?
    }

    public var code: Int?
    public var reason: String?
    public var message: String?
    public var causes: [Cause]

    /// Nil when the body is not a Status object.
    public init?(body: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              object["kind"] as? String == "Status" else { return nil }
        code = object["code"] as? Int
        reason = object["reason"] as? String
        message = object["message"] as? String
        let details = object["details"] as? [String: Any]
        causes = (details?["causes"] as? [[String: Any]] ?? []).map {
            Cause(field: $0["field"] as? String, reason: $0["reason"] as? String, message: $0["message"] as? String)
        }
    }

    /// The message plus each cause as `field: message`.
    public var fullMessage: String {
        var text = message ?? reason ?? "error"
        let listed = causes.map { cause in
            (cause.field.map { "field \($0): " } ?? "") + (cause.message ?? cause.reason ?? "")
        }
        if !listed.isEmpty { text += " [" + listed.joined(separator: "; ") + "]" }
        return text
    }
}
