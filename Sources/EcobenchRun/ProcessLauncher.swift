import CSpawn
import Foundation

/// Starts workload commands: argv arrays executed directly (no shell unless the workload
/// file asks for one), in their own process group, inside the run's cgroup when there is one,
/// with output captured to files.
public enum ProcessLauncher {
    /// Finds `name` on `PATH` the way execvp would (names with a slash are taken as they are).
    public static func resolve(_ name: String, path: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for dir in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = "\(dir)/\(name)"
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), !isDir.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }

    /// Makes orphans of workload processes our children (see `ecobench_become_subreaper`).
    public static func becomeSubreaper() -> Bool { ecobench_become_subreaper() == 0 }

    public static func launch(argv: [String], environment: [String: String], workingDirectory: String?,
                              cgroupProcsPath: String?, outputPrefix: String, label: String) throws -> LaunchedProcess {
        let env = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        guard let first = argv.first else { throw LaunchError.notFound(command: label, searched: "empty argv") }
        let searchPath = env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        guard let executable = resolve(first, path: searchPath) else {
            throw LaunchError.notFound(command: first, searched: searchPath)
        }
        let stdoutPath = outputPrefix + ".stdout"
        let stderrPath = outputPrefix + ".stderr"
        let outFD = open(stdoutPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard outFD >= 0 else { throw LaunchError.outputFile(path: stdoutPath, reason: String(cString: strerror(errno))) }
        defer { close(outFD) }
        let errFD = open(stderrPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard errFD >= 0 else { throw LaunchError.outputFile(path: stderrPath, reason: String(cString: strerror(errno))) }
        defer { close(errFD) }
        let nullFD = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { if nullFD >= 0 { close(nullFD) } }
        var cgroupFD: Int32 = -1
        if let cgroupProcsPath {
            cgroupFD = open(cgroupProcsPath, O_WRONLY | O_CLOEXEC)
            if cgroupFD < 0 {
                throw LaunchError.outputFile(path: cgroupProcsPath, reason: String(cString: strerror(errno)))
            }
        }
        defer { if cgroupFD >= 0 { close(cgroupFD) } }

        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = cArgs.withUnsafeMutableBufferPointer { args in
            cEnv.withUnsafeMutableBufferPointer { envp in
                ecobench_spawn(executable, args.baseAddress, envp.baseAddress, cgroupFD, nullFD, outFD, errFD,
                               workingDirectory, &pid)
            }
        }
        guard rc == 0 else {
            var reason = String(cString: strerror(rc))
            if let workingDirectory { reason += " (executable \(executable), working directory \(workingDirectory))" }
            throw LaunchError.spawnFailed(command: argv.joined(separator: " "), errno: rc, reason: reason)
        }
        return LaunchedProcess(pid: pid, label: label, stdoutPath: stdoutPath, stderrPath: stderrPath)
    }

    /// Reaps any ended children (orphans adopted as subreaper) without blocking.
    public static func reapOrphans() {
        var status: Int32 = 0
        while waitpid(-1, &status, WNOHANG) > 0 {}
    }
}
