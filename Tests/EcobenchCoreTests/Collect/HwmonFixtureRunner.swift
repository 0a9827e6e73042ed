import EcobenchCore
import Foundation

/// Runs `hwmon-fixture-check` over a fixture hwmon tree that libsensors sees as the machine's.
///
/// libsensors always scans `/sys/class/hwmon` and checks that `/sys` is a sysfs, so the helper
/// runs in a private mount namespace (`unshare -m`, util-linux; propagation private) with a
/// tmpfs over `/sys/class` holding only `hwmon/hwmon0`: the host's /sys is untouched. The test
/// process itself cannot enter a namespace (it has threads), hence the helper process.
/// Needs root (CAP_SYS_ADMIN); CI runs as root. No `device` link is needed: libsensors reports
/// such a chip on the virtual bus (`ecotest-virtual-0`).
enum HwmonFixtureRunner {
    struct Output: Decodable {
        var readings: [HwmonReading]
        var notes: [String]
        var channels: [SourceDescriptor]
        var ticks: [[Double]]
        var failures: [[String?]]

        func reading(_ quantity: HwmonReading.Quantity, _ label: String) -> HwmonReading? {
            readings.first { $0.quantity == quantity && $0.label == label }
        }

        /// The channel's values at both ticks.
        func values(_ channel: String) -> [Double]? {
            guard let index = channels.firstIndex(where: { $0.name == channel }) else { return nil }
            return ticks.map { $0[index] }
        }

        /// Why the channel was NaN at each tick (nil where it read).
        func failures(_ channel: String) -> [String?]? {
            guard let index = channels.firstIndex(where: { $0.name == channel }) else { return nil }
            return failures.map { $0[index] }
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The fixture tests run where their namespace can be made: as root, as CI runs them. There a
    /// missing unshare(1) is a failure (`unshare()` throws), never a skipped test.
    static var canRun: Bool { getuid() == 0 }

    /// util-linux's unshare(1), or a failure that says how to get it.
    static func unshare() throws -> URL {
        let path = "/usr/bin/unshare"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Failure(description: "\(path) missing: install util-linux (`make deps` does)")
        }
        return URL(fileURLWithPath: path)
    }

    /// The kernel's units: µW, µJ, mV, mA, m°C, RPM.
    static let fixture: [String: String] = [
        "name": "ecotest",
        "power1_input": "12500000", "power1_average": "12000000",
        "energy1_input": "3600000000",
        "power2_input": "5000000", "power2_label": "GPU",
        "in0_input": "12000", "in0_label": "VIN",
        "curr1_input": "2500", "curr1_label": "VIN",
        "temp1_input": "45500",
        "fan1_input": "1200",
    ]

    /// The helper next to the test bundle (`swift build` builds it; `swift test` does too).
    static var helper: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return URL(fileURLWithPath: exe).deletingLastPathComponent()
            .appendingPathComponent("hwmon-fixture-check").path
    }

    static func run(config: String? = nil, arguments: [String] = []) throws -> Output {
        let temp = FileManager.default.temporaryDirectory
            .appendingPathComponent("hwmon-fixture-\(UUID().uuidString)")
        let chip = temp.appendingPathComponent("hwmon0")
        try FileManager.default.createDirectory(at: chip, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temp) }
        for (file, value) in fixture {
            try Data((value + "\n").utf8).write(to: chip.appendingPathComponent(file))
        }
        var extra = arguments
        if let config {
            let configURL = temp.appendingPathComponent("sensors3.conf")
            try Data(config.utf8).write(to: configURL)
            extra = ["--config", configURL.path] + extra
        }
        guard FileManager.default.isExecutableFile(atPath: helper) else {
            throw Failure(description: "\(helper) missing: run `swift build` first")
        }
        let script = "mount -t tmpfs ecobench-test /sys/class && mkdir /sys/class/hwmon"
            + " && cp -r \"$1\" /sys/class/hwmon/ && shift && exec \"$@\""
        let process = ChildProcess()
        process.executableURL = try unshare()
        process.arguments = ["-m", "sh", "-c", script, "sh", chip.path, helper] + extra
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "helper exited \(process.terminationStatus): "
                          + String(decoding: errors, as: UTF8.self))
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(Output.self, from: data)
    }
}
