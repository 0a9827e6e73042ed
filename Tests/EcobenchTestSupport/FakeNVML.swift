import EcobenchCore
import Foundation

/// A STAND-IN for NVIDIA's libnvidia-ml.so.1: no NVIDIA GPU or driver exists on the machines
/// these tests run on, so `Tests/tools/fake_nvml/fake_nvml.c` is compiled (cc -shared -fPIC)
/// into a private temporary directory as `libnvidia-ml.so.1`. It exports NVML's functions with
/// their C signatures and struct layouts and answers from `fake_nvml.conf` beside it (see the C
/// file for the format); every per-process call is logged to `calls.log` there.
///
/// A C compiler is a requirement of the test suite: without `cc` this throws, it does not skip.
public final class FakeNVML {
    public enum Variant: String, Sendable {
        /// Every function, running processes through `_v2`/`_v3` and the unversioned call.
        case full = ""
        /// No per-process functions (a driver older than them).
        case noProcessAPI = "-DFAKE_NVML_NO_PROCESS_API"
        /// Only the unversioned `nvmlDeviceGetComputeRunningProcesses` (16-byte `nvmlProcessInfo_v1_t`).
        case v1ProcessesOnly = "-DFAKE_NVML_V1_ONLY"
    }

    public struct BuildError: Error, CustomStringConvertible {
        public var description: String
    }

    public let directory: String
    public var libraryPath: String { directory + "/libnvidia-ml.so.1" }
    public var configPath: String { directory + "/fake_nvml.conf" }
    public var callLogPath: String { directory + "/calls.log" }

    public static var sourcePath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("tools/fake_nvml/fake_nvml.c").path
    }

    /// Compiles the stand-in and writes its first configuration.
    public init(variant: Variant = .full, config: String) throws {
        let dir = try TemporaryDirectory("ecobench-fake-nvml")
        directory = dir.path
        try write(config: config)
        let compiler = ChildProcess()
        compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compiler.arguments = ["cc", "-shared", "-fPIC", "-O1", "-Wall"] + (variant == .full ? [] : [variant.rawValue])
            + ["-o", libraryPath, FakeNVML.sourcePath]
        let errors = Pipe()
        compiler.standardError = errors
        compiler.standardOutput = errors
        do { try compiler.run() } catch {
            throw BuildError(description: "cannot run cc to build the NVML stand-in (install gcc): \(error)")
        }
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        compiler.waitUntilExit()
        guard compiler.terminationStatus == 0, FileManager.default.fileExists(atPath: libraryPath) else {
            throw BuildError(description: "cc failed (status \(compiler.terminationStatus)) building "
                             + "\(FakeNVML.sourcePath); a C compiler (gcc) is required by these tests:\n\(output)")
        }
    }

    /// Replaces the answers; the stand-in re-reads them on every call.
    public func write(config: String) throws {
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// The per-process calls made so far, one line each.
    public func calls() -> [String] {
        let text = (try? String(contentsOfFile: callLogPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    public func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
