import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a reading command (`ipmitool dcmi power reading`) with a deadline and returns its
/// standard output. Used from the IPMI probe's polling thread only.
package struct IPMICommandRunner: Sendable {
    package let argv: [String]
    package let timeoutSeconds: Double

    package var commandText: String { argv.joined(separator: " ") }

    package func run() throws -> String {
        guard let name = argv.first else {
            throw IPMIError.commandNotRunnable(command: "(empty)", reason: "no command given")
        }
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: name.contains("/") ? name : try resolve(name))
        process.arguments = Array(argv.dropFirst())
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw IPMIError.commandNotRunnable(command: commandText, reason: (error as NSError).localizedDescription)
        }
        // Output is a few hundred bytes, far below a pipe's buffer: reading after exit is safe.
        guard finished.wait(timeout: .now() + timeoutSeconds) == .success else {
            // SIGKILL: a child may inherit a blocked SIGTERM from the sampler's threads. Only the
            // direct child is killed (ipmitool and ipmi-dcmi do not fork); a wrapper script
            // should `exec` its tool, or its own children keep the pipes and the wait open.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw IPMIError.commandTimedOut(command: commandText, seconds: timeoutSeconds)
        }
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw IPMIError.commandFailed(command: commandText, status: process.terminationStatus,
                                          stderr: String(stderr.prefix(300)))
        }
        return stdout
    }

    /// Finds `name` on PATH.
    private func resolve(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw IPMIError.commandNotRunnable(command: commandText, reason: "\(name) not found on PATH")
    }
}
