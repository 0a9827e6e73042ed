import Foundation

/// The `Status` object (kind: Status) the API server answers errors with, e.g. 422 Invalid
/// with `details.causes[].field` naming what is wrong in the object.
public struct KubernetesStatus: Codable, Sendable, Equatable {
    public struct Cause: Codable, Sendable, Equatable {
        public var field: String?
        public var reason: String?
        public var message: String?
    }

    public struct Details: Codable, Sendable, Equatable {
        public var causes: [Cause]?
    }

    public var kind: String?
    public var code: Int?
    public var reason: String?
    public var message: String?
    public var details: Details?

    public var causes: [Cause] { details?.causes ?? [] }

    /// Nil when the body is not a Status object.
    public init?(body: Data) {
        guard let status = try? JSONDecoder().decode(KubernetesStatus.self, from: body), status.kind == "Status" else {
            return nil
        }
        self = status
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
