import EcobenchCore
import Foundation

/// Runs the built `ecobench` executable (the one `swift build` put beside the test bundle).
public enum CLI {
    public static var executable: String {
        // .build/<triple>/debug/ecobenchPackageTests.xctest → .build/<triple>/debug/ecobench
        let bundle = Bundle.main.bundleURL.path
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? bundle).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("ecobench").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot + "/.build/debug/ecobench"
    }

    public static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// Runs `ecobench args…` in the package root and waits for it.
    public static func run(_ arguments: [String], environment: [String: String] = [:],
                           workingDirectory: String? = nil) throws -> Result {
        let process = try start(arguments, environment: environment, workingDirectory: workingDirectory)
        return process.finish()
    }

    public final class Running {
        public let process: ChildProcess
        let out: Pipe
        let err: Pipe
        init(process: ChildProcess, out: Pipe, err: Pipe) {
            self.process = process
            self.out = out
            self.err = err
        }

        public func finish() -> Result {
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                          stderr: String(decoding: stderr, as: UTF8.self))
        }
    }

    public static func start(_ arguments: [String], environment: [String: String] = [:],
                             workingDirectory: String? = nil) throws -> Running {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory ?? packageRoot)
        // Tests run beside each other (one may be running stress-ng): a busy CPU must not veto
        // another test's run, so the pre-flight checks only warn unless a test asks otherwise.
        process.environment = ProcessInfo.processInfo.environment.merging(["ECOBENCH_CHECKS": "warn-only"]) { _, new in new }
            .merging(environment) { _, new in new }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return Running(process: process, out: out, err: err)
    }

    /// Runs a prepared process to its end with stdout and stderr captured.
    public static func capture(_ process: ChildProcess) throws -> Result {
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return Running(process: process, out: out, err: err).finish()
    }

    /// Validates report JSON files with Reports/validate_report.py (the project's Python, jsonschema)
    /// against `schema` in Reports/schema.
    public static func validateReport(_ path: String, schema: String = "report.schema.json") throws -> Result {
        let process = try ProjectPython.process([packageRoot + "/Reports/validate_report.py", "--schema", schema, path])
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }

    /// PIDs of processes whose command line contains `marker` (to prove nothing survived).
    public static func processes(containing marker: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var found: [Int32] = []
        for entry in entries {
            guard let pid = Int32(entry), pid != getpid() else { continue }
            guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let cmdline = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            if cmdline.contains(marker) { found.append(pid) }
        }
        return found
    }
}
