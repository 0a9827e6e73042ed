@testable import EcobenchCluster
import Foundation
import Testing

/// The one-pass reading of successful answers (`PrometheusAnswerScanner`) against the values
/// written here by hand and against `JSONDecoder`'s reading of the same bytes; what it is unsure
/// of goes to the decoder, which keeps every error.
@Suite struct PrometheusAnswerScannerTests {
    func decoded(_ body: String) throws -> [PrometheusSeries] {
        try PrometheusResponseParser.decode(status: 200, body: Data(body.utf8), url: "http://p:9090", query: "q")
    }

    func scanned(_ body: String) -> [PrometheusSeries]? { PrometheusAnswerScanner.series(Data(body.utf8)) }

    @Test func readsAMatrixByHand() throws {
        // Whitespace everywhere JSON allows it, members Prometheus may add (stats, warnings), an
        // exponent, a negative value, NaN and ±Inf written as Prometheus writes them.
        let body = """
             { "status" : "success", "warnings": ["w"], "data" : { "resultType" : "matrix", "result" : [
              { "metric" : { "__name__" : "e_total", "instance" : "n1:9464" },
                "values" : [ [ 1700000000 , "10" ], [1700000015.25,"1.5e3"], [1.7e9,"-2"], [1700000030,"NaN"],
                             [1700000045,"+Inf"], [1700000060,"-Inf"] ] },
              { "metric" : {}, "values" : [] } ],
              "stats": {"timings": {"evalTotalTime": 0.001, "x": [true, false, null]}} } }\n
            """
        let series = try #require(scanned(body))
        #expect(series.count == 2)
        #expect(series[0].labels == ["__name__": "e_total", "instance": "n1:9464"])
        // 1.7e9 = 1 700 000 000 s; "1.5e3" = 1 500.
        #expect(series[0].points.map(\.timeSeconds) == [1_700_000_000, 1_700_000_015.25, 1_700_000_000, 1_700_000_030,
                                                       1_700_000_045, 1_700_000_060])
        #expect(Array(series[0].points.map(\.value).prefix(3)) == [10, 1500, -2])
        #expect(series[0].points[3].value.isNaN && series[0].points[4].value == .infinity
            && series[0].points[5].value == -.infinity)
        #expect(series[1] == PrometheusSeries(labels: [:], points: []))
        // The decoder reads the same bytes to the same series (NaN compared by its bits).
        let reference = try decoded(body)
        #expect(reference.count == 2 && reference[0].labels == series[0].labels && reference[1] == series[1])
        #expect(reference[0].points.map(\.timeSeconds) == series[0].points.map(\.timeSeconds))
        #expect(reference[0].points.map(\.value.bitPattern) == series[0].points.map(\.value.bitPattern))
    }

    @Test func vectorAndResultBeforeResultType() throws {
        let vector = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"a\":\"b\"},\"value\":[12,\"3.5\"]}]}}"
        #expect(scanned(vector) == [PrometheusSeries(labels: ["a": "b"], points: [PrometheusPoint(timeSeconds: 12, value: 3.5)])])
        let reordered = "{\"data\":{\"result\":[{\"values\":[[1,\"2\"]],\"metric\":{\"x\":\"y\"}}],\"resultType\":\"matrix\"},\"status\":\"success\"}"
        #expect(scanned(reordered) == [PrometheusSeries(labels: ["x": "y"], points: [PrometheusPoint(timeSeconds: 1, value: 2)])])
        #expect(try decoded(reordered) == scanned(reordered))
    }

    /// Answers the scanner leaves to the decoder: what it reads there is the reference's.
    @Test func unsureAnswersGoToTheDecoder() throws {
        let success = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":"
        let escaped = success + "{\"path\":\"C:\\\\x \\\"q\\\" \\u00e9\"},\"values\":[[1,\"2\"]]}]}}"
        let unicode = success + "{\"name\":\"é\"},\"values\":[[1,\"2\"]]}]}}"
        for body in [escaped, unicode] {
            #expect(scanned(body) == nil, "\(body)")
            let parsed = try PrometheusResponseParser.parse(status: 200, body: Data(body.utf8), url: "u", query: "q")
            #expect(parsed == (try decoded(body)))
        }
        #expect(try decoded(escaped).first?.labels["path"] == "C:\\x \"q\" é")
        #expect(try decoded(unicode).first?.labels["name"] == "é")
        let unsure = [
            "[]", "{\"data\":{}}", "{\"status\":\"success\"}", "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"e\"}",
            "{\"status\":\"success\",\"data\":{\"result\":[]}}",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"2\"]}}",
            success + "{},\"values\":[[1,2]]}]}}",          // value not a string
            success + "{},\"values\":[[\"1\",\"2\"]]}]}}",   // time not a number
            success + "{},\"values\":[[01,\"2\"]]}]}}",      // a number JSON does not allow
            success + "{},\"values\":[[1,\"2\",3]]}]}}",     // not a pair
            success + "{},\"values\":[[1,\"x\"]]}]}}",       // value not a number
            success + "{\"a\":\"1\",\"a\":\"2\"},\"values\":[]}]}}",  // a label twice
            success + "{},\"values\":[]}]}} x",              // trailing bytes
            success + "{},\"values\":[]}]}",                 // cut short
        ]
        for body in unsure { #expect(scanned(body) == nil, "\(body)") }
    }
}
