import Foundation

/// Why a Prometheus HTTP API call gave no usable answer. Every case names the server's URL
/// (never the bearer token) and, where it applies, the query and the JSON field.
public enum PrometheusError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// Nothing answered: connection refused, DNS, timeout, TLS.
    case unreachable(url: String, detail: String)
    /// An HTTP error status; `errorType`/`error` as Prometheus sent them (`bad_data`, …), when it did.
    case httpStatus(url: String, query: String, status: Int, errorType: String?, error: String?)
    /// The answer is not the JSON the API documents: `field` names what was missing or wrong.
    case malformed(url: String, query: String, field: String, detail: String)
    /// `"status":"error"` with a 200 (should not happen, but the API allows it).
    case apiError(url: String, query: String, errorType: String, error: String)
    /// The token file could not be read or is empty.
    case tokenFile(path: String, detail: String)
    /// The base URL is not an http(s) URL.
    case invalidURL(String)

    public var description: String {
        switch self {
        case .unreachable(let url, let detail):
            return "Prometheus \(url): unreachable (\(detail))"
        case .httpStatus(let url, let query, let status, let errorType, let error):
            let reason = [errorType, error].compactMap { $0 }.joined(separator: ": ")
            return "Prometheus \(url): HTTP \(status) for query `\(query)`" + (reason.isEmpty ? "" : " (\(reason))")
        case .malformed(let url, let query, let field, let detail):
            return "Prometheus \(url): malformed answer to `\(query)`: field `\(field)`: \(detail)"
        case .apiError(let url, let query, let errorType, let error):
            return "Prometheus \(url): query `\(query)` failed (\(errorType): \(error))"
        case .tokenFile(let path, let detail):
            return "--prometheus-token-file \(path): \(detail)"
        case .invalidURL(let url):
            return "--prometheus-url \(url): expected http://host:port or https://host:port[/prefix]"
        }
    }

    public var errorDescription: String? { description }
}
