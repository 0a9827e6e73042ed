import EcobenchTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Helpers for the agent tests: a fixture RAPL zone the test drives, free ports, HTTP, parsing.
final class AgentHarness: @unchecked Sendable {
    let directory: URL
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecobench-agent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// A sysfs tree with one RAPL zone `package-0`; returns its root and its energy_uj path.
    func raplFixture(_ name: String, energyMicrojoules: Int64) throws -> (root: String, energyPath: String) {
        let zone = directory.appendingPathComponent("\(name)/class/powercap/intel-rapl:0")
        try FileManager.default.createDirectory(at: zone, withIntermediateDirectories: true)
        for (file, value) in [("name", "package-0"), ("max_energy_range_uj", "262143328850"), ("enabled", "1")] {
            try (value + "\n").write(to: zone.appendingPathComponent(file), atomically: false, encoding: .utf8)
        }
        let energy = zone.appendingPathComponent("energy_uj").path
        try "".write(toFile: energy, atomically: false, encoding: .utf8)
        try AgentHarness.writeEnergy(energy, microjoules: energyMicrojoules)
        return (directory.appendingPathComponent(name).path, energy)
    }

    /// Rewrites energy_uj in place (the probe keeps the file open), fixed width.
    static func writeEnergy(_ path: String, microjoules: Int64) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else { throw HarnessError("cannot open \(path)") }
        defer { try? handle.close() }
        try handle.seek(toOffset: 0)
        try handle.write(contentsOf: Data(String(format: "%020lld\n", microjoules).utf8))
    }

    /// A TCP port nothing listens on now (bind to port 0 on loopback, read it, close).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(fd, pointer, length) == 0 else { return -1 }
                return getsockname(fd, pointer, &length)
            }
        }
        guard bound == 0 else { throw HarnessError("bind failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// GET `url` with an optional bearer token: (status, body); status 0 when nothing answered.
    /// Synchronous (the completion runs on URLSession's queue), so tests that hold `Exclusive`
    /// never wait on the cooperative pool that other tests' `Exclusive.run` may be blocking.
    static func get(_ url: String, token: String? = nil) -> (status: Int, body: String) {
        guard let parsed = URL(string: url) else { return (0, "") }
        var request = URLRequest(url: parsed, timeoutInterval: 5)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let done = DispatchSemaphore(value: 0)
        let answer = Answer()
        URLSession.shared.dataTask(with: request) { data, response, error in
            answer.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            answer.body = data.map { String(decoding: $0, as: UTF8.self) } ?? "\(error.map { "\($0)" } ?? "")"
            done.signal()
        }.resume()
        done.wait()
        return (answer.status, answer.body)
    }

    /// Filled by the completion handler before the semaphore is signalled.
    private final class Answer: @unchecked Sendable {
        var status = 0
        var body = ""
    }

    /// Polls `url` until it answers 200 or `seconds` pass.
    static func waitUntilServing(_ url: String, token: String?, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if get(url, token: token).status == 200 { return true }
            usleep(100_000)
        }
        return false
    }

    /// Sample lines of a Prometheus text exposition: "name{labels}" → value; checks that every
    /// family has HELP and TYPE before its samples.
    static func parseMetrics(_ text: String) throws -> [String: Double] {
        var samples: [String: Double] = [:]
        var help = Set<String>()
        var typed: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 3)
            if line.hasPrefix("# HELP "), fields.count >= 3 { help.insert(String(fields[2])); continue }
            if line.hasPrefix("# TYPE "), fields.count == 4 { typed[String(fields[2])] = String(fields[3]); continue }
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                throw HarnessError("not a sample line: \(line)")
            }
            let key = String(line[..<space])
            let name = String(key.prefix { $0 != "{" })
            guard help.contains(name), let type = typed[name] else { throw HarnessError("\(name) has no HELP/TYPE") }
            if type == "counter" && !name.hasSuffix("_total") { throw HarnessError("counter \(name) lacks _total") }
            samples[key] = value
        }
        return samples
    }

    /// A decoded `GET /samples` answer: sources once, then [t_unix_ns, values…] rows.
    struct SamplesAnswer {
        struct Row: Equatable {
            var time: Int64
            var values: [Double?]
        }

        var sources: [String]
        var rows: [Row]
        var clockUnixNanoseconds: Int64

        init(_ body: String) throws {
            guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
                  let sources = object["sources"] as? [String], let rows = object["rows"] as? [[Any]],
                  let clock = object["clock"] as? [String: Any], let unix = clock["unix_ns"] as? NSNumber else {
                throw HarnessError("not a /samples answer: \(body.prefix(300))")
            }
            self.sources = sources
            self.clockUnixNanoseconds = unix.int64Value
            self.rows = try rows.map { row in
                guard let time = row.first as? NSNumber, row.count == sources.count + 1 else {
                    throw HarnessError("bad row \(row)")
                }
                return Row(time: time.int64Value, values: row.dropFirst().map { ($0 as? NSNumber)?.doubleValue })
            }
        }
    }

    struct HarnessError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
