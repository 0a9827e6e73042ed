import Foundation
import EcobenchNet

/// Reads a Prometheus HTTP API answer (`PrometheusAPIResponse`) into series; every error names
/// the field (`data.result[0].values[3][1]`). A successful answer is read in one pass over its
/// bytes (`PrometheusAnswerScanner`); any other, or one that pass is unsure of, by `JSONDecoder`.
package enum PrometheusResponseParser {
    package static func parse(status: Int, body: Data, url: String, query: String) throws -> [PrometheusSeries] {
        if (200..<300).contains(status), let series = PrometheusAnswerScanner.series(body) { return series }
        return try decode(status: status, body: body, url: url, query: query)
    }

    /// The same answer read with `JSONDecoder`: the reference, and the path of every error.
    package static func decode(status: Int, body: Data, url: String, query: String) throws -> [PrometheusSeries] {
        func malformed(_ field: String, _ detail: String) -> PrometheusError {
            .malformed(url: url, query: query, field: field, detail: detail)
        }
        let decoded: Result<PrometheusAPIResponse, DecodingError>
        do { decoded = .success(try JSONDecoder().decode(PrometheusAPIResponse.self, from: body)) } catch let error as DecodingError {
            decoded = .failure(error)
        }
        // The status and error members alone, readable even when `data` is not.
        let envelope = try? JSONDecoder().decode(PrometheusAPIResponse.Envelope.self, from: body)
        guard (200..<300).contains(status) else {
            throw PrometheusError.httpStatus(url: url, query: query, status: status,
                                             errorType: envelope?.errorType, error: envelope?.error)
        }
        if let state = envelope?.status, state != "success" {
            throw PrometheusError.apiError(url: url, query: query, errorType: envelope?.errorType ?? "unknown",
                                           error: envelope?.error ?? "status \(state)")
        }
        let object: PrometheusAPIResponse
        switch decoded {
        case .success(let value): object = value
        case .failure(let error):
            let (field, problem, path) = WireField.describe(error)
            guard !path.isEmpty else {
                throw malformed("(body)", "not a JSON object: " + String(decoding: body.prefix(120), as: UTF8.self))
            }
            throw malformed(field, path.count > 1 ? problem : field == "data" ? "missing or not an object" : "missing")
        }
        guard let state = object.status else { throw malformed("status", "missing") }
        guard state == "success" else {
            throw PrometheusError.apiError(url: url, query: query, errorType: object.errorType ?? "unknown",
                                           error: object.error ?? "status \(state)")
        }
        guard let data = object.data else { throw malformed("data", "missing or not an object") }
        guard let type = data.resultType else { throw malformed("data.resultType", "missing") }
        guard type == "matrix" || type == "vector" else {
            throw malformed("data.resultType", "\(type) (expected matrix or vector)")
        }
        guard let result = data.result else { throw malformed("data.result", "missing or not an array") }
        return try result.enumerated().map { index, series in
            let field = "data.result[\(index)]"
            guard let labels = series.metric else { throw malformed(field + ".metric", "missing") }
            let points: [PrometheusAPIResponse.Point]
            if type == "matrix" {
                guard let values = series.values else { throw malformed(field + ".values", "missing") }
                points = values
            } else {
                guard let value = series.value else { throw malformed(field + ".value", "missing") }
                points = [value]
            }
            return PrometheusSeries(labels: labels, points: points.map {
                PrometheusPoint(timeSeconds: $0.timeSeconds, value: $0.value)
            })
        }
    }
}
