import EcobenchCore
@testable import EcobenchCluster
import Foundation
import Testing

/// The API's JSON read into series, and every way it can be wrong named by its field. (Bodies
/// written here: the real Prometheus in `PrometheusImportTests` answers the well-formed and the
/// 400 cases; it cannot send malformed JSON.)
@Suite struct PrometheusResponseParserTests {
    func parse(_ body: String, status: Int = 200) throws -> [PrometheusSeries] {
        try PrometheusResponseParser.parse(status: status, body: Data(body.utf8), url: "http://p:9090", query: "q")
    }

    @Test func matrixAndVector() throws {
        let matrix = try parse("""
            {"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"x_total","instance":"n1:9100"},
            "values":[[1700000000.5,"1"],[1700000001.5,"NaN"],[1700000002.5,"+Inf"]]}]}}
            """)
        #expect(matrix.count == 1)
        #expect(matrix[0].labels["instance"] == "n1:9100")
        #expect(matrix[0].points.map(\.timeSeconds) == [1700000000.5, 1700000001.5, 1700000002.5])
        #expect(matrix[0].points[0].value == 1 && matrix[0].points[1].value.isNaN && matrix[0].points[2].value == .infinity)
        #expect(matrix[0].selector == "x_total{instance=\"n1:9100\"}")
        let vector = try parse("""
            {"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"b"},"value":[12,"3.5"]}]}}
            """)
        #expect(vector == [PrometheusSeries(labels: ["a": "b"], points: [PrometheusPoint(timeSeconds: 12, value: 3.5)])])
    }

    @Test func errorsNameTheField() {
        let cases: [(String, String)] = [
            ("[]", "(body)"),
            ("{\"data\":{}}", "status"),
            ("{\"status\":\"success\"}", "data"),
            ("{\"status\":\"success\",\"data\":{\"result\":[]}}", "data.resultType"),
            ("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"2\"]}}", "data.resultType"),
            ("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"values\":[]}]}}", "data.result[0].metric"),
            ("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[1,2]]}]}}",
             "data.result[0].values[0][1]"),
            ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[\"x\",\"2\"]}]}}",
             "data.result[0].value[0]"),
        ]
        for (body, field) in cases {
            #expect(throws: PrometheusError.self) { try parse(body) }
            do { _ = try parse(body) } catch let error as PrometheusError {
                guard case .malformed(_, _, let named, _) = error else { Issue.record("\(body): \(error)"); continue }
                #expect(named == field, "\(body)")
                #expect(error.description.contains("http://p:9090") && error.description.contains("`\(field)`"))
            } catch { Issue.record("\(error)") }
        }
    }

    @Test func httpErrorCarriesPrometheusErrorType() {
        let body = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:6: parse error: unclosed left parenthesis\"}"
        #expect(throws: PrometheusError.httpStatus(url: "http://p:9090", query: "q", status: 400, errorType: "bad_data",
                                                   error: "1:6: parse error: unclosed left parenthesis")) {
            try parse(body, status: 400)
        }
        #expect(throws: PrometheusError.httpStatus(url: "http://p:9090", query: "q", status: 502, errorType: nil, error: nil)) {
            try parse("<html>bad gateway</html>", status: 502)
        }
    }

    @Test func nodeLabelDropsThePortOfInstanceOnly() {
        #expect(PrometheusNodeLabel().node(of: ["instance": "10.0.0.5:9100"]) == "10.0.0.5")
        #expect(PrometheusNodeLabel().node(of: ["instance": "[fd00::5]:9100"]) == "fd00::5")
        #expect(PrometheusNodeLabel().node(of: ["instance": "node-1"]) == "node-1")
        #expect(PrometheusNodeLabel("node").node(of: ["node": "a:1", "instance": "x"]) == "a:1")
        #expect(PrometheusNodeLabel("node").node(of: ["instance": "x"]) == nil)
    }

    @Test func podUIDFromCgroupPaths() {
        #expect(PrometheusPodCPUSource.podUID(fromCgroupPath:
            "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-podaaaaaaaa_bbbb_cccc_dddd_eeeeeeeeeeee.slice/cri-containerd-1.scope")
            == "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
        #expect(PrometheusPodCPUSource.podUID(fromCgroupPath: "/kubepods/pod11111111-2222-3333-4444-555555555555/abc")
            == "11111111-2222-3333-4444-555555555555")
        #expect(PrometheusPodCPUSource.podUID(fromCgroupPath: "/system.slice/kubelet.service") == nil)
    }

    @Test func formEncoding() {
        #expect(PrometheusClient.formEncode("a{b=~\"x|y\"}[5m] + 1") == "a%7Bb%3D~%22x%7Cy%22%7D%5B5m%5D%20%2B%201")
    }
}
