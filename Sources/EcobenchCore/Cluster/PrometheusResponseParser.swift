import Foundation

/// Reads the JSON the Prometheus HTTP API answers to `/api/v1/query` and `/api/v1/query_range`:
/// `{"status":"success","data":{"resultType":"matrix"|"vector","result":[{"metric":{…},
/// "values":[[t,"v"],…]} or {"metric":{…},"value":[t,"v"]}]}}`, or on failure
/// `{"status":"error","errorType":"bad_data","error":"…"}`. Values are strings (`"NaN"`,
/// `"+Inf"` included); timestamps are numbers in unix seconds.
enum PrometheusResponseParser {
    static func parse(status: Int, body: Data, url: String, query: String) throws -> [PrometheusSeries] {
        let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        guard (200..<300).contains(status) else {
            throw PrometheusError.httpStatus(url: url, query: query, status: status,
                                             errorType: object?["errorType"] as? String,
                                             error: object?["error"] as? String)
        }
        func malformed(_ field: String, _ detail: String) -> PrometheusError {
            .malformed(url: url, query: query, field: field, detail: detail)
        }
        guard let object else {
            throw malformed("(body)", "not a JSON object: " + String(decoding: body.prefix(120), as: UTF8.self))
        }
        guard let state = object["status"] as? String else { throw malformed("status", "missing") }
        guard state == "success" else {
            throw PrometheusError.apiError(url: url, query: query,
                                           errorType: object["errorType"] as? String ?? "unknown",
                                           error: object["error"] as? String ?? "status \(state)")
        }
        guard let data = object["data"] as? [String: Any] else { throw malformed("data", "missing or not an object") }
        guard let type = data["resultType"] as? String else { throw malformed("data.resultType", "missing") }
        guard let result = data["result"] as? [Any] else { throw malformed("data.result", "missing or not an array") }
        switch type {
        case "matrix", "vector":
            return try result.enumerated().map { index, entry in
                let field = "data.result[\(index)]"
                guard let series = entry as? [String: Any] else { throw malformed(field, "not an object") }
                guard let metric = series["metric"] as? [String: Any] else { throw malformed(field + ".metric", "missing") }
                var labels: [String: String] = [:]
                for (key, value) in metric {
                    guard let text = value as? String else { throw malformed(field + ".metric.\(key)", "not a string") }
                    labels[key] = text
                }
                let raw: [Any]
                if type == "matrix" {
                    guard let values = series["values"] as? [Any] else { throw malformed(field + ".values", "missing") }
                    raw = values
                } else {
                    guard let value = series["value"] else { throw malformed(field + ".value", "missing") }
                    raw = [value]
                }
                let name = type == "matrix" ? field + ".values" : field + ".value"
                let points = try raw.enumerated().map { i, pair in
                    try point(pair, field: type == "matrix" ? name + "[\(i)]" : name, malformed: malformed)
                }
                return PrometheusSeries(labels: labels, points: points)
            }
        default:
            throw malformed("data.resultType", "\(type) (expected matrix or vector)")
        }
    }

    private static func point(_ pair: Any, field: String,
                              malformed: (String, String) -> PrometheusError) throws -> PrometheusPoint {
        guard let pair = pair as? [Any], pair.count == 2 else { throw malformed(field, "not a [time, \"value\"] pair") }
        guard let time = pair[0] as? NSNumber, time.doubleValue.isFinite else {
            throw malformed(field + "[0]", "time is not a number")
        }
        guard let text = pair[1] as? String, let value = Double(text.replacingOccurrences(of: "Inf", with: "inf")) else {
            throw malformed(field + "[1]", "value is not a number in a string")
        }
        return PrometheusPoint(timeSeconds: time.doubleValue, value: value)
    }
}
