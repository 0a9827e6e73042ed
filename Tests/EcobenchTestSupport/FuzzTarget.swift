import EcobenchCore
import Foundation

/// One parser under fuzz: its seed corpus (`testdata/fuzz/<name>/`) and a body that feeds it
/// an input and says whether the outcome was acceptable: parsed, or refused with the parser's
/// own typed error. Any other error is a finding; a crash ends the process (`ecobench-fuzz`
/// then prints the input).
public struct FuzzTarget: Sendable {
    public enum Outcome: Sendable, Equatable {
        case parsed
        case typedError
        case untypedError(String)
    }

    public var name: String
    public var body: @Sendable ([UInt8], inout SeededGenerator) -> Outcome

    /// Runs `parse`; an error of type `E` is expected, anything else is a finding.
    static func expecting<E: Error>(_: E.Type, _ parse: () throws -> Void) -> Outcome {
        do {
            try parse()
            return .parsed
        } catch is E {
            return .typedError
        } catch {
            return .untypedError("\(type(of: error)): \(error)")
        }
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Every target: the local parsers, then the wire decoders (`FuzzTarget+Wire.swift`).
    public static let all: [FuzzTarget] = local + wire

    /// The parsers of local input: the workload file, /proc, IPMI tools, Redfish bodies, power profiles.
    public static let local: [FuzzTarget] = [
        FuzzTarget(name: "workload") { bytes, _ in
            expecting(WorkloadError.self) { _ = try WorkloadParser.parse(yaml: text(bytes), file: "fuzz.yaml") }
        },
        FuzzTarget(name: "procstat") { bytes, _ in
            expecting(CollectError.self) {
                _ = try bytes.withUnsafeBufferPointer { try ProcStat.parse($0, path: "stat") }
                _ = try bytes.withUnsafeBufferPointer { try ProcStat.parseAggregate($0, path: "stat") }
            }
        },
        FuzzTarget(name: "processstat") { bytes, _ in
            expecting(CollectError.self) { _ = try bytes.withUnsafeBufferPointer { try ProcessStat.parse($0, path: "stat") } }
        },
        FuzzTarget(name: "diskstats") { bytes, _ in
            _ = bytes.withUnsafeBufferPointer { DiskStats.parse($0, filter: .init(wholeDisks: nil)) }
            _ = DiskStats.parse(text: text(bytes), filter: .init(wholeDisks: ["sda", "nvme0n1"]))
            return .parsed
        },
        FuzzTarget(name: "netdev") { bytes, _ in
            _ = bytes.withUnsafeBufferPointer { NetDev.parse($0) }
            return .parsed
        },
        FuzzTarget(name: "meminfo") { bytes, _ in
            expecting(CollectError.self) { _ = try bytes.withUnsafeBufferPointer { try MemInfo.parse($0, path: "meminfo") } }
        },
        FuzzTarget(name: "ipmi") { bytes, _ in
            expecting(IPMIError.self) {
                defer { _ = try? IPMIPowerReading.parse(freeIPMIOutput: text(bytes)) }
                _ = try IPMIPowerReading.parse(ipmitoolOutput: text(bytes))
            }
        },
        FuzzTarget(name: "redfish") { bytes, rng in
            let body = rng.chance(0.3) ? Array(FuzzMutator().randomJSON(using: &rng).utf8) : bytes
            let pointers = ["/PowerControl/0/PowerConsumedWatts", "/Reading", "/PowerSupplies/1/PowerInputWatts",
                            "/PowerWatts/Reading", "/Members/0/@odata.id", "", "/", "/~1x/~0", "/0/-"]
            _ = RedfishReading.memberLinks(inBody: Data(body))
            return expecting(RedfishError.self) {
                let reading = RedfishReading(chassisID: "1U", what: .chassisPower, resourceURI: "/redfish/v1/x",
                                             jsonPointer: rng.pick(pointers), unit: .watts)
                _ = try reading.value(inBody: Data(body), url: "https://bmc.invalid/redfish/v1/x")
            }
        },
        FuzzTarget(name: "powerprofile") { bytes, _ in
            withFile(bytes, suffix: "-profile.json") { path in
                expecting(PowerProfileError.self) { _ = try PowerProfile.load(path: path) }
            }
        },
    ]
}
