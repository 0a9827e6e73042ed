import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCluster

@Suite struct AgentSamplesDecoderTests {
    @Test func decodesRolesAndPagesMergeByName() throws {
        let first = try AgentSamplesDecoder.samples(Data("""
            {"truncated":true,"sources":["rapl.psys","node.cpu.busy_seconds"],"units":["J","s"],
             "kinds":["measured","measured"],"semantics":["counter","counter"],"roles":["platform",null],
             "rows":[[1,5.0,0.1],[2,null,0.2]]}
            """.utf8))
        #expect(first.channels.map(\.energyRole) == [.platform, nil])
        #expect(first.rows[1].values == [nil, 0.2])
        var merged = first
        merged.append(try AgentSamplesDecoder.samples(Data("""
            {"truncated":false,"sources":["node.cpu.busy_seconds","rapl.package-0"],"units":["s","J"],"rows":[[3,0.3,7]]}
            """.utf8)))
        #expect(merged.channels.map(\.name) == ["rapl.psys", "node.cpu.busy_seconds", "rapl.package-0"])
        #expect(merged.channels[2].energyRole == .package)  // inferred from the name for older agents
        #expect(merged.rows.map(\.values) == [[5, 0.1, nil], [nil, 0.2, nil], [nil, 0.3, 7]])
        #expect(!merged.truncated)
        #expect(merged.points(of: "rapl.psys").map(\.t) == [1])
    }

    @Test func malformedAnswersNameTheField() {
        func field(_ json: String) -> String {
            do throws(AgentSamplesDecoder.FieldError) {
                _ = try AgentSamplesDecoder.samples(Data(json.utf8))
                return "parsed"
            } catch { return error.field }
        }
        #expect(field("[]") == "(document)")
        #expect(field(#"{"units":[],"rows":[]}"#) == "sources")
        #expect(field(#"{"sources":["a"],"units":[],"rows":[]}"#) == "units")
        #expect(field(#"{"sources":["a"],"units":["J"],"rows":[[1,2],[2,"x"]]}"#) == "rows[1][1]")
        #expect(field(#"{"sources":["a"],"units":["J"],"rows":[[1]]}"#) == "rows[0]")
        #expect(field(#"{"sources":["a"],"units":["J"],"kinds":["guessed"],"rows":[]}"#) == "kinds[0]")
        do throws(AgentSamplesDecoder.FieldError) {
            _ = try AgentSamplesDecoder.clock(Data(#"{"monotonic_ns":1}"#.utf8))
            Issue.record("parsed")
        } catch {
            #expect(error.field == "unix_ns")
        }
    }
}
