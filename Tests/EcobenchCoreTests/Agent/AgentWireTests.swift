import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect
@testable import EcobenchCluster
@testable import EcobenchAgent

/// The agent writes `/samples`, `/pods` and `/clock` with the `AgentWire` types and the controller
/// reads them with the same types: what one end writes, the other reads back as the same values.
@Suite struct AgentWireTests {
    @Test func clockIsOneLineWithSortedMembers() throws {
        // The hand-written form was "{\"unix_ns\":\(unix),\"monotonic_ns\":\(monotonic)}\n": the same members, sorted.
        #expect(try AgentWire.body(AgentWire.Clock(unixNanoseconds: 7, monotonicNanoseconds: 8))
                == "{\"monotonic_ns\":8,\"unix_ns\":7}\n")
        #expect(try AgentSamplesDecoder.clock(Data("{\"unix_ns\":7,\"monotonic_ns\":8}\n".utf8)) == 7)
    }

    @Test func samplesWrittenByTheAgentDecodeToTheSameValues() throws {
        var range = AgentSampleRange()
        range.sources = ["rapl.package-0", "node.cpu.busy_seconds", "redfish.bmc.energy"]
        range.rows = [.init(timeUnixNanoseconds: 10, values: [1.5, nil, .nan]),
                      .init(timeUnixNanoseconds: 20, values: [3.25, 0.5, 1e21])]
        range.truncated = true
        range.gaps = [AgentWire.Gap(source: "rapl.package-0", fromUnixNanoseconds: 10, toUnixNanoseconds: 20,
                                    reason: "reset: /z/energy_uj went back"),
                      AgentWire.Gap(source: "node.cpu.busy_seconds", fromUnixNanoseconds: 10, toUnixNanoseconds: nil,
                                    reason: "vanished: /proc/stat")]
        let descriptors = [
            "rapl.package-0": SourceDescriptor(name: "rapl.package-0", kind: .measured, unit: "J", semantics: .counter,
                                               scope: .node, path: "fixture", energyRole: .package),
            "node.cpu.busy_seconds": SourceDescriptor(name: "node.cpu.busy_seconds", kind: .measured, unit: "s",
                                                      semantics: .counter, scope: .node, path: "fixture")]
        let json = try range.json(fromUnixNanoseconds: 1, toUnixNanoseconds: 30,
                                  units: ["rapl.package-0": "J", "node.cpu.busy_seconds": "s", "redfish.bmc.energy": "J"],
                                  clockUnixNanoseconds: 5, clockMonotonicNanoseconds: 6, descriptors: descriptors,
                                  polled: ["redfish.bmc.energy"],
                                  stalenessBoundsSeconds: ["rapl.package-0": 0.0011, "node.cpu.busy_seconds": .infinity])
        // Members sorted by name, one line; NaN has no JSON form: written as null (a gap), and the
        // non-finite staleness likewise.
        // A gap's members sorted too; an open one has no `to_unix_ns`.
        #expect(json == #"{"clock":{"monotonic_ns":6,"unix_ns":5},"from_ns":1,"#
                + #""gaps":[{"from_unix_ns":10,"reason":"reset: /z/energy_uj went back","source":"rapl.package-0","#
                + #""to_unix_ns":20},{"from_unix_ns":10,"reason":"vanished: /proc/stat","source":"node.cpu.busy_seconds"}],"#
                + #""kinds":["measured","measured","measured"],"polled":["redfish.bmc.energy"],"#
                + #""roles":["package",null,null],"rows":[[10,1.5,null,null],[20,3.25,0.5,1e+21]],"#
                + #""semantics":["counter","counter","gauge"],"#
                + #""sources":["rapl.package-0","node.cpu.busy_seconds","redfish.bmc.energy"],"#
                + #""staleness_bound_s":[0.0011,null,null],"to_ns":30,"truncated":true,"units":["J","s","J"]}"# + "\n")

        let wire = try JSONDecoder().decode(AgentWire.Samples.self, from: Data(json.utf8))
        #expect(wire.clock == AgentWire.Clock(unixNanoseconds: 5, monotonicNanoseconds: 6))
        #expect(wire.fromUnixNanoseconds == 1 && wire.toUnixNanoseconds == 30 && wire.truncated == true)
        #expect(wire.kinds == ["measured", "measured", "measured"] && wire.semantics == ["counter", "counter", "gauge"])
        #expect(wire.roles == ["package", nil, nil] && wire.polled == ["redfish.bmc.energy"])
        #expect(wire.stalenessBoundSeconds == [0.0011, nil, nil])
        #expect(wire.rows == [.init(timeUnixNanoseconds: 10, values: [1.5, nil, nil]),
                              .init(timeUnixNanoseconds: 20, values: [3.25, 0.5, 1e21])])

        #expect(wire.gaps == range.gaps)
        let samples = try AgentSamplesDecoder.samples(Data(json.utf8))
        #expect(samples.gaps == [.init(source: "rapl.package-0", fromUnixNanoseconds: 10, toUnixNanoseconds: 20,
                                       reason: "reset: /z/energy_uj went back"),
                                 .init(source: "node.cpu.busy_seconds", fromUnixNanoseconds: 10, toUnixNanoseconds: nil,
                                       reason: "vanished: /proc/stat")])
        #expect(samples.channels.map(\.polled) == [false, false, true])
        #expect(samples.channels.map(\.energyRole) == [.package, nil, nil])
        #expect(samples.rows.map(\.values) == [[1.5, nil, nil], [3.25, 0.5, 1e21]] && samples.truncated)
    }

    /// An agent from before causes sends no `gaps`: the answer decodes, with no gap and no cause.
    @Test func anAnswerWithoutGapsDecodesWithNone() throws {
        let json = #"{"sources":["rapl.package-0"],"units":["J"],"rows":[[10,1],[20,null],[30,2]]}"#
        #expect(try JSONDecoder().decode(AgentWire.Samples.self, from: Data(json.utf8)).gaps == nil)
        let samples = try AgentSamplesDecoder.samples(Data(json.utf8))
        #expect(samples.gaps.isEmpty && samples.rows.count == 3)
        // The null at 20 is one unreadable reading, without a cause: the note keeps the generic words.
        let found = AgentUnreadableReadings.find(samples, channel: "rapl.package-0", start: 0, end: 40)
        #expect(found == .init(count: 1, uncoveredNanoseconds: 20, causes: []))
    }

    /// A gap that ends before it starts is refused, naming the element.
    @Test func aGapEndingBeforeItStartsNamesTheElement() {
        let json = #"{"sources":["a"],"units":["J"],"gaps":[{"source":"a","from_unix_ns":5,"to_unix_ns":4,"reason":"x"}],"#
            + #""rows":[]}"#
        do throws(AgentSamplesDecoder.FieldError) {
            _ = try AgentSamplesDecoder.samples(Data(json.utf8))
            Issue.record("decoded a gap ending before it starts")
        } catch {
            #expect(error.field == "gaps[0].to_unix_ns")
        }
    }

    @Test func podScansWrittenByTheAgentDecodeToTheSameValues() throws {
        var range = AgentPodScanRange()
        range.pods = ["uid-a", "uid-b"]
        range.qos = ["burstable", "besteffort"]
        range.rows = [.init(timeUnixNanoseconds: 20, values: [2, 0.5]), .init(timeUnixNanoseconds: 30, values: [nil, 0.75])]
        let json = try range.json(fromUnixNanoseconds: 15, toUnixNanoseconds: 99, scanIntervalNanoseconds: 5_000_000_000,
                                  clockUnixNanoseconds: 7, clockMonotonicNanoseconds: 8)
        #expect(json == #"{"clock":{"monotonic_ns":8,"unix_ns":7},"from_ns":15,"pods":["uid-a","uid-b"],"#
                + #""qos":["burstable","besteffort"],"rows":[[20,2,0.5],[30,null,0.75]],"scan_interval_ns":5000000000,"#
                + #""to_ns":99,"truncated":false}"# + "\n")
        let wire = try JSONDecoder().decode(AgentWire.PodScans.self, from: Data(json.utf8))
        #expect(wire.scanIntervalNanoseconds == 5_000_000_000 && wire.qos == ["burstable", "besteffort"])
        let scans = try AgentSamplesDecoder.podScans(Data(json.utf8))
        #expect(scans.channels.map(\.name) == ["uid-a", "uid-b"])
        #expect(scans.rows.map(\.values) == [[2, 0.5], [nil, 0.75]] && !scans.truncated)
    }

    @Test func typeErrorsNameTheElement() {
        func field(_ json: String) -> String {
            do throws(AgentSamplesDecoder.FieldError) {
                _ = try AgentSamplesDecoder.samples(Data(json.utf8))
                return "parsed"
            } catch { return error.field }
        }
        #expect(field(#"{"sources":["a"],"units":["J"],"polled":[1],"rows":[]}"#) == "polled")
        #expect(field(#"{"sources":[1],"units":["J"],"rows":[]}"#) == "sources")
        #expect(field(#"{"sources":["a"],"units":["J"],"staleness_bound_s":["x"],"rows":[]}"#) == "staleness_bound_s[0]")
        #expect(field(#"{"sources":["a"],"units":["J"],"staleness_bound_s":[-1],"rows":[]}"#) == "staleness_bound_s[0]")
        #expect(field(#"{"sources":["a"],"units":["J"],"rows":[["t",1]]}"#) == "rows[0]")
        #expect(field(#"{"sources":["a"],"units":["J"],"rows":{}}"#) == "rows")
        #expect(field(#"{"sources":["a"],"units":["J"]}"#) == "rows")
        #expect(field(#"{"sources":["a"],"units":["J"],"gaps":[{"source":"a"}],"rows":[]}"#).hasPrefix("gaps"))
        #expect(field("not json") == "(document)")
    }
}
