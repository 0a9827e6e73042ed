import EcobenchCore
import EcobenchTestSupport
import Foundation

// `make soak`: ecobench-soak [--minutes M] [--interval-ms MS] [--report-seconds S]
// Samples every probe a run would use (RAPL from a fixture on tmpfs whose counter a background
// writer advances at 50 W, /proc, the CPU estimate) into a real store at 100 Hz for M minutes
// (default 30), and checks: flat memory (RSS), no descriptor growth, no drift of the tick
// schedule (ticks taken against expected, interval jitter). Exit 1 when a check fails.

var minutes = 30.0
var intervalMilliseconds = 10.0
var reportSeconds = 30.0
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--minutes": minutes = arguments.next().flatMap(Double.init) ?? minutes
    case "--interval-ms": intervalMilliseconds = arguments.next().flatMap(Double.init) ?? intervalMilliseconds
    case "--report-seconds": reportSeconds = arguments.next().flatMap(Double.init) ?? reportSeconds
    default:
        print("usage: ecobench-soak [--minutes M] [--interval-ms MS] [--report-seconds S]")
        exit(2)
    }
}

let base = (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
    + "/ecobench-soak-\(getpid())"

/// Prints a line and writes it out now (stdout is block-buffered into a file or pipe).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ecobench-soak: \(message)\n".utf8))
    try? FileManager.default.removeItem(atPath: base)
    exit(1)
}

let writer: RAPLFixtureWriter
do { writer = try RAPLFixtureWriter(root: base + "/sys", watts: 50) } catch { fail("cannot build the fixture in \(base): \(error)") }
writer.start(periodSeconds: 0.005)

var options = SourceOptions(sysfsRoot: base + "/sys", procRoot: "/proc")
options.hwmon = false
options.nvml = false
let store: RunStore
let sampler: Sampler
do {
    let discovery = try SourceDiscovery.probes(options: options)
    store = try RunStore(path: base + "/soak.db")
    let runID = try store.createRun(NewRun(
        workload: "soak", workloadFile: "-", workloadYAML: "", functionalUnit: "minute", startedAt: "",
        clockStartUnixNanoseconds: MonotonicClock.unixNanoseconds(), intervalNanoseconds: Int64(intervalMilliseconds * 1e6),
        settingsJSON: "{}", hostJSON: "{}", pid: getpid(), ecobenchVersion: EcobenchVersion.current))
    let channels = discovery.probes.flatMap(\.channels)
    let ids = try store.registerSources(runID: runID, channels)
    sampler = Sampler(probes: discovery.probes, sourceIDs: ids, sink: store,
                      intervalNanoseconds: Int64(intervalMilliseconds * 1e6),
                      originNanoseconds: MonotonicClock.nowNanoseconds())
    say("soak: \(minutes) min at \(intervalMilliseconds) ms, channels: " + channels.map(\.name).joined(separator: ", "))
} catch {
    fail("setup failed: \(error)")
}

let monitor = SoakMonitor()
let start = MonotonicClock.nowNanoseconds()
sampler.start()
let totalSeconds = minutes * 60
var nextReport = reportSeconds
while true {
    let elapsed = Double(MonotonicClock.nowNanoseconds() - start) / 1e9
    if elapsed >= totalSeconds { break }
    usleep(UInt32(min(1, totalSeconds - elapsed) * 1e6))
    let now = Double(MonotonicClock.nowNanoseconds() - start) / 1e9
    if now >= nextReport || now >= totalSeconds {
        let point = monitor.record(elapsedSeconds: now, ticks: sampler.ownCost().ticks)
        say(point.line(intervalMilliseconds: intervalMilliseconds))
        nextReport += reportSeconds
    }
}
sampler.stop()
writer.stop()
let elapsedSeconds = Double(MonotonicClock.nowNanoseconds() - start) / 1e9
let cost = sampler.ownCost()
let jitter: SoakMonitor.Jitter
do { jitter = try SoakMonitor.jitter(store: store, channel: "rapl.package-0", intervalMilliseconds: intervalMilliseconds) } catch {
    fail("cannot read the stored ticks: \(error)")
}
let verdicts = monitor.verdicts(elapsedSeconds: elapsedSeconds, ticks: cost.ticks, intervalMilliseconds: intervalMilliseconds,
                                jitter: jitter, problems: sampler.problems(), writerUpdates: writer.writeCount)
say(String(format: "sampler thread CPU: %.2f s over %.0f s (%.2f %% of one core)", cost.cpuSeconds, elapsedSeconds,
             100 * cost.cpuSeconds / elapsedSeconds))
verdicts.lines.forEach { say($0) }
try? FileManager.default.removeItem(atPath: base)  // exit() skips top-level defers
exit(verdicts.passed ? 0 : 1)
