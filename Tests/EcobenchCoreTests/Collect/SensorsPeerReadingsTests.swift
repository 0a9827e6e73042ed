import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench sensors --json`'s current readings against peers reading the same sources:
/// every RAPL and hwmon value equals what Debian's `prometheus-node-exporter --path.sysfs=<tree>`
/// reads from the same fixture tree, and every Redfish value equals the BMC's own (sushy-static
/// serving the DMTF-style `redfish/classic` mockup, fetched here with Python's urllib). hwmon
/// goes through libsensors, which only reads /sys/class/hwmon: as in FixtureHostSensorsTests,
/// ecobench runs in a private mount namespace with the fixture's class/hwmon over /sys/class
/// (root and unshare, as CI has).
@Suite("Sensors' readings equal node_exporter's and the BMC's",
       .enabled(if: HwmonFixtureRunner.canRun, "needs root (and then fails without unshare(1))"))
struct SensorsPeerReadingsTests {
    struct Listing: Decodable {
        var readings: [LiveReading]
        var notes: [String]
    }

    static let nodeExporter = "/usr/bin/prometheus-node-exporter"

    @Test func raplHwmonAndRedfishReadingsEqualThePeers() throws {
        let temp = try TemporaryDirectory("sensors-peer")
        defer { temp.remove() }
        // One sysfs tree for both tools: intel-2s's powercap (copied with its symlinks), plus
        // class/hwmon with the fixture chip and a chip without a `name` file (libsensors skips it).
        let sys = temp.path + "/sys"
        _ = try Self.output(["/bin/cp", "-a", Fixtures.path("intel-2s/sys"), sys])
        let named = sys + "/class/hwmon/hwmon0"
        let unnamed = sys + "/class/hwmon/hwmon1"
        for directory in [named, unnamed] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        for (file, value) in HwmonFixtureRunner.fixture {
            try (value + "\n").write(toFile: named + "/" + file, atomically: true, encoding: .utf8)
        }
        try "30000\n".write(toFile: unnamed + "/temp1_input", atomically: true, encoding: .utf8)

        let metrics = try Self.nodeExporterMetrics(sysfsRoot: sys)
        let server = try RedfishTestServer(sushyMockup: Fixtures.path("redfish/classic"))
        defer { server.stop() }
        let script = "mount -t tmpfs ecobench-test /sys/class && mkdir /sys/class/hwmon"
            + " && cp -r \"$1\"/* /sys/class/hwmon/ && shift && exec \"$@\""
        let data = try Self.output([try HwmonFixtureRunner.unshare().path, "-m", "sh", "-c", script, "sh",
                                    sys + "/class/hwmon", CLI.executable, "sensors", "--json", "--window-ms", "2000",
                                    "--sysfs-root", sys, "--redfish", try server.url().absoluteString])
        let listing = try ReportCoding.decoder().decode(Listing.self, from: Data(data.utf8))

        // RAPL: each zone's total equals node_exporter's node_rapl_<name>_joules_total of the same zone directory.
        let rapl = listing.readings.filter { $0.source.hasPrefix("rapl.") && $0.quantity == .energy }
        #expect(rapl.count == 7, "\(rapl.map(\.source))")  // package-0, core, uncore, dram, package-1, dram, psys
        for reading in rapl {
            let zone = URL(fileURLWithPath: reading.path).deletingLastPathComponent().lastPathComponent
            let peer = metrics.filter { $0.name.hasPrefix("node_rapl_") && $0.name.hasSuffix("_joules_total")
                && URL(fileURLWithPath: $0.labels["path"] ?? "").lastPathComponent == zone }
            #expect(peer.count == 1 && peer.first?.value == reading.value, "\(reading.source) \(zone): \(peer)")
            #expect(reading.unit == "J")
        }
        // hwmon: each libsensors reading equals node_exporter's metric for that chip and sensor.
        let hwmon = listing.readings.filter { $0.source.hasPrefix("hwmon.") && $0.basis.hasPrefix("libsensors ")
            && !$0.basis.contains("×") }
        #expect(Set(hwmon.map(\.unit)) == ["W", "J", "V", "A", "Cel", "rpm"], "\(hwmon)")
        for reading in hwmon {
            let subfeature = String(reading.basis.dropFirst("libsensors ".count))
            let name = try #require(Self.nodeExporterName(subfeature: subfeature), "\(subfeature)")
            let sensor = String(subfeature.prefix { $0 != "_" })
            let peer = metrics.filter { $0.name == name && $0.labels["chip"] == "ecotest" && $0.labels["sensor"] == sensor }
            let value = try #require(reading.value)
            #expect(peer.count == 1 && abs((peer.first?.value ?? .nan) - value) <= 1e-9 * max(1, abs(value)),
                    "\(reading.source) \(subfeature) = \(value): node_exporter \(name) \(peer)")
        }
        // The chip without a name: node_exporter reads it, libsensors skips it, and ecobench says so.
        #expect(metrics.contains { $0.name == "node_hwmon_temp_celsius" && $0.labels["chip"] == "hwmon1" && $0.value == 30 })
        #expect(listing.notes.contains { $0.contains("/sys/class/hwmon/hwmon1 has no name file") }, "\(listing.notes)")
        // An integrated power channel over the window: power2 is a constant 5 000 000 µW = 5 W,
        // so ΔE/Δt = 5 W × Δt / Δt = 5 W; the static counters (energy1, RAPL) give 0 J / Δt = 0 W.
        // Tolerance 0.1 %: Δt is stamped at the middle of each read of the whole chip while the probe
        // takes its own clock inside it: microseconds apart on a quiet machine, but a read preempted on
        // a loaded one stretches to milliseconds (CI saw 5.018 W over 200 ms: 0.7 ms). Over a 2 s
        // window even 2 ms stays within 0.1 %.
        let gpu = try #require(listing.readings.first { $0.source.hasSuffix(".GPU.energy") })
        #expect(gpu.unit == "W" && abs((gpu.value ?? .nan) - 5) < 5e-3, "\(gpu)")
        let package = try #require(listing.readings.first { $0.source == "rapl.package-0" && $0.quantity == .power })
        #expect(package.value == 0 && package.unit == "W")

        // Redfish: each value equals the BMC's, fetched and followed (JSON pointer) by Python.
        let redfish = listing.readings.filter { $0.source.hasPrefix("redfish.") }
        #expect(!redfish.isEmpty && redfish.contains { $0.unit == "W" && $0.value != nil }, "\(redfish)")
        for reading in redfish {
            let parts = reading.path.split(separator: "#", maxSplits: 1).map(String.init)
            let bmc = try Self.output([try ProjectPython.require(), "-c", Self.pointerScript,
                                       try server.url().absoluteString + parts[0], parts.count > 1 ? parts[1] : ""])
            let expected = Double(bmc.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(reading.value == expected, "\(reading.source) \(reading.path): BMC \(bmc)")
        }
    }

    /// node_exporter's hwmon metric for a sysfs subfeature (its hwmon collector's naming:
    /// `node_hwmon_<type>[_<element>]_<unit>`, `input` being the value itself).
    static func nodeExporterName(subfeature: String) -> String? {
        let parts = subfeature.split(separator: "_", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let type = String(parts[0].prefix { $0.isLetter })
        let units = ["temp": "celsius", "fan": "rpm", "in": "volts", "curr": "amps", "power": "watt",
                     "energy": "joule_total"]
        guard let unit = units[type] else { return nil }
        return "node_hwmon_\(type)" + (parts[1] == "input" ? "" : "_" + parts[1]) + "_" + unit
    }

    /// Prints the number at a JSON pointer (RFC 6901) of the resource at a URL; `null` if absent.
    static let pointerScript = """
        import json, sys, urllib.request
        value = json.load(urllib.request.urlopen(sys.argv[1], timeout=5))
        for token in [t.replace('~1', '/').replace('~0', '~') for t in sys.argv[2].split('/')[1:]]:
            value = value[int(token)] if isinstance(value, list) else value.get(token)
        print('null' if value is None else repr(float(value)))
        """

    struct Metric {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    /// node_exporter (rapl and hwmon collectors only) on loopback, scraped once, then killed.
    static func nodeExporterMetrics(sysfsRoot: String) throws -> [Metric] {
        try #require(FileManager.default.isExecutableFile(atPath: nodeExporter),
                     "install the Debian package prometheus-node-exporter (make deps does)")
        let port = try #require(LoopbackSocket.freePort())
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: nodeExporter)
        process.arguments = ["--path.sysfs=\(sysfsRoot)", "--collector.disable-defaults", "--collector.rapl",
                             "--collector.hwmon", "--web.listen-address=127.0.0.1:\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let deadline = Date(timeIntervalSinceNow: 15)
        while !LoopbackSocket.isListening(port: port) && Date() < deadline { usleep(100_000) }
        let text = try output([try ProjectPython.require(), "-c",
                               "import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())",
                               "http://127.0.0.1:\(port)/metrics"])
        return text.split(separator: "\n").compactMap { line -> Metric? in
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...])
            else { return nil }
            let series = line[..<space]
            guard let brace = series.firstIndex(of: "{") else { return Metric(name: String(series), labels: [:], value: value) }
            var labels: [String: String] = [:]
            for pair in series[series.index(after: brace)...].dropLast().split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { labels[String(kv[0])] = String(kv[1].dropFirst().dropLast()) }
            }
            return Metric(name: String(series[..<brace]), labels: labels, value: value)
        }
    }

    /// Runs a command; its stdout, or an error with its stderr when it fails.
    static func output(_ command: [String]) throws -> String {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(command.joined(separator: " ")): \(errors)")
        return String(decoding: data, as: UTF8.self)
    }
}
