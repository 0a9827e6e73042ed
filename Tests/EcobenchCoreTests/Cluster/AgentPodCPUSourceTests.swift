import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCluster

/// `AgentPodCPUSource`'s arithmetic over decoded `/pods` scans (the agents themselves are tested
/// end to end in `AgentPodsTests`): counter growth interpolated at window edges, pods that start
/// or end among the scans, and the decoder's errors.
@Suite struct AgentPodCPUSourceTests {
    /// Scans every 10 ns: pod a from 0 at 1 s/ns throughout; b appears at t=20 (absent at 10) and
    /// is last seen at t=40 (absent at 50); c runs entirely before the window.
    static func scans() throws -> AgentSamples {
        try AgentSamplesDecoder.podScans(Data("""
            {"truncated":false,"scan_interval_ns":10,"pods":["a","b","c"],"qos":["burstable","besteffort","guaranteed"],
             "rows":[[0,0,null,1],[10,10,null,2],[20,20,4,null],[30,30,6,null],[40,40,8,null],[50,50,null,null],
                     [60,60,null,null]]}
            """.utf8))
    }

    @Test func seriesStartsAtZeroBeforeAPodAndStaysFlatAfterIt() throws {
        let scans = try Self.scans()
        #expect(AgentPodCPUSource.series(scans, pod: "b").map(\.t) == [10, 20, 30, 40, 50])
        #expect(AgentPodCPUSource.series(scans, pod: "b").map(\.value) == [0, 4, 6, 8, 8])
        #expect(AgentPodCPUSource.series(scans, pod: "a").map(\.value) == [0, 10, 20, 30, 40, 50, 60])
        #expect(AgentPodCPUSource.series(scans, pod: "c").map(\.value) == [1, 2, 2])
        #expect(AgentPodCPUSource.series(scans, pod: "missing").isEmpty)
    }

    @Test func windowGrowthIsInterpolatedAtTheEdges() throws {
        let readings = AgentPodCPUSource.readings(try Self.scans(), node: "n1", source: "test", start: 15, end: 45)
        #expect(readings.map(\.podUID) == ["a", "b"])  // c ended before the window
        // a: 45 − 15 = 30. b: value(45) = 8 (flat after its end), value(15) = 2 (between 0 at 10 and 4 at 20).
        #expect(readings[0].cpuSeconds == 30 && readings[1].cpuSeconds == 6)
        #expect(readings.allSatisfy { $0.node == "n1" && $0.namespace == nil && $0.pod == nil })
    }

    @Test func malformedPodAnswersNameTheField() {
        func field(_ json: String) -> String {
            do throws(AgentSamplesDecoder.FieldError) {
                _ = try AgentSamplesDecoder.podScans(Data(json.utf8))
                return "parsed"
            } catch { return error.field }
        }
        #expect(field("{\"rows\":[]}") == "pods")
        #expect(field("{\"pods\":[\"a\"],\"qos\":[],\"rows\":[]}") == "qos")
        #expect(field("{\"pods\":[\"a\"]}") == "rows")
        #expect(field("{\"pods\":[\"a\"],\"rows\":[[1]]}") == "rows[0]")
        #expect(field("{\"pods\":[\"a\"],\"rows\":[[1,-2]]}") == "rows[0][1]")
        #expect(field("{\"pods\":[\"a\"],\"rows\":[[1,\"x\"]]}") == "rows[0][1]")
        #expect(field("{\"pods\":[],\"rows\":[]}") == "parsed")
    }
}
