import Foundation

/// What went wrong talking to a Redfish service. Every case names the URL (without any user
/// information) and never contains a password.
public enum RedfishError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// No answer within the timeout.
    case timeout(url: String, seconds: Double)
    /// HTTP 401 (or a refused session login) for this user.
    case authenticationFailed(url: String, user: String?)
    /// Any other unexpected HTTP status.
    case httpStatus(url: String, status: Int)
    /// HTTP 404: the resource does not exist.
    case resourceMissing(url: String)
    /// The body is not JSON, or a value has the wrong type (`detail` names the JSON pointer).
    case malformedJSON(url: String, detail: String)
    /// The property at `pointer` exists but is null (the BMC has no reading now).
    case nullReading(url: String, pointer: String)
    /// The property at `pointer` is absent from the resource.
    case propertyMissing(url: String, pointer: String)
    /// The URL given cannot be used (no host, unsupported scheme).
    case invalidURL(String)
    /// Connection refused, TLS failure, DNS...: the transport's own message.
    case transport(url: String, message: String)
    /// Discovery found no power or energy reading anywhere under the service root.
    case noPowerReadings(url: String)

    public var description: String {
        switch self {
        case .timeout(let url, let seconds):
            return "Redfish GET \(url): no answer within \(Self.format(seconds)) s (timeout)"
        case .authenticationFailed(let url, let user):
            let who = user.map { "user \($0)" } ?? "anonymous access (no credentials given)"
            return "Redfish \(url): HTTP 401, authentication failed for \(who)"
        case .httpStatus(let url, let status):
            return "Redfish GET \(url): HTTP \(status)"
        case .resourceMissing(let url):
            return "Redfish GET \(url): HTTP 404, resource missing"
        case .malformedJSON(let url, let detail):
            return "Redfish \(url): malformed JSON: \(detail)"
        case .nullReading(let url, let pointer):
            return "Redfish \(url)#\(pointer): reading is null (no value from the BMC)"
        case .propertyMissing(let url, let pointer):
            return "Redfish \(url)#\(pointer): property missing"
        case .invalidURL(let url):
            return "Redfish URL \(url) is not usable: give http(s)://host[:port]"
        case .transport(let url, let message):
            return "Redfish \(url): \(message)"
        case .noPowerReadings(let url):
            return "Redfish \(url): no chassis power, PSU, power sensor or power shelf reading found"
        }
    }

    public var errorDescription: String? { description }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.2f", seconds)
    }
}
