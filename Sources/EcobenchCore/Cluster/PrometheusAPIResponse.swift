import Foundation

/// The JSON the Prometheus HTTP API answers to `/api/v1/query` and `/api/v1/query_range`:
/// `{"status":"success","data":{"resultType":"matrix"|"vector","result":[{"metric":{…},
/// "values":[[t,"v"],…]} or {"metric":{…},"value":[t,"v"]}]}}`, or on failure
/// `{"status":"error","errorType":"bad_data","error":"…"}`. Members are optional so that the
/// parser can say which one is missing; `result` is read only for matrix and vector answers.
struct PrometheusAPIResponse: Decodable {
    var status: String?
    var errorType: String?
    var error: String?
    var data: ResultData?

    /// The members that say whether the query failed, without `data`.
    struct Envelope: Decodable {
        var status: String?
        var errorType: String?
        var error: String?
    }

    struct ResultData: Decodable {
        var resultType: String?
        /// nil when missing, or when `resultType` is not one this parser reads.
        var result: [Series]?
        var resultIsPresent: Bool

        enum CodingKeys: String, CodingKey { case resultType, result }

        init(from decoder: any Decoder) throws {
            let members = try decoder.container(keyedBy: CodingKeys.self)
            resultType = try? members.decodeIfPresent(String.self, forKey: .resultType)
            resultIsPresent = members.contains(.result)
            if resultType == "matrix" || resultType == "vector" {
                result = try members.decodeIfPresent([Series].self, forKey: .result)
            }
        }
    }

    /// One series: labels and either `values` (matrix) or `value` (vector).
    struct Series: Decodable {
        var metric: [String: String]?
        var values: [Point]?
        var value: Point?
    }

    /// `[t, "v"]`: unix seconds as a number, the value as a string (`"NaN"` and `"+Inf"` included).
    struct Point: Decodable {
        var timeSeconds: Double
        var value: Double

        init(from decoder: any Decoder) throws {
            guard var pair = try? decoder.unkeyedContainer(), pair.count == 2 else {
                throw WireField.corrupted("not a [time, \"value\"] pair", at: decoder.codingPath)
            }
            guard let time = try? pair.decode(Double.self), time.isFinite else {
                throw WireField.corrupted("time is not a number", at: decoder.codingPath + [WireIndex(0)])
            }
            guard let text = try? pair.decode(String.self),
                  let value = Double(text.replacingOccurrences(of: "Inf", with: "inf")) else {
                throw WireField.corrupted("value is not a number in a string", at: decoder.codingPath + [WireIndex(1)])
            }
            timeSeconds = time
            self.value = value
        }
    }
}
