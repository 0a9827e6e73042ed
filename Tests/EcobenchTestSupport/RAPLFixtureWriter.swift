import Foundation

/// A one-zone RAPL tree (`package-0`) whose `energy_uj` a background thread advances at a
/// fixed power, for runs with `--sysfs-root`; the counter can be made to vanish, come back
/// or jump backwards mid-run. The value is rewritten in place (fixed width, one `pwrite`), so
/// a reader's open descriptor keeps seeing the same file.
public final class RAPLFixtureWriter: @unchecked Sendable {
    public let root: String
    public let watts: Double
    public let maxRangeMicrojoules: Int64
    private let lock = NSCondition()
    private var microjoules: Double
    private var present = true
    private var stopping = false
    private var stopped = false
    private var writes = 0

    public var zoneDirectory: String { root + "/devices/virtual/powercap/intel-rapl/intel-rapl:0" }
    public var energyPath: String { zoneDirectory + "/energy_uj" }

    public init(root: String, watts: Double, startMicrojoules: Int64 = 1_000_000,
                maxRangeMicrojoules: Int64 = 262_143_328_850) throws {
        self.root = root
        self.watts = watts
        self.maxRangeMicrojoules = maxRangeMicrojoules
        self.microjoules = Double(startMicrojoules)
        let fm = FileManager.default
        try fm.createDirectory(atPath: zoneDirectory, withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/class/powercap", withIntermediateDirectories: true)
        try "package-0\n".write(toFile: zoneDirectory + "/name", atomically: false, encoding: .utf8)
        try "\(maxRangeMicrojoules)\n".write(toFile: zoneDirectory + "/max_energy_range_uj", atomically: false,
                                            encoding: .utf8)
        try "1\n".write(toFile: zoneDirectory + "/enabled", atomically: false, encoding: .utf8)
        try fm.createSymbolicLink(atPath: root + "/class/powercap/intel-rapl:0",
                                  withDestinationPath: "../../devices/virtual/powercap/intel-rapl/intel-rapl:0")
        writeValue()
    }

    /// Starts advancing the counter every `periodSeconds`.
    public func start(periodSeconds: Double = 0.01) {
        let thread = Thread { [self] in
            var last = Date()
            while true {
                lock.lock()
                if stopping { stopped = true; lock.broadcast(); lock.unlock(); return }
                let now = Date()
                microjoules += watts * now.timeIntervalSince(last) * 1e6
                last = now
                if present { writeValue() }
                _ = lock.wait(until: Date(timeIntervalSinceNow: periodSeconds))
                lock.unlock()
            }
        }
        thread.start()
    }

    public func stop() {
        lock.lock()
        stopping = true
        lock.broadcast()
        while !stopped { lock.wait() }
        lock.unlock()
    }

    /// Deletes `energy_uj` (the counter keeps advancing unseen).
    public func vanish() {
        lock.lock()
        present = false
        unlink(energyPath)
        lock.unlock()
    }

    /// Re-creates `energy_uj` (a new file) with a counter restarted at `microjoules`.
    public func reappear(atMicrojoules value: Int64) {
        lock.lock()
        present = true
        microjoules = Double(value)
        writeValue()
        lock.unlock()
    }

    /// Rewrites the counter lower in place (a reset that is not a wrap).
    public func resetCounter(toMicrojoules value: Int64) {
        lock.lock()
        microjoules = Double(value)
        writeValue()
        lock.unlock()
    }

    /// How many times the counter was written (a soak checks the writer kept up).
    public var writeCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return writes
    }

    private func writeValue() {
        let text = String(format: "%019lld\n", Int64(microjoules) % maxRangeMicrojoules)
        let fd = open(energyPath, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
        close(fd)
        writes += 1
    }
}
