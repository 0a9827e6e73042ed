import Foundation
import EcobenchNet

/// The JSON the Prometheus HTTP API answers to `/api/v1/query` and `/api/v1/query_range`:
/// `{"status":"success","data":{"resultType":"matrix"|"vector","result":[{"metric":{…},
/// "values":[[t,"v"],…]} or {"metric":{…},"value":[t,"v"]}]}}`, or on failure
/// `{"status":"error","errorType":"bad_data","error":"…"}`. Members are optional so that the
/// parser can say which one is missing; `result` is read only for matrix and vector answers.
package struct PrometheusAPIResponse: Decodable {
    package var status: String?
    package var errorType: String?
    package var error: String?
    package var data: ResultData?

    /// The members that say whether the query failed, without `data`.
    package struct Envelope: Decodable {
        package var status: String?
        package var errorType: String?
        package var error: String?
    }

    package struct ResultData: Decodable {
        package var resultType: String?
        /// nil when missing, or when `resultType` is not one this parser reads.
        package var result: [Series]?
        package var resultIsPresent: Bool

        package enum CodingKeys: String, CodingKey { case resultType, result }

        package init(from decoder: any Decoder) throws {
            let members = try decoder.container(keyedBy: CodingKeys.self)
            resultType = try? members.decodeIfPresent(String.self, forKey: .resultType)
            resultIsPresent = members.contains(.result)
            if resultType == "matrix" || resultType == "vector" {
                result = try members.decodeIfPresent([Series].self, forKey: .result)
            }
        }
    }

    /// One series: labels and either `values` (matrix) or `value` (vector).
    package struct Series: Decodable {
        package var metric: [String: String]?
        package var values: [Point]?
        package var value: Point?
    }

    /// `[t, "v"]`: unix seconds as a number, the value as a string (`"NaN"` and `"+Inf"` included).
    package struct Point: Decodable {
        package var timeSeconds: Double
        package var value: Double

        package init(from decoder: any Decoder) throws {
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
