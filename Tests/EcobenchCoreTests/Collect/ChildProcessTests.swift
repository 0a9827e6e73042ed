import EcobenchCore
import Foundation
import Testing

/// `ChildProcess`: posix_spawn in place of Foundation's `Process.run()`, which crashed this test
/// process on 2026-12-06 (a 256-byte copy per /proc/self/fd entry, swift-corelibs-foundation #5472).
@Suite struct ChildProcessTests {
    static func shell(_ script: String) -> (ChildProcess, Pipe, Pipe) {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        return (process, out, err)
    }

    @Test func outputErrorAndExitStatusComeBack() throws {
        let (process, out, err) = Self.shell("echo out; echo err >&2; exit 3")
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(stdout == "out\n" && stderr == "err\n")
        #expect(process.terminationStatus == 3 && process.terminationReason == .exit && !process.isRunning)
    }

    @Test func aSignalEndsItAndIsReportedAsTheSignal() throws {
        let (process, _, _) = Self.shell("exec sleep 30")
        try process.run()
        #expect(process.isRunning && process.processIdentifier > 0)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
    }

    /// The child sees only stdin, stdout and stderr of this process's descriptors (it lists its own
    /// /proc/self/fd; `ls` adds the one it reads the directory through), its environment and folder.
    @Test func onlyTheStandardDescriptorsTheEnvironmentAndTheFolderItIsGiven() throws {
        let leaked = open("/dev/null", O_RDONLY)  // not close-on-exec
        defer { close(leaked) }
        #expect(leaked > 2)
        let (process, out, _) = Self.shell("ls /proc/self/fd | wc -l; echo \"$ECOBENCH_CHILD_TEST\"; pwd")
        process.environment = ["ECOBENCH_CHILD_TEST": "given", "PATH": "/usr/bin:/bin"]
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        try process.run()
        let lines = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        process.waitUntilExit()
        #expect(lines == ["4", "given", "/tmp"], "\(lines)")
    }

    @Test func aMissingProgramIsAnErrorNamingIt() {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/nonexistent/ecobench-no-such-tool")
        #expect(throws: ChildProcess.LaunchError.self) { try process.run() }
    }
}
