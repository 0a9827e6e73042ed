import Foundation
import EcobenchNet

/// The answer of `/api/v1/targets?state=active`: `{"status":"success","data":{"activeTargets":
/// [{"labels":{"job":…,"instance":…},"scrapeUrl":…,"health":"up"|"down"|"unknown","lastError":…,
/// "lastScrape":…,"scrapeTimeout":"10s",…}]}}`. Only what a gap's cause needs is read: a target's
/// health now and the error of its latest scrape (Prometheus keeps no error text of older scrapes).
package struct PrometheusTargetsResponse: Decodable {
    package var status: String?
    package var errorType: String?
    package var error: String?
    package var data: Targets?

    package struct Targets: Decodable {
        package var activeTargets: [PrometheusTarget]?
    }
}

/// One scrape target as Prometheus reports it now.
package struct PrometheusTarget: Decodable, Sendable, Equatable {
    /// The target's labels after relabeling (`job`, `instance`, …): those its series carry.
    package var labels: [String: String]
    package var scrapeUrl: String?
    /// `up`, `down` or `unknown` (not scraped yet).
    package var health: String?
    /// The latest scrape's error, "" when it succeeded.
    package var lastError: String?

    package init(labels: [String: String], scrapeUrl: String? = nil, health: String? = nil, lastError: String? = nil) {
        self.labels = labels
        self.scrapeUrl = scrapeUrl
        self.health = health
        self.lastError = lastError
    }

    /// Reads an answer; errors name the server and the field as `PrometheusResponseParser` does.
    package static func parse(status: Int, body: Data, url: String) throws -> [PrometheusTarget] {
        let query = "/api/v1/targets?state=active"
        let decoded: PrometheusTargetsResponse
        do { decoded = try JSONDecoder().decode(PrometheusTargetsResponse.self, from: body) } catch let error as DecodingError {
            guard (200..<300).contains(status) else {
                throw PrometheusError.httpStatus(url: url, query: query, status: status, errorType: nil, error: nil)
            }
            let (field, problem, _) = WireField.describe(error)
            throw PrometheusError.malformed(url: url, query: query, field: field.isEmpty ? "(body)" : field, detail: problem)
        }
        guard (200..<300).contains(status) else {
            throw PrometheusError.httpStatus(url: url, query: query, status: status, errorType: decoded.errorType,
                                             error: decoded.error)
        }
        guard decoded.status == "success" else {
            throw PrometheusError.apiError(url: url, query: query, errorType: decoded.errorType ?? "unknown",
                                           error: decoded.error ?? "status \(decoded.status ?? "missing")")
        }
        guard let targets = decoded.data?.activeTargets else {
            throw PrometheusError.malformed(url: url, query: query, field: "data.activeTargets", detail: "missing")
        }
        return targets
    }
}
