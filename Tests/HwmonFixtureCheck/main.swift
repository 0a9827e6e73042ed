// Test helper for the hwmon fixture tests (HwmonFixtureTests): prints, as JSON, what
// HwmonDiscovery finds through libsensors, the probe's channels and two ticks of values.
// The tests run it as root inside a private mount namespace (`unshare -m`) with a tmpfs over
// /sys/class that holds only a fixture hwmon tree; on its own it shows the real machine's.
//
//   hwmon-fixture-check [--config FILE] [--remove FILE]... [--set FILE=VALUE]...
//
// The probe's clock is fake: 0 s at creation, then 2 s and 4 s at the two ticks, so
// integrated energies are exact. Between the ticks, `--remove` deletes and `--set` rewrites
// a file of /sys/class/hwmon/hwmon0 (a sensor vanishing, a counter advancing).
import EcobenchCore
import Foundation

struct Output: Encodable {
    var version: String
    var readings: [HwmonReading]
    var notes: [String]
    var channels: [SourceDescriptor]
    var ticks: [[Double]]
    /// Per tick, why each NaN channel had no reading (`ReadingFailure`'s description), else nil.
    var failures: [[String?]]
}

final class FakeClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds = 0.0
    func now() -> Double { lock.withLock { seconds } }
    func advance(_ by: Double) { lock.withLock { seconds += by } }
}

var configPath: String?
var removals: [String] = []
var writes: [(file: String, value: String)] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--config": configPath = arguments.popFirst()
    case "--remove": arguments.popFirst().map { removals.append($0) }
    case "--set":
        if let pair = arguments.popFirst(), let equals = pair.firstIndex(of: "=") {
            writes.append((String(pair[..<equals]), String(pair[pair.index(after: equals)...])))
        }
    default:
        FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
        exit(2)
    }
}

let clock = FakeClock()
let discovery = HwmonDiscovery.discover(configPath: configPath, now: { clock.now() })
var ticks: [[Double]] = []
var failures: [[String?]] = []
if let probe = discovery.probes.first {
    var values = [Double](repeating: 0, count: probe.channels.count)
    for tick in 0..<2 {
        if tick == 1 {
            for file in removals {
                try? FileManager.default.removeItem(atPath: "/sys/class/hwmon/hwmon0/" + file)
            }
            for (file, value) in writes {
                try Data((value + "\n").utf8).write(to: URL(fileURLWithPath: "/sys/class/hwmon/hwmon0/" + file))
            }
        }
        clock.advance(2)
        try values.withUnsafeMutableBufferPointer { try probe.read(into: $0) }
        ticks.append(values)
        failures.append(values.indices.map { values[$0].isNaN ? probe.failure(channel: $0)?.description : nil })
    }
}
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
encoder.nonConformingFloatEncodingStrategy = .convertToString(
    positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
let output = Output(version: SensorsLibrary.version, readings: discovery.readings,
                    notes: discovery.notes, channels: discovery.probes.first?.channels ?? [],
                    ticks: ticks, failures: failures)
FileHandle.standardOutput.write(try encoder.encode(output))
FileHandle.standardOutput.write(Data("\n".utf8))
