import Foundation

/// Why an HTTP exchange produced no answer. Every case names the URL; none carries a
/// credential (callers pass URLs without user information).
public enum HTTPTransportError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// No complete answer within the deadline.
    case timeout(url: String, seconds: Double)
    /// The server's certificate was not accepted (untrusted, expired, wrong name) or the TLS
    /// handshake failed.
    case tls(url: String, detail: String)
    /// Connection refused, reset, DNS failure...
    case connection(url: String, detail: String)
    /// The URL cannot be requested.
    case invalidURL(String)
    /// A CA bundle, client certificate or key could not be loaded.
    case badTLSMaterial(detail: String)

    public var description: String {
        switch self {
        case .timeout(let url, let seconds):
            return "\(url): no answer within \(Self.format(seconds)) s (timeout)"
        case .tls(let url, let detail):
            return "\(url): TLS certificate not accepted or handshake failed (\(detail))"
        case .connection(let url, let detail):
            return "\(url): cannot connect (\(detail))"
        case .invalidURL(let url):
            return "\(url): not a usable http(s) URL"
        case .badTLSMaterial(let detail):
            return "TLS settings: \(detail)"
        }
    }

    public var errorDescription: String? { description }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.2f", seconds)
    }
}
