import EcobenchCore
import Foundation

/// Headless Chromium (Debian package `chromium`) for rendering the HTML report in tests.
///
/// Runs as root need `--no-sandbox`; each call gets its own `--user-data-dir` in a temporary
/// directory. The browser runs under `timeout -s KILL`, which puts it in its own process group and
/// kills the whole group (renderer and zygote included) when the time is up: SIGKILL, because
/// the test runner's threads block SIGTERM and children inherit that mask.
public enum Chromium {
    public static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]

    public static var executable: String? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `chromium --headless … arguments…`; stdout and stderr go through files (a dumped DOM
    /// is larger than a pipe's buffer).
    public static func run(_ arguments: [String], timeoutSeconds: Int = 60) throws -> CLI.Result {
        guard let executable else {
            throw CocoaError(.fileNoSuchFile, userInfo: [
                NSLocalizedDescriptionKey: "chromium is not installed (apt-get install chromium; `make deps` does)",
            ])
        }
        let dir = try TemporaryDirectory("ecobench-chromium")
        defer { dir.remove() }
        let profile = dir.path + "/profile"
        let outPath = dir.path + "/stdout"
        let errPath = dir.path + "/stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        guard let out = FileHandle(forWritingAtPath: outPath), let err = FileHandle(forWritingAtPath: errPath) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["-s", "KILL", String(timeoutSeconds), executable, "--headless", "--no-sandbox",
                             "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                             "--hide-scrollbars", "--user-data-dir=" + profile] + arguments
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Backstop should timeout itself hang: SIGKILL it, then whatever still uses this profile.
        let deadline = Date().addingTimeInterval(Double(timeoutSeconds) + 15)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        for pid in CLI.processes(containing: profile) { kill(pid, SIGKILL) }
        try? out.close()
        try? err.close()
        let stdout = FileManager.default.contents(atPath: outPath) ?? Data()
        let stderr = FileManager.default.contents(atPath: errPath) ?? Data()
        return CLI.Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                          stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The DOM after Chromium parsed and laid out the page at `path`.
    public static func dumpDOM(of path: String) throws -> CLI.Result {
        try run(["--dump-dom", URL(fileURLWithPath: path).absoluteString])
    }

    /// A PNG screenshot of the page at `path`, `width` × `height` pixels.
    public static func screenshot(of path: String, to png: String, width: Int = 1280, height: Int = 2400)
        throws -> CLI.Result {
        try run(["--screenshot=" + png, "--window-size=\(width),\(height)", URL(fileURLWithPath: path).absoluteString])
    }
}
