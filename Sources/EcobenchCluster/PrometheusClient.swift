import Foundation
import EcobenchNet

/// A small client for the Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`) over
/// `BlockingHTTPClient`: GET with the query form-encoded in the URL, times in unix seconds, an
/// optional bearer token (`Authorization: Bearer …`, never logged). Errors name the server,
/// the query and, for a 4xx/5xx, Prometheus' own `errorType` and `error`.
public final class PrometheusClient: Sendable {
    /// The server's base URL without a trailing slash (may carry a path prefix, e.g. `/prometheus`).
    public let baseURL: String
    private let http: BlockingHTTPClient
    private let bearerToken: String?

    public init(baseURL: String, bearerToken: String? = nil, tls: HTTPTLSSettings = .verified,
                timeoutSeconds: Double = 15) throws {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil, url.user == nil else {
            throw PrometheusError.invalidURL(baseURL)
        }
        self.baseURL = base
        self.bearerToken = bearerToken
        do { http = try BlockingHTTPClient(tls: tls, timeoutSeconds: timeoutSeconds) }
        catch { throw PrometheusError.unreachable(url: base, detail: "\(error)") }
    }

    /// Reads a bearer token from the first line of `path` (trimmed); an empty file is an error.
    public static func token(fromFile path: String) throws -> String {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) }
        catch { throw PrometheusError.tokenFile(path: path, detail: "cannot read (\(error.localizedDescription))") }
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let token = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw PrometheusError.tokenFile(path: path, detail: "first line is empty") }
        return token
    }

    /// An instant query at `timeSeconds` (the server's now when nil). A range selector
    /// (`metric[5m]`) answers a matrix of the raw samples in that range, with their own timestamps.
    public func query(_ query: String, atSeconds timeSeconds: Double? = nil) throws -> [PrometheusSeries] {
        var parameters = [("query", query)]
        if let timeSeconds { parameters.append(("time", Self.format(timeSeconds))) }
        return try get("/api/v1/query", parameters, query: query)
    }

    /// A range query: the expression evaluated every `stepSeconds` from `startSeconds` to `endSeconds`.
    /// Its points carry the step times (not the scrape times), each the latest sample at or before them.
    public func queryRange(_ query: String, startSeconds: Double, endSeconds: Double,
                           stepSeconds: Double) throws -> [PrometheusSeries] {
        try get("/api/v1/query_range", [("query", query), ("start", Self.format(startSeconds)),
                                        ("end", Self.format(endSeconds)), ("step", Self.format(stepSeconds))],
                query: query)
    }

    /// The scrape targets Prometheus has now (`/api/v1/targets?state=active`): their labels,
    /// health and latest scrape error (what a gap's cause quotes, `PrometheusGapCauses`).
    package func activeTargets() throws -> [PrometheusTarget] {
        let response = try raw("/api/v1/targets", [("state", "active")])
        return try PrometheusTarget.parse(status: response.status, body: response.body, url: baseURL)
    }

    public func shutdown() { http.shutdown() }

    private func get(_ path: String, _ parameters: [(String, String)], query: String) throws -> [PrometheusSeries] {
        let response = try raw(path, parameters)
        return try PrometheusResponseParser.parse(status: response.status, body: response.body, url: baseURL, query: query)
    }

    private func raw(_ path: String, _ parameters: [(String, String)]) throws -> HTTPResponse {
        let url = baseURL + path + "?" + parameters.map { "\($0.0)=\(Self.formEncode($0.1))" }.joined(separator: "&")
        var headers = [("Accept", "application/json")]
        if let bearerToken { headers.append(("Authorization", "Bearer \(bearerToken)")) }
        do { return try http.get(url, headers: headers) }
        catch { throw PrometheusError.unreachable(url: baseURL, detail: "\(error)") }
    }

    /// `application/x-www-form-urlencoded`: unreserved characters as they are, the rest %XX.
    package static func formEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// Unix seconds with millisecond precision, as Prometheus accepts them.
    package static func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
}
